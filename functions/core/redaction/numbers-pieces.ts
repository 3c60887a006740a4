// Numbers given in pieces, or across messages and lines: "mi cel: 951... el resto 204 388", "mi
// dni es 4123 y 6587", "empieza con 9634 y termina en 71825", "mi número es 968" (and the rest
// comes in the next SMS, or two chat lines later). No single piece is long enough to look like a
// phone; together they are one.
import type { PlaceholderKind } from '../tip';
import { incidentDetail } from './number-guards';
import { CONTINUATION_WORDS, PIECE_LINKS, SEQUENCE_WORDS } from './lexicon';
import { type CueKind, cueAt, endsSentence } from './numbers-cues';
import type { Run, Runs } from './numbers-runs';
import { continueNumbers } from './numbers-thread';
import { LOOSE_MIN_DIGITS, MAX_INTRO_WORDS, MAX_LINK_WORDS, PARTIAL_MIN_DIGITS, scanWindow, TARGET } from './numbers-window';
import type { Token } from './tokens';

/** Pieces joined only by "el resto", "y después", "termina en", without a cue. */
const CHAIN_MIN_DIGITS = 8;

export interface Piece {
  run: Run;
  kind: PlaceholderKind;
}

const kindOf = (kind: CueKind): PlaceholderKind => (kind === 'id' ? 'ID' : 'PHONE');

function cuedPieces(text: string, tokens: readonly Token[], runs: Runs, cue: number, kind: CueKind): Run[] {
  const w = scanWindow(text, tokens, runs, cue, kind, MAX_INTRO_WORDS);
  // "mi número es 9" at the end of a message: the rest is coming, so even one digit goes.
  const min = w.strict ? (w.endsText ? 1 : PARTIAL_MIN_DIGITS) : LOOSE_MIN_DIGITS;
  return w.total >= min ? w.pieces : [];
}

type Link = 'no' | 'plain' | 'sequence' | 'said';

/**
 * How the tokens between two runs link them: not at all, plainly ("y", ","), as a sequence ("y
 * después", "luego") or saying the digits are the rest of one number ("el resto", "termina en").
 * Only the last kind carries across a sentence end ("…9634. Termina en 71825").
 */
function links(tokens: readonly Token[], stamped: Uint8Array, from: number, to: number): Link {
  let words = 0;
  let said = false;
  let sequence = false;
  let crossed = false;
  for (let j = from; j < to; j++) {
    const t = tokens[j]!;
    if (endsSentence(tokens, j, stamped)) {
      if (crossed) return 'no';
      crossed = true;
      said = false;
      sequence = false;
      continue;
    }
    if (t.kind !== 'word') continue;
    if (!PIECE_LINKS.has(t.norm) || ++words > MAX_LINK_WORDS) return 'no';
    if (CONTINUATION_WORDS.has(t.norm)) said = true;
    if (SEQUENCE_WORDS.has(t.norm)) sequence = true;
  }
  if (said) return 'said';
  if (crossed) return 'no';
  return sequence ? 'sequence' : 'plain';
}

/**
 * Pieces chained without a cue. "y lo demás", "termina en" make them one number; "y después"
 * only when together they read as a mobile, since amounts are listed that way too.
 */
function chainedPieces(text: string, tokens: readonly Token[], runs: Runs): Run[] {
  const out: Run[] = [];
  let chain: Run[] = [];
  let total = 0;
  let said = false;
  let sequence = false;
  const close = () => {
    const mobile =
      chain
        .map((r) => r.digits)
        .join('')
        .startsWith('9') && total >= TARGET.phone;
    if (chain.length > 1 && total >= CHAIN_MIN_DIGITS && (said || (sequence && mobile))) out.push(...chain);
    chain = [];
    total = 0;
    said = false;
    sequence = false;
  };
  for (const run of runs.runs) {
    if (incidentDetail(text, tokens, run)) continue;
    const prev = chain[chain.length - 1];
    // A gap longer than a few link words cannot link, so the scan stays bounded.
    const link: Link = prev && run.first - prev.last <= 4 * MAX_LINK_WORDS ? links(tokens, runs.stamped, prev.last + 1, run.first) : 'no';
    if (link === 'no') close();
    if (link === 'said') said = true;
    if (link === 'sequence') sequence = true;
    chain.push(run);
    total += run.estimated;
  }
  close();
  return out;
}

export function findPieces(text: string, tokens: readonly Token[], runs: Runs, continuesNumber: boolean): Piece[] {
  // Cued pieces first: where two rules find the same digits, the cue says what they are.
  const pieces: Piece[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = cueAt(tokens, i);
    if (!kind) continue;
    for (const run of cuedPieces(text, tokens, runs, i, kind)) pieces.push({ run, kind: kindOf(kind) });
  }
  for (const { run, kind } of continueNumbers(text, tokens, runs, continuesNumber).pieces) pieces.push({ run, kind: kindOf(kind) });
  for (const run of chainedPieces(text, tokens, runs)) pieces.push({ run, kind: 'PHONE' });
  return pieces;
}
