// Runs of digits and spelled digits that are written as one number: "987 654 321",
// "954⏎281⏎736", "9|5|1", "nueve/ocho/siete", "nueve 5 tres", "noventa y ocho". One pass over
// the tokens; each token belongs to at most one run.
import { DIGIT_CONNECTORS, digitWordValue, INCIDENT_UNITS, MONEY_AFTER, MONTHS } from './lexicon';
import { afterKm, isDate, isMoney } from './number-guards';
import { nextSolid, type Token } from './tokens';

export interface Run {
  /** Token indexes of the first and last digit or digit word. */
  first: number;
  last: number;
  /** Character offsets. */
  start: number;
  end: number;
  /** The written digits only (spelled words add none). */
  digits: string;
  /** How many digits the run stands for, spelled words included. */
  estimated: number;
  spelled: boolean;
}

export const digitWordOf = (t: Token): number => (t.kind === 'word' ? digitWordValue(t.norm) : 0);
export const isNumeric = (t: Token): boolean => t.kind === 'num' || digitWordOf(t) > 0;

/** Longest stretch of separators looked at between two groups, so runs of punctuation stay linear. */
const MAX_SEPARATOR = 8;
const SEPARATOR = /^[\s.,;_/|*·~\-–—()[\]]+$/u;
const isUnderscores = (t: Token): boolean => t.kind === 'word' && /^_+$/.test(t.text);
const lineBreaks = (sep: string): number => (sep.match(/\r\n|\n|\r/g) ?? []).length;

/** Separators allowed inside one written number, between two digit groups. */
function joinsDigits(sep: string, left: Token, right: Token): boolean {
  if (sep.length === 0 || !SEPARATOR.test(sep) || lineBreaks(sep) > 1) return false;
  // A "." followed by a space ends a sentence, not a number.
  if (/\.\s/.test(sep)) return false;
  const marks = sep.replace(/\s/g, '');
  if (marks.length > 3) return false;
  // A toll-free line is a number of its own: "951 204 388, 0800 10828".
  if (right.text.startsWith('0800') || right.text.startsWith('0801')) return false;
  // "14, 15, 16" is a list of ages; "951, 204, 388" is a number read out in groups.
  if (/[,;]\s/.test(sep)) return left.text.length >= 3 && right.text.length >= 3;
  return true;
}

// Spelled digits are often listed with commas, hyphens, slashes or one per line, or glued to
// digits ("nueve54").
function joinsWords(sep: string): boolean {
  if (sep.length === 0) return true;
  if (!SEPARATOR.test(sep) || lineBreaks(sep) > 1 || /\.\s/.test(sep)) return false;
  return sep.replace(/\s/g, '').length <= 3 && sep.replace(/\S/g, '').length <= 4;
}

/** Index after the separators that follow token `last`, and the separator text. */
function separatorAfter(tokens: readonly Token[], last: number): { k: number; sep: string } {
  let k = last + 1;
  let sep = '';
  while (k < tokens.length && sep.length <= MAX_SEPARATOR) {
    const t = tokens[k]!;
    if (t.kind !== 'space' && t.kind !== 'punct' && !isUnderscores(t)) break;
    sep += t.text;
    k++;
  }
  return { k, sep };
}

function extend(tokens: readonly Token[], first: number): number {
  let last = first;
  for (;;) {
    const left = tokens[last]!;
    let { k, sep } = separatorAfter(tokens, last);
    let next = tokens[k];
    let connector = false;
    // "noventa y ocho", "noventa e oito": a connector only joins spelled words.
    if (next && digitWordOf(left) > 0 && next.kind === 'word' && DIGIT_CONNECTORS.has(next.norm) && /^[ \t]+$/.test(sep)) {
      connector = true;
      k++;
      while (k < tokens.length && tokens[k]!.kind === 'space') k++;
      next = tokens[k];
    }
    if (!next || !isNumeric(next)) return last;
    let ok: boolean;
    if (connector) ok = digitWordOf(next) > 0;
    else if (left.kind === 'num' && next.kind === 'num') ok = joinsDigits(sep, left, next);
    else ok = joinsWords(sep);
    if (!ok) return last;
    last = k;
  }
}

function describe(tokens: readonly Token[], first: number, last: number): Run {
  let digits = '';
  let estimated = 0;
  let spelled = false;
  for (let j = first; j <= last; j++) {
    const t = tokens[j]!;
    if (t.kind === 'num') {
      digits += t.text;
      estimated += t.text.length;
    } else {
      const n = digitWordOf(t);
      if (n > 0) spelled = true;
      estimated += n;
    }
  }
  return { first, last, start: tokens[first]!.start, end: tokens[last]!.end, digits, estimated, spelled };
}

export interface Runs {
  runs: Run[];
  /** For each token, the index of the run it starts, or -1. */
  startsRun: Int32Array;
}

/** The numeric token before `last` in a run, or -1. */
function previousNumeric(tokens: readonly Token[], first: number, last: number): number {
  for (let j = last - 1; j >= first; j--) if (isNumeric(tokens[j]!)) return j;
  return -1;
}

/**
 * A run's first or last group that is an amount or a count is a run of its own: "S/ 2000
 * 951204388", "cel 951 204 388 15 años", "900 000 000, 100 reais".
 */
function withoutEdgeDetail(text: string, tokens: readonly Token[], first: number, last: number): number {
  if (last === first) return last;
  const head = tokens[first]!;
  if (head.kind === 'num' && isMoney(text, head.start, head.end, head.text)) return first;
  const tail = tokens[last]!;
  if (isDate(text.slice(head.start, tail.end))) return last;
  const n = nextSolid(tokens, last);
  const sameLine = n === last + 1 || (n === last + 2 && !/[\n\r]/.test(tokens[last + 1]!.text));
  const after = sameLine && tokens[n]!.kind === 'word' ? tokens[n]!.norm : '';
  if (tail.kind === 'num' && tail.text.length <= 4 && (MONEY_AFTER.has(after) || INCIDENT_UNITS.has(after) || MONTHS.has(after))) {
    const before = previousNumeric(tokens, first, last);
    if (before >= 0) return before;
  }
  return last;
}

export function collectRuns(text: string, tokens: readonly Token[]): Runs {
  const runs: Run[] = [];
  const startsRun = new Int32Array(tokens.length).fill(-1);
  let i = 0;
  while (i < tokens.length) {
    if (!isNumeric(tokens[i]!)) {
      i++;
      continue;
    }
    // "km 108" stays one short run; whatever follows it is judged on its own.
    const last = afterKm(tokens, i) ? i : withoutEdgeDetail(text, tokens, i, extend(tokens, i));
    startsRun[i] = runs.length;
    runs.push(describe(tokens, i, last));
    i = last + 1;
  }
  return { runs, startsRun };
}
