// A second opinion on phone numbers from libphonenumber-js. It knows every country's
// numbering plan, which matters for foreign tipsters and for numbers our digit-run rules
// would judge too short.
//
// The "min" metadata bundle is used on purpose: it is about half the size of "max"
// (~80 kB vs ~160 kB) in a cold-started Lambda, and it validates only by length and leading
// digits, so it finds more candidates, not fewer. For redaction, recall is what counts.
import { findPhoneNumbersInText } from 'libphonenumber-js/min';
import { isProtectedNumber } from './number-guards';
import type { Span } from './spans';

export function findLibraryPhoneSpans(text: string): Span[] {
  return findPhoneNumbersInText(text, { defaultCountry: 'PE' })
    .filter((m) => !isProtectedNumber(text, m.startsAt, m.endsAt))
    .map((m) => ({ start: m.startsAt, end: m.endsAt, kind: 'PHONE' as const }));
}
