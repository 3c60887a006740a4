// Token-sequence patterns: the lexicons are written as short phrases with alternatives,
// optional words and bounded gaps, and compiled once into an index on their first word.
//
// Syntax, one token per space-separated item:
//   word        the word, normalised like the text ("años" matches "anos", "añooos")
//   stem*       any word starting with the stem (stems shorter than 3 letters are refused)
//   a|b|@class  alternatives; @class expands to a named list of single-word items
//   #  #12-48   any number, or a number in a range (digits or number words)
//   item?       the item may be absent
//   ~3          up to 3 other words, never across a comma or a sentence end
// Matching is a bounded walk from each token (no backtracking regular expressions): the
// work per token is capped by pattern length times gap width, so it is linear in the text.
import { Break, normWord, type Token } from './normalize';

type Atom = { t: 'word'; w: string } | { t: 'stem'; s: string } | { t: 'num'; min: number; max: number };

type Step = { t: 'tok'; atoms: Atom[]; optional: boolean } | { t: 'gap'; max: number };

interface Pattern {
  kind: string;
  source: string;
  steps: Step[];
}

export interface Hit {
  kind: string;
  /** token index of the first word */
  start: number;
  /** token index after the last word */
  end: number;
  source: string;
}

export interface PatternEntry {
  kind: string;
  pattern: string;
}

const MIN_STEM = 3;

function parseAtom(alt: string, classes: ReadonlyMap<string, readonly string[]>, depth: number): Atom[] {
  if (alt.startsWith('@')) {
    const items = classes.get(alt.slice(1));
    if (items === undefined || depth > 2) throw new Error(`unknown lexicon class ${alt}`);
    return items.flatMap((item) => parseAtom(item, classes, depth + 1));
  }
  if (alt.startsWith('#')) {
    const range = /^#(\d+)-(\d+)$/.exec(alt);
    return [range ? { t: 'num', min: Number(range[1]), max: Number(range[2]) } : { t: 'num', min: 0, max: 9999 }];
  }
  if (alt.endsWith('*')) {
    const s = normWord(alt.slice(0, -1));
    if (s.length < MIN_STEM) throw new Error(`stem too short: ${alt}`);
    return [{ t: 'stem', s }];
  }
  if (alt.includes(' ') || alt === '') throw new Error(`bad lexicon item "${alt}"`);
  return [{ t: 'word', w: alt.startsWith('[') ? alt.toLowerCase() : normWord(alt) }];
}

function parsePattern(entry: PatternEntry, classes: ReadonlyMap<string, readonly string[]>): Pattern[] {
  const steps: Step[] = [];
  for (const item of entry.pattern.trim().split(/\s+/)) {
    const gap = /^~(\d)$/.exec(item);
    if (gap) {
      steps.push({ t: 'gap', max: Number(gap[1]) });
      continue;
    }
    const optional = item.endsWith('?') && item.length > 1;
    const body = optional ? item.slice(0, -1) : item;
    const atoms = body.split('|').flatMap((alt) => parseAtom(alt, classes, 0));
    steps.push({ t: 'tok', atoms, optional });
  }
  return withRequiredStart({ kind: entry.kind, source: entry.pattern, steps });
}

/** The index needs a required first word: "se? necesita" becomes "se necesita" and "necesita". */
function withRequiredStart(p: Pattern): Pattern[] {
  const [first, ...rest] = p.steps;
  if (first === undefined || first.t !== 'tok' || (rest.length === 0 && first.optional)) {
    throw new Error(`pattern must start with a word: "${p.source}"`);
  }
  if (!first.optional) return [p];
  return [{ ...p, steps: [{ ...first, optional: false }, ...rest] }, ...withRequiredStart({ ...p, steps: rest })];
}

function atomMatches(atom: Atom, token: Token): boolean {
  if (atom.t === 'num') return token.num !== undefined && token.num >= atom.min && token.num <= atom.max;
  for (const f of token.forms) {
    if (atom.t === 'word' ? f === atom.w : f.startsWith(atom.s)) return true;
  }
  return false;
}

function tokMatches(atoms: readonly Atom[], token: Token): boolean {
  for (let a = 0; a < atoms.length; a++) if (atomMatches(atoms[a]!, token)) return true;
  return false;
}

/** Stems by their letters: one walk down a word finds every stem it starts with, without slicing. */
interface StemNode {
  next: Map<string, StemNode>;
  ids: number[];
}

const stemNode = (): StemNode => ({ next: new Map(), ids: [] });

export class PhraseMatcher {
  private readonly patterns: Pattern[];
  private readonly byWord = new Map<string, number[]>();
  private readonly stems = stemNode();
  private readonly byNumber: number[] = [];
  /** seen[id] === epoch + i: pattern id already tried at token i of this run (reused across runs) */
  private seen: Int32Array;
  private epoch = 0;

  constructor(entries: readonly PatternEntry[], classes: ReadonlyMap<string, readonly string[]>) {
    this.patterns = entries.flatMap((e) => parsePattern(e, classes));
    this.patterns.forEach((p, id) => {
      const first = p.steps[0] as Extract<Step, { t: 'tok' }>;
      for (const atom of first.atoms) {
        if (atom.t === 'word') push(this.byWord, atom.w, id);
        else if (atom.t === 'stem') this.addStem(atom.s, id);
        else if (!this.byNumber.includes(id)) this.byNumber.push(id);
      }
    });
    this.seen = new Int32Array(this.patterns.length).fill(-1);
  }

  private addStem(stem: string, id: number): void {
    let node = this.stems;
    for (const c of stem) {
      let child = node.next.get(c);
      if (child === undefined) node.next.set(c, (child = stemNode()));
      node = child;
    }
    if (!node.ids.includes(id)) node.ids.push(id);
  }

  /** Literal words of the lexicon, for typo tolerance. */
  vocabulary(): Set<string> {
    const words = new Set<string>();
    for (const p of this.patterns) {
      for (const s of p.steps) if (s.t === 'tok') for (const a of s.atoms) if (a.t === 'word') words.add(a.w);
    }
    return words;
  }

  run(tokens: readonly Token[]): Hit[] {
    const hits: Hit[] = [];
    // a fresh stamp range per run instead of a fresh array: tips are scored by the thousand
    if (this.epoch > 2_000_000_000 - tokens.length) {
      this.seen.fill(-1);
      this.epoch = 0;
    }
    const base = this.epoch;
    this.epoch += tokens.length + 1;
    const seen = this.seen;
    const candidates: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const stamp = base + i;
      candidates.length = 0;
      for (const f of token.forms) {
        this.collect(this.byWord.get(f), seen, stamp, candidates);
        let node: StemNode | undefined = this.stems;
        for (let c = 0; c < f.length && node !== undefined; c++) {
          node = node.next.get(f[c]!);
          if (node !== undefined && node.ids.length > 0) this.collect(node.ids, seen, stamp, candidates);
        }
      }
      if (token.num !== undefined) this.collect(this.byNumber, seen, stamp, candidates);
      for (const id of candidates) {
        const p = this.patterns[id]!;
        const end = matchAt(p.steps, tokens, i);
        if (end !== undefined) hits.push({ kind: p.kind, start: i, end, source: p.source });
      }
    }
    return hits;
  }

  /** Adds the patterns of one index entry that were not yet tried at this token. */
  private collect(ids: readonly number[] | undefined, seen: Int32Array, stamp: number, into: number[]): void {
    if (ids === undefined) return;
    for (const id of ids) {
      if (seen[id] !== stamp) {
        seen[id] = stamp;
        into.push(id);
      }
    }
  }
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [id]);
  else if (!list.includes(id)) list.push(id);
}

/** Earliest end of a match starting at token `i`, or undefined. */
function matchAt(steps: readonly Step[], tokens: readonly Token[], i: number): number | undefined {
  // hot path: written without closures or spreads, it runs for every candidate at every token
  let cur: number[] = [i];
  for (let si = 0; si < steps.length; si++) {
    const step = steps[si]!;
    const next: number[] = [];
    for (let ci = 0; ci < cur.length; ci++) {
      const pos = cur[ci]!;
      if (step.t === 'gap') {
        addPosition(next, pos);
        for (let k = 1; k <= step.max; k++) {
          const skipped = tokens[pos + k - 1];
          if (skipped === undefined || skipped.brk !== Break.None) break;
          const after = tokens[pos + k];
          if (after !== undefined && after.brk !== Break.None) break;
          addPosition(next, pos + k);
        }
      } else {
        if (step.optional) addPosition(next, pos);
        const token = tokens[pos];
        if (token === undefined) continue;
        if (pos > i && token.brk === Break.Hard) continue;
        if (tokMatches(step.atoms, token)) addPosition(next, pos + 1);
      }
    }
    if (next.length === 0) return undefined;
    cur = next;
  }
  let end = cur[0]!;
  for (let ci = 1; ci < cur.length; ci++) if (cur[ci]! < end) end = cur[ci]!;
  return end;
}

function addPosition(list: number[], pos: number): void {
  if (!list.includes(pos)) list.push(pos);
}
