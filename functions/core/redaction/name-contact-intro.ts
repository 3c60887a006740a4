// A name that introduces the writer's own contact: "si quieren más info: Lic. Ana Torres, cel
// …", "you can contact me: Dan 📱 …", and a titled name opening a line with its contact ("Ing.
// Pablo Ruiz / cel …", "Prof. Ruth Mamani — DNI …"). "el Chato, su cel …" is someone else's.
import { collectName, type NameRange } from './name-collect';
import { CONTACT_WORDS, emailAfter, phoneAt } from './name-contact';
import triggers from './name-triggers.json' with { type: 'json' };
import { hasBreak, indexPhrases, isGap, longestPhrase, pastAside } from './name-walk';
import { NOT_NAMES, PLACES, STOP_WORDS } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

const CONTACT_CUES = indexPhrases(triggers.contactCues);
const LINE_TITLES = new Set(triggers.signingTitles.map(normalize));
const CUE_MARKS = new Set([':', ',', '-', '–', '—', '=', '→', '>', '.']);
const SEPARATOR = /^(?:[,:;\-–—/|·•(=>]|\p{Extended_Pictographic}|\p{M}+)$/u;
const SEPARATOR_TOKENS = 8;
const CONTACT_NAME_WORDS = 4;

/** The writer's contact right after the name: a phone, an e-mail or a contact word, past separators and emoji. */
function contactAfter(tokens: readonly Token[], last: number): boolean {
  let k = last + 1;
  for (let n = 0; n < SEPARATOR_TOKENS && tokens[k] && (isGap(tokens[k]) || (tokens[k]!.kind !== 'word' && SEPARATOR.test(tokens[k]!.text))); n++) k++;
  const t = tokens[k];
  if (!t) return false;
  if (t.kind === 'num' || t.text === '+') return phoneAt(tokens, k, 1);
  return t.kind === 'word' && (CONTACT_WORDS.has(t.norm) || emailAfter(tokens, k - 1));
}

/** "Dan": one capitalised word that is no function word, role or place ("dan" is also Spanish). */
function capitalisedWord(tokens: readonly Token[], p: number): NameRange | null {
  const t = tokens[p]!;
  if (!isCapitalized(t.text) || STOP_WORDS.has(t.norm) || NOT_NAMES.has(t.norm) || PLACES.has(t.norm)) return null;
  return { first: p, last: p, titled: false };
}

/** The first token after a contact cue ending at `end`: past a mark, a line break and an aside. */
function afterCue(tokens: readonly Token[], end: number): number {
  let j = end + 1;
  if (tokens[j]?.kind === 'space') j++;
  if (CUE_MARKS.has(tokens[j]?.text ?? '')) {
    j++;
    if (tokens[j]?.kind === 'space') j++;
  }
  return pastAside(tokens, j);
}

/** The writer's name that introduces their contact at token i, or null. */
export function contactIntroName(tokens: readonly Token[], i: number): NameRange | null {
  const cue = longestPhrase(tokens, i, CONTACT_CUES);
  if (cue !== -1) {
    const j = afterCue(tokens, cue);
    if (tokens[j]?.kind !== 'word') return null;
    const name = collectName(tokens, j, { strong: false, maxWords: CONTACT_NAME_WORDS }) ?? capitalisedWord(tokens, j);
    return name && contactAfter(tokens, name.last) ? name : null;
  }
  // "Ing. Pablo Ruiz / cel …": a signing title opens the line.
  if (!LINE_TITLES.has(tokens[i]!.norm) || !(i === 0 || hasBreak(tokens[i - 1]))) return null;
  const name = collectName(tokens, i, { strong: false, maxWords: CONTACT_NAME_WORDS });
  return name?.titled && contactAfter(tokens, name.last) ? name : null;
}
