// GSM-7 (3GPP TS 23.038): the only alphabet that fits 160 characters in one SMS segment.
// A single character outside it turns the whole message into UCS-2, 70 characters a segment,
// and a cheap phone with weak signal then gets a page in two or three pieces, or garbled.

const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Reachable through the escape code: valid, but each costs two of the 160 septets. */
const EXTENSION = '\f^{}\\[~]|€';

const BASIC_SET = new Set(BASIC);
const EXTENSION_SET = new Set(EXTENSION);

export const SMS_SEGMENT_SEPTETS = 160;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC_SET.has(ch) && !EXTENSION_SET.has(ch)) return false;
  return true;
}

/** Septets `text` takes in GSM-7 (extension characters count twice); NaN if it is not GSM-7. */
export function gsm7Length(text: string): number {
  let septets = 0;
  for (const ch of text) {
    if (BASIC_SET.has(ch)) septets += 1;
    else if (EXTENSION_SET.has(ch)) septets += 2;
    else return Number.NaN;
  }
  return septets;
}

export const fitsOneSegment = (text: string): boolean => gsm7Length(text) <= SMS_SEGMENT_SEPTETS;

// Look-alikes first; extension characters are replaced too, so that a page's length in
// characters is its length in septets.
const SUBSTITUTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u00b4': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00aa': 'a',
  '\u00ba': 'o',
  '\u00b0': 'o',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '~': '-',
  '^': '',
  '\\': '/',
  '|': '/',
  '€': 'EUR',
  '\f': ' ',
  '\u00e7': 'c',
  // Letters that are not an accent on a Latin letter, so NFD leaves them whole.
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u00f0': 'd',
  '\u00de': 'Th',
  '\u00fe': 'th',
  '\u0153': 'oe',
  '\u0152': 'OE',
};

/**
 * `text` in basic GSM-7 only: accents outside the alphabet are dropped (á -> a, Apurímac ->
 * Apurimac; é, ñ, ü stay), look-alike punctuation is replaced, whitespace runs become one
 * space, and anything else becomes '?'.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (/\s/u.test(ch)) out += ' ';
    else if (BASIC_SET.has(ch)) out += ch;
    else if (ch in SUBSTITUTES) out += SUBSTITUTES[ch];
    else {
      const bare = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += bare.length > 0 && [...bare].every((c) => BASIC_SET.has(c)) ? bare : '?';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
