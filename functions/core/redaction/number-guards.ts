// Numbers that look long enough to be a phone or an ID but are incident details responders
// need: km markers, dates, times, money, ages and counts, years, public hotlines. Each check
// looks at a small, bounded window around one run of digits.
import { AGE_BEFORE, CONTINUATION_WORDS, DIGIT_CONNECTORS, HOTLINES, INCIDENT_UNITS, KM_WORDS, MONEY_AFTER, MONTHS, PIECE_LINKS, YEAR_BEFORE } from './lexicon';
import type { Run } from './numbers-runs';
import { nextSolid, normalize, prevSolid, type Token } from './tokens';

export const digitsOf = (s: string): string => s.replace(/\D/g, '');

// A date keeps its meaning ("el 12.05.2021 la llevaron"); the same separator twice and a
// valid day and month are required so that a spaced phone is not mistaken for one.
const DATE = /^(\d{1,2}) ?([./-]) ?(\d{1,2}) ?\2 ?(\d{2}|\d{4})$/;
const ISO_DATE = /^(?:19|20)\d\d([./-])(\d{1,2})\1(\d{1,2})$/;
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})$/;
const YEAR_RANGE = /^(?:19|20)\d\d\s*[-–/]\s*(?:(?:19|20)\d\d|\d\d)$/;
const dayMonth = (d: number, mo: number) => d >= 1 && d <= 31 && mo >= 1 && mo <= 12;

export function isDate(s: string): boolean {
  const raw = s.trim();
  const iso = ISO_DATE.exec(raw);
  if (iso) return dayMonth(Number(iso[3]), Number(iso[2]));
  const dm = DAY_MONTH.exec(raw);
  if (dm) return dayMonth(Number(dm[1]), Number(dm[2])) || dayMonth(Number(dm[2]), Number(dm[1]));
  const m = DATE.exec(raw);
  if (!m) return false;
  const year = m[4]!;
  const plausibleYear = year.length === 2 || year.startsWith('19') || year.startsWith('20');
  return plausibleYear && (dayMonth(Number(m[1]), Number(m[3])) || dayMonth(Number(m[3]), Number(m[1])));
}

/** 0800 lines are public services (hotlines), never a tipster's own number. */
export const isTollFree = (digits: string): boolean => digits.startsWith('0800') || digits.startsWith('0801');

/** Public short numbers (police, "Línea 100", "Disque 100", 1818) are what a tip points to. */
export const isHotline = (digits: string): boolean => isTollFree(digits) || HOTLINES.has(digits);

const MONEY_BEFORE = /(?:s\/\.?|\$|usd|us\$|pen|bs\.?|r\$|€|£|eur)\s*$/i;

/** A currency sign or code right before `start` ("S/ ", "R$", "US$"). */
export const moneySignBefore = (text: string, start: number): boolean => MONEY_BEFORE.test(text.slice(Math.max(0, start - 6), start));

// "1500/2000 soles", "1.500 - 3.000": a range of two amounts, each of them believable.
const AMOUNT_RANGE = /^(\d{1,3}(?:[.,]?\d{3})?)\s*[-–/]\s*(\d{1,3}(?:[.,]?\d{3})?)$/;

/** "S/ 2000", "$300", "2500 soles", "2 mil soles"; amounts above 7 digits are not believed. */
export function isMoney(text: string, start: number, end: number, digits: string): boolean {
  if (digits.length > 7 && !AMOUNT_RANGE.test(text.slice(start, end))) return false;
  if (moneySignBefore(text, start)) return true;
  const after = /^\s*([\p{L}]+)/u.exec(text.slice(end, end + 24));
  return after !== null && MONEY_AFTER.has(normalize(after[1]!));
}

export function isProtectedNumber(text: string, start: number, end: number): boolean {
  const raw = text.slice(start, end);
  const digits = digitsOf(raw);
  return isHotline(digits) || isDate(raw) || YEAR_RANGE.test(raw.trim()) || isMoney(text, start, end, digits);
}

const word = (tokens: readonly Token[], i: number): string | null => (i >= 0 && tokens[i]!.kind === 'word' ? tokens[i]!.norm : null);

/** A number of up to four digits right after "km" ("km 108", "km. 98", "kilómetro 107"). */
export function afterKm(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind !== 'num' || t.text.length > 4) return false;
  let p = prevSolid(tokens, i);
  if (p >= 0 && tokens[p]!.text === '.') p = prevSolid(tokens, p);
  return KM_WORDS.has(word(tokens, p) ?? '');
}

const RANGE_WORDS = new Set(['al', 'a', 'y', 'e', 'hasta', 'to', 'ate', 'and']);

/** The second end of a km range: "km 98 al 115", "km 98-115". */
function kmRangeEnd(tokens: readonly Token[], i: number): boolean {
  const p = prevSolid(tokens, i);
  if (p < 0 || !(RANGE_WORDS.has(word(tokens, p) ?? '') || /^[-–/]$/.test(tokens[p]!.text))) return false;
  const q = prevSolid(tokens, p);
  return q >= 0 && afterKm(tokens, q);
}

export type IncidentDetail = 'km' | 'date' | 'time' | 'money' | 'hotline' | 'year' | 'unit' | 'age' | 'count';

/**
 * What incident detail a run of digits is, or null when it may be an identifier. Runs of one or
 * two digits next to a noun ("6 chicas", "de 14", "las 10") are counts, ages and hours; a
 * longer run only by what it is written with ("S/", "soles", "km", a date's shape).
 */
export function incidentDetail(text: string, tokens: readonly Token[], run: Run): IncidentDetail | null {
  const raw = text.slice(run.start, run.end);
  const short = run.estimated <= 2;
  if (!run.spelled) {
    if (afterKm(tokens, run.first) || kmRangeEnd(tokens, run.first)) return 'km';
    if (isDate(raw)) return 'date';
    if (YEAR_RANGE.test(raw)) return 'year';
    if (isTollFree(run.digits) || (HOTLINES.has(run.digits) && run.first === run.last)) return 'hotline';
    if (text[run.start - 1] === ':' && /\d/.test(text[run.start - 2] ?? '')) return 'time';
    if (text[run.end] === ':' && /\d/.test(text[run.end + 1] ?? '') && run.digits.length <= 2) return 'time';
  }
  if (isMoney(text, run.start, run.end, run.digits)) return 'money';

  const n = nextSolid(tokens, run.last);
  const next = word(tokens, n);
  const glued = n === run.last + 1 && next !== null;
  if (run.estimated <= 4 && next !== null && (INCIDENT_UNITS.has(next) || MONTHS.has(next))) return 'unit';
  if (short && next === 'de' && MONTHS.has(word(tokens, nextSolid(tokens, n)) ?? '')) return 'date';

  const p = prevSolid(tokens, run.first);
  const prev = word(tokens, p);
  if (!run.spelled && /^(?:19[5-9]\d|20[0-3]\d)$/.test(run.digits) && prev !== null && YEAR_BEFORE.has(prev)) {
    // "termina en 2019" is the end of a number, "en 2019" a year.
    if (!CONTINUATION_WORDS.has(word(tokens, prevSolid(tokens, p)) ?? '')) return 'year';
  }
  if (short && prev !== null && AGE_BEFORE.has(prev)) return 'age';
  // "3er piso", "22h", "2da": letters glued to a short number make it an ordinal or a unit.
  if (short && glued) return 'count';
  // A word on the next line does not count anything ("su cel 9 ⏎ Yo: 0 1234567").
  const sameLine = !/[\n\r]/.test(text.slice(run.end, n >= 0 ? tokens[n]!.start : run.end));
  if (short && next !== null && sameLine && !PIECE_LINKS.has(next) && !DIGIT_CONNECTORS.has(next)) return 'count';
  return null;
}
