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
export const DIGIT_WORDS: ReadonlyMap<string, number> = new Map(Object.entries(context.digitWords).map(([w, n]) => [normalize(w), n]));
export const DIGIT_CONNECTORS = set(context.digitConnectors);

export const GIVEN_NAMES = set(nameWords.givenNames);
export const SURNAMES = set(nameWords.surnames);
export const NOT_NAMES = set(nameWords.notNames);
export const STOP_WORDS = set(nameWords.stopWords);
export const PLACES = set(nameWords.places);
