// Erasure by the tipster: a message that is only BORRAR, "borrar mi número", DELETE, APAGAR,
// "yupayniyta pichay"… removes their number from the contact vault at once. Matched on the whole
// message, case, accents and punctuation aside, so a tip that merely contains the words is never
// mistaken for it.
import erasure from './messages/erasure.json' with { type: 'json' };
import type { Lang } from './tip';

/** Each phrase and the language it is confirmed in; a phrase listed twice keeps the first. */
const PHRASES = new Map<string, Lang>();
for (const [lang, phrases] of Object.entries(erasure.keywords) as Array<[Lang, string[]]>) {
  for (const phrase of phrases) if (!PHRASES.has(phrase)) PHRASES.set(phrase, lang);
}
/** The longest phrase, in words: longer messages are tips without looking further. */
const MAX_WORDS = Math.max(...[...PHRASES.keys()].map((p) => p.split(' ').length));

function phraseOf(body: string): string {
  const words = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  return words.length <= MAX_WORDS ? words.join(' ') : '';
}

export function isErasureRequest(body: string): boolean {
  // "BORRAR BORRAR" or a word run into a tip stays a tip: the whole message must be one phrase.
  return PHRASES.has(phraseOf(body));
}

/** The language of the phrase (STOP and DELETE: English; APAGAR, EXCLUIR: Portuguese); Spanish otherwise. */
export function erasureLanguage(body: string): Lang {
  return PHRASES.get(phraseOf(body)) ?? 'es';
}

export function erasureConfirmation(lang: Lang): string {
  return erasure.confirmation[lang];
}

/** Added to the first acknowledgement after an erasure: how to erase again. */
export function erasureHint(lang: Lang): string {
  return erasure.hint[lang];
}
