// Numbers left open and finished further on. A message that ends where a number is being given
// ("mi número es", "mi cel 968") is continued by the writer's next message (intake passes
// continuesNumber). Inside one text, each line and each sentence is such a message: a pasted chat
// burst ("[20:41] su cel 951 38" ⏎ "[20:41] uy se envió" ⏎ "[20:42] 2 614") or a number read out
// in sentences ("mi número es 951. 38. 2614") is finished the same way.
import { incidentDetail } from './number-guards';
import { STAMP_SENDER } from './numbers-chat';
import { CONTINUATION_WORDS, COPULAS, OPEN_FILLERS } from './lexicon';
import { type CueKind, cueAt, cueWithin, endsSentence } from './numbers-cues';
import { isNumeric, type Run, type Runs } from './numbers-runs';
import { LOOSE_MIN_DIGITS, MAX_INTRO_WORDS, scanWindow, TARGET, WINDOW_TOKENS } from './numbers-window';
import type { Token } from './tokens';

const TERMINAL = new Set(['.', '!', '?']);
/** Words a continuing message or line may open with before the digits ("ahí va: 23 45"). */
const LEAD_IN_WORDS = 2;
/** Lines or sentences that may stand between two parts of one number ("uy se envió", "perdón"). */
const MAX_GAP = 3;
const MAX_INTERJECTION_WORDS = 8;
/** A continuation followed by more words is taken when it makes a whole number, with room for a country code. */
const COUNTRY_CODE_DIGITS = 3;

export interface OpenNumber {
  kind: CueKind;
  /** Digits given so far. */
  total: number;
  /** A terminal mark ended the sentence ("mi cel es 951."). */
  closed: boolean;
  /** The pieces given so far: they go with the rest of the number when it comes, even "95". */
  given: Run[];
  /**
   * Other words stood between the cue and the pieces ("el celular de la señora 984 11"), too few
   * digits to go on their own: only digits that make the number whole finish it.
   */
  loose: boolean;
}

/**
 * Whether tokens [from, end) end where a number is being given: with a cue and nothing after it
 * ("mi número es", "my number is:", "meu zap é"), or with the pieces of a number after a cue.
 */
export function openNumberAt(text: string, tokens: readonly Token[], runs: Runs, from: number, end: number): OpenNumber | null {
  let k = end - 1;
  let fillers = 0;
  let closed = false;
  let continued = false;
  let announced = false;
  for (; k >= from; k--) {
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
  if (k < from) return null;
  const said = cueAt(tokens, k);
  if (said) return closed ? null : { kind: said, total: 0, closed, given: [], loose: false };
  // "el número de mi hermana:": a colon announces what the cue a few words back names.
  if (announced && !isNumeric(tokens[k]!)) {
    const kind = cueWithin(tokens, k, MAX_INTRO_WORDS, runs.stamped);
    return kind ? { kind, total: 0, closed, given: [], loose: false } : null;
  }
  const r = runs.endsRun[k]!;
  if (r < 0) return null;
  const lastRun = runs.runs[r]!;
  // "empieza con 9634 y termina en": the second piece is still to come.
  if (continued && !closed)
    return incidentDetail(text, tokens, lastRun) ? null : { kind: 'phone', total: lastRun.estimated, closed, given: [lastRun], loose: false };
  // The last run: is it a piece of a number a cue announced in the sentence where it starts?
  let cue = -1;
  for (let j = lastRun.first, n = 0; j >= 0 && n < WINDOW_TOKENS; j--, n++) {
    if (endsSentence(tokens, j, runs.stamped)) break;
    if (cueAt(tokens, j)) {
      cue = j;
      break;
    }
  }
  if (cue < 0) return null;
  const kind = cueAt(tokens, cue)!;
  const w = scanWindow(text, tokens, runs, cue, kind, MAX_INTRO_WORDS, { end });
  const last = w.pieces[w.pieces.length - 1];
  // "el celular de la señora 911": a hotline's digits, unless the rest of a number follows.
  if (!last && incidentDetail(text, tokens, lastRun) === 'hotline') return { kind, total: lastRun.estimated, closed, given: [lastRun], loose: true };
  if (!last || last.last < k) return null;
  return { kind, total: w.total, closed, given: w.pieces, loose: !w.strict && w.total < LOOSE_MIN_DIGITS };
}

/** "mi cel es 987654321." is a whole number, said and done; "mi cel es 951." is not. */
const leftOpen = (o: OpenNumber | null, atEnd: boolean): o is OpenNumber => o !== null && ((atEnd && !o.closed && !o.loose) || o.total < TARGET[o.kind]);

interface Pending extends OpenNumber {
  /** Lines or sentences passed over since the number was left open. */
  gap: number;
  /** The previous message left it open: its leading digits are the number, whatever follows them. */
  trusted: boolean;
}

export interface Continuations {
  pieces: Array<{ run: Run; kind: CueKind }>;
  /** The text ends with a number still open: the thread's next message continues it. */
  openAtEnd: boolean;
}

/** Whether a line break or a sentence end stands at token j. */
const isBoundary = (tokens: readonly Token[], runs: Runs, j: number): boolean => {
  const t = tokens[j]!;
  return t.kind === 'space' ? /[\n\r]/.test(t.text) : endsSentence(tokens, j, runs.stamped);
};

/**
 * A word or a digit that is not a chat timestamp's ("p. m.") nor a sender's name ("Rosa:"),
 * unless that "name" announces a number ("[20:41] mi numero:").
 */
const isContent = (tokens: readonly Token[], runs: Runs, j: number): boolean => {
  const t = tokens[j]!;
  if (t.kind !== 'word' && t.kind !== 'num') return false;
  return runs.stamped[j] === 0 || (runs.stamped[j] === STAMP_SENDER && cueAt(tokens, j) !== null);
};

/** Whether tokens [from, end) hold no word and no digit outside a chat timestamp. */
function quiet(tokens: readonly Token[], runs: Runs, from: number, end: number): boolean {
  for (let j = from; j < end; j++) if (isContent(tokens, runs, j)) return false;
  return true;
}

/** A short line or sentence without digits: "uy se envió", "perdón", "[20:41] espera". */
function isInterjection(tokens: readonly Token[], runs: Runs, from: number, end: number): boolean {
  let words = 0;
  for (let j = from; j < end; j++) {
    const t = tokens[j]!;
    if (t.kind === 'num' && !runs.stamped[j]) return false;
    const r = runs.startsRun[j]!;
    if (r >= 0 && runs.runs[r]!.estimated > 1) return false;
    if (t.kind === 'word' && ++words > MAX_INTERJECTION_WORDS) return false;
  }
  return true;
}

/**
 * The pieces that finish a number left open earlier in the text (or in the previous message,
 * for continuesNumber), line by line and sentence by sentence, and whether one is open at the end.
 */
export function continueNumbers(text: string, tokens: readonly Token[], runs: Runs, continuesNumber: boolean): Continuations {
  const pieces: Continuations['pieces'] = [];
  let open: Pending | null = continuesNumber ? { kind: 'phone', total: 0, closed: false, given: [], loose: false, gap: 0, trusted: true } : null;
  let from = 0;
  const step = (end: number): void => {
    if (quiet(tokens, runs, from, end)) return;
    if (open) {
      const w = scanWindow(text, tokens, runs, from - 1, open.kind, LEAD_IN_WORDS, { opening: true, end, midText: !open.trusted });
      const last = w.pieces[w.pieces.length - 1];
      const total = open.total + w.total;
      const rest = last !== undefined && quiet(tokens, runs, last.last + 1, end);
      const whole = total >= TARGET[open.kind] && total <= TARGET[open.kind] + COUNTRY_CODE_DIGITS;
      // "ahí va 2 614", "ese es 2 614": a few words may lead into the digits that finish the number.
      // After a loose cue or lead-in words, only digits that make the number whole are taken.
      const firm = w.strict && !open.loose;
      if (last && (firm ? open.trusted || rest || whole : rest && whole)) {
        for (const run of [...open.given, ...w.pieces]) pieces.push({ run, kind: open.kind });
        open = rest && total < TARGET[open.kind] ? { ...open, total, given: [], gap: 0, trusted: false } : null;
        return;
      }
      if (last && rest && total < TARGET[open.kind]) {
        open = { ...open, total, given: [...open.given, ...w.pieces], loose: true, gap: 0, trusted: false };
        return;
      }
    }
    const o = openNumberAt(text, tokens, runs, from, end);
    if (leftOpen(o, end >= tokens.length)) open = { ...o, gap: 0, trusted: false };
    else if (open && open.gap < MAX_GAP && isInterjection(tokens, runs, from, end)) open = { ...open, gap: open.gap + 1, trusted: false };
    else open = null;
  };
  for (let j = 0; j < tokens.length; j++) {
    if (!isBoundary(tokens, runs, j)) continue;
    step(tokens[j]!.kind === 'space' ? j : j + 1);
    from = j + 1;
  }
  step(tokens.length);
  return { pieces, openAtEnd: open !== null && !open.loose };
}
