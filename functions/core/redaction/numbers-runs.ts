// Runs of digits and spelled digits that are written as one number: "987 654 321",
// "954⏎281⏎736", "9|5|1", "nueve/ocho/siete", "nueve 5 tres", "noventa y ocho", "987. 512. 330".
// One pass over the tokens; each token belongs to at most one run.
import { DIGIT_CONNECTORS, digitWordValue, INCIDENT_UNITS, MONEY_AFTER, MONTHS } from './lexicon';
import { afterKm, isDate, isMoney } from './number-guards';
import { stampedTokens } from './numbers-chat';
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
/** How many digits a token stands for: its digits, or what a spelled word is worth. */
const worth = (t: Token): number => (t.kind === 'num' ? t.text.length : digitWordOf(t));

/** Longest stretch of separators looked at between two groups, so runs of punctuation stay linear. */
const MAX_SEPARATOR = 8;
const SEPARATOR = /^[\s.,;_/\\|*·~\-–—()[\]]+$/u;
const isUnderscores = (t: Token): boolean => t.kind === 'word' && /^_+$/.test(t.text);
const lineBreaks = (sep: string): number => (sep.match(/\r\n|\n|\r/g) ?? []).length;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** The hour or the minutes of a time ("20:41", "9:30"): never part of a longer number. */
const isClock = (text: string, t: Token): boolean =>
  t.kind === 'num' && t.text.length <= 2 && ((text[t.end] === ':' && isDigit(text[t.end + 1])) || (text[t.start - 1] === ':' && isDigit(text[t.start - 2])));

/**
 * "987. 512. 330", "nueve-ocho-siete. 512. 330", "987... 512... 330": a "." or "..." and a space
 * between groups of two or three digits. It ends a sentence too ("Pagó 200. 300 más"), so such
 * groups only join into a whole phone number.
 */
const isDotBreak = (sep: string): boolean => /^(?:\.|\.\.\.)$/.test(sep.trim()) && /\.\s/.test(sep) && lineBreaks(sep) <= 1;
const DOTTED_GROUP = { min: 2, max: 3 };
const MAX_DOTTED_GROUPS = 5;
const DOTTED_MIN_DIGITS = 9;

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

/**
 * Index after the separators that follow token `last`, and the separator text. A chat timestamp
 * that opens the next line stands for nothing: "[20:41] 951 38 ⏎ [20:42] 2 614" is one number
 * across two lines, as "951 38 ⏎ 2 614" is.
 */
function separatorAfter(tokens: readonly Token[], stamped: Uint8Array, last: number): { k: number; sep: string } {
  let k = last + 1;
  let sep = '';
  while (k < tokens.length && sep.length <= MAX_SEPARATOR) {
    const t = tokens[k]!;
    if (stamped[k] && lineBreaks(sep) > 0) {
      while (k < tokens.length && stamped[k]) k++;
      continue;
    }
    if (t.kind !== 'space' && t.kind !== 'punct' && !isUnderscores(t)) break;
    sep += t.text;
    k++;
  }
  return { k, sep };
}

interface Extent {
  last: number;
  /** Tokens after which a dot break joined the next group. */
  dots: number[];
}

function extend(text: string, tokens: readonly Token[], stamped: Uint8Array, first: number): Extent {
  let last = first;
  let group = worth(tokens[first]!);
  const dots: number[] = [];
  for (;;) {
    const left = tokens[last]!;
    let { k, sep } = separatorAfter(tokens, stamped, last);
    let next = tokens[k];
    let connector = false;
    // "noventa y ocho", "noventa e oito": a connector only joins spelled words.
    if (next && digitWordOf(left) > 0 && next.kind === 'word' && DIGIT_CONNECTORS.has(next.norm) && /^[ \t]+$/.test(sep)) {
      connector = true;
      k++;
      while (k < tokens.length && tokens[k]!.kind === 'space') k++;
      next = tokens[k];
    }
    if (!next || stamped[k] || !isNumeric(next) || isClock(text, left) || isClock(text, next)) return { last, dots };
    let ok: boolean;
    if (connector) ok = digitWordOf(next) > 0;
    else if (isDotBreak(sep)) {
      ok = group >= DOTTED_GROUP.min && group <= DOTTED_GROUP.max && dots.length < MAX_DOTTED_GROUPS - 1 && !next.text.startsWith('0800');
      if (ok) {
        dots.push(last);
        group = 0;
      }
    } else if (left.kind === 'num' && next.kind === 'num') ok = joinsDigits(sep, left, next);
    else ok = joinsWords(sep);
    if (!ok) return { last, dots };
    last = k;
    group += worth(next);
  }
}

/** Groups joined across dot breaks stay one run only when each is a group of a phone and together they are one. */
function withoutLooseDots(tokens: readonly Token[], stamped: Uint8Array, first: number, last: number, dots: readonly number[]): number {
  const breaks = dots.filter((d) => d < last);
  if (breaks.length === 0) return last;
  let total = 0;
  let group = 0;
  let b = 0;
  for (let j = first; j <= last; j++) {
    if (!stamped[j]) group += worth(tokens[j]!);
    if (j !== breaks[b] && j !== last) continue;
    if (group < DOTTED_GROUP.min || group > DOTTED_GROUP.max) return breaks[0]!;
    total += group;
    group = 0;
    b++;
  }
  return total >= DOTTED_MIN_DIGITS ? last : breaks[0]!;
}

function describe(tokens: readonly Token[], stamped: Uint8Array, first: number, last: number): Run {
  let digits = '';
  let estimated = 0;
  let spelled = false;
  for (let j = first; j <= last; j++) {
    const t = tokens[j]!;
    if (stamped[j]) continue;
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
  /** For each token, the index of the run it ends, or -1. */
  endsRun: Int32Array;
  /** For each token, whether it is part of a chat timestamp (never of a number). */
  stamped: Uint8Array;
}

/** The numeric token before `last` in a run (not a timestamp's), or -1. */
function previousNumeric(tokens: readonly Token[], stamped: Uint8Array, first: number, last: number): number {
  for (let j = last - 1; j >= first; j--) if (!stamped[j] && isNumeric(tokens[j]!)) return j;
  return -1;
}

/**
 * "951 38 ⏎ [20:42] 12/05": a date alone on a chat line ends the run before it (returns that end,
 * or -1). Without a timestamp, "54 62 ⏎ 07/08" may be a number written with slashes.
 */
function dateOnLastLine(text: string, tokens: readonly Token[], stamped: Uint8Array, first: number, last: number): number {
  let j = last;
  while (j > first && !(tokens[j]!.kind === 'space' && /[\n\r]/.test(tokens[j]!.text))) j--;
  if (j === first || !stamped[j + 1]) return -1;
  let d = j + 1;
  while (d < last && (stamped[d] || tokens[d]!.kind !== 'num')) d++;
  if (!isDate(text.slice(tokens[d]!.start, tokens[last]!.end))) return -1;
  return previousNumeric(tokens, stamped, first, j);
}

/**
 * A run's first or last group that is an amount or a count is a run of its own: "S/ 2000
 * 951204388", "cel 951 204 388 15 años", "900 000 000, 100 reais".
 */
function withoutEdgeDetail(text: string, tokens: readonly Token[], stamped: Uint8Array, first: number, last: number): number {
  if (last === first) return last;
  const head = tokens[first]!;
  if (head.kind === 'num' && isMoney(text, head.start, head.end, head.text)) return first;
  const tail = tokens[last]!;
  if (isDate(text.slice(head.start, tail.end))) return last;
  const dated = dateOnLastLine(text, tokens, stamped, first, last);
  if (dated >= 0) return dated;
  const n = nextSolid(tokens, last);
  const sameLine = n === last + 1 || (n === last + 2 && !/[\n\r]/.test(tokens[last + 1]!.text));
  const after = sameLine && tokens[n]!.kind === 'word' ? tokens[n]!.norm : '';
  if (tail.kind === 'num' && tail.text.length <= 4 && (MONEY_AFTER.has(after) || INCIDENT_UNITS.has(after) || MONTHS.has(after))) {
    const before = previousNumeric(tokens, stamped, first, last);
    if (before >= 0) return before;
  }
  return last;
}

export function collectRuns(text: string, tokens: readonly Token[]): Runs {
  const runs: Run[] = [];
  const startsRun = new Int32Array(tokens.length).fill(-1);
  const endsRun = new Int32Array(tokens.length).fill(-1);
  const stamped = stampedTokens(text, tokens);
  let i = 0;
  while (i < tokens.length) {
    if (stamped[i] || !isNumeric(tokens[i]!)) {
      i++;
      continue;
    }
    let last = i;
    // "km 108" stays one short run; whatever follows it is judged on its own.
    if (!afterKm(tokens, i)) {
      const extent = extend(text, tokens, stamped, i);
      last = withoutLooseDots(tokens, stamped, i, withoutEdgeDetail(text, tokens, stamped, i, extent.last), extent.dots);
    }
    startsRun[i] = runs.length;
    endsRun[last] = runs.length;
    runs.push(describe(tokens, stamped, i, last));
    i = last + 1;
  }
  return { runs, startsRun, endsRun, stamped };
}
