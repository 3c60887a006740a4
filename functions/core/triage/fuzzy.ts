// Typo tolerance for long words only ("golpeaon", "encerada", "prostibal"): one edit away
// from a lexicon word of 6+ letters. Short words are never corrected: "mala"/"mina" or
// "pega"/"paga" are one edit apart and mean different things.
//
// Candidates come from a deletion index (each word and its one-letter deletions), so a
// look-up costs a few map reads per token instead of a scan of the vocabulary.

const MIN_LENGTH = 6;
const MEMO_LIMIT = 20_000;

/** Damerau (adjacent transposition) distance, stopped as soon as it exceeds 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

export class TypoIndex {
  private readonly exact: ReadonlySet<string>;
  private readonly index = new Map<string, string[]>();
  private readonly longest: number;

  /**
   * @param vocabulary lexicon words (normalised)
   * @param realWords common words that sit one edit from a lexicon word and must not be
   *   corrected into it ("mejores" is not "menores", "enterrada" is not "encerrada")
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly realWords: ReadonlySet<string>,
  ) {
    const all = new Set(vocabulary);
    this.exact = all;
    this.longest = Math.max(0, ...[...all].map((w) => w.length));
    for (const w of all) {
      if (w.length < MIN_LENGTH || /\d/.test(w)) continue;
      for (const key of [w, ...deletions(w)]) {
        const list = this.index.get(key);
        if (list === undefined) this.index.set(key, [w]);
        else if (!list.includes(w)) list.push(w);
      }
    }
  }

  /** Words already looked up: tips repeat their words, and a look-up builds every deletion. */
  private readonly memo = new Map<string, string | null>();

  /** The lexicon word a misspelt token stands for, if exactly one is within one edit. */
  correct(word: string): string | undefined {
    const known = this.memo.get(word);
    if (known !== undefined) return known ?? undefined;
    const found = this.lookUp(word);
    // bounded, so that a stream of unique junk words cannot grow it without end
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(word, found ?? null);
    return found;
  }

  private lookUp(word: string): string | undefined {
    // a token longer than any lexicon word cannot be one edit from it; checking first also keeps
    // a 10,000-letter token from costing 10,000 deletions of 10,000 letters
    if (word.length > this.longest + 1) return undefined;
    if (word.length < MIN_LENGTH - 1 || this.exact.has(word) || this.realWords.has(word) || /\d/.test(word)) {
      return undefined;
    }
    const found = new Set<string>();
    for (const key of [word, ...deletions(word)]) {
      for (const w of this.index.get(key) ?? []) {
        // typos rarely hit the first letter; requiring it keeps corrections conservative
        if (w[0] === word[0] && withinOneEdit(word, w)) found.add(w);
      }
    }
    return found.size === 1 ? [...found][0] : undefined;
  }
}
