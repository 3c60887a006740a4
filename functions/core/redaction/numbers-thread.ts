// Whether a message ends while a number is being given, so that intake can pass
// continuesNumber with the thread's next message ("mi número es" ⏎ "968 ...").
import { incidentDetail } from './number-guards';
import { CONTINUATION_WORDS, COPULAS, OPEN_FILLERS } from './lexicon';
import { cueAt, cueWithin, endsSentence } from './numbers-cues';
import { isNumeric, type Runs } from './numbers-runs';
import { LOOSE_MIN_DIGITS, MAX_INTRO_WORDS, scanWindow, TARGET, WINDOW_TOKENS } from './numbers-window';
import type { Token } from './tokens';

const TERMINAL = new Set(['.', '!', '?']);

/**
 * Whether the text ends where a number is being given: with a cue and nothing after it ("mi
 * número es", "my number is:", "meu zap é"), or with the pieces of a number after a cue.
 */
export function endsOpen(text: string, tokens: readonly Token[], runs: Runs): boolean {
  let k = tokens.length - 1;
  let fillers = 0;
  let closed = false;
  let continued = false;
  let announced = false;
  for (; k >= 0; k--) {
    const t = tokens[k]!;
    if (t.kind === 'space') continue;
    if (t.kind === 'punct') {
      const ellipsis = t.text === '.' && tokens[k - 1]?.text === '.';
      if (TERMINAL.has(t.text) && !ellipsis) closed = true;
      if (t.text === ':' && fillers === 0 && !closed) announced = true;
      continue;
    }
    if (t.kind === 'word' && !isNumeric(t) && OPEN_FILLERS.has(t.norm) && !cueAt(tokens, k) && fillers++ < 5) {
      if (CONTINUATION_WORDS.has(t.norm)) continued = true;
      // "el número de la chica es": the copula announces the number a cue named.
      if (COPULAS.has(t.norm) && fillers === 1 && !closed) announced = true;
      continue;
    }
    break;
  }
  if (k < 0) return false;
  if (cueAt(tokens, k)) return !closed;
  // "el número de mi hermana:": a colon announces what the cue a few words back names.
  if (announced && !isNumeric(tokens[k]!)) return cueWithin(tokens, k, MAX_INTRO_WORDS);
  const lastRun = runs.runs[runs.runs.length - 1];
  if (!isNumeric(tokens[k]!) || !lastRun || lastRun.last !== k) return false;
  // "empieza con 9634 y termina en": the second piece is still to come.
  if (continued && !closed) return !incidentDetail(text, tokens, lastRun);
  // The last run: is it a piece of a number a cue announced in this sentence?
  let cue = -1;
  for (let j = k, n = 0; j >= 0 && n < WINDOW_TOKENS; j--, n++) {
    if (endsSentence(tokens, j)) break;
    const kind = cueAt(tokens, j);
    if (kind) {
      cue = j;
      break;
    }
  }
  if (cue < 0) return false;
  const kind = cueAt(tokens, cue)!;
  const w = scanWindow(text, tokens, runs, cue, kind, MAX_INTRO_WORDS);
  const last = w.pieces[w.pieces.length - 1];
  if (!last || last.last < k || (!w.strict && w.total < LOOSE_MIN_DIGITS)) return false;
  // "mi cel es 987654321." is a whole number, said and done; "mi cel es 951." is not.
  return !closed || w.total < TARGET[kind];
}
