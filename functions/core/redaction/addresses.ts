// The writer's own home address ("vivo en Jr. Tacna 455", "moro na Rua X 212", "calle
// Ausangate 118 wasiypi tiyani"): it locates them as surely as a number. Only street-level
// detail after a first-person cue is hidden; a town alone ("vivo en Mazuko") and the address
// of the incident ("el prostíbulo queda en Jr. Loreto 456") stay, responders need them.
import words from './address-words.json' with { type: 'json' };
import { ID_WORDS, KM_WORDS, NOT_NAMES, PHONE_WORDS, PLACES, STOP_WORDS } from './lexicon';
import { ordinary } from './name-lexicon';
import { hasBreak, indexPhrases, isGap, longestPhrase, type PhraseIndex, sentenceStart } from './name-walk';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

// Bounded windows keep each cue's cost constant: the whole scan stays linear in the tip.
const GAP_TOKENS = 16;
const MAX_ADDRESS_TOKENS = 48;
const BACK_TOKENS = 40;
const NAME_LOOKAHEAD = 4;
const CLOSING_TOWN_WORDS = 4;
const CONTACT_LINE_TOKENS = 48;
const STREET_NAME_WORDS = 4;

const set = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(normalize));
const RESIDENCE: PhraseIndex = indexPhrases(words.residenceCues);
const SELF: PhraseIndex = indexPhrases(words.selfCues);
const QUECHUA_CUES = set(words.quechuaCues);
const FORM_LABELS: PhraseIndex = indexPhrases(words.formLabels);
const LABELS_ALONE = set(words.formLabelsAlone);
const NAME_LABELS = set(words.nameLabels);
const NAME_LABEL_WORDS = set(words.nameLabelWords);
const WRITER_CONTACT: PhraseIndex = indexPhrases(words.writerContactCues);
const CLOSING_JOIN = set(words.closingJoin);
const GAP = set(words.gapWords);
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
const CONTACT = new Set([...PHONE_WORDS, ...ID_WORDS]);
const NUMBER_MARKS = new Set(['#', '°', 'nº', 'n', 'nro', 'num']);
const YEAR = /^(?:19[5-9]\d|20[0-3]\d)$/;

const word = (t: Token | undefined): boolean => t?.kind === 'word';
const num = (t: Token | undefined): boolean => t?.kind === 'num';

/** The next solid token after i on the same line, or -1. */
function next(tokens: readonly Token[], i: number): number {
  let k = i + 1;
  if (isGap(tokens[k])) k++;
  return k < tokens.length && tokens[k]!.kind !== 'space' ? k : -1;
}

/** Past an abbreviation's full stop ("Jr." → the token after the "."). */
function pastDot(tokens: readonly Token[], i: number): number {
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
  return word(t) && t.text.length === 1 && isCapitalized(t.text) ? 'letter' : null;
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
  if (isCapitalized(t.text) || PLACES.has(t.norm)) return true;
  // "vivo en jr arequipa 412": SMS writes street names in lower case; "la calle principal" is
  // not one, "calle los pinos 456" is (a house number follows).
  return !ordinary(t.norm) && (!loose || numberWithin(tokens, k));
}

/** A house number within the next few words ("los pinos 456"). */
function numberWithin(tokens: readonly Token[], k: number): boolean {
  let j = k;
  for (let n = 0; n < NAME_LOOKAHEAD && j !== -1; n++) {
    j = next(tokens, j);
    if (j !== -1 && num(tokens[j])) return true;
  }
  return false;
}

/** Whether a street-level address starts at token i; returns how it starts, or null. */
function addressStart(tokens: readonly Token[], i: number, bareStreets = true): 'street' | 'km' | null {
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
    if (!INNER.has(t.norm) && !PLACES.has(t.norm)) town = false;
    k = next(tokens, k);
  }
  return false;
}

/** A full stop that ends a sentence, not an abbreviation's ("Jr.", "Mz.", "N.") or a number's. */
function sentenceEnd(tokens: readonly Token[], k: number): boolean {
  const t = tokens[k]!;
  if (t.text === '!' || t.text === '?' || t.text === ';') return true;
  if (t.text !== '.') return false;
  const prev = tokens[k - 1];
  if (word(prev) && (ABBREVIATIONS.has(prev!.norm) || prev!.text.length === 1)) return false;
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
function addressEnd(tokens: readonly Token[], start: number, limit = tokens.length): number {
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
      housed = true;
      naming = 0;
      last = k;
      continue;
    }
    if (STREET_TYPES.has(t.norm) || AREA_WORDS.has(t.norm)) naming = STREET_NAME_WORDS + 1;
    if (naming > 0) naming--;
    // "s/n": without a number.
    if (t.norm === 's' && tokens[k + 1]?.text === '/' && tokens[k + 2]?.norm === 'n') {
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

type Mode = 'residence' | 'self';

/** The address after a cue that ends at `end`: past articles, towns and commas, then a street-level start. */
function addressAfter(tokens: readonly Token[], end: number, mode: Mode): { start: number; last: number } | null {
  let km = -1;
  let k = end + 1;
  for (let steps = 0; k < tokens.length && steps < GAP_TOKENS; steps++) {
    const t = tokens[k]!;
    // "mi dirección:⏎Jr. Tacna 455": a line break only right after the cue.
    if (hasBreak(t) && k !== end + 1) return null;
    if (t.kind === 'space') {
      k++;
      continue;
    }
    if (t.kind === 'punct') {
      if (t.text !== ',' && t.text !== ':' && t.text !== '-' && t.text !== '(') return null;
      k++;
      continue;
    }
    // After a self-introduction the capitalised words are the name: only a street word starts the address.
    const start = addressStart(tokens, k, mode === 'residence');
    if (start === 'street') return { start: km === -1 ? k : km, last: addressEnd(tokens, k) };
    if (start === 'km') {
      if (km === -1) km = k;
      k = pastDot(tokens, k) + 1;
      continue;
    }
    const gap = GAP.has(t.norm) || PLACES.has(t.norm) || (word(t) && isCapitalized(t.text)) || (mode === 'self' && (num(t) || CONTACT.has(t.norm)));
    if (!gap || (mode === 'self' && GAP.has(t.norm) && !isCapitalized(t.text) && t.norm.length > 3)) return null;
    k++;
  }
  return null;
}

/** "calle Ausangate 118 wasiypi tiyani": the address before a Quechua cue in the same sentence. */
function addressBefore(tokens: readonly Token[], cue: number): { start: number; last: number } | null {
  let start = -1;
  for (let k = cue - 1; k >= 0 && k >= cue - BACK_TOKENS; k--) {
    const t = tokens[k]!;
    if (hasBreak(t) || (t.kind === 'punct' && sentenceEnd(tokens, k))) break;
    if (addressStart(tokens, k) === 'street') start = k;
  }
  if (start === -1) return null;
  return { start, last: addressEnd(tokens, start, cue) };
}

/** A form label for the home address ("Domicilio:", and "Dirección:" in a form that asked for a name). */
function labelCue(tokens: readonly Token[], i: number, form: boolean): number {
  if (!sentenceStart(tokens, i)) return -1;
  const end = longestPhrase(tokens, i, FORM_LABELS);
  if (end === -1) return -1;
  const colon = next(tokens, end);
  if (colon === -1 || tokens[colon]!.text !== ':') return -1;
  const label = tokens
    .slice(i, end + 1)
    .filter(word)
    .map((t) => t.norm)
    .join(' ');
  return form || LABELS_ALONE.has(label) ? colon : -1;
}

/** "Nombre:", "Nombre completo:", "Nombres y apellidos:": the text is a form that asks for the writer. */
function isNameLabel(tokens: readonly Token[], i: number): boolean {
  if (!NAME_LABELS.has(tokens[i]!.norm)) return false;
  let k = next(tokens, i);
  for (let n = 0; n < NAME_LOOKAHEAD && k !== -1 && NAME_LABEL_WORDS.has(tokens[k]!.norm); n++) k = next(tokens, k);
  return k !== -1 && tokens[k]!.text === ':';
}

/** A first-person contact phrase on the line before token `end` ("escríbanme al …", "mi cel …"). */
function writerContactLine(tokens: readonly Token[], end: number): boolean {
  for (let k = end; k >= 0 && k > end - CONTACT_LINE_TOKENS && !hasBreak(tokens[k]); k--) {
    if (word(tokens[k]) && longestPhrase(tokens, k, WRITER_CONTACT) !== -1) return true;
  }
  return false;
}

/**
 * "… escríbanme al 967 850 243⏎de Puno Jr Lampa 742": a street address that closes the writer's
 * own contact line, with only a town and "de" between, is their home. The incident's address
 * ("el bar de Av. Madre de Dios 1245 …") has other words before it and stays.
 */
function closingAddress(tokens: readonly Token[], start: number): { start: number; last: number } | null {
  let k = start - 1;
  let words = 0;
  let breaks = 0;
  for (; k >= 0 && k > start - BACK_TOKENS; k--) {
    const t = tokens[k]!;
    if (t.kind === 'space') {
      if (hasBreak(t) && ++breaks > 1) return null;
      continue;
    }
    if (t.kind === 'punct' && /^[,\-–—/:(]$/.test(t.text)) continue;
    if (!word(t) || words >= CLOSING_TOWN_WORDS) break;
    if (!(CLOSING_JOIN.has(t.norm) || PLACES.has(t.norm) || isCapitalized(t.text))) return null;
    words++;
  }
  if (k < 0 || !num(tokens[k]) || !writerContactLine(tokens, k)) return null;
  const last = addressEnd(tokens, start);
  const after = next(tokens, last);
  return after === -1 || tokens[after]!.kind === 'punct' || CONTACT.has(tokens[after]!.norm) ? { start, last } : null;
}

export function findAddressSpans(_text: string, tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  let form = false;
  const push = (found: { start: number; last: number } | null): number => {
    if (!found) return -1;
    spans.push({ start: tokens[found.start]!.start, end: tokens[found.last]!.end, kind: 'ADDRESS' });
    return found.last;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    if (isNameLabel(tokens, i)) form = true;
    if (QUECHUA_CUES.has(t.norm)) push(addressBefore(tokens, i));
    const cue = longestPhrase(tokens, i, RESIDENCE);
    const label = cue === -1 ? labelCue(tokens, i, form) : -1;
    const self = cue === -1 && label === -1 ? longestPhrase(tokens, i, SELF) : -1;
    const end = cue !== -1 ? cue : label !== -1 ? label : self;
    if (end === -1) {
      if (addressStart(tokens, i, false) !== 'street' || longestPhrase(tokens, i, LOCATORS) !== -1) continue;
      const last = push(closingAddress(tokens, i));
      if (last !== -1) i = last;
      continue;
    }
    const last = push(addressAfter(tokens, end, self !== -1 ? 'self' : 'residence'));
    if (last !== -1) i = last;
  }
  return spans;
}
