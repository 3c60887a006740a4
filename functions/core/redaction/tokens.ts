// Splits text into tokens with offsets. Every detector that reasons about words shares this
// one pass, so the whole engine stays linear in the length of the tip.

export type TokenKind = 'word' | 'num' | 'space' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Lower case, accents stripped: the form the word lists are written in. */
  norm: string;
  start: number;
  end: number;
}

// Alternatives start with disjoint classes and no quantifier is nested over an overlapping
// class, so each match is linear and the sticky scan never backtracks across tokens.
// Letters and digits are separate tokens: "DNI41236587" and "km108" split cleanly.
const TOKEN = /[\p{L}\p{M}_]+(?:['’][\p{L}\p{M}_]+)*|[0-9]+|\s+|[\s\S]/uy;

export const normalize = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) break;
    const t = match[0];
    const first = t.charCodeAt(0);
    const kind: TokenKind = first >= 48 && first <= 57 ? 'num' : /^\s/u.test(t) ? 'space' : /^[\p{L}\p{M}_]/u.test(t) ? 'word' : 'punct';
    tokens.push({ kind, text: t, norm: kind === 'word' ? normalize(t) : t, start, end: start + t.length });
  }
  return tokens;
}

/** Index of the next non-space token after i, or -1. */
export function nextSolid(tokens: readonly Token[], i: number): number {
  for (let j = i + 1; j < tokens.length; j++) if (tokens[j]!.kind !== 'space') return j;
  return -1;
}

/** Index of the previous non-space token before i, or -1. */
export function prevSolid(tokens: readonly Token[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (tokens[j]!.kind !== 'space') return j;
  return -1;
}

export const isCapitalized = (word: string): boolean => /^\p{Lu}/u.test(word);
