// Phone numbers and identity-document numbers written as digits, spaced or dotted groups, or
// spelled out ("nueve ocho siete ..."), whole or in pieces. Anything long enough to be a phone
// or a DNI goes, unless it is one of the guarded incident details (money, dates, km markers,
// hotlines, ages, counts).
import type { PlaceholderKind } from '../tip';
import { withLookalikeDigits } from './digits-lookalike';
import { ID_WORDS, PHONE_WORDS } from './lexicon';
import { incidentDetail } from './number-guards';
import { type ChatStamp, chatStamps } from './numbers-chat';
import { findPieces, type Piece } from './numbers-pieces';
import { collectRuns, type Run } from './numbers-runs';
import { findSpokenNumberSpans } from './numbers-spoken';
import { continueNumbers } from './numbers-thread';
import type { Span } from './spans';
import { normalize, tokenize, type Token } from './tokens';

/** A bare run this long is most likely a DNI or a phone in a tip: redact even without context. */
const BARE_MIN_DIGITS = 7;
/** Landlines without area code have 6 digits; next to "cel", "+" or letters, that is enough. */
const PHONE_CONTEXT_MIN_DIGITS = 6;
/** After "dni" / "pasaporte", even a partial number identifies someone. */
const ID_CONTEXT_MIN_DIGITS = 5;
/** How many words back a context word still speaks for a number. */
const CONTEXT_WINDOW = 5;
/** Tokens scanned looking for those words, so runs of punctuation stay linear ("+51 +51 ..."). */
const CONTEXT_TOKENS = 24;

type Context = 'id' | 'phone' | null;

function contextBefore(tokens: readonly Token[], i: number): Context {
  let seen = 0;
  for (let j = i - 1; j >= 0 && j >= i - CONTEXT_TOKENS && seen < CONTEXT_WINDOW; j--) {
    const t = tokens[j]!;
    if (t.kind === 'space' && /[\n\r]/.test(t.text)) return null;
    if (t.kind !== 'word') continue;
    seen++;
    if (ID_WORDS.has(t.norm)) return 'id';
    if (PHONE_WORDS.has(t.norm)) return 'phone';
  }
  return null;
}

// Brazilian CPF ("123.456.789-09") and RG ("12.345.678-9"), written with their own punctuation.
const CPF = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
const RG = /^\d{1,2}\.\d{3}\.\d{3}-[\dXx]$/;

interface Shape {
  digits: string;
  raw: string;
  international: boolean;
  spelled: boolean;
  /** Letters glued before the digits ("AB1234567") or a document prefix ("V-12.345.678"). */
  lettered: boolean;
}

function classify(context: Context, s: Shape): PlaceholderKind {
  if (context === 'id' || s.lettered || CPF.test(s.raw) || RG.test(s.raw)) return 'ID';
  if (context === 'phone' || s.international || s.spelled) return 'PHONE';
  const { digits } = s;
  if (digits.length === 8) return 'ID';
  // Eight digits and a check digit; mobiles start with 9 and landlines with 0. A carné de
  // extranjería is nine digits starting with 00.
  if (digits.length === 9 && (!/^[09]/.test(digits) || digits.startsWith('00'))) return 'ID';
  if (digits.length === 11 && /^(10|15|17|20)/.test(digits)) return 'ID';
  return 'PHONE';
}

const isCueWord = (letters: string): boolean => {
  const norm = normalize(letters);
  return ID_WORDS.has(norm) || PHONE_WORDS.has(norm);
};

// Venezuelan cédula "V-12.345.678" / "E-8.123.456", state-issued RG "MG-12.345.678".
const DOCUMENT_PREFIX = /([A-Z]{1,3}|[vejgp])[-.] ?$/u;

function evaluate(text: string, tokens: readonly Token[], run: Run): Span | null {
  if (incidentDetail(text, tokens, run)) return null;
  const { digits, estimated, spelled } = run;
  let { start, end } = run;
  while (start > 0 && (text[start - 1] === '+' || text[start - 1] === '(')) start--;
  const international = text[start] === '+' || digits.startsWith('00');
  if (text[end] === ')' && text.slice(start, end).includes('(')) end++;
  // A DNI check character may be a letter: "10117410-K".
  const check = /^[-–][A-Za-z](?![\p{L}\d])/u.exec(text.slice(end, end + 3));
  if (check && digits.length === 8) end += 2;

  let lettered = false;
  const glued = (start > 0 && /\p{L}/u.test(text[start - 1]!)) || (end < text.length && /\p{L}/u.test(text[end]!));
  // Letters glued to the digits belong to the same document number: "AB1234567". A glued cue
  // word ("cel987654321", "DNI41236587") is not part of it.
  if (!spelled && glued) {
    const lead = /\p{L}{1,4}$/u.exec(text.slice(Math.max(0, start - 4), start));
    if (lead && !/\p{L}/u.test(text[start - lead[0].length - 1] ?? '') && !isCueWord(lead[0])) {
      start -= lead[0].length;
      lettered = lead[0].length <= 3 && digits.length >= 6;
    }
    const tail = /^\p{L}{1,4}(?![\p{L}])/u.exec(text.slice(end, end + 5));
    if (tail) end += tail[0].length;
  }
  if (!spelled && !lettered && digits.length >= 6) {
    const prefix = DOCUMENT_PREFIX.exec(text.slice(Math.max(0, start - 5), start));
    const at = prefix ? start - prefix[0].length : start;
    if (prefix && !/[\p{L}\p{N}.]/u.test(text[at - 1] ?? '') && !isCueWord(prefix[1]!)) {
      start = at;
      lettered = true;
    }
  }

  const context = contextBefore(tokens, run.first);
  const min = context === 'id' ? ID_CONTEXT_MIN_DIGITS : context === 'phone' || international || glued || lettered ? PHONE_CONTEXT_MIN_DIGITS : BARE_MIN_DIGITS;
  if (estimated < min) return null;
  return { start, end, kind: classify(context, { digits, raw: text.slice(run.start, run.end), international, spelled, lettered }) };
}

function pieceSpan(text: string, { run, kind }: Piece): Span {
  let start = run.start;
  while (start > 0 && (text[start - 1] === '+' || text[start - 1] === '(')) start--;
  return { start, end: run.end, kind };
}

export interface NumberOptions {
  /** The writer's previous message in this thread ended where a number was starting (see numberOpenAtEnd). */
  continuesNumber?: boolean;
}

/** Digits hidden as look-alike letters ("9O4 l38") are read as digits; offsets do not move. */
function digitView(text: string, tokens: readonly Token[]): { text: string; tokens: readonly Token[] } {
  const view = withLookalikeDigits(text);
  return view === text ? { text, tokens } : { text: view, tokens: tokenize(view) };
}

/**
 * Whether this text ends where a number is being given ("mi número es", "mi cel 968"), so that
 * the leading digits of the writer's next message belong to it.
 */
export function numberOpenAtEnd(text: string, tokens: readonly Token[], options: NumberOptions = {}): boolean {
  const view = digitView(text, tokens);
  return continueNumbers(view.text, view.tokens, collectRuns(view.text, view.tokens), options.continuesNumber === true).openAtEnd;
}

export function findNumberSpans(text: string, tokens: readonly Token[], options: NumberOptions = {}): Span[] {
  const view = digitView(text, tokens);
  const runs = collectRuns(view.text, view.tokens);
  const spans: Span[] = [];
  for (const run of runs.runs) {
    const span = evaluate(view.text, view.tokens, run);
    if (span) spans.push(span);
  }
  for (const piece of findPieces(view.text, view.tokens, runs, options.continuesNumber === true)) spans.push(pieceSpan(view.text, piece));
  spans.push(...findSpokenNumberSpans(text, tokens));
  return withoutStamps(text, spans, chatStamps(text));
}

/** A number that runs across chat lines leaves the timestamps between its parts, and the line breaks, in the text. */
function withoutStamps(text: string, spans: Span[], stamps: readonly ChatStamp[]): Span[] {
  if (stamps.length === 0) return spans;
  const out: Span[] = [];
  // A part cut at a timestamp starts and ends with what the number is written with.
  const push = (span: Span, start: number, end: number, cutBefore: boolean, cutAfter: boolean): void => {
    while (cutBefore && start < end && !/[\p{L}\p{N}+(]/u.test(text[start]!)) start++;
    while (cutAfter && end > start && !/[\p{L}\p{N})]/u.test(text[end - 1]!)) end--;
    if (end > start) out.push({ ...span, start, end });
  };
  let s = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    while (s < stamps.length && stamps[s]!.end <= span.start) s++;
    let start = span.start;
    let cut = false;
    for (let k = s; k < stamps.length && stamps[k]!.start < span.end; k++) {
      push(span, start, stamps[k]!.start, cut, true);
      start = Math.max(start, stamps[k]!.end);
      cut = true;
    }
    push(span, start, span.end, cut, false);
  }
  return out;
}
