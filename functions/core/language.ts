// Picks the language to answer a tipster in. A vote over short cue words: language
// detectors (franc and the like) are unreliable on a few words of SMS, and a wrong guess here
// only changes the language of a two-line acknowledgement.
import cues from './messages/language-cues.json' with { type: 'json' };
import type { Lang } from './tip';

const CUES: Record<Lang, ReadonlySet<string>> = {
  es: new Set(cues.es),
  en: new Set(cues.en),
  qu: new Set(cues.qu),
};

export function detectLanguage(text: string): Lang {
  const words = text.toLowerCase().normalize('NFC').match(/[\p{L}']+/gu) ?? [];
  const votes: Record<Lang, number> = { es: 0, en: 0, qu: 0 };
  for (const word of words) {
    for (const lang of ['es', 'en', 'qu'] as const) if (CUES[lang].has(word)) votes[lang] += 1;
  }
  // Quechua cues are rare words, so one counts for more; Spanish wins ties as the default.
  const quechua = votes.qu * 2;
  if (quechua > votes.es && quechua >= votes.en && votes.qu > 0) return 'qu';
  if (votes.en > votes.es) return 'en';
  return 'es';
}
