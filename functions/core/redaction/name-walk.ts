// Moving over the shared tokens: the next word on the same line, where a clause or a line
// starts, and phrase look-ups indexed by their first word, so each token costs one map hit.
import { GREETINGS, RELATIONS } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { normalize, type Token } from './tokens';

export const hasBreak = (t: Token | undefined): boolean => t !== undefined && t.kind === 'space' && /[\n\r]/.test(t.text);
export const isGap = (t: Token | undefined): boolean => t !== undefined && t.kind === 'space' && !hasBreak(t);

/** Index of the next word if it follows i after one same-line space, else -1. */
export function nextWord(tokens: readonly Token[], i: number): number {
  return isGap(tokens[i + 1]) && tokens[i + 2]?.kind === 'word' ? i + 2 : -1;
}

export function prevWord(tokens: readonly Token[], i: number): number {
  return isGap(tokens[i - 1]) && tokens[i - 2]?.kind === 'word' ? i - 2 : -1;
}

/** Index of the first non-space token at or after i on the same line (or i itself), -1 past a line break. */
export function skipGap(tokens: readonly Token[], i: number): number {
  if (hasBreak(tokens[i])) return -1;
  return isGap(tokens[i]) ? i + 1 : i;
}

const ASIDE_TOKENS = 24;
const ASIDE_CLOSE = new Map([
  ['(', ')'],
  ['[', ']'],
]);
const ASIDE_OTHERS: ReadonlySet<string> = new Set([...triggers.asideOthers.map(normalize), ...RELATIONS]);

/**
 * Past a short aside in brackets on the same line ("Nombre: (prefiero no decir) Edwin", "Name
 * (optional): Kate"): the first token after it, or i when there is none or it speaks of
 * someone else ("Nombre (de la víctima): Yeni").
 */
export function pastAside(tokens: readonly Token[], i: number): number {
  const close = ASIDE_CLOSE.get(tokens[i]?.text ?? '');
  if (!close) return i;
  for (let k = i + 1; k < tokens.length && k <= i + ASIDE_TOKENS; k++) {
    const t = tokens[k]!;
    if (hasBreak(t) || ASIDE_OTHERS.has(t.norm)) return i;
    if (t.text === close) return isGap(tokens[k + 1]) ? k + 2 : k + 1;
  }
  return i;
}

/** Skips spaces, line breaks included. */
export const skipSpace = (tokens: readonly Token[], i: number): number => (tokens[i]?.kind === 'space' ? i + 1 : i);

// Punctuation that closes or opens a clause; "/" "@" "#" "+" "=" glue tokens instead.
const CLAUSE_MARK = /^[.,;:!?¡¿()[\]"'«»“”‘’\-–—…|*•\p{Extended_Pictographic}]$/u;
const SENTENCE_MARK = /^[.;!?¡¿|•…\-–—]$/;
const DASH = /^[-–—]$/;

/** What stands before token i: nothing, a line break, a mark, or a word. */
function before(tokens: readonly Token[], i: number): { lineStart: boolean; mark?: string; word?: string } {
  let p = i - 1;
  if (hasBreak(tokens[p])) return { lineStart: true };
  if (tokens[p]?.kind === 'space') p--;
  const t = tokens[p];
  if (!t) return { lineStart: true };
  if (t.kind !== 'punct') return { lineStart: false, word: t.norm };
  // A dash glued to what precedes it joins ("1234-AB", "Espinar-manta"); only a free one separates.
  if (DASH.test(t.text) && p > 0 && (tokens[p - 1]!.kind === 'word' || tokens[p - 1]!.kind === 'num')) return { lineStart: false };
  return { lineStart: false, mark: t.text };
}

/** The punctuation mark right before token i on its line ("" when a word or nothing stands there). */
export const markBefore = (tokens: readonly Token[], i: number): string => before(tokens, i).mark ?? '';

/** Token i opens a clause: start of a line, after punctuation, or after a greeting ("Hola soy..."). */
export function clauseStart(tokens: readonly Token[], i: number): boolean {
  const b = before(tokens, i);
  return b.lineStart || (b.mark !== undefined && CLAUSE_MARK.test(b.mark)) || (b.word !== undefined && GREETINGS.has(b.word));
}

/** Token i opens a sentence: start of a line or after a sentence mark. */
export function sentenceStart(tokens: readonly Token[], i: number): boolean {
  const b = before(tokens, i);
  return b.lineStart || (b.mark !== undefined && SENTENCE_MARK.test(b.mark));
}

export interface Phrase {
  words: readonly string[];
}

export type PhraseIndex = ReadonlyMap<string, readonly Phrase[]>;

/** Indexes phrases ("me llamo", "mi nombre:") by their first word, longest first. */
export function indexPhrases(list: readonly (readonly string[])[]): PhraseIndex {
  const index = new Map<string, Phrase[]>();
  for (const phrase of list) {
    const words = phrase.map(normalize);
    index.set(words[0]!, [...(index.get(words[0]!) ?? []), { words }]);
  }
  for (const phrases of index.values()) phrases.sort((a, b) => b.words.length - a.words.length);
  return index;
}

// Spellings that fold onto a phrase word but mean another: "me llamó" (called me) is not "me llamo".
const NOT_TRIGGERS = new Set(triggers.notTriggers.map((w) => w.toLowerCase()));

const sameWord = (t: Token, word: string): boolean => t.norm === word && !NOT_TRIGGERS.has(t.text.toLowerCase());

/**
 * Matches a phrase starting at token i; returns the index of its last token, or -1. A ":" in
 * the phrase must be there (glued or after a space): "nombre:" is a label, "nombre" is prose.
 */
export function matchPhrase(tokens: readonly Token[], i: number, phrase: Phrase): number {
  if (!sameWord(tokens[i]!, phrase.words[0]!)) return -1;
  let k = i;
  for (let w = 1; w < phrase.words.length; w++) {
    const word = phrase.words[w]!;
    if (word === ':') {
      // "datos del denunciante (confidencial):"
      const c = pastAside(tokens, isGap(tokens[k + 1]) ? k + 2 : k + 1);
      if (tokens[c]?.text !== ':') return -1;
      k = c;
      continue;
    }
    // "name's" is one token; "i ' m" typed with spaces is not worth chasing.
    k = nextWord(tokens, k);
    if (k === -1 || !sameWord(tokens[k]!, word)) return -1;
  }
  return k;
}

/** The longest phrase of the index that starts at i: its last token index, or -1. */
export function longestPhrase(tokens: readonly Token[], i: number, index: PhraseIndex): number {
  for (const p of index.get(tokens[i]!.norm) ?? []) {
    const end = matchPhrase(tokens, i, p);
    if (end !== -1) return end;
  }
  return -1;
}
