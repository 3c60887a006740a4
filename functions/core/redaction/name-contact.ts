// What may follow a signature: a phone, an e-mail, a role ("Renata Figueiredo, assistente
// social, …"). Each check reads a bounded stretch of tokens.
import type { NameRange } from './name-collect';
import { hasBreak, isGap } from './name-walk';
import { ID_WORDS, PHONE_WORDS, STOP_WORDS } from './lexicon';
import { isCapitalized, type Token } from './tokens';

export const CONTACT_TAIL_CHARS = 160;
const MAX_TAIL_PROSE = 3;
const DIGIT_RUN_TOKENS = 24;
const PHONE_DIGITS = 6;
// Words a signature's tail may hold besides names, roles and contacts: "Subgerencia de Promoción".
const TAIL_GLUE = new Set(['de', 'del', 'da', 'do', 'das', 'dos', 'of', 'the', 'y', 'e', 'and', 'en', 'in', 'at']);
export const CONTACT_WORDS: ReadonlySet<string> = new Set([...PHONE_WORDS, ...ID_WORDS, 'email', 'e-mail', 'mail', 'correo', 'zap', 'tel', 'telf']);

export const nameWords = (tokens: readonly Token[], name: NameRange): Token[] => tokens.slice(name.first, name.last + 1).filter((w) => w.kind === 'word');

/** Only punctuation, emoji and spaces follow token `last`. */
export function nothingAfter(tokens: readonly Token[], last: number): boolean {
  for (let k = last + 1; k < tokens.length; k++) if (tokens[k]!.kind === 'word' || tokens[k]!.kind === 'num') return false;
  return true;
}

/** The line ends after token `last`, past closing punctuation. */
export function lineEndsAfter(tokens: readonly Token[], last: number): boolean {
  let k = last + 1;
  while (tokens[k] && (tokens[k]!.kind === 'punct' || isGap(tokens[k]))) k++;
  return tokens[k] === undefined || hasBreak(tokens[k]);
}

/** The rest of the text after a signature holds only contacts and roles ("Renata Figueiredo, assistente social, …"). */
export function contactTail(tokens: readonly Token[], last: number): boolean {
  const end = tokens[tokens.length - 1]!.end;
  if (end - tokens[last]!.end > CONTACT_TAIL_CHARS) return false;
  let prose = 0;
  for (let k = last + 1; k < tokens.length; k++) {
    // A free-standing lower-case word is prose ("e receba R$1000 em 7 dias"); e-mails are glued.
    const t = tokens[k]!;
    const free = tokens[k - 1]!.kind === 'space' && (tokens[k + 1] === undefined || tokens[k + 1]!.kind === 'space' || /^[,.;:)]$/.test(tokens[k + 1]!.text));
    if (t.kind === 'word' && free && !isCapitalized(t.text) && !TAIL_GLUE.has(t.norm) && !CONTACT_WORDS.has(t.norm)) prose++;
  }
  if (prose > MAX_TAIL_PROSE) return false;
  for (let k = last + 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind !== 'word' || !STOP_WORDS.has(t.norm) || TAIL_GLUE.has(t.norm) || isCapitalized(t.text)) continue;
    // "my phone …", "mi cel …"
    if (!CONTACT_WORDS.has(tokens[k + 2]?.norm ?? '')) return false;
  }
  return true;
}

/** A number, e-mail or contact word right after the name: "Sarah Pemberton, +44 …", "Yelitza, WhatsApp 9…". */
export function contactFollows(tokens: readonly Token[], last: number): boolean {
  for (let k = last + 1; k < Math.min(tokens.length, last + 6); k++) {
    const t = tokens[k]!;
    if (t.kind === 'num' || t.text === '+') return phoneAt(tokens, k, 1);
    if (t.kind === 'word' && !CONTACT_WORDS.has(t.norm)) return emailAfter(tokens, k - 1);
  }
  return false;
}

/** Whether a phone (six digits or more) ends right before token i, or one starts right after it. */
export function phoneAt(tokens: readonly Token[], i: number, step: 1 | -1): boolean {
  let digits = 0;
  let k = i;
  if (isGap(tokens[k])) k += step;
  if (tokens[k]?.kind !== 'num' && tokens[k]?.text !== '+') return false;
  for (let n = 0; k >= 0 && k < tokens.length && n < DIGIT_RUN_TOKENS && tokens[k]!.kind !== 'word' && !hasBreak(tokens[k]); n++, k += step) {
    if (tokens[k]!.kind === 'num') digits += tokens[k]!.text.length;
  }
  return digits >= PHONE_DIGITS;
}

/** An e-mail starts within a few tokens after i ("Jake Thornton, jake@…"). */
export function emailAfter(tokens: readonly Token[], i: number): boolean {
  const from = isGap(tokens[i + 1]) ? i + 2 : i + 1;
  for (let k = from; k < Math.min(tokens.length, from + DIGIT_RUN_TOKENS) && tokens[k]!.kind !== 'space'; k++) {
    if (tokens[k]!.text === '@') return true;
  }
  return false;
}
