// Letters typed for the digits they look like: "9O4 l38 27O", "943-2o8-651", "68999O15522".
// People do it by habit on old keypads and on purpose to slip past filters. Only a group that
// is mostly digits is read this way, so that words ("lo", "Ollanta", "IOL") stay words.

const LOOKALIKE: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1' };
const QUICK = /[0-9][OolI]|[OolI][0-9]/;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isCandidate = (c: string | undefined): boolean => c !== undefined && (isDigit(c) || c in LOOKALIKE);
const isLetter = (c: string | undefined): boolean => c !== undefined && /\p{L}/u.test(c);

/**
 * The text with look-alike letters inside digit groups replaced by their digits. Same length
 * as the input, so offsets found in it are offsets in the text.
 */
export function withLookalikeDigits(text: string): string {
  if (!QUICK.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (!isCandidate(text[i])) {
      out += text[i];
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isCandidate(text[end])) end++;
    out += readGroup(text, i, end);
    i = end;
  }
  return out;
}

/** One maximal run of digits and look-alike letters, from start to end (exclusive). */
function readGroup(text: string, start: number, end: number): string {
  const group = text.slice(start, end);
  // Glued to a word ("cel9O4", "lO1a"): the letters at that edge belong to the word.
  let from = start;
  let to = end;
  if (isLetter(text[start - 1])) while (from < to && !isDigit(text[from])) from++;
  if (isLetter(text[end])) while (to > from && !isDigit(text[to - 1])) to--;
  let digits = 0;
  for (let k = from; k < to; k++) if (isDigit(text[k])) digits++;
  const letters = to - from - digits;
  if (letters === 0 || digits < 2 || digits <= letters) return group;
  let read = text.slice(start, from);
  for (let k = from; k < to; k++) read += LOOKALIKE[text[k]!] ?? text[k];
  return read + text.slice(to, end);
}
