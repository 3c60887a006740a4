// Picks the language to answer a tipster in. A vote over short cue words: language
// detectors (franc and the like) are unreliable on a few words of SMS, and a wrong guess here
// only changes the language of a two-line acknowledgement.
import cues from './messages/language-cues.json' with { type: 'json' };
import { LANGS, type Lang } from './tip';

const CUES = new Map<Lang, ReadonlySet<string>>(LANGS.map((lang) => [lang, new Set(cues[lang])]));
/** Spanish cues that are Portuguese words too ("de", "que", "no", "esta"): no evidence against Portuguese. */
const ALSO_PORTUGUESE: ReadonlySet<string> = new Set(cues.alsoPortuguese);

export function detectLanguage(text: string): Lang {
  // ".com" in an address is not the Portuguese "com" (with).
  const words =
    text
      .toLowerCase()
      .normalize('NFC')
      .replace(/\.com\b/g, ' ')
      .match(/[\p{L}']+/gu) ?? [];
  // A language added to LANGS must be added here (the type says so) and to the cue file.
  const votes: Record<Lang, number> = { es: 0, en: 0, qu: 0, pt: 0 };
  let spanishOnly = 0;
  for (const word of words) {
    for (const lang of LANGS) if (CUES.get(lang)?.has(word)) votes[lang] += 1;
    if (CUES.get('es')?.has(word) && !ALSO_PORTUGUESE.has(word)) spanishOnly += 1;
  }
  // Quechua cues are rare words, so one counts for more; Spanish wins ties as the default.
  const quechua = votes.qu * 2;
  if (quechua > votes.es && quechua >= votes.en && votes.qu > 0) return 'qu';
  // Portuguese cues are words no Spanish writer uses, so they weigh against Spanish words
  // alone: "minha filha de 15 anos" is Portuguese although "de" is a Spanish cue too.
  if (votes.pt > spanishOnly && votes.pt > votes.en) return 'pt';
  if (votes.en > votes.es) return 'en';
  return 'es';
}
