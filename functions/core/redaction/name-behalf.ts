// Someone writing in another's place, in Quechua: "payay Justa Mamanipa rantinpi qillqani" (I
// write in my grandmother Justa Mamani's place), "payaypa rantinpi qillqani, Justa Mamani sutin".
// The person written for is the tipster too, so her name goes; a name elsewhere in the message
// ("ususiy Yeni Mazukopi kachkan") is someone else's and stays.
import { collectName, type NameRange } from './name-collect';
import { nameLike } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { hasBreak, nextWord, prevWord } from './name-walk';
import { isCapitalized, normalize, type Token } from './tokens';

const BEHALF = new Set(triggers.quechuaBehalf.map(normalize));
const THEIR_NAME = new Set(triggers.quechuaTheirName.map(normalize));
// "Mamanipa", "Justaq", "Mamani-pa": the genitive on the last word of the name.
const GENITIVE = /(?:pa|q|p)$/;
const GENITIVE_SUFFIXES = new Set(['pa', 'q', 'p']);
const MAX_NAME_WORDS = 4;
// The rest of the sentence after "rantinpi" that may give her name.
const SENTENCE_TOKENS = 24;
const SENTENCE_END = new Set(['.', '!', '?', ';']);

/** "Justa Mamanipa rantinpi", "Justa Mamani-pa rantinpi": the name in the genitive before token i. */
function genitiveBefore(tokens: readonly Token[], i: number): NameRange | null {
  let last = prevWord(tokens, i);
  if (last === -1) return null;
  if (GENITIVE_SUFFIXES.has(tokens[last]!.norm) && tokens[last - 1]?.text === '-' && tokens[last - 2]?.kind === 'word') last -= 2;
  else if (!GENITIVE.test(tokens[last]!.norm) || tokens[last]!.norm.length < 4) return null;
  // "payaypa rantinpi": a kin word in lower case, not a name.
  if (!isCapitalized(tokens[last]!.text)) return null;
  let first = last;
  for (let n = 1; n < MAX_NAME_WORDS; n++) {
    const p = prevWord(tokens, first);
    if (p === -1 || !nameLike(tokens[p]!) || !isCapitalized(tokens[p]!.text)) break;
    first = p;
  }
  return { first, last, titled: false };
}

/** "Justa Mamani sutin", "sutinmi Justa Mamani": the name given with "sutin" (her name) at k. */
function theirName(tokens: readonly Token[], k: number): NameRange | null {
  const after = nextWord(tokens, k);
  if (after !== -1 && nameLike(tokens[after]!)) return collectName(tokens, after, { strong: false, maxWords: MAX_NAME_WORDS });
  let first = -1;
  for (let n = 0, p = prevWord(tokens, k); n < MAX_NAME_WORDS && p !== -1 && nameLike(tokens[p]!); n++, p = prevWord(tokens, p)) first = p;
  return first === -1 ? null : { first, last: prevWord(tokens, k), titled: false };
}

/** The names of the person the writer writes for, when token i is "rantinpi". */
export function behalfNames(tokens: readonly Token[], i: number): NameRange[] {
  if (!BEHALF.has(tokens[i]!.norm)) return [];
  const names: NameRange[] = [];
  const before = genitiveBefore(tokens, i);
  if (before) names.push(before);
  for (let k = i + 1; k < tokens.length && k <= i + SENTENCE_TOKENS; k++) {
    const t = tokens[k]!;
    if (SENTENCE_END.has(t.text) || hasBreak(t)) break;
    if (t.kind !== 'word' || !THEIR_NAME.has(t.norm)) continue;
    const name = theirName(tokens, k);
    if (name) names.push(name);
    break;
  }
  return names;
}
