// Phone numbers and identity-document numbers written as digits, spaced or dotted groups, or
// spelled out ("nueve ocho siete ..."). Anything long enough to be a phone or a DNI goes,
// unless it is one of the guarded incident details (money, dates, km markers, hotlines).
import type { PlaceholderKind } from '../tip';
import { DIGIT_CONNECTORS, DIGIT_WORDS, ID_WORDS, KM_WORDS, PHONE_WORDS } from './lexicon';
import { isDate, isMoney, isTollFree } from './number-guards';
import type { Span } from './spans';
import { prevSolid, type Token } from './tokens';

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

const isDigitWord = (t: Token): boolean => t.kind === 'word' && DIGIT_WORDS.has(t.norm);
const isNumeric = (t: Token): boolean => t.kind === 'num' || isDigitWord(t);

// Separators allowed inside one written number: "987 654 321", "987.654.321", "(082) 571234",
// "+51 965-432-187", "987,654,321". A "." followed by a space ends a sentence, not a number.
function joinsDigits(sep: string): boolean {
  if (sep.length === 0 || sep.length > 4) return false;
  if (/^[ \t]{1,2}$/.test(sep) || sep === '.' || sep === ',') return true;
  return /^[ \t\-–()]+$/.test(sep) && /[-–()]/.test(sep);
}

// Spelled digits are often listed with commas or hyphens: "nueve, ocho, siete".
const joinsWords = (sep: string): boolean => sep.length > 0 && sep.length <= 3 && /^[ \t,.\-–]+$/.test(sep);

interface Run {
  first: number;
  last: number;
}

function collectRun(tokens: readonly Token[], i: number): Run {
  let last = i;
  for (;;) {
    let k = last + 1;
    let sep = '';
    while (k < tokens.length && (tokens[k]!.kind === 'space' || tokens[k]!.kind === 'punct') && sep.length <= 4) {
      sep += tokens[k]!.text;
      k++;
    }
    const left = tokens[last]!;
    let next = tokens[k];
    let connector = false;
    if (next && isDigitWord(left) && next.kind === 'word' && DIGIT_CONNECTORS.has(next.norm)) {
      connector = true;
      k++;
      while (k < tokens.length && tokens[k]!.kind === 'space') k++;
      next = tokens[k];
    }
    if (!next || !isNumeric(next)) return { first: i, last };
    const ok =
      left.kind === 'num' && next.kind === 'num' && !connector
        ? joinsDigits(sep)
        : connector
          ? isDigitWord(next) && /^[ \t]+$/.test(sep)
          : joinsWords(sep) || joinsDigits(sep);
    if (!ok) return { first: i, last };
    last = k;
  }
}

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

function afterKm(tokens: readonly Token[], i: number): boolean {
  let p = prevSolid(tokens, i);
  if (p >= 0 && tokens[p]!.text === '.') p = prevSolid(tokens, p);
  return p >= 0 && tokens[p]!.kind === 'word' && KM_WORDS.has(tokens[p]!.norm);
}

function runDigits(tokens: readonly Token[], run: Run): { digits: string; estimated: number; spelled: boolean } {
  let digits = '';
  let estimated = 0;
  let spelled = false;
  for (let j = run.first; j <= run.last; j++) {
    const t = tokens[j]!;
    if (t.kind === 'num') {
      digits += t.text;
      estimated += t.text.length;
    } else if (isDigitWord(t)) {
      spelled = true;
      estimated += DIGIT_WORDS.get(t.norm) ?? 0;
    }
  }
  return { digits, estimated, spelled };
}

function classify(context: Context, digits: string, international: boolean, spelled: boolean): PlaceholderKind {
  if (context === 'id') return 'ID';
  if (context === 'phone' || international || spelled) return 'PHONE';
  if (digits.length === 8) return 'ID';
  // Eight digits and a check digit; mobiles start with 9 and landlines with 0.
  if (digits.length === 9 && !/^[09]/.test(digits)) return 'ID';
  if (digits.length === 11 && /^(10|15|17|20)/.test(digits)) return 'ID';
  return 'PHONE';
}

function evaluate(text: string, tokens: readonly Token[], run: Run): Span | null {
  const { digits, estimated, spelled } = runDigits(tokens, run);
  const firstTok = tokens[run.first]!;
  const lastTok = tokens[run.last]!;
  let start = firstTok.start;
  let end = lastTok.end;
  while (start > 0 && (text[start - 1] === '+' || text[start - 1] === '(')) start--;
  const international = text[start] === '+' || digits.startsWith('00');
  if (text[end] === ')' && text.slice(start, end).includes('(')) end++;
  // A DNI check character may be a letter: "10117410-K".
  const check = /^[-–][A-Za-z](?![\p{L}\d])/u.exec(text.slice(end, end + 3));
  if (check && digits.length === 8) end += 2;

  const glued = (start > 0 && /\p{L}/u.test(text[start - 1]!)) || (end < text.length && /\p{L}/u.test(text[end]!));
  // Letters glued to the digits belong to the same document number: "AB1234567".
  if (!spelled && glued) {
    const lead = /\p{L}{1,4}$/u.exec(text.slice(Math.max(0, start - 4), start));
    if (lead && !/\p{L}/u.test(text[start - lead[0].length - 1] ?? '')) start -= lead[0].length;
    const tail = /^\p{L}{1,4}(?![\p{L}])/u.exec(text.slice(end, end + 5));
    if (tail) end += tail[0].length;
  }
  const raw = text.slice(start, end);
  if (!spelled && (isTollFree(digits) || isDate(raw) || isMoney(text, start, end, digits))) return null;

  const context = contextBefore(tokens, run.first);
  const min = context === 'id' ? ID_CONTEXT_MIN_DIGITS : context === 'phone' || international || glued ? PHONE_CONTEXT_MIN_DIGITS : BARE_MIN_DIGITS;
  if (estimated < min) return null;
  return { start, end, kind: classify(context, digits, international, spelled) };
}

export function findNumberSpans(text: string, tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isNumeric(tokens[i]!)) {
      i++;
      continue;
    }
    const run = collectRun(tokens, i);
    // "km 108" stays; whatever follows it is judged on its own.
    if (tokens[run.first]!.kind === 'num' && tokens[run.first]!.text.length <= 3 && afterKm(tokens, run.first)) {
      i = run.first + 1;
      continue;
    }
    const span = evaluate(text, tokens, run);
    if (span) spans.push(span);
    i = run.last + 1;
  }
  return spans;
}
