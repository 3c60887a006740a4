// Document and phone numbers read aloud as a quantity rather than digit by digit: "mi cédula es
// la V veinticuatro millones trescientos mil ciento doce", "CPF cento e vinte e três milhões…",
// "passport number forty-one million…", "iskay chunka tawayuq hunu…". Spelled digits ("nueve
// ocho siete") are numbers-runs' concern; here a quantity counts only when it has a thousand or a
// million in it. After an ID or phone cue it goes; without one only when it is as long as a DNI,
// is not a round amount, and is not money or a count ("veinticuatro millones de soles" stays).
import { ID_WORDS, INCIDENT_UNITS, MONEY_AFTER, digitWordValue } from './lexicon';
import { moneySignBefore } from './number-guards';
import words from './number-words.json' with { type: 'json' };
import { cueAt, endsSentence } from './numbers-cues';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

const map = (entries: Record<string, number>): ReadonlyMap<string, number> => new Map(Object.entries(entries).map(([w, n]) => [normalize(w), n]));
const set = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(normalize));

const VALUES = map(words.values);
const GROUP_MULTIPLIERS = map(words.groupMultipliers);
const SCALES = map(words.scaleMultipliers);
// Longest first, so that "qanchisniyuq" loses "niyuq", not "yuq".
const UNIT_SUFFIXES = [...words.quechuaUnitSuffixes].sort((a, b) => b.length - a.length);
const CONNECTORS = set(words.connectors);
const PREFIX_LETTERS = set(words.prefixLetters);
const CHECK_LINKS = set(words.checkDigitLinks);
const COUNT_LINKS = set(words.countLinks);
const COUNTED = set(words.countedAfter);
const NOT_MONEY_BEFORE = set(words.notMoneyBefore);
const NUMBER_MARKS = new Set(['nro', 'no', 'num', 'n', 'nº']);

/** After a cue, a quantity this long is a (partial) number; without one, a DNI's length. */
const CUED_MIN_DIGITS = 5;
const BARE_MIN_DIGITS = 7;
/** Words looked back for a cue, and for a currency named before the quantity. */
const CUE_WORDS = 5;
const MONEY_WORDS_BEFORE = 3;
/** Digits written inside a spoken quantity ("41 millones 200 mil 500") are groups of up to three. */
const MAX_GROUP_DIGITS = 3;

type Term = { kind: 'value' | 'group' | 'scale'; n: number };

/** "chunka kimsayuq", "iskay chunka hukniyuq": a Quechua unit that adds itself to a ten. */
function suffixedUnit(norm: string): number | undefined {
  for (const suffix of UNIT_SUFFIXES) {
    if (!norm.endsWith(suffix)) continue;
    const n = VALUES.get(norm.slice(0, -suffix.length));
    if (n !== undefined && n < 10) return n;
  }
  return undefined;
}

function termOf(t: Token | undefined): Term | null {
  if (!t) return null;
  if (t.kind === 'num') return t.text.length <= MAX_GROUP_DIGITS ? { kind: 'value', n: Number(t.text) } : null;
  if (t.kind !== 'word') return null;
  const value = VALUES.get(t.norm) ?? suffixedUnit(t.norm);
  if (value !== undefined) return { kind: 'value', n: value };
  const group = GROUP_MULTIPLIERS.get(t.norm);
  if (group !== undefined) return { kind: 'group', n: group };
  const scale = SCALES.get(t.norm);
  return scale === undefined ? null : { kind: 'scale', n: scale };
}

const trailingZeros = (n: number): number => {
  let z = 0;
  for (let m = n; m > 0 && m % 10 === 0; m /= 10) z++;
  return z;
};

interface Quantity {
  first: number;
  last: number;
  value: number;
  /** A thousand or a million was said: the quantity is read as one, not digit by digit. */
  scaled: boolean;
}

/** The quantity being read, as the grammar of es/pt/en/qu numerals builds it up term by term. */
class Reading {
  total = 0;
  group = 0;
  lastAddend = 0;
  ceiling = Number.POSITIVE_INFINITY;
  scaled = false;

  /** Adds one term; false when it cannot continue this quantity ("dos tres", "mil mil"). */
  add(term: Term, digits: boolean): boolean {
    const { n } = term;
    if (term.kind === 'value') {
      // "cuarenta y uno", "ciento doce": each addend is smaller than the last one's place.
      if (n === 0 || (this.group > 0 && (digits || n >= 10 ** trailingZeros(this.lastAddend)))) return false;
      this.group += n;
      this.lastAddend = n;
      return true;
    }
    if (term.kind === 'group') {
      // "two hundred", "iskay chunka" multiply what stands before them; "pachak suqta chunka" (160)
      // only its last word; "pachak chunka" (110) adds a ten.
      if (this.group === 0) this.group = n;
      else if (this.group < n) this.group *= n;
      else if (this.lastAddend < n) {
        this.group += this.lastAddend * (n - 1);
        this.lastAddend *= n;
        return true;
      } else return this.add({ kind: 'value', n }, digits);
      this.lastAddend = this.group;
      return true;
    }
    if (n >= this.ceiling) {
      // "mil millones": a scale may multiply the scales said before it.
      if (this.group !== 0 || this.total >= n) return false;
      this.total *= n;
    } else this.total += (this.group || 1) * n;
    this.group = 0;
    this.lastAddend = 0;
    this.ceiling = n;
    this.scaled = true;
    return true;
  }

  get value(): number {
    return this.total + this.group;
  }
}

const sameLineSpace = (t: Token | undefined): boolean => t?.kind === 'space' && !/[\n\r]/.test(t.text);

/** The token after `j` where the quantity may go on: past one space, a glued hyphen ("forty-one"), or a comma after a scale. */
function following(tokens: readonly Token[], j: number, afterScale: boolean): number {
  let k = j + 1;
  const t = tokens[k];
  if (t?.text === '-' && tokens[k + 1]?.kind === 'word') return k + 1;
  if (t?.text === ',' && afterScale) k++;
  if (sameLineSpace(tokens[k])) k++;
  return k;
}

/** Reads the longest quantity that starts at token i; `stop` is where the next reading may start. */
function readQuantity(tokens: readonly Token[], i: number): { quantity: Quantity; stop: number } {
  const reading = new Reading();
  let last = -1;
  let j = i;
  while (j < tokens.length) {
    const term = termOf(tokens[j]);
    if (!term || !reading.add(term, tokens[j]!.kind === 'num')) break;
    last = j;
    let k = following(tokens, j, term.kind === 'scale');
    // "cuarenta y uno", "vinte e três", "one hundred and five": a connector only between two terms.
    if (tokens[k]?.kind === 'word' && CONNECTORS.has(tokens[k]!.norm) && sameLineSpace(tokens[k + 1]) && termOf(tokens[k + 2])) k += 2;
    j = k;
  }
  const quantity = { first: i, last: Math.max(last, i), value: reading.value, scaled: reading.scaled };
  return { quantity, stop: last < i ? i + 1 : last + 1 };
}

const wordAt = (tokens: readonly Token[], k: number): string | null => (tokens[k]?.kind === 'word' ? tokens[k]!.norm : null);

/** Index of the next non-space token on the same line after k, or -1. */
function nextOnLine(tokens: readonly Token[], k: number): number {
  const n = k + 1;
  if (sameLineSpace(tokens[n])) return tokens[n + 1] ? n + 1 : -1;
  return tokens[n] && tokens[n]!.kind !== 'space' ? n : -1;
}

/** "… millones de soles", "… mil personas", "S/ …", "en soles, …": an amount or a count, not a number. */
function amountOrCount(text: string, tokens: readonly Token[], q: Quantity): boolean {
  if (moneySignBefore(text, tokens[q.first]!.start)) return true;
  let n = nextOnLine(tokens, q.last);
  if (n !== -1 && COUNT_LINKS.has(wordAt(tokens, n) ?? '')) n = nextOnLine(tokens, n);
  const after = n === -1 ? null : wordAt(tokens, n);
  if (after !== null && (MONEY_AFTER.has(after) || INCIDENT_UNITS.has(after) || COUNTED.has(after))) return true;
  for (let k = q.first - 1, seen = 0; k >= 0 && seen < MONEY_WORDS_BEFORE; k--) {
    if (endsSentence(tokens, k)) break;
    if (tokens[k]!.kind !== 'word') continue;
    seen++;
    const w = tokens[k]!.norm;
    if (MONEY_AFTER.has(w) && !SCALES.has(w) && !NOT_MONEY_BEFORE.has(w)) return true;
  }
  return false;
}

/** The single letter a cédula or passport is read with ("la V veinticuatro…", "E-8…"), or -1. */
function prefixLetter(tokens: readonly Token[], first: number): number {
  let p = first - 1;
  const dash = tokens[p]?.text === '-';
  if (dash || sameLineSpace(tokens[p])) p--;
  if (!dash && tokens[p]?.text === '-') p--;
  const t = tokens[p];
  if (t?.kind !== 'word' || t.text.length !== 1 || !PREFIX_LETTERS.has(t.norm)) return -1;
  return dash || isCapitalized(t.text) ? p : -1;
}

/** The kind of number a cue within a few words before token k announces: an ID word wins over a phone word. */
function cueBefore(tokens: readonly Token[], k: number): 'id' | 'phone' | null {
  let found: 'id' | 'phone' | null = null;
  for (let j = k, seen = 0; j >= 0 && seen < CUE_WORDS; j--) {
    // "nro.", "DNI.", "cel.": an abbreviation's full stop ends nothing.
    const abbreviation = tokens[j]!.text === '.' && tokens[j - 1]?.kind === 'word' && (NUMBER_MARKS.has(tokens[j - 1]!.norm) || cueAt(tokens, j - 1) !== null);
    if (!abbreviation && endsSentence(tokens, j)) break;
    if (tokens[j]!.kind !== 'word') continue;
    seen++;
    if (ID_WORDS.has(tokens[j]!.norm)) return 'id';
    if (!found && cueAt(tokens, j)) found = 'phone';
  }
  return found;
}

/** "… guion K", "… traço zero nove", "… - 5": the check digit read after the number. */
function checkDigitEnd(tokens: readonly Token[], last: number): number {
  const link = nextOnLine(tokens, last);
  if (link === -1 || !(tokens[link]!.text === '-' || CHECK_LINKS.has(wordAt(tokens, link) ?? ''))) return last;
  let end = last;
  let k = link;
  for (let n = 0; n < 2; n++) {
    k = nextOnLine(tokens, k);
    const t = k === -1 ? undefined : tokens[k];
    // A letter only after a word that names the check digit, or in capitals ("guion k", "- K"), not "- a las 5".
    const letter = t?.kind === 'word' && t.text.length === 1 && (tokens[link]!.text !== '-' || isCapitalized(t.text));
    const digit = t !== undefined && ((t.kind === 'num' && t.text.length <= 2) || digitWordValue(t.norm) === 1 || letter);
    if (!digit) break;
    end = k;
    if (t.kind !== 'word' || t.text.length === 1) break;
  }
  return end;
}

export function findSpokenNumberSpans(text: string, tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!termOf(tokens[i])) {
      i++;
      continue;
    }
    const { quantity: q, stop } = readQuantity(tokens, i);
    i = stop;
    if (!q.scaled || amountOrCount(text, tokens, q)) continue;
    const digits = String(q.value).length;
    const prefix = prefixLetter(tokens, q.first);
    const cue = cueBefore(tokens, (prefix === -1 ? q.first : prefix) - 1);
    // A round amount ("dos millones trescientos mil") is how sums and counts are said, not numbers.
    const bare = digits >= BARE_MIN_DIGITS && q.value % 1000 !== 0;
    if (!(cue ? digits >= CUED_MIN_DIGITS : bare)) continue;
    const kind = cue === 'phone' || (!cue && digits === 9 && String(q.value).startsWith('9')) ? 'PHONE' : 'ID';
    const end = checkDigitEnd(tokens, q.last);
    spans.push({ start: tokens[prefix === -1 ? q.first : prefix]!.start, end: tokens[end]!.end, kind });
    i = Math.max(i, end + 1);
  }
  return spans;
}
