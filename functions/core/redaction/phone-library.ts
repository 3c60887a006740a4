// A second opinion on phone numbers from libphonenumber-js. It knows every country's
// numbering plan, which matters for foreign tipsters and for numbers our digit-run rules
// would judge too short.
//
// The "min" metadata bundle is used on purpose: it is about half the size of "max"
// (~80 kB vs ~160 kB) in a cold-started Lambda, and it validates only by length and leading
// digits, so it finds more candidates, not fewer. For redaction, recall is what counts.
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { INCIDENT_UNITS, MONEY_AFTER, MONTHS } from './lexicon';
import { digitsOf, isProtectedNumber } from './number-guards';
import { type ChatStamp, chatStamps } from './numbers-chat';
import type { Span } from './spans';
import { normalize } from './tokens';

// The library reads "971 705 409, 100 reais" as one number; the last group is an amount.
const LAST_GROUP = /[ \t,.;/-]+\d{1,4}$/;
const WORD_AFTER = /^[ \t]*(\p{L}+)/u;
/** What is left of a number once an amount is cut off must still look like one. */
const MIN_DIGITS = 6;

function withoutTrailingDetail(text: string, start: number, end: number): number {
  const group = LAST_GROUP.exec(text.slice(start, end));
  if (!group) return end;
  // "900 000 000, 01/01/1990": a group the library stopped in the middle of belongs to a date.
  if (/^[/.:-]\d/.test(text.slice(end, end + 2))) return start + group.index;
  const after = WORD_AFTER.exec(text.slice(end, end + 24));
  const word = after ? normalize(after[1]!) : '';
  return MONEY_AFTER.has(word) || INCIDENT_UNITS.has(word) || MONTHS.has(word) ? start + group.index : end;
}

// The library reads "20:42 382 614" and "[20:42] 382 614" as one number from the minutes on.
const MINUTES_FIRST = /^\d{1,2}\]?[ \t,;.-]*/;
const HOUR_LAST = /[ \t,;.-]*\[?\d{1,2}$/;

/** The span without the minutes or hour of a time, or a chat timestamp, at its edges. */
function withoutClock(text: string, start: number, end: number, stamps: readonly ChatStamp[]): { start: number; end: number } {
  for (const { start: a, end: b } of stamps) {
    if (b <= start || a >= end) continue;
    if (a <= start) start = Math.max(start, b);
    else end = Math.min(end, a);
  }
  if (start < end && text[start - 1] === ':' && /\d/.test(text[start - 2] ?? '')) start += MINUTES_FIRST.exec(text.slice(start, end))?.[0].length ?? 0;
  if (start < end && text[end] === ':' && /\d/.test(text[end + 1] ?? '')) end -= HOUR_LAST.exec(text.slice(start, end))?.[0].length ?? 0;
  while (start < end && !/[\d+(]/.test(text[start]!)) start++;
  while (end > start && !/[\d)]/.test(text[end - 1]!)) end--;
  return { start, end };
}

export function findLibraryPhoneSpans(text: string): Span[] {
  const found = findPhoneNumbersInText(text, { defaultCountry: 'PE' });
  const stamps = found.length > 0 ? chatStamps(text) : [];
  return found
    .map((m) => withoutClock(text, m.startsAt, m.endsAt, stamps))
    .filter((m) => m.start < m.end && !isProtectedNumber(text, m.start, m.end))
    .map((m) => ({ start: m.start, end: withoutTrailingDetail(text, m.start, m.end) }))
    .filter((m) => digitsOf(text.slice(m.start, m.end)).length >= MIN_DIGITS && !isProtectedNumber(text, m.start, m.end))
    .map((m) => ({ ...m, kind: 'PHONE' as const }));
}
