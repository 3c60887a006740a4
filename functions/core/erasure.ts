// Erasure by the tipster: a message that is only BORRAR (or ELIMINAR, STOP, DELETE, APAGAR,
// EXCLUIR…) removes their number from the contact vault at once. Matched on the whole message,
// case, accents and punctuation aside, so a tip that merely contains the word is never mistaken
// for it.
import erasure from './messages/erasure.json' with { type: 'json' };
import type { Lang } from './tip';

/** Each keyword and the language it is confirmed in; a word listed twice keeps the first. */
const KEYWORDS = new Map<string, Lang>();
for (const [lang, words] of Object.entries(erasure.keywords) as Array<[Lang, string[]]>) {
  for (const word of words) if (!KEYWORDS.has(word)) KEYWORDS.set(word, lang);
}

function keyword(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '');
}

export function isErasureRequest(body: string): boolean {
  return KEYWORDS.has(keyword(body)) && body.trim().split(/\s+/).length === 1;
}

/** The language of the keyword (STOP and DELETE: English; APAGAR, EXCLUIR: Portuguese); Spanish otherwise. */
export function erasureLanguage(body: string): Lang {
  return KEYWORDS.get(keyword(body)) ?? 'es';
}

export function erasureConfirmation(lang: Lang): string {
  return erasure.confirmation[lang];
}
