// The word lists as sets, built once per cold start, in the same normal form as tokens.
import context from './context-words.json' with { type: 'json' };
import nameWords from './name-words.json' with { type: 'json' };
import { normalize } from './tokens';

const set = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(normalize));

export const ID_WORDS = set(context.idWords);
export const PHONE_WORDS = set(context.phoneWords);
export const MONEY_AFTER = set(context.moneyAfter);
export const KM_WORDS = set(context.kmWords);
export const PLATFORM_WORDS = set(context.platformWords);
export const HANDLE_FILLERS = set(context.handleFillers);
// Apostrophes are dropped so that "ch'usaq", "ch’usaq" and "chusaq" are one word.
const bare = (w: string): string => normalize(w).replace(/['’]/g, '');
export const DIGIT_WORDS: ReadonlyMap<string, number> = new Map(Object.entries(context.digitWords).map(([w, n]) => [bare(w), n]));
export const DIGIT_CONNECTORS = set(context.digitConnectors);

/** How many digits a spelled word stands for ("nueve" 1, "noventa" 2); 0 when it is no digit word. */
export function digitWordValue(norm: string): number {
  const direct = DIGIT_WORDS.get(norm.includes("'") || norm.includes('’') ? bare(norm) : norm);
  if (direct !== undefined) return direct;
  // "nueve_ocho_siete": the tokenizer keeps underscores inside words, for handles.
  if (!norm.includes('_')) return 0;
  let total = 0;
  for (const part of norm.split('_')) {
    if (part === '') continue;
    const n = DIGIT_WORDS.get(bare(part));
    if (n === undefined) return 0;
    total += n;
  }
  return total;
}

export const STRONG_PHONE_CUES = set(context.strongPhoneCues);
export const CUE_PHRASES = set(context.cuePhrases);
export const CUE_STEMS: readonly string[] = context.cueStems;
export const QUECHUA_POSSESSIVES = set(context.quechuaPossessiveSuffixes);
export const STREET_WORDS = set(context.streetWords);
export const INTRO_FILLERS = set(context.introFillers);
export const PIECE_LINKS = set(context.pieceLinks);
export const CONTINUATION_WORDS = set(context.continuationWords);
export const SEQUENCE_WORDS = set(context.sequenceWords);
export const COPULAS = set(context.copulas);
export const MONTHS = set(context.months);
export const AGE_BEFORE = set(context.ageBefore);
export const INCIDENT_UNITS = set(context.incidentUnits);
export const YEAR_BEFORE = set(context.yearBefore);
export const HOTLINES: ReadonlySet<string> = new Set(context.hotlines);
export const OPEN_FILLERS = set(context.openFillers);

export const GIVEN_NAMES = set(nameWords.givenNames);
export const SURNAMES = set(nameWords.surnames);
export const NOT_NAMES = set(nameWords.notNames);
export const STOP_WORDS = set(nameWords.stopWords);
export const PLACES = set(nameWords.places);
