// The shape of a street-level address, wherever it stands: where one starts ("Jr. Tacna",
// "jirón Los Mineros s/n", "Mz. F Lt. 12", "AA.HH. Nueva Esperanza", "al costado de la bodega",
// "45 Elm Street") and where it ends (the end of its sentence or line, or the first word of
// another clause). Whose address it is, is addresses.ts' concern.
import words from './address-words.json' with { type: 'json' };
import { ID_WORDS, KM_WORDS, MONTHS, NOT_NAMES, PHONE_WORDS, PLACES, STOP_WORDS } from './lexicon';
import { ordinary } from './name-lexicon';
import { hasBreak, indexPhrases, isGap, longestPhrase, type PhraseIndex } from './name-walk';
import { isCapitalized, normalize, type Token } from './tokens';

// Bounded windows keep each start's cost constant: the whole scan stays linear in the tip.
const MAX_ADDRESS_TOKENS = 48;
export const NAME_LOOKAHEAD = 4;
const STREET_NAME_WORDS = 4;

const set = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(normalize));
const STREET_TYPES = set(words.streetTypes);
const LOOSE_STREET_TYPES = set(words.looseStreetTypes);
const STREET_SUFFIXES = set(words.streetSuffixes);
const AREA_TYPES: PhraseIndex = indexPhrases(words.areaTypes.map((p) => p.split(' ')));
const AREA_WORDS = set(words.areaTypes.map((p) => p.split(' ')[0]!));
const DOTTED_AREAS = set(words.dottedAreas.map((w) => w.replace(/ /g, '')));
const UNITS = set(words.units);
const LOOSE_UNITS = set(words.looseUnits);
const LOCATORS: PhraseIndex = indexPhrases(words.locators);
const INNER = set(words.innerWords);
const JOINERS = set(words.joiners);
const ABBREVIATIONS = set(words.abbreviations);
const QUECHUA_STOPS = set(words.quechuaStops);
const NOT_NUMBER_UNITS = set(words.notNumberUnits);
const INDEFINITES = set(words.indefinites);
export const CONTACT: ReadonlySet<string> = new Set([...PHONE_WORDS, ...ID_WORDS]);
const NUMBER_MARKS = new Set(['#', '°', 'nº', 'n', 'nro', 'num']);
const UNNAMED = new Set(['nombre', 'numero', 'nome', 'name', 'number']);
const YEAR = /^(?:19[5-9]\d|20[0-3]\d)$/;

export const word = (t: Token | undefined): boolean => t?.kind === 'word';
export const num = (t: Token | undefined): boolean => t?.kind === 'num';

/** Whether a locator phrase ("al costado de", "frente a", "next to") starts at token i. */
export const isLocator = (tokens: readonly Token[], i: number): boolean => longestPhrase(tokens, i, LOCATORS) !== -1;

/** The next solid token after i on the same line, or -1. */
export function next(tokens: readonly Token[], i: number): number {
  let k = i + 1;
  if (isGap(tokens[k])) k++;
  return k < tokens.length && tokens[k]!.kind !== 'space' ? k : -1;
}

/** Past an abbreviation's full stop ("Jr." → the token after the "."). */
export function pastDot(tokens: readonly Token[], i: number): number {
  return tokens[i + 1]?.text === '.' ? next(tokens, i + 1) : next(tokens, i);
}

/** "AA.HH.", "A.H.", "P.J.": letters joined by full stops; returns the last letter's index or -1. */
function dottedArea(tokens: readonly Token[], i: number): number {
  let letters = '';
  let k = i;
  let last = -1;
  for (let n = 0; n < 3 && word(tokens[k]) && tokens[k]!.text.length <= 2; n++) {
    letters += tokens[k]!.norm;
    last = k;
    if (tokens[k + 1]?.text !== '.' || !word(tokens[k + 2])) break;
    k += 2;
  }
  return last !== i && DOTTED_AREAS.has(letters) ? last : -1;
}

/** A value after a unit word: a number ("Lt. 5", "casa N° 12") or a letter ("Mz. B"). */
function unitValue(tokens: readonly Token[], k: number): 'number' | 'letter' | null {
  const t = tokens[k];
  if (!t) return null;
  if (num(t)) return 'number';
  if (NUMBER_MARKS.has(t.norm || t.text)) {
    const mark = tokens[k + 1]?.text === '.' || tokens[k + 1]?.text === '°' ? k + 1 : k;
    return num(tokens[next(tokens, mark)]) ? 'number' : null;
  }
  // "Mz. B", and in SMS "mz b" (a vowel alone is more likely "y", "a", "o").
  return word(t) && t.text.length === 1 && (isCapitalized(t.text) || !/[aeiouy]/.test(t.text)) ? 'letter' : null;
}

/** "calle sin nombre", "sin número", "sem número": a street without a name or a house number. */
function unnamed(tokens: readonly Token[], k: number): boolean {
  const n = tokens[k]?.norm === 'sin' || tokens[k]?.norm === 'sem' ? next(tokens, k) : -1;
  return n !== -1 && UNNAMED.has(tokens[n]!.norm);
}

/** A street name after a street type: a capitalised word, a known place, a number, "N°". */
function streetName(tokens: readonly Token[], k: number, loose: boolean, depth = 0): boolean {
  const t = tokens[k];
  if (!t) return false;
  if (num(t)) return true;
  // "Rua das Palmeiras", "Av. de los Incas"
  if (word(t) && INNER.has(t.norm) && !isCapitalized(t.text)) {
    const n = next(tokens, k);
    return n !== -1 && depth < 2 && streetName(tokens, n, true, depth + 1);
  }
  if (!word(t)) return t.text === '#' || t.text === '°';
  if (isCapitalized(t.text) || PLACES.has(t.norm) || unnamed(tokens, k)) return true;
  // "vivo en jr arequipa 412": SMS writes street names in lower case; "la calle principal" is
  // not one, "calle los pinos 456" and "jr los mineros cuadra 2" are (a house number follows).
  return (!ordinary(t.norm) && !loose) || numberWithin(tokens, k);
}

/** "s/n" (sin número), "sn": a house without a number is still a house on that street. */
const withoutNumber = (tokens: readonly Token[], k: number): boolean =>
  tokens[k]?.norm === 'sn' || (tokens[k]?.norm === 's' && tokens[k + 1]?.text === '/' && tokens[k + 2]?.norm === 'n');

/** A house number within the next few words ("los pinos 456", "los mineros s/n", "las flores mz b"). */
function numberWithin(tokens: readonly Token[], k: number): boolean {
  let j = k;
  for (let n = 0; n < NAME_LOOKAHEAD && j !== -1; n++) {
    j = next(tokens, j);
    const t = tokens[j];
    if (!t) return false;
    if (num(t) || withoutNumber(tokens, j) || (UNITS.has(t.norm) && !LOOSE_UNITS.has(t.norm) && unitValue(tokens, pastDot(tokens, j)) !== null)) return true;
  }
  return false;
}

/**
 * A street, an area or a block named by its word ("jirón Los Mineros", "pasaje Los Inkas 117",
 * "Urb. San Fernando", "Mz. F"), not a landmark ("al costado de…") nor a bare name ("Loreto
 * 456"): what may start the writer's address after an aside.
 */
export function streetWordStart(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return word(t) && !LOOSE_UNITS.has(t!.norm) && !isLocator(tokens, i) && addressStart(tokens, i, false) === 'street';
}

/** Whether a street-level address starts at token i; returns how it starts, or null. */
export function addressStart(tokens: readonly Token[], i: number, bareStreets = true): 'street' | 'km' | null {
  const t = tokens[i];
  if (!word(t) && !num(t)) return null;
  if (word(t)) {
    const locator = longestPhrase(tokens, i, LOCATORS);
    if (locator !== -1) {
      // "al lado de una casa donde…": an indefinite landmark locates nobody.
      const object = next(tokens, locator);
      return object !== -1 && word(tokens[object]) && !INDEFINITES.has(tokens[object]!.norm) ? 'street' : null;
    }
    if (KM_WORDS.has(t!.norm) && num(tokens[pastDot(tokens, i)])) return 'km';
    const after = pastDot(tokens, i);
    if (STREET_TYPES.has(t!.norm) && after !== -1 && streetName(tokens, after, LOOSE_STREET_TYPES.has(t!.norm))) return 'street';
    const area = longestPhrase(tokens, i, AREA_TYPES);
    const areaName = area === -1 ? -1 : pastDot(tokens, area);
    if (areaName !== -1 && (word(tokens[areaName]) ? isCapitalized(tokens[areaName]!.text) : num(tokens[areaName]))) return 'street';
    const dotted = dottedArea(tokens, i);
    if (dotted !== -1 && next(tokens, dotted + 1) !== -1) return 'street';
    // "Mz. B", "Lt. 5", "casa N° 12"; "casa", "piso" and their like need a number, not a letter.
    const value = UNITS.has(t!.norm) && after !== -1 ? unitValue(tokens, after) : null;
    if (value === 'number' || (value === 'letter' && !LOOSE_UNITS.has(t!.norm))) return 'street';
    // "Elm Street", "Loreto 456": a capitalised name followed by a street suffix or a house number.
    if (bareStreets && isCapitalized(t!.text) && (!ordinary(t!.norm) || INNER.has(t!.norm))) return namedStreet(tokens, i) ? 'street' : null;
    return null;
  }
  // "45 Elm Street"
  const n = next(tokens, i);
  return n !== -1 && word(tokens[n]) && isCapitalized(tokens[n]!.text) && suffixAhead(tokens, n) ? 'street' : null;
}

/** Capitalised words then a street suffix ("Elm Street") within a few words. */
function suffixAhead(tokens: readonly Token[], i: number): boolean {
  let k = i;
  for (let n = 0; n < NAME_LOOKAHEAD && k !== -1 && word(tokens[k]) && isCapitalized(tokens[k]!.text); n++) {
    if (n > 0 && STREET_SUFFIXES.has(tokens[k]!.norm)) return true;
    k = next(tokens, k);
  }
  return false;
}

/** "Loreto 456", "Los Olivos 145": capitalised words and a house number of three digits or more. */
function namedStreet(tokens: readonly Token[], i: number): boolean {
  if (suffixAhead(tokens, i)) return true;
  let k = i;
  let town = true;
  for (let n = 0; n < NAME_LOOKAHEAD && k !== -1; n++) {
    const t = tokens[k]!;
    if (num(t)) {
      const unit = next(tokens, k);
      // "Puerto Maldonado 2019" is a year, "Mazuko 24 horas" a duration.
      const year = town && YEAR.test(t.text);
      // "Edgar Huamani 951 443 287" is a name and a phone.
      const phone = unit !== -1 && num(tokens[unit]);
      return t.text.length >= 3 && t.text.length <= 5 && !year && !phone && !(unit !== -1 && NOT_NUMBER_UNITS.has(tokens[unit]!.norm));
    }
    if (!word(t) || !(isCapitalized(t.text) || INNER.has(t.norm))) return false;
    // "Mazuko Pasaje Tacna 117": the street starts at its word; the town before it is no part of it.
    if (n > 0 && (STREET_TYPES.has(t.norm) || AREA_WORDS.has(t.norm))) return false;
    if (!INNER.has(t.norm) && !PLACES.has(t.norm)) town = false;
    k = next(tokens, k);
  }
  return false;
}

/** A full stop that ends a sentence, not an abbreviation's ("Jr.", "Mz.", "N.") or a number's. */
export function sentenceEnd(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.text === '!' || t.text === '?' || t.text === ';') return true;
  if (t.text !== '.') return false;
  const prev = tokens[k - 1];
  // "Jr.", "N.", but not the "n" of "s/n." that closes a sentence.
  const closesSn = prev?.norm === 'n' && tokens[k - 2]?.text === '/';
  if (word(prev) && !closesSn && (ABBREVIATIONS.has(prev!.norm) || prev!.text.length === 1)) return false;
  const after = tokens[k + 1];
  if (after === undefined || hasBreak(after)) return true;
  if (after.kind !== 'space') return false;
  const w = tokens[k + 2];
  return !(num(w) || (word(w) && !isCapitalized(w!.text)) || (w && addressStart(tokens, k + 2) !== null));
}

/** An address word that lets a joiner or a comma go on: a street, a unit, a locator, a number. */
const continuesAfter = (tokens: readonly Token[], k: number): boolean => k !== -1 && (num(tokens[k]) || addressStart(tokens, k) !== null);

/**
 * The address that starts at `start`, up to the end of its sentence or line, or to the first
 * word that begins another clause ("… 455 y mi hija …", "…, con mi mamá"). A town after the
 * house number ends it: "Jr. Puno 345, Sicuani" keeps Sicuani.
 */
export function addressEnd(tokens: readonly Token[], start: number, limit = tokens.length): number {
  let last = start;
  let housed = false;
  // Words of a street's name ("Av. Madre de Dios", "Jr. 28 de Julio") may be any words.
  let naming = 0;
  for (let k = start; k < Math.min(limit, start + MAX_ADDRESS_TOKENS); k++) {
    const t = tokens[k]!;
    if (hasBreak(t)) break;
    if (t.kind === 'space') continue;
    if (t.kind === 'punct') {
      if (sentenceEnd(tokens, k)) break;
      if (t.text === ',') {
        const n = next(tokens, k);
        const w = n === -1 ? undefined : tokens[n];
        const goesOn = continuesAfter(tokens, n) || (w !== undefined && word(w) && isCapitalized(w.text) && !PLACES.has(w.norm) && !ordinary(w.norm));
        if (!goesOn) break;
      }
      continue;
    }
    if (num(t)) {
      last = k;
      // "Jr. 2 de Mayo 455", "av 28 de julio": a date that names the street is no house number.
      const de = next(tokens, k);
      const month = de !== -1 && tokens[de]!.norm === 'de' ? next(tokens, de) : -1;
      if (naming > 0 && month !== -1 && MONTHS.has(tokens[month]!.norm)) continue;
      housed = true;
      naming = 0;
      continue;
    }
    if (STREET_TYPES.has(t.norm) || AREA_WORDS.has(t.norm)) naming = STREET_NAME_WORDS + 1;
    if (naming > 0) naming--;
    if (unnamed(tokens, k)) {
      last = next(tokens, k);
      k = last;
      continue;
    }
    // "s/n": without a number.
    if (withoutNumber(tokens, k) && t.norm === 's') {
      last = k + 2;
      k += 2;
      continue;
    }
    if (JOINERS.has(t.norm)) {
      if (!continuesAfter(tokens, next(tokens, k))) break;
      continue;
    }
    if (INNER.has(t.norm)) continue;
    // "… 455, cel 987…", "… 118 wasiypi tiyani": a contact or the Quechua cue closes the address.
    if (QUECHUA_STOPS.has(t.norm) || CONTACT.has(t.norm)) break;
    if (housed && PLACES.has(t.norm) && addressStart(tokens, k) === null) break;
    // "… 455 mi hija", "… 455 tengo miedo", "… hace 3 años": a word that starts another clause.
    const clause = STOP_WORDS.has(t.norm) || (NOT_NAMES.has(t.norm) && naming === 0);
    if (clause && !isCapitalized(t.text) && addressStart(tokens, k) === null) break;
    last = k;
  }
  return closingBracket(tokens, start, last);
}

/** "Av. Ernesto Rivero 1052 (frente al grifo)": a bracket opened inside the address closes with it. */
function closingBracket(tokens: readonly Token[], start: number, last: number): number {
  let open = 0;
  for (let k = start; k <= last; k++) {
    if (tokens[k]!.text === '(') open++;
    else if (tokens[k]!.text === ')') open--;
  }
  return open > 0 && tokens[last + 1]?.text === ')' ? last + 1 : last;
}
