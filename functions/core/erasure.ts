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

/** Courtesy words, as word lists, longest first: "por favor" goes before "por" could be tried. */
const COURTESY = erasure.courtesy.map((c) => c.split(' ')).sort((a, b) => b.length - a.length);
const COURTESY_WORDS = Math.max(...COURTESY.map((c) => c.length));

const startsWith = (words: string[], at: number, phrase: string[]): boolean => phrase.every((w, k) => words[at + k] === w);

/** How many words a courtesy phrase at `at` covers, reading forward (or backward when `back`). */
function courtesyAt(words: string[], at: number, back: boolean): number {
  const c = COURTESY.find((phrase) => startsWith(words, back ? at - phrase.length : at, phrase));
  return c?.length ?? 0;
}

/**
 * The message's phrase as listed, once any courtesy words at either end are set aside: every
 * way of stripping them is tried, so "ya no me escriban" (listed) and "ya no me escriban más"
 * (listed without "ya") both match. Bounded by COURTESY_WORDS at each end.
 */
function listedPhrase(words: string[]): string | undefined {
  const starts = [0];
  for (let k = 0, n = courtesyAt(words, 0, false); n > 0 && starts.length <= COURTESY_WORDS; n = courtesyAt(words, k, false)) starts.push((k += n));
  const ends = [words.length];
  for (let k = words.length, n = courtesyAt(words, k, true); n > 0 && ends.length <= COURTESY_WORDS; n = courtesyAt(words, k, true)) ends.push((k -= n));
  for (const from of starts) {
    for (const to of ends) {
      const phrase = words.slice(from, to).join(' ');
      if (from < to && PHRASES.has(phrase)) return phrase;
    }
  }
  return undefined;
}

function phraseOf(body: string): string {
  const words = body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  // Bounded before stripping: a long message is a tip, however it starts and ends.
  return words.length <= MAX_WORDS + 2 * COURTESY_WORDS ? (listedPhrase(words) ?? '') : '';
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
