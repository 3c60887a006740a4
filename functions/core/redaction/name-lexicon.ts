// The word lists the name, handle and address detectors share, as sets in the tokens' normal
// form, and the judgements built on them: is this word a name, an everyday word, a place?
import common from './name-common-words.json' with { type: 'json' };
import relations from './name-relations.json' with { type: 'json' };
import signOffs from './name-signoffs.json' with { type: 'json' };
import triggers from './name-triggers.json' with { type: 'json' };
import { GIVEN_NAMES, ID_WORDS, MONEY_AFTER, NOT_NAMES, PHONE_WORDS, PLACES, PLATFORM_WORDS, STOP_WORDS, SURNAMES } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

const set = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(normalize));

export const HONORIFICS = set(triggers.honorifics);
export const PARTICLES = set(triggers.particles);
export const VENUES = set(common.venues);
const INSTITUTIONS = set(common.institutions);
export const LANDMARKS = set(common.landmarks);
export const VOCATIVES = set(signOffs.vocatives);
export const GREETINGS = set(signOffs.greetings);
export const RELATIONS = set(relations.relations);
export const RELATION_DETERMINERS = set(relations.determiners);
export const RELATION_MODIFIERS = set(relations.modifiers);
export const OWNER_WORDS = set(relations.owners);

export const known = (norm: string): boolean => GIVEN_NAMES.has(norm) || SURNAMES.has(norm);

// Everyday words, minus those that are also names ("rosa", "flor"): the name lists win.
const SIGN_OFF_WORDS = set(signOffs.signOffs.flatMap((p) => p.split(' ')));
const EVERYDAY: ReadonlySet<string> = new Set(
  [
    ...set(common.words),
    ...MONEY_AFTER,
    ...PHONE_WORDS,
    ...ID_WORDS,
    ...PLATFORM_WORDS,
    ...VENUES,
    ...INSTITUTIONS,
    ...VOCATIVES,
    ...GREETINGS,
    ...RELATIONS,
    ...SIGN_OFF_WORDS,
  ].filter((w) => !known(w)),
);

/** Words that end a name or are never one: function words, roles, places, everyday words. */
export const blocked = (norm: string): boolean => STOP_WORDS.has(norm) || NOT_NAMES.has(norm) || PLACES.has(norm) || EVERYDAY.has(norm);

/** An everyday word in any of the tipsters' languages (not a name, not a place). */
export const ordinary = (norm: string): boolean => STOP_WORDS.has(norm) || NOT_NAMES.has(norm) || EVERYDAY.has(norm);

const GERUND = new RegExp(`(?:${common.gerundEndings.join('|')})$`);
// Longest first, so "llaqtamanta" is tried before "manta".
const CASE_ENDINGS = [...common.quechuaCaseEndings].sort((a, b) => b.length - a.length);

/** "llorando", "chorando", "crying": a verb, unless the word is a known name ("Fernando"). */
const isGerund = (norm: string): boolean => norm.length > 5 && GERUND.test(norm);

/** "Espinarmanta", "Yauripi", "rimaq": a Quechua case ending makes the word a place or a role. */
function hasCaseEnding(norm: string): boolean {
  for (const e of CASE_ENDINGS) if (norm.length > e.length + 2 && norm.endsWith(e)) return true;
  return false;
}

/** A lower-case single letter is an SMS abbreviation ("m tienen", "q", "k"), not an initial. */
const isShorthand = (t: Token): boolean => t.text.length === 1 && !isCapitalized(t.text);

// "Numeroy", "celularniy": a contact word with a Quechua possessive glued on.
const CONTACT_STEMS = common.contactStems;
const contactStem = (norm: string): boolean => CONTACT_STEMS.some((w) => norm.startsWith(w));

/** Could this word be part of a name at all? Known names always can. */
export function canBeName(t: Token): boolean {
  if (t.kind !== 'word') return false;
  if (known(t.norm)) return true;
  return !blocked(t.norm) && !isGerund(t.norm) && !hasCaseEnding(t.norm) && !isShorthand(t) && !contactStem(t.norm);
}

/** A place name that is also a surname ("Cláudia Nogueira Lima"): only inside a capitalised name. */
export const placeInName = (t: Token): boolean => PLACES.has(t.norm) && isCapitalized(t.text) && !ordinary(t.norm) && !hasCaseEnding(t.norm);

/** A word that reads as a name even without a strong trigger: known, or capitalised and not a word. */
export const nameLike = (t: Token): boolean => t.kind === 'word' && (known(t.norm) || (isCapitalized(t.text) && canBeName(t)));

/** "llaqtamanta", "distritomanta": a lower-case word with a case ending, which makes the word before it a place. */
export const isPlaceQualifier = (t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'word' && !isCapitalized(t.text) && !known(t.norm) && hasCaseEnding(t.norm);

/** A Quechua case ending on its own, as tipsters glue it to place names ("Espinar-manta"). */
export const isCaseSuffix = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && (CASE_ENDINGS.includes(t.norm) || hasCaseEnding(t.norm));

// "pregunten por el Bar Las Palmeras", "pregunten por el Mercado Modelo", "Ask for ID": a venue, a
// landmark or a document, not a nickname.
const NOT_NICKNAMES: readonly ReadonlySet<string>[] = [STOP_WORDS, PLACES, VENUES, INSTITUTIONS, LANDMARKS, ID_WORDS, PHONE_WORDS, PLATFORM_WORDS, MONEY_AFTER];

/** A word that is never a nickname, even capitalised: a function word, a place, a venue, a landmark, a document or a contact word. */
export const notNickname = (norm: string): boolean => NOT_NICKNAMES.some((words) => words.has(norm));
