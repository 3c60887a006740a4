// Names that end or open a message without a closing phrase: the last line or sentence
// ("… disregard. - Sarah", "Please act quickly. Sarah Pemberton, +44 …"), an opening that
// signs ("Rev. Thomas Baker here"), and a name in brackets with its phone ("(Milagros)").
import { collectName, endsHere, type NameRange } from './name-collect';
import { SIGN_OFFS } from './name-closings';
import { contactFollows, CONTACT_TAIL_CHARS, contactTail, emailAfter, nameWords, nothingAfter, phoneAt } from './name-contact';
import { GREETINGS, HONORIFICS, known, nameLike, OWNER_WORDS } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { hasBreak, indexPhrases, isGap, longestPhrase, markBefore, nextWord, sentenceStart, skipGap } from './name-walk';
import { GIVEN_NAMES, NOT_NAMES, PLACES, STOP_WORDS } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

const PAREN_WORDS = 3;
// Only the end of a message is read for a bare signature: a bounded window keeps this linear.
const TAIL_CHARS = 240;
const THANKS_LINE_WORDS = 40;
const DASHES = new Set(['-', '–', '—']);

/**
 * "- Dan": after a dash, a capitalised word that is not a function word, a role or a place ("dan"
 * is also Spanish). A lone letter is not a name: "- S/ 300" is a list of prices in soles.
 */
function dashedWord(tokens: readonly Token[], p: number): NameRange | null {
  const t = tokens[p]!;
  if (t.text.length < 2 || tokens[p + 1]?.text === '/') return null;
  if (!isCapitalized(t.text) || STOP_WORDS.has(t.norm) || NOT_NAMES.has(t.norm) || PLACES.has(t.norm)) return null;
  return { first: p, last: p, titled: false };
}

/** "MDD", "ONG": a short word in capitals that is not a known name is an acronym. */
const isAcronym = (t: Token): boolean => t.text.length <= 4 && t.text === t.text.toUpperCase() && !known(t.norm);

/** The line before the last holds a thanks ("Gracias por todo⏎Rosa") or only a greeting ("Buenas noches⏎Rosa"). */
function thanksLineBefore(tokens: readonly Token[], lineStart: number): boolean {
  let k = lineStart - 2;
  let greetingOnly = true;
  for (let n = 0; k >= 0 && n < THANKS_LINE_WORDS * 2 && !hasBreak(tokens[k]); n++, k--) {
    const t = tokens[k]!;
    if (t.kind === 'word' && longestPhrase(tokens, k, SIGN_OFFS) !== -1) return true;
    if (t.kind === 'word' || t.kind === 'num') greetingOnly &&= GREETINGS.has(t.norm);
  }
  return greetingOnly && k < lineStart - 2;
}

/** ", Elmer" after a phone: the comma follows a number. */
function afterPhoneComma(tokens: readonly Token[], p: number): boolean {
  let k = p - 1;
  if (isGap(tokens[k])) k--;
  if (tokens[k]?.text !== ',') return false;
  return tokens[k - 1]?.kind === 'num';
}

/**
 * A name that ends the message on its own: the last line, the last sentence, or after a dash
 * ("… disregard. - Sarah", "Please act quickly. Sarah Pemberton, +44 …", "-Rosa"). Bare, it
 * must look like a person: a title, a known given name, or two capitalised name words with
 * a known one or a contact after them. A place, a bar or a plea on the last line stays.
 */
export function trailingName(tokens: readonly Token[]): NameRange | null {
  let e = tokens.length - 1;
  while (e >= 0 && tokens[e]!.kind !== 'word' && tokens[e]!.kind !== 'num') e--;
  if (e < 0) return null;
  let lineStart = e;
  const floor = tokens[e]!.end - TAIL_CHARS;
  while (lineStart > 0 && !hasBreak(tokens[lineStart - 1]) && tokens[lineStart - 1]!.start >= floor) lineStart--;
  const wholeLine = lineStart === 0 || hasBreak(tokens[lineStart - 1]);
  for (let p = lineStart; p <= e; p++) {
    const t = tokens[p]!;
    if (t.kind !== 'word') continue;
    const onLine = p === lineStart && wholeLine;
    const phoneComma = afterPhoneComma(tokens, p);
    if (!onLine && !sentenceStart(tokens, p) && !phoneComma) continue;
    const dash = DASHES.has(markBefore(tokens, p));
    const name = collectName(tokens, p, { strong: false, maxWords: 4 }) ?? (dash ? dashedWord(tokens, p) : null);
    if (!name || !endsHere(tokens, name.last) || !contactTail(tokens, name.last)) continue;
    const words = nameWords(tokens, name).filter((w) => w.text.length > 1);
    if (words.some(isAcronym)) continue;
    const capitalised = words.every((w) => isCapitalized(w.text) || known(w.norm));
    const firstKnown = GIVEN_NAMES.has(tokens[name.first]!.norm);
    const anyKnown = words.some((w) => known(w.norm));
    const signed =
      dash ||
      name.titled ||
      (onLine && p > 0 && thanksLineBefore(tokens, p)) ||
      (capitalised && firstKnown) ||
      (capitalised && ((words.length >= 2 && anyKnown) || contactFollows(tokens, name.last))) ||
      (phoneComma && capitalised && nothingAfter(tokens, name.last));
    if (signed) return name;
  }
  return null;
}

/**
 * "982 114 905 (Milagros)": a name in brackets right after a phone is the contact's; so is
 * one in brackets with its phone or e-mail ("(Sarah Whitfield, +51 …)").
 */
export function contactParenName(tokens: readonly Token[], i: number): NameRange | null {
  const w = skipGap(tokens, i + 1);
  if (w === -1 || tokens[w]?.kind !== 'word') return null;
  const name = collectName(tokens, w, { strong: false, maxWords: PAREN_WORDS });
  if (!name) return null;
  const close = skipGap(tokens, name.last + 1);
  if (close === -1 || tokens[close] === undefined) return null;
  if (tokens[close]!.text === ')') return phoneAt(tokens, i - 1, -1) ? name : null;
  if (tokens[close]!.text !== ',') return null;
  return phoneAt(tokens, close + 1, 1) || emailAfter(tokens, close) ? name : null;
}

const LEAD_TITLES = new Set(triggers.signingTitles.map(normalize));
const LEAD_AFTER = indexPhrases(triggers.leadAfter.map((p) => p.split(' ')));

/**
 * A message that opens with its writer: "Rev. Thomas Baker here", "Pastor Edivaldo Nogueira
 * novamente", "Padre Anselmo, de Huepetuhe", "Rosa Quispe aquí".
 */
export function leadingName(tokens: readonly Token[]): NameRange | null {
  let w = 0;
  while (tokens[w] && (tokens[w]!.kind !== 'word' || GREETINGS.has(tokens[w]!.norm))) {
    if (hasBreak(tokens[w]) && w > 0) break;
    w++;
  }
  if (tokens[w]?.kind !== 'word') return null;
  const titled = LEAD_TITLES.has(tokens[w]!.norm);
  const name = collectName(tokens, w, { strong: false, maxWords: 4 });
  // "Irmã aqui de Assis Brasil": a title alone is not a name.
  if (!name || (!titled && !nameLike(tokens[name.first]!)) || (name.first === name.last && HONORIFICS.has(tokens[name.first]!.norm))) return null;
  let k = skipGap(tokens, name.last + 1);
  if (k === -1 || tokens[k] === undefined) return null;
  if (tokens[k]!.kind === 'word') return longestPhrase(tokens, k, LEAD_AFTER) !== -1 ? name : null;
  if (tokens[k]!.text !== ',') return null;
  if (contactInHeader(tokens, k)) return name;
  if (!titled) return null;
  // "Padre Anselmo, de Huepetuhe."
  k = skipGap(tokens, k + 1);
  const place = k === -1 ? -1 : nextWord(tokens, k);
  return place !== -1 && OWNER_WORDS.has(tokens[k]!.norm) && PLACES.has(tokens[place]!.norm) ? name : null;
}

/**
 * "Sarah Whitfield, Amazon Labor Rights Project, s.whitfield@…, +1 …": after the opening name,
 * only capitalised words and marks up to a phone or an e-mail.
 */
function contactInHeader(tokens: readonly Token[], comma: number): boolean {
  const limit = tokens[comma]!.end + CONTACT_TAIL_CHARS;
  for (let k = comma + 1; k < tokens.length && tokens[k]!.start < limit; k++) {
    const t = tokens[k]!;
    if (t.text === '@' || phoneAt(tokens, k, 1)) return true;
    if (hasBreak(t) || (t.kind === 'word' && !isCapitalized(t.text) && !isGlued(tokens, k)) || t.text === '.') {
      if (t.text === '.' && tokens[k + 1]?.kind !== 'space') continue;
      return false;
    }
  }
  return false;
}

/** A word glued to the next token (the local part of an e-mail, "s.whitfield"). */
const isGlued = (tokens: readonly Token[], k: number): boolean => tokens[k + 1] !== undefined && tokens[k + 1]!.kind !== 'space';
