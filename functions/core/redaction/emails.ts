// E-mail addresses, "@handles", and e-mails spelled out to dodge filters
// ("rosa arroba gmail punto com", "tom at example dot org").
import { PLATFORM_WORDS, STOP_WORDS } from './lexicon';
import type { Span } from './spans';
import type { Token } from './tokens';

const MAILBOX_CHAR = /[\p{L}\p{N}._%+-]/u;
const DOMAIN = /[\p{L}\p{N}.\-_]/u;
const HANDLE = /[\p{L}\p{N}._]/u;

/**
 * Anchors on each "@" and walks outwards one character at a time. A left walk stops at the
 * previous span, a right walk at the next "@", so each character is visited at most twice:
 * no regular expression scanning from every start position ("a@a@a@...", "aaaa...").
 */
export function findAtSpans(text: string): Span[] {
  const spans: Span[] = [];
  let floor = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let left = at;
    while (left > floor && MAILBOX_CHAR.test(text[left - 1]!)) left--;
    let right = at + 1;
    if (left < at) {
      while (right < text.length && DOMAIN.test(text[right]!)) right++;
    } else {
      while (right < text.length && HANDLE.test(text[right]!)) right++;
    }
    while (right > at + 1 && /[.-]/.test(text[right - 1]!)) right--;
    if (right === at + 1) continue;
    spans.push({ start: left, end: right, kind: left < at ? 'EMAIL' : 'HANDLE' });
    floor = right;
  }
  return spans;
}

const AT_WORDS = new Set(['arroba', 'aroba', 'at']);
/** Only inside brackets: "rosa(a)gmail.com", "rosa[@]gmail.com". */
const BRACKETED_AT = new Set(['a', '@']);
const DOT_WORDS = new Set(['punto', 'ponto', 'dot']);
// "at" is an everyday English word; only believe it when the domain ends in a real TLD.
const TLDS = new Set([
  ...['com', 'net', 'org', 'pe', 'es', 'edu', 'gob', 'gov', 'bo', 've', 'co', 'br', 'ar', 'cl', 'mx', 'info', 'io', 'us', 'uk', 'ec', 'py', 'uy'],
  ...['de', 'fr', 'it', 'nl', 'ch', 'at', 'be', 'se', 'no', 'dk', 'fi', 'pl', 'pt', 'ie', 'ca', 'au', 'nz', 'me', 'biz', 'eu', 'int', 'online'],
]);
/** Mail providers: "rosa @ gmail", "rosa@ hotmail" name the domain without a TLD. */
const PROVIDERS = new Set([
  'gmail',
  'hotmail',
  'yahoo',
  'outlook',
  'live',
  'icloud',
  'proton',
  'protonmail',
  'gmx',
  'web',
  'uol',
  'bol',
  'terra',
  'aol',
  'yandex',
  'msn',
]);
// Bounded so that a pathological run of labels costs a constant per "at" word.
const MAX_PARTS = 32;

const isWordy = (t: Token | undefined): boolean => t !== undefined && (t.kind === 'word' || t.kind === 'num');
const isOpen = (t: Token | undefined): boolean => t !== undefined && /^[([{<]$/.test(t.text);
const isClose = (t: Token | undefined): boolean => t !== undefined && /^[)\]}>]$/.test(t.text);

/** A "dot" between labels: ".", " punto ", " dot ", "(dot)", "[punto]". Returns the index after it, or -1. */
function dotAfter(tokens: readonly Token[], i: number): number {
  let k = i;
  if (tokens[k]?.kind === 'space') k++;
  if (tokens[k]?.text === '.') {
    k++;
  } else if (isOpen(tokens[k]) && DOT_WORDS.has(tokens[k + 1]?.norm ?? '') && isClose(tokens[k + 2])) {
    k += 3;
  } else if (tokens[k]?.kind === 'word' && DOT_WORDS.has(tokens[k]!.norm)) {
    k++;
  } else {
    return -1;
  }
  if (tokens[k]?.kind === 'space') k++;
  return isWordy(tokens[k]) ? k : -1;
}

// Leftwards only a glued "." / "_" / "-" or a spelled "punto" joins labels: a sentence end
// (". rosa arroba ...") must not pull the previous word into the address.
function dotBefore(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (t && (t.text === '.' || t.text === '_' || t.text === '-')) {
    return isWordy(tokens[i - 1]) ? i - 1 : -1;
  }
  let k = i;
  if (tokens[k]?.kind === 'space') k--;
  if (!(tokens[k]?.kind === 'word' && DOT_WORDS.has(tokens[k]!.norm))) return -1;
  k--;
  if (tokens[k]?.kind === 'space') k--;
  return isWordy(tokens[k]) ? k : -1;
}

/** The local part directly before the "at" word: glued tokens, or tokens joined by "punto". */
function localStart(tokens: readonly Token[], atIdx: number): number {
  let k = atIdx - 1;
  if (tokens[k]?.kind === 'space') k--;
  if (!isWordy(tokens[k])) return -1;
  let first = k;
  for (let n = 0; n < MAX_PARTS; n++) {
    const glued = first - 1;
    if (isWordy(tokens[glued])) {
      first = glued;
      continue;
    }
    const d = dotBefore(tokens, first - 1);
    if (d === -1) break;
    first = d;
  }
  return first;
}

type AtKind = 'strong' | 'half-spaced' | 'word';

/** How the token at i stands for "@", if it does: "arroba", "(at)", "[a]", " @ ", "rosa @gmail". */
function atKind(tokens: readonly Token[], i: number): AtKind | null {
  const t = tokens[i]!;
  const bracketed = isOpen(tokens[i - 1]) && isClose(tokens[i + 1]);
  if (bracketed && (AT_WORDS.has(t.norm) || BRACKETED_AT.has(t.norm) || t.text === '@')) return 'strong';
  if (t.kind === 'word' && AT_WORDS.has(t.norm)) return t.norm === 'at' ? 'word' : 'strong';
  if (t.text !== '@') return null;
  const spaceBefore = tokens[i - 1]?.kind === 'space';
  const spaceAfter = tokens[i + 1]?.kind === 'space';
  if (spaceBefore && spaceAfter) return 'strong';
  return spaceBefore || spaceAfter ? 'half-spaced' : null;
}

// A local part with digits, "_" or "." reads as a mailbox, not as an English word before "at".
const MAILBOX_LIKE = /[\d_.]/;

/** Whether a weakly marked address ("x at y.z", "x @y.z") names a real domain. */
function believable(tokens: readonly Token[], first: number, atIdx: number, domainStart: number, last: number, labels: number): boolean {
  const local = tokens[first]!;
  if (first === atIdx - 1 || (first === atIdx - 2 && tokens[atIdx - 1]!.kind === 'space')) {
    if (STOP_WORDS.has(local.norm) || PLATFORM_WORDS.has(local.norm)) return false;
  }
  if (labels === 0) return PROVIDERS.has(tokens[domainStart]!.norm);
  const tld = tokens[last]!.norm;
  if (TLDS.has(tld)) return true;
  const localText = tokens
    .slice(first, atIdx)
    .map((x) => x.text)
    .join('')
    .trim();
  const domainText = tokens
    .slice(domainStart, last + 1)
    .map((x) => x.text)
    .join('');
  return MAILBOX_LIKE.test(localText) && !/\s/.test(domainText) && /^[a-z]{2,6}$/.test(tld);
}

export function findSpelledEmailSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const kind = atKind(tokens, i);
    if (!kind) continue;
    const bracketed = isOpen(tokens[i - 1]) && isClose(tokens[i + 1]);
    const atIdx = bracketed ? i - 1 : i;
    const after = bracketed ? i + 2 : i + 1;
    const first = localStart(tokens, atIdx);
    if (first === -1) continue;
    let k = after;
    if (tokens[k]?.kind === 'space') k++;
    if (!isWordy(tokens[k])) continue;
    const domainStart = k;
    let last = k;
    let labels = 0;
    for (let n = 0; n < MAX_PARTS; n++) {
      const d = dotAfter(tokens, last + 1);
      if (d === -1) break;
      last = d;
      labels++;
    }
    if (kind !== 'strong' && !believable(tokens, first, atIdx, domainStart, last, labels)) continue;
    spans.push({ start: tokens[first]!.start, end: tokens[last]!.end, kind: 'EMAIL' });
    i = last;
  }
  return spans;
}
