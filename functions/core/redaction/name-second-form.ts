// A second form of the writer's name right after the hidden one: "Me llamo Juan (Juancho
// Ccori)", "soy Rosa, o sea Rosita Huamán", "Rosa alias la Flaca". It is the same person, so it
// goes too.
import { collectName, type NameRange } from './name-collect';
import { nameLike } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { indexPhrases, isGap, longestPhrase, nextWord, skipGap } from './name-walk';
import type { Token } from './tokens';

const SECOND_FORMS = indexPhrases(triggers.secondForms);
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

/** The other form of the name that ends at token `last`, or null. */
export function secondForm(tokens: readonly Token[], last: number): NameRange | null {
  let k = isGap(tokens[last + 1]) ? last + 2 : last + 1;
  if (tokens[k]?.text === '(') return bracketed(tokens, k);
  if (tokens[k]?.text === ',') k = skipGap(tokens, k + 1);
  if (k === -1 || tokens[k]?.kind !== 'word') return null;
  const end = longestPhrase(tokens, k, SECOND_FORMS);
  if (end === -1) return null;
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
