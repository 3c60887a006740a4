// Names the writer gives for themself: "me llamo Jhon Ccahuana", "soy Rosa Quispe, su mamá",
// "my name is Tom Baker", "ñuqa Rosa kani", "Rosa sutiy". Third parties' names are left alone:
// responders need to know who is held and who holds them.
import triggers from './name-triggers.json' with { type: 'json' };
import { GIVEN_NAMES, NOT_NAMES, PLACES, STOP_WORDS, SURNAMES } from './lexicon';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

// Two given names, two surnames and a married name: "María Elena Quispe Condori de Mamani".
const MAX_NAME_WORDS = 6;
const MAX_BEFORE_WORDS = 3;

type Strength = 'strong' | 'weak';

// Triggers indexed by their first word, so each token costs one map look-up.
const TRIGGERS = new Map<string, { words: string[]; strength: Strength }[]>();
for (const [strength, list] of [
  ['strong', triggers.strong],
  ['weak', triggers.weak],
] as const) {
  for (const phrase of list) {
    const words = phrase.map(normalize);
    const key = words[0]!;
    TRIGGERS.set(key, [...(TRIGGERS.get(key) ?? []), { words, strength }]);
  }
}
for (const list of TRIGGERS.values()) list.sort((a, b) => b.words.length - a.words.length);
const BEFORE = new Set(triggers.before.map(normalize));
const HONORIFICS = new Set(triggers.honorifics.map(normalize));
const PARTICLES = new Set(triggers.particles.map(normalize));
const SIGN_OFFS = new Set(['atte', 'atentamente', 'firma', 'sincerely', 'regards']);
const QUECHUA_I = new Set(['nuqa', 'nuqaqa', 'noqa', 'noqaqa']);

const isGap = (t: Token | undefined): boolean => t !== undefined && t.kind === 'space' && !/[\n\r]/.test(t.text);

/** Index of the next word if it follows i after one same-line space, else -1. */
function nextWord(tokens: readonly Token[], i: number): number {
  return isGap(tokens[i + 1]) && tokens[i + 2]?.kind === 'word' ? i + 2 : -1;
}

function prevWord(tokens: readonly Token[], i: number): number {
  return isGap(tokens[i - 1]) && tokens[i - 2]?.kind === 'word' ? i - 2 : -1;
}

/** Matches the trigger phrase starting at i; returns the index of its last token, or -1. */
function matchPhrase(tokens: readonly Token[], i: number, words: readonly string[]): number {
  let k = i;
  for (let w = 1; w < words.length; w++) {
    if (words[w] === ':') {
      // "nombre:" and "name:" are only triggers as form labels, not in running prose.
      const c = isGap(tokens[k + 1]) ? k + 2 : k + 1;
      if (tokens[c]?.text !== ':') return -1;
      k = c;
      continue;
    }
    k = nextWord(tokens, k);
    if (k === -1 || tokens[k]!.norm !== words[w]) return -1;
  }
  return k;
}

const known = (norm: string): boolean => GIVEN_NAMES.has(norm) || SURNAMES.has(norm);
const blocked = (norm: string): boolean => STOP_WORDS.has(norm) || NOT_NAMES.has(norm) || PLACES.has(norm);

/** A word that reads as a name even without a strong trigger. */
const nameLike = (t: Token): boolean => known(t.norm) || (isCapitalized(t.text) && !blocked(t.norm));

/** Extends a word over glued hyphen parts: "Rosa-María". */
function wordEnd(tokens: readonly Token[], i: number): number {
  let k = i;
  while (tokens[k + 1]?.text === '-' && tokens[k + 2]?.kind === 'word') k += 2;
  return k;
}

/**
 * Collects the name after a trigger whose last word is at `end`. Returns the name's token
 * range, or null when the next word is not a name. The name stops at punctuation, a line
 * break, or a word that is clearly not a name, so "soy de La Pampa" and
 * "me llamo Rosa, vivo en Mazuko" keep their places.
 */
function nameAfter(tokens: readonly Token[], end: number, strength: Strength): { first: number; last: number } | null {
  let j = end + 1;
  if (isGap(tokens[j])) j++;
  // "nombre: Rosa", "name - Tom", and sign-offs: "atte. Rosa", "atentamente, Rosa"
  const mark = tokens[j]?.text;
  if (mark === ':' || mark === '-' || ((mark === '.' || mark === ',') && SIGN_OFFS.has(tokens[end]!.norm))) {
    j++;
    if (isGap(tokens[j])) j++;
  }
  if (j === end + 1 || tokens[j]?.kind !== 'word') return null;
  let w = j;
  let strong = strength === 'strong';
  // "soy la señora Rosa Quispe": an honorific promises a name.
  if (tokens[w]!.norm === 'la' || tokens[w]!.norm === 'el') {
    const h = nextWord(tokens, w);
    if (h !== -1 && HONORIFICS.has(tokens[h]!.norm)) w = h;
    // "me dicen la Flaca": after a strong trigger an article starts a nickname.
    else if (h !== -1 && strong && !blocked(tokens[h]!.norm)) w = h;
  }
  if (HONORIFICS.has(tokens[w]!.norm)) {
    const h = tokens[w + 1]?.text === '.' ? w + 1 : w;
    const n = tokens[h + 1]?.kind === 'word' ? h + 1 : nextWord(tokens, h);
    if (n === -1) return null;
    w = n;
    strong = true;
  }
  const first = tokens[w]!;
  if (STOP_WORDS.has(first.norm)) return null;
  // "soy mariluz quispe": an unknown lower-case word still counts when a known surname follows.
  const next = nextWord(tokens, w);
  const vouched = next !== -1 && !blocked(first.norm) && known(tokens[next]!.norm);
  if (!strong && !nameLike(first) && !vouched) return null;
  let last = wordEnd(tokens, w);
  let count = 1;
  while (count < MAX_NAME_WORDS) {
    let n = nextWord(tokens, last);
    if (n === -1) break;
    // "Rosa de la Cruz": particles only continue a name that goes on after them.
    let p = n;
    while (strong && PARTICLES.has(tokens[p]!.norm)) {
      const q = nextWord(tokens, p);
      if (q === -1) break;
      p = q;
    }
    if (p !== n) {
      if (PARTICLES.has(tokens[p]!.norm) || blocked(tokens[p]!.norm)) break;
      n = p;
    }
    if (blocked(tokens[n]!.norm)) break;
    last = wordEnd(tokens, n);
    count++;
  }
  return { first: w, last };
}

/** Quechua order: the name comes before "sutiy" / "kani". Returns the first token index or -1. */
function nameBefore(tokens: readonly Token[], end: number): number {
  let first = -1;
  let k = end;
  for (let n = 0; n < MAX_BEFORE_WORDS; n++) {
    const p = prevWord(tokens, k);
    if (p === -1 || !nameLike(tokens[p]!)) break;
    first = p;
    k = p;
  }
  return first;
}

/** "ñuqa rosa mamani kani": between the pronoun and the verb, any words form the name. */
function quechuaFrame(tokens: readonly Token[], i: number): number {
  let k = i;
  for (let n = 0; n <= MAX_NAME_WORDS; n++) {
    const w = nextWord(tokens, k);
    if (w === -1) return -1;
    if (tokens[w]!.norm === 'kani') return n > 0 ? k : -1;
    if (STOP_WORDS.has(tokens[w]!.norm)) return -1;
    k = w;
  }
  return -1;
}

export function findNameSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    if (QUECHUA_I.has(t.norm)) {
      const last = quechuaFrame(tokens, i);
      if (last !== -1) {
        spans.push({ start: tokens[nextWord(tokens, i)]!.start, end: tokens[last]!.end, kind: 'NAME' });
        continue;
      }
    }
    let found = false;
    for (const trig of TRIGGERS.get(t.norm) ?? []) {
      const end = matchPhrase(tokens, i, trig.words);
      if (end === -1) continue;
      const name = nameAfter(tokens, end, trig.strength);
      if (name) {
        spans.push({ start: tokens[name.first]!.start, end: tokens[name.last]!.end, kind: 'NAME' });
        found = true;
      }
      break;
    }
    if (!found && BEFORE.has(t.norm)) {
      const first = nameBefore(tokens, i);
      if (first !== -1) spans.push({ start: tokens[first]!.start, end: tokens[prevWord(tokens, i)]!.end, kind: 'NAME' });
    }
  }
  return spans;
}
