// The words that announce a number ("mi cel", "dni", "meu zap", "numeroy", "call me") and
// where the sentence that gives it ends.
import { CUE_PHRASES, CUE_STEMS, ID_WORDS, QUECHUA_POSSESSIVES, STREET_WORDS, STRONG_PHONE_CUES } from './lexicon';
import { isNumeric } from './numbers-runs';
import { prevSolid, type Token } from './tokens';

export type CueKind = 'phone' | 'id';

const isNumberWord = (norm: string): boolean => norm === 'numero' || norm === 'number' || norm === 'numerito';

/** Whether a word is a street address's "número" ("Jr. Loreto número 456"). */
function afterStreetWord(tokens: readonly Token[], i: number): boolean {
  let p = i;
  for (let n = 0; n < 3; n++) {
    p = prevSolid(tokens, p);
    if (p < 0) return false;
    if (tokens[p]!.kind === 'word' && STREET_WORDS.has(tokens[p]!.norm)) return true;
  }
  return false;
}

function hasPossessive(norm: string): boolean {
  for (const stem of CUE_STEMS) {
    if (norm.length > stem.length && norm.startsWith(stem) && QUECHUA_POSSESSIVES.has(norm.slice(stem.length))) return true;
  }
  return false;
}

/** The kind of number the word at i announces ("cel", "dni", "numeroy", "call me"), or null. */
export function cueAt(tokens: readonly Token[], i: number): CueKind | null {
  const t = tokens[i]!;
  if (t.kind !== 'word') return null;
  if (ID_WORDS.has(t.norm)) return 'id';
  if (STRONG_PHONE_CUES.has(t.norm)) return isNumberWord(t.norm) && afterStreetWord(tokens, i) ? null : 'phone';
  if (hasPossessive(t.norm)) return 'phone';
  const p = prevSolid(tokens, i);
  if (p >= 0 && tokens[p]!.kind === 'word' && CUE_PHRASES.has(`${tokens[p]!.norm} ${t.norm}`)) return 'phone';
  return null;
}

/**
 * A sentence ends at "!", "?", a lone "." before a space, or a line break not followed by digits
 * or followed by a chat timestamp (see numbers-chat: `stamped`), where a new message starts.
 */
export function endsSentence(tokens: readonly Token[], j: number, stamped?: Uint8Array): boolean {
  const t = tokens[j]!;
  if (t.kind === 'space') {
    if (!/[\n\r]/.test(t.text)) return false;
    const next = tokens[j + 1];
    return next === undefined || !isNumeric(next) || (stamped?.[j + 1] ?? 0) > 0;
  }
  // "8:05 p. m.": the dots of a timestamp end nothing.
  if (t.kind !== 'punct' || stamped?.[j]) return false;
  if (t.text === '!' || t.text === '?') return true;
  if (t.text !== '.') return false;
  const lone = tokens[j - 1]?.text !== '.' && tokens[j + 1]?.text !== '.';
  return lone && (j + 1 >= tokens.length || tokens[j + 1]!.kind === 'space');
}

/** The cue that stands within `words` words before token k, in the same sentence, or null. */
export function cueWithin(tokens: readonly Token[], k: number, words: number, stamped?: Uint8Array): CueKind | null {
  for (let j = k, n = 0; j >= 0 && n <= words; j--) {
    if (endsSentence(tokens, j, stamped)) return null;
    if (tokens[j]!.kind !== 'word') continue;
    const kind = cueAt(tokens, j);
    if (kind) return kind;
    n++;
  }
  return null;
}
