// Reads a person's name from a given word on: an optional title ("Sra.", "Prof.", "Mama"), then
// up to six name words joined by single spaces. Every name rule (introductions, labels,
// sign-offs) ends here, so they all stop at the same places.
import { blocked, canBeName, HONORIFICS, isCaseSuffix, isPlaceQualifier, known, nameLike, notNickname, ordinary, PARTICLES, placeInName } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { isGap, nextWord } from './name-walk';
import { STOP_WORDS } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

// Two given names, two surnames and a married name: "María Elena Quispe Condori de Mamani".
export const MAX_NAME_WORDS = 6;

export interface NameRange {
  first: number;
  last: number;
  /** A title stood before the name ("Prof. Gladys"): it promises a name. */
  titled: boolean;
}

export interface CollectOptions {
  /** An unknown lower-case word still counts ("me llamo yeni ccori"). */
  strong: boolean;
  maxWords?: number;
}

const isInitial = (t: Token | undefined): boolean => t !== undefined && t.kind === 'word' && t.text.length === 1 && isCapitalized(t.text);

/** Extends a word over glued hyphen parts ("Rosa-María"); -1 when a part is a Quechua case ending ("Espinar-manta"). */
function wordEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (tokens[k + 1]?.text === '-' && tokens[k + 2]?.kind === 'word') {
    if (isCaseSuffix(tokens[k + 2])) return -1;
    k += 2;
  }
  return k;
}

const TITLE_PARTS: ReadonlySet<string> = new Set(triggers.titleParts.map(normalize));
const MAX_STACKED_TITLES = 3;

/** The word after a title at t and its full stop, or -1. */
const afterTitle = (tokens: readonly Token[], t: number): number => nextWord(tokens, tokens[t + 1]?.text === '.' ? t + 1 : t);

/** The first word of a name after optional titles, or -1 when the titles are not followed by one. */
function skipTitle(tokens: readonly Token[], w: number): { at: number; titled: boolean } {
  const t = tokens[w]!;
  // "D. Whitcomb": an initial and its full stop open the name.
  const initial = isInitial(t) && tokens[w + 1]?.text === '.';
  if (!HONORIFICS.has(t.norm) && !initial) return { at: w, titled: false };
  let n = afterTitle(tokens, w);
  // "Lic. Enf. Teresa", "Profa. Dra. Ana", "Dr. med. Jonas Weber": titles stack.
  for (let s = 0; s < MAX_STACKED_TITLES && !initial && !known(t.norm) && n !== -1; s++) {
    const next = tokens[n]!;
    if (known(next.norm) || !(HONORIFICS.has(next.norm) || TITLE_PARTS.has(next.norm))) break;
    n = afterTitle(tokens, n);
  }
  const name = n === -1 ? undefined : tokens[n]!;
  if (!name || !nameLike(name) || (HONORIFICS.has(name.norm) && !known(name.norm))) {
    return initial || known(t.norm) ? { at: w, titled: false } : { at: -1, titled: true };
  }
  // "Irma Quispe": a title that is also a given name is kept in the name.
  return { at: initial || known(t.norm) ? w : n, titled: !initial };
}

/** Whether word c may continue a name that started capitalised (or not). */
function continues(c: Token, capsFirst: boolean, strong: boolean, dotted: boolean): boolean {
  if (capsFirst && (placeInName(c) || isInitial(c))) return true;
  // "sandra q.": a lower-case initial, known by its full stop.
  if (dotted && c.text.length === 1) return true;
  if (!canBeName(c)) return false;
  if (known(c.norm)) return true;
  return capsFirst ? isCapitalized(c.text) : strong && !ordinary(c.norm);
}

/**
 * Collects the name whose first word (or title) is at w. Returns null when the word is not a
 * name. The name stops at punctuation, a line break, a word that is not a name, or a change of
 * case ("Ruth m tienen encerrada" keeps "m tienen encerrada").
 */
export function collectName(tokens: readonly Token[], w: number, options: CollectOptions): NameRange | null {
  if (tokens[w]?.kind !== 'word') return null;
  const title = skipTitle(tokens, w);
  if (title.at === -1) return null;
  const strong = options.strong || title.titled;
  const first = tokens[title.at]!;
  const next = nextWord(tokens, title.at);
  // "soy mariluz quispe": an unknown lower-case word still counts when a known surname follows.
  const vouched = next !== -1 && canBeName(first) && !ordinary(first.norm) && known(tokens[next]!.norm);
  const accepted = strong ? canBeName(first) : nameLike(first) || vouched;
  if (!accepted) return null;
  // "Acomayo distritomanta", "Puno llaqtamanta": the word names a place.
  if (next !== -1 && isPlaceQualifier(tokens[next])) return null;
  const capsFirst = isCapitalized(first.text);
  let last = wordEnd(tokens, title.at);
  if (last === -1) return null;
  const max = options.maxWords ?? MAX_NAME_WORDS;
  for (let count = 1; count < max; count++) {
    // "Rosa Q. Mamani": an initial's full stop belongs to it only if the name goes on.
    const from = isInitial(tokens[last]) && tokens[last + 1]?.text === '.' && isGap(tokens[last + 2]) ? last + 1 : last;
    let n = nextWord(tokens, from);
    if (n === -1) break;
    // "Rosa de la Cruz": particles only continue a name that goes on after them.
    let p = n;
    while (PARTICLES.has(tokens[p]!.norm)) {
      const q = nextWord(tokens, p);
      if (q === -1) break;
      p = q;
    }
    if (p !== n) {
      const after = tokens[p]!;
      if (PARTICLES.has(after.norm) || blocked(after.norm) || !(strong || capsFirst) || !isCapitalized(after.text)) break;
      n = p;
    }
    if (!continues(tokens[n]!, capsFirst, strong, tokens[n + 1]?.text === '.')) break;
    const end = wordEnd(tokens, n);
    if (end === -1) break;
    last = end;
  }
  // A lone initial is not a name ("soy A").
  if (last === title.at && isInitial(first) && !title.titled) return null;
  return { first: title.at, last, titled: title.titled };
}

/**
 * After the name: the end of the text or line, punctuation, or a number (a phone given with
 * the name). A word means the sentence goes on, so the name was not a signature.
 */
export function endsHere(tokens: readonly Token[], last: number): boolean {
  let k = last + 1;
  if (isGap(tokens[k])) k++;
  const t = tokens[k];
  return t === undefined || t.kind !== 'word';
}

const MAX_NICKNAME_WORDS = 3;

/** A capitalised word that may be a nickname even if it is an everyday word ("Negro", "Flaca", "Red"), but no function word, place or venue. */
const nicknameWord = (t: Token | undefined): boolean =>
  t !== undefined && t.kind === 'word' && t.text.length > 1 && isCapitalized(t.text) && !notNickname(t.norm);

/**
 * "me dicen Negro Ramos", "they call me Red", "búsquenme como el Gringo en el mercado":
 * capitalised words after a nickname phrase, closed by punctuation or a function word ("ask for
 * the Bolivian woman" describes someone).
 */
export function collectNickname(tokens: readonly Token[], w: number): NameRange | null {
  if (!nicknameWord(tokens[w])) return null;
  let last = w;
  for (let n = 1; n < MAX_NICKNAME_WORDS; n++) {
    const q = nextWord(tokens, last);
    if (q === -1 || !nicknameWord(tokens[q])) break;
    last = q;
  }
  const after = tokens[isGap(tokens[last + 1]) ? last + 2 : last + 1];
  return after?.kind === 'word' && !STOP_WORDS.has(after.norm) ? null : { first: w, last, titled: false };
}
