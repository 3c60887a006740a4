// Letters typed for the digits they look like: "9O4 l38 27O", "943-2o8-651", "68999O15522",
// "9OO 5l2 33O", "9 O 5 l 2 O 3 3 O". People do it by habit on old keypads and on purpose to slip
// past filters. Only a group that is mostly digits, or that sits in a number beside one, is read
// this way, so that words ("lo", "Ollanta", "IOL", "14 o 15") stay words.

const LOOKALIKE: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1' };
const QUICK = /[0-9][ .\-/_,·]{0,3}[OolI]|[OolI][ .\-/_,·]{0,3}[0-9]/;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isCandidate = (c: string | undefined): boolean => c !== undefined && (isDigit(c) || c in LOOKALIKE);
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);
/** What may stand between two groups of one number. */
const BETWEEN_GROUPS = /^[ .\-/_,·]{1,3}$/;
/** Single characters read out one by one ("9 O 5 l 2 …"): this many make a number. */
const MIN_SPACED_DIGITS = 7;

interface Group {
  /** The stretch of digits and look-alike letters, without letters glued to a word. */
  from: number;
  to: number;
  digits: number;
  letters: number;
}

/** Maximal runs of digits and look-alike letters; letters at an edge glued to a word ("cel9O4", "lO1a") belong to the word. */
function groupsOf(text: string): Group[] {
  const groups: Group[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isCandidate(text[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isCandidate(text[end])) end++;
    let from = i;
    let to = end;
    if (isLetter(text[i - 1])) while (from < to && !isDigit(text[from])) from++;
    if (isLetter(text[end])) while (to > from && !isDigit(text[to - 1])) to--;
    let digits = 0;
    for (let k = from; k < to; k++) if (isDigit(text[k])) digits++;
    if (to > from) groups.push({ from, to, digits, letters: to - from - digits });
    i = end;
  }
  return groups;
}

const adjacent = (text: string, a: Group | undefined, b: Group | undefined): boolean =>
  a !== undefined && b !== undefined && BETWEEN_GROUPS.test(text.slice(a.to, b.from));

/** Reads the letters of groups [start, end) when they are a number spelled out character by character. */
function readSpaced(text: string, groups: readonly Group[], start: number, end: number, read: boolean[]): void {
  // "… 0 8 o escribeme", "… 4 0 8 I think": a lone "o" or "I" at either end is a word.
  while (start < end && isWord(text, groups[start]!)) start++;
  while (end > start && isWord(text, groups[end - 1]!)) end--;
  let digits = 0;
  for (let k = start; k < end; k++) digits += groups[k]!.digits;
  if (end - start < MIN_SPACED_DIGITS || digits < end - start - digits) return;
  for (let k = start; k < end; k++) read[k] = true;
}

/** "o", "lo" ("14 o 15", "41236587 lo tiene"), "I": words, not digits. */
const isWord = (text: string, g: Group): boolean =>
  g.digits === 0 && ((g.to - g.from <= 2 && /^[a-z]+$/.test(text.slice(g.from, g.to))) || text.slice(g.from, g.to) === 'I');

/** A phone's length of groups that starts with a digit, where no group is a word: "9OO OOO OOO", "9O5 lOO 33O". */
function readChains(text: string, groups: readonly Group[], read: boolean[]): void {
  let start = 0;
  let length = 0;
  for (let i = 0; i <= groups.length; i++) {
    const g = groups[i];
    if (g && !isWord(text, g) && i > start && adjacent(text, groups[i - 1], g)) {
      length += g.to - g.from;
      continue;
    }
    const first = groups[start];
    if (first && isDigit(text[first.from]) && length >= MIN_SPACED_DIGITS) for (let k = start; k < i; k++) read[k] = true;
    start = g && !isWord(text, g) ? i : i + 1;
    length = g && !isWord(text, g) ? g.to - g.from : 0;
  }
}

/** Which groups are read as digits. */
function readGroups(text: string, groups: readonly Group[]): boolean[] {
  const read = groups.map((g) => g.letters > 0 && g.digits >= 2 && g.digits > g.letters);
  // A group of a number, next to a group of at least two digits: "9OO 5l2", "9O5 l2O 33O".
  const anchors = (j: number): boolean => groups[j] !== undefined && groups[j]!.digits >= 2 && (groups[j]!.letters === 0 || read[j]!);
  groups.forEach((g, i) => {
    if (read[i] || g.letters === 0 || g.digits === 0) return;
    if ((anchors(i - 1) && adjacent(text, groups[i - 1], g)) || (anchors(i + 1) && adjacent(text, g, groups[i + 1]))) read[i] = true;
  });
  readChains(text, groups, read);
  // Single characters one by one, with one separator: "9 O 5 l 2 O 3 3 O", "9-O-5-l-2-O-3-3-O".
  let start = 0;
  for (let i = 1; i <= groups.length; i++) {
    const g = groups[i];
    const single = (h: Group | undefined): boolean => h !== undefined && h.to - h.from === 1;
    const sep = (k: number): string => text.slice(groups[k - 1]!.to, groups[k]!.from);
    if (single(g) && single(groups[i - 1]) && adjacent(text, groups[i - 1], g) && (i - 1 === start || sep(i) === sep(i - 1))) continue;
    readSpaced(text, groups, start, i, read);
    start = i;
  }
  return read;
}

/**
 * The text with look-alike letters inside digit groups replaced by their digits. Same length
 * as the input, so offsets found in it are offsets in the text.
 */
export function withLookalikeDigits(text: string): string {
  if (!QUICK.test(text)) return text;
  const groups = groupsOf(text);
  const read = readGroups(text, groups);
  let out = '';
  let at = 0;
  groups.forEach((g, i) => {
    if (!read[i] || g.letters === 0) return;
    out += text.slice(at, g.from);
    for (let k = g.from; k < g.to; k++) out += LOOKALIKE[text[k]!] ?? text[k];
    at = g.to;
  });
  return at === 0 ? text : out + text.slice(at);
}
