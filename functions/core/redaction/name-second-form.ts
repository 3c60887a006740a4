// A second form of the writer's name right after the hidden one: "Me llamo Juan (Juancho
// Ccori)", "soy Rosa, o sea Rosita Huamán", "Rosa alias la Flaca", "Wilmer kani, Wilmer Huanca
// Ccori", and a correction ("mi nombre es Rosa⏎bueno en verdad Karen"). It is the same person,
// so it goes too.
import { collectName, endsHere, type NameRange } from './name-collect';
import { nameLike } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { hasBreak, indexPhrases, isGap, longestPhrase, nextWord, skipGap, skipSpace } from './name-walk';
import { GIVEN_NAMES } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

const SECOND_FORMS = indexPhrases(triggers.secondForms);
const CORRECTIONS = indexPhrases(triggers.corrections);
// "Wilmer kani, …", "Rosa sutiy, …": the Quechua word that closes the name.
const CLOSINGS = new Set(triggers.before.map(normalize));
const CORRECTION_MARKS = new Set(['.', ',', ';', '…', '!', '-', '–', '—']);
// "en verdad soy Karen", "digo, es Karen": a copula between the correction and the name.
const COPULAS = new Set(['es', 'soy', 'sou', 'e', 'is', "i'm", 'im', 'kani']);
const BRACKET_WORDS = 4;
const ARTICLES = new Set(['la', 'el', 'a', 'o', 'the']);
const MARKS = new Set([':', ',', '-', '–', '—']);
const QUOTES = new Set(['"', '“', '«', "'", '‘']);
const ACRONYM_LETTERS = 4;

const isAcronym = (t: Token): boolean => t.kind === 'word' && t.text.length <= ACRONYM_LETTERS && t.text.length > 1 && t.text === t.text.toUpperCase();

/** A name in brackets right after the name ending at `last`: "Juan (Juancho Ccori)". */
function bracketed(tokens: readonly Token[], open: number): NameRange | null {
  let w = skipGap(tokens, open + 1);
  if (w === -1 || tokens[w]?.kind !== 'word') return null;
  // "Juan Quispe (alias Juancho)"
  const phrase = longestPhrase(tokens, w, SECOND_FORMS);
  if (phrase !== -1) w = skipGap(tokens, phrase + 1);
  if (w === -1 || tokens[w]?.kind !== 'word') return null;
  const name = collectName(tokens, w, { strong: false, maxWords: BRACKET_WORDS });
  // "- Jocelyn (UK)": a country or an organisation in capitals, not another name.
  if (!name || tokens.slice(name.first, name.last + 1).some(isAcronym)) return null;
  const close = skipGap(tokens, name.last + 1);
  return close !== -1 && tokens[close]?.text === ')' ? name : null;
}

/** The other form of the name `name`, or null. */
export function secondForm(tokens: readonly Token[], name: NameRange): NameRange | null {
  let k = isGap(tokens[name.last + 1]) ? name.last + 2 : name.last + 1;
  if (tokens[k]?.text === '(') return bracketed(tokens, k);
  const corrected = correction(tokens, k);
  if (corrected) return corrected;
  let closed = false;
  if (tokens[k]?.kind === 'word' && CLOSINGS.has(tokens[k]!.norm)) {
    closed = true;
    k = isGap(tokens[k + 1]) ? k + 2 : k + 1;
  }
  const comma = tokens[k]?.text === ',';
  if (comma) k = skipGap(tokens, k + 1);
  if (k === -1 || tokens[k]?.kind !== 'word') return null;
  const end = longestPhrase(tokens, k, SECOND_FORMS);
  if (end === -1) return comma ? restated(tokens, name, k, closed) : null;
  let j = isGap(tokens[end + 1]) ? end + 2 : end + 1;
  if (MARKS.has(tokens[j]?.text ?? '')) j = skipGap(tokens, j + 1);
  if (j !== -1 && QUOTES.has(tokens[j]?.text ?? '')) j++;
  if (j === -1 || tokens[j]?.kind !== 'word') return null;
  // "o sea la Flaca": an article before a nickname.
  if (ARTICLES.has(tokens[j]!.norm)) {
    const n = nextWord(tokens, j);
    if (n === -1 || !nameLike(tokens[n]!)) return null;
    j = n;
  }
  return collectName(tokens, j, { strong: false });
}

/**
 * "Wilmer kani, Wilmer Huanca Ccori", "soy Rosa, Rosa Quispe Mamani.": the name again in full,
 * closing its clause. It shares a word with the first form, or follows the Quechua verb and is a
 * full name or a known given name ("Rosa kani, Yauri llaqtamanta" is where she is from).
 */
function restated(tokens: readonly Token[], name: NameRange, k: number, closed: boolean): NameRange | null {
  // "Rosa Lima, email rosa.lima@…": a contact, not the name again.
  if (!isCapitalized(tokens[k]!.text)) return null;
  const again = collectName(tokens, k, { strong: false });
  if (!again || !endsHere(tokens, again.last)) return null;
  const words = (range: NameRange) => tokens.slice(range.first, range.last + 1).filter((t) => t.kind === 'word');
  const first = new Set(words(name).map((t) => t.norm));
  const restatedWords = words(again);
  if (restatedWords.some((t) => first.has(t.norm))) return again;
  return closed && (restatedWords.length >= 2 || GIVEN_NAMES.has(restatedWords[0]!.norm)) ? again : null;
}

/** "Rosa⏎bueno en verdad Karen", "Rosa, digo, Karen": a correction after the name at k, and the name it gives. */
function correction(tokens: readonly Token[], k: number): NameRange | null {
  let j = k;
  // A mark or a new line sets the correction off: "Rosa digo que…" is not one.
  let marked = false;
  if (CORRECTION_MARKS.has(tokens[j]?.text ?? '')) {
    j++;
    marked = true;
  }
  if (tokens[j]?.kind === 'space') {
    marked ||= hasBreak(tokens[j]);
    j = skipSpace(tokens, j);
  }
  if (!marked || tokens[j]?.kind !== 'word') return null;
  const end = longestPhrase(tokens, j, CORRECTIONS);
  if (end === -1) return null;
  let n = isGap(tokens[end + 1]) ? end + 2 : end + 1;
  if (MARKS.has(tokens[n]?.text ?? '')) n = skipGap(tokens, n + 1);
  if (n !== -1 && tokens[n]?.kind === 'word' && COPULAS.has(tokens[n]!.norm)) n = nextWord(tokens, n);
  if (n !== -1 && tokens[n]?.kind === 'word' && ARTICLES.has(tokens[n]!.norm)) n = nextWord(tokens, n);
  if (n === -1 || tokens[n]?.kind !== 'word' || !nameLike(tokens[n]!)) return null;
  const name = collectName(tokens, n, { strong: false });
  return name && endsHere(tokens, name.last) ? name : null;
}
