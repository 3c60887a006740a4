// Turns tip text into tokens that lexicons can match, while every token keeps the offsets
// of the words as written: evidence shown to operators must be the tipster's own words.

/** How a token is separated from the one before it: clause logic depends on it. */
export const Break = {
  None: 0,
  /** comma, parenthesis, dash: same sentence, new clause */
  Soft: 1,
  /** . ! ? ; : or a new line: new sentence */
  Hard: 2,
} as const;
export type Break = (typeof Break)[keyof typeof Break];

export interface Token {
  /** forms[0] is the plain normalisation; the others are SMS, number or typo readings. */
  forms: string[];
  start: number;
  end: number;
  brk: Break;
  /** numeric value when the token is a number written in digits or words */
  num?: number;
}

/** Ways to read a word beside its plain form, built from the lexicon data. */
export interface Readings {
  /** SMS shorthand, whole word: "q" -> "que", "xq" -> "porque"; "l" has several readings (el, le, lo, la) */
  sms: ReadonlyMap<string, readonly string[]>;
  /** number words: "quince" -> 15 */
  numbers: ReadonlyMap<string, number>;
  /** words where "k" must not be read as "qu"/"c" (kept as they are anyway; this avoids noise) */
  keepK: ReadonlySet<string>;
}

const isWordChar = (c: string): boolean => /[\p{L}\p{N}\p{M}]/u.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isApostrophe = (c: string): boolean => c === "'" || c === '’' || c === '`' || c === '´';

/** Abbreviations whose dot does not end a sentence ("km. 108", "Pto. Maldonado"). */
const ABBREVIATIONS = new Set(['km', 'sr', 'sra', 'srta', 'dr', 'pto', 'av', 'jr', 'mr', 'mrs', 'ms', 'st', 'nro']);

/**
 * Lower case, accents and apostrophes gone, repeated letters collapsed ("ayudaaaa", but also
 * "llevan" -> "levan"): lexicon entries go through the same function, so both sides agree.
 */
export function normWord(word: string): string {
  // seseo: SMS writers swap z and s ("amenasa", "masuko"); both sides read z as s
  const plain = word
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\p{M}'’`´]/gu, '')
    .replace(/z/g, 's');
  // keeps the last letter aside: reading it back from a string being built flattens the string
  // each time, which made one 10,000-letter token quadratic
  let out = '';
  let last = '';
  for (const c of plain) {
    if (c === last && !isDigit(c)) continue;
    out += c;
    last = c;
  }
  return out;
}

/** SMS writers spell "qu"/"c" as "k" ("kitaron", "kasa", "chakra"); English words keep their k too. */
function kReading(w: string): string | undefined {
  if (!w.includes('k') || w === 'km') return undefined;
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const next = w[i + 1];
    if (c !== 'k') out += c;
    else if (next === 'e' || next === 'i' || next === undefined) out += 'qu';
    else out += 'c';
  }
  return out === w ? undefined : out;
}

/**
 * Spellings that follow pronunciation: yeísmo ("yevar", "yorando" for llevar, llorando; "ll"
 * is already "l" after normWord) and "j" for a soft "g" ("vijilada", "ajencia"). Only for
 * words long enough that the respelling cannot land on a different short word.
 */
function soundReadings(w: string): string[] {
  const out: string[] = [];
  if (w.length >= 5 && w[0] === 'y' && /[aeiou]/.test(w[1] ?? '')) out.push(`l${w.slice(1)}`);
  if (w.length >= 5 && /j[ei]/.test(w)) out.push(w.replace(/j(?=[ei])/g, 'g'));
  // "x" for "ch" in SMS ("xicos", "noxe", "muxo"); only an extra reading, so "taxi" loses nothing
  if (w.length >= 4 && /x[aeiou]/.test(w)) out.push(w.replace(/x(?=[aeiou])/g, 'ch'));
  // seseo the other way: "disiendo", "nesesito", "dise" for diciendo, necesito, dice
  if (w.length >= 4 && /s[ei]/.test(w)) out.push(w.replace(/s(?=[ei])/g, 'c'));
  return out;
}

function formsOf(norm: string, readings: Readings): { forms: string[]; num?: number } {
  const forms = [norm];
  const add = (f: string): void => {
    if (!forms.includes(f)) forms.push(f);
  };
  for (const f of readings.sms.get(norm) ?? []) add(f);
  for (const f of soundReadings(norm)) add(f);
  if (!readings.keepK.has(norm)) {
    const k = kReading(norm);
    if (k !== undefined) {
      add(k);
      for (const f of readings.sms.get(k) ?? []) add(f);
      for (const f of soundReadings(k)) add(f);
    }
  }
  let num: number | undefined;
  if (isDigit(norm[0] ?? '')) {
    if (norm.length <= 4) num = Number(norm);
  } else {
    num = readings.numbers.get(norm);
    if (num !== undefined) forms.push(String(num));
  }
  return num === undefined ? { forms } : { forms, num };
}

function breakBetween(text: string, from: number, to: number, prev: string | undefined): Break {
  let brk: Break = Break.None;
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (c === '\n' || c === '!' || c === '?' || c === ';' || c === ':' || c === '¿' || c === '¡') return Break.Hard;
    if (c === '.') {
      const before = text[i - 1] ?? '';
      const after = text[i + 1] ?? '';
      const decimal = isDigit(before) && isDigit(after);
      const abbrev = i === from && prev !== undefined && ABBREVIATIONS.has(prev);
      if (!decimal && !abbrev) return Break.Hard;
    } else if (c === ',' || c === '(' || c === ')' || c === '-' || c === '—' || c === '"' || c === '“' || c === '”') {
      // a hyphen inside "15-year-old" is not a clause break
      if (!(c === '-' && i === from && to === from + 1)) brk = Break.Soft;
    }
  }
  return brk;
}

/**
 * Splits on anything that is not a letter or digit, and between letters and digits
 * ("km108", "15años"); "[PHONE]"-style placeholders stay one token. Linear in the text.
 */
export function tokenize(text: string, readings: Readings): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let lastEnd = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    let start = i;
    let end: number;
    if (c === '[') {
      let j = i + 1;
      while (j < n && j - i <= 8 && /[A-Z]/.test(text[j]!)) j++;
      if (text[j] === ']' && j > i + 1) {
        end = j + 1;
      } else {
        i++;
        continue;
      }
    } else if (isWordChar(c)) {
      const digitRun = isDigit(c);
      let j = i + 1;
      while (j < n) {
        const d = text[j]!;
        if (isWordChar(d) && isDigit(d) === digitRun) j++;
        else if (!digitRun && isApostrophe(d) && j + 1 < n && isWordChar(text[j + 1]!) && !isDigit(text[j + 1]!)) j += 2;
        else break;
      }
      end = j;
    } else {
      i++;
      continue;
    }
    start = i;
    const raw = text.slice(start, end);
    const prev = tokens[tokens.length - 1];
    const brk = prev === undefined ? Break.Hard : breakBetween(text, lastEnd, start, prev.forms[0]);
    const norm = raw[0] === '[' ? raw.toLowerCase() : normWord(raw);
    const { forms, num } = formsOf(norm, readings);
    tokens.push(num === undefined ? { forms, start, end, brk } : { forms, start, end, brk, num });
    lastEnd = end;
    i = end;
  }
  return tokens;
}
