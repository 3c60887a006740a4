// The writer's own home address ("vivo en Jr. Tacna 455", "moro na Rua X 212", "calle
// Ausangate 118 wasiypi tiyani"): it locates them as surely as a number. Only street-level
// detail after a first-person cue is hidden; a town alone ("vivo en Mazuko") and the address
// of the incident ("el prostíbulo queda en Jr. Loreto 456") stay, responders need them. What a
// street address looks like is address-shape.ts' concern; here, whose it is.
import words from './address-words.json' with { type: 'json' };
import { addressEnd, addressStart, CONTACT, isLocator, NAME_LOOKAHEAD, next, num, pastDot, sentenceEnd, streetWordStart, word } from './address-shape';
import { PLACES, STOP_WORDS } from './lexicon';
import { hasBreak, indexPhrases, longestPhrase, type PhraseIndex, sentenceStart } from './name-walk';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

// Bounded windows keep each cue's cost constant: the whole scan stays linear in the tip.
const GAP_TOKENS = 16;
const BACK_TOKENS = 40;
const CLOSING_TOWN_WORDS = 4;
const CONTACT_LINE_TOKENS = 48;
const ASIDE_TOKENS = 40;
const ASIDE_WORDS = 8;

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
const ASIDE_BREAKS = set(words.asideBreaks);
const ASIDE_ALLOWED = set(words.asideAllowed);
const LOCATIVE_VERBS = set(words.locativeVerbs);

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
      if (t.text !== ',' && t.text !== ':' && t.text !== '-' && t.text !== '(')
        return mode === 'residence' && !sentenceEnd(tokens, k) ? streetAfterAside(tokens, k) : null;
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
    if (!gap) return mode === 'residence' ? streetAfterAside(tokens, k) : null;
    if (mode === 'self' && GAP.has(t.norm) && !isCapitalized(t.text) && t.norm.length > 3) return null;
    k++;
  }
  return mode === 'residence' && k < tokens.length ? streetAfterAside(tokens, k) : null;
}

/** A word that starts another clause, so that a street after it is no longer where the writer lives. */
const breaksAside = (norm: string): boolean =>
  ASIDE_BREAKS.has(norm) || ((CONTACT.has(norm) || STOP_WORDS.has(norm)) && !GAP.has(norm) && !ASIDE_ALLOWED.has(norm));

/**
 * "Vivo en la casa parroquial, jirón Los Mineros s/n", "vivo en cusco en san sebastián pasaje Los
 * Inkas 117": after a residence cue, a place or an aside may stand before the street. A street
 * named by its word, in the same sentence and within a few words, is still the writer's; the
 * town before it stays. Another clause ends the search: "vivo en Mazuko, el bar está en Jr. Lima 300".
 */
function streetAfterAside(tokens: readonly Token[], from: number): { start: number; last: number } | null {
  let words = 0;
  let aside = false;
  // "la casa de mi tía que queda en …": a relative clause that locates the writer's home.
  let relative = false;
  for (let k = from; k < tokens.length && k < from + ASIDE_TOKENS; k++) {
    const t = tokens[k]!;
    if (hasBreak(t)) return null;
    if (t.kind === 'punct' && sentenceEnd(tokens, k)) return null;
    if (t.kind !== 'word') continue;
    if (streetWordStart(tokens, k)) return { start: k, last: addressEnd(tokens, k) };
    if (++words > ASIDE_WORDS) return null;
    const w = t.norm;
    if (LOCATIVE_VERBS.has(w)) {
      if (aside && !relative) return null;
      continue;
    }
    const n = next(tokens, k);
    relative = w === 'que' && n !== -1 && LOCATIVE_VERBS.has(tokens[n]!.norm);
    if (!relative && breaksAside(w)) return null;
    if (!GAP.has(w) && !PLACES.has(w)) aside = true;
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
      if (addressStart(tokens, i, false) !== 'street' || isLocator(tokens, i)) continue;
      const last = push(closingAddress(tokens, i));
      if (last !== -1) i = last;
      continue;
    }
    const last = push(addressAfter(tokens, end, self !== -1 ? 'self' : 'residence'));
    if (last !== -1) i = last;
  }
  return spans;
}
