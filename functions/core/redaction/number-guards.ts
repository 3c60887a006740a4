// Numbers that look long enough to be a phone or an ID but are incident details responders
// need: dates, money, public toll-free lines. Each check looks at a small, bounded window.
import { MONEY_AFTER } from './lexicon';
import { normalize } from './tokens';

export const digitsOf = (s: string): string => s.replace(/\D/g, '');

// A date keeps its meaning ("el 12.05.2021 la llevaron"); the same separator twice and a
// valid day and month are required so that a spaced phone is not mistaken for one.
const DATE = /^(\d{1,2})([.-])(\d{1,2})\2(\d{2}|\d{4})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s.trim());
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const year = m[4]!;
  const plausibleYear = year.length === 2 || year.startsWith('19') || year.startsWith('20');
  const dayMonth = (d: number, mo: number) => d >= 1 && d <= 31 && mo >= 1 && mo <= 12;
  return plausibleYear && (dayMonth(a, b) || dayMonth(b, a));
}

/** 0800 lines are public services (hotlines), never a tipster's own number. */
export const isTollFree = (digits: string): boolean => digits.startsWith('0800') || digits.startsWith('0801');

const MONEY_BEFORE = /(?:s\/\.?|\$|usd|us\$|pen|bs\.?)\s*$/i;

/** "S/ 2000", "$300", "2500 soles", "2 mil soles"; amounts above 7 digits are not believed. */
export function isMoney(text: string, start: number, end: number, digits: string): boolean {
  if (digits.length > 7) return false;
  if (MONEY_BEFORE.test(text.slice(Math.max(0, start - 6), start))) return true;
  const after = /^\s*([\p{L}]+)/u.exec(text.slice(end, end + 24));
  return after !== null && MONEY_AFTER.has(normalize(after[1]!));
}

export function isProtectedNumber(text: string, start: number, end: number): boolean {
  const raw = text.slice(start, end);
  const digits = digitsOf(raw);
  return isTollFree(digits) || isDate(raw) || isMoney(text, start, end, digits);
}
