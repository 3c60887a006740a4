// Erasure by the tipster: a message that is only BORRAR (or ELIMINAR, STOP, DELETE) removes
// their number from the contact vault at once. Matched on the whole message, case, accents and
// punctuation aside, so a tip that merely contains the word is never mistaken for it.
import erasure from './messages/erasure.json' with { type: 'json' };
import type { Lang } from './tip';

const KEYWORDS = new Set(erasure.keywords);

export function isErasureRequest(body: string): boolean {
  const word = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
  return KEYWORDS.has(word) && body.trim().split(/\s+/).length === 1;
}

/** English for STOP and DELETE; Spanish otherwise (the line's default language). */
export function erasureLanguage(body: string): Lang {
  const word = body.trim().toLowerCase();
  if (word.startsWith('stop') || word.startsWith('delete')) return 'en';
  return 'es';
}

export function erasureConfirmation(lang: Lang): string {
  return erasure.confirmation[lang];
}
