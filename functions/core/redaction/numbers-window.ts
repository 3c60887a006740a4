// The window after a cue where a number is given in pieces: "mi cel: 951... el resto 204 388",
// "mi dni es 4123 y 6587", "mi número es 968". Bounded, so every scan stays linear.
import { incidentDetail } from './number-guards';
import { STAMP_TIME } from './numbers-chat';
import { INTRO_FILLERS, PIECE_LINKS } from './lexicon';
import { type CueKind, cueAt, endsSentence } from './numbers-cues';
import type { Run, Runs } from './numbers-runs';
import type { Token } from './tokens';

/** Digits of a whole number: a Peruvian mobile has 9, a DNI 8. Collecting stops there. */
export const TARGET: Record<CueKind, number> = { phone: 9, id: 8 };
/** Right after the cue ("mi número es 968") even a partial number goes: the rest may follow. */
export const PARTIAL_MIN_DIGITS = 3;
/** With other words between cue and digits ("el dni de la chica es 4123 y 6587"), a number needs more. */
export const LOOSE_MIN_DIGITS = 6;
export const WINDOW_TOKENS = 80;
export const MAX_INTRO_WORDS = 4;
export const MAX_LINK_WORDS = 5;

export interface Window {
  pieces: Run[];
  total: number;
  /** Only filler words stood between the cue and the first piece. */
  strict: boolean;
  /** The last piece ends the text: the number may go on in the next message. */
  endsText: boolean;
}

export interface WindowBounds {
  /** The window opens a message or a line that continues a number: "y el resto", "sigue:" only lead into the digits. */
  opening?: boolean;
  /** Token index the window stops at (exclusive). */
  end?: number;
  /** The window opens a line or sentence of the text, not a message: "al 105" there is a hotline. */
  midText?: boolean;
}

/**
 * Collects the pieces of a number after the cue at `cue` (or after token `cue` of a text that
 * continues a number, see `opening`): non-guarded runs joined by linking words, until the number
 * is whole.
 */
export function scanWindow(
  text: string,
  tokens: readonly Token[],
  runs: Runs,
  cue: number,
  kind: CueKind,
  maxIntroWords: number,
  bounds: WindowBounds = {},
): Window {
  const opening = bounds.opening ?? cue < 0;
  const isFiller = (norm: string): boolean => INTRO_FILLERS.has(norm) || (opening && PIECE_LINKS.has(norm));
  const pieces: Run[] = [];
  let total = 0;
  let introWords = 0;
  let linkWords = 0;
  let sawWord = false;
  let j = cue + 1;
  const limit = Math.min(bounds.end ?? tokens.length, cue + 1 + WINDOW_TOKENS);
  for (; j < limit; j++) {
    if (endsSentence(tokens, j, runs.stamped)) break;
    const r = runs.startsRun[j]!;
    if (r >= 0) {
      const run = runs.runs[r]!;
      j = run.last;
      const detail = incidentDetail(text, tokens, run);
      // "9, 3, 2, … 9, 0 por favor": a digit that completes the number is not a count.
      const completes = pieces.length > 0 && total + run.estimated >= TARGET[kind] && total + run.estimated <= TARGET[kind] + 2;
      // "mi número empieza con 911…", "mi dni es 0800 y …": announced as the writer's own. Inside
      // a text, "al 105" on the line after an unfinished number is a hotline; "105" alone is not.
      const announced = (introWords === 0 && (bounds.midText !== true || !sawWord)) || pieces.length > 0;
      if (detail && !(completes && (detail === 'count' || detail === 'age')) && !(announced && detail === 'hotline')) continue;
      pieces.push(run);
      total += run.estimated;
      linkWords = 0;
      if (total >= TARGET[kind]) break;
      continue;
    }
    const t = tokens[j]!;
    // "[9:43 a. m.]": a timestamp's letters say nothing about the number.
    if (runs.stamped[j] === STAMP_TIME) continue;
    if (t.kind === 'word' && !runs.stamped[j]) sawWord = true;
    // "el celular de mi tía: 968": a colon hands over to the number.
    if (t.text === ':' && pieces.length === 0) {
      introWords = 0;
      sawWord = false;
    }
    if (t.kind !== 'word') continue;
    if (cueAt(tokens, j) && (pieces.length > 0 || !isFiller(t.norm))) break;
    if (pieces.length === 0) {
      if (!isFiller(t.norm) && ++introWords > maxIntroWords) break;
    } else if (!PIECE_LINKS.has(t.norm) || ++linkWords > MAX_LINK_WORDS) {
      break;
    }
  }
  const last = pieces[pieces.length - 1];
  return { pieces, total, strict: introWords === 0, endsText: last !== undefined && onlyTrailing(tokens, last.last + 1) };
}

/** Whether nothing but spaces and open punctuation ("-", "...", ",") follows index `from`. */
function onlyTrailing(tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.kind === 'space') continue;
    if (
      t.kind !== 'punct' ||
      ((t.text === '!' || t.text === '?' || t.text === '.') && !(t.text === '.' && (tokens[j - 1]?.text === '.' || tokens[j + 1]?.text === '.')))
    )
      return false;
  }
  return true;
}
