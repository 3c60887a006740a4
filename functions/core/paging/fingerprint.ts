// What paging keeps of a tip to tell a duplicate: never its text or its sender. Two marks:
//
// - the sender: a hash of the contact key under a fixed label, so that the paging table cannot
//   be joined with the contact vault or the thread pointers, which are keyed by the contact key
//   itself (web tips have none);
// - the text: a b-bit MinHash sketch (Li and König, "b-Bit Minwise Hashing", WWW 2010) of the
//   normalised text's 5-character shingles. 128 hash functions, and of each minimum only its
//   low 4 bits: 512 bits in all. It estimates the Jaccard similarity of two texts' shingle sets
//   (standard error about 0.04 near 0.8) and holds no shingle: each stored value is shared by a
//   sixteenth of all shingles, so the text cannot be read back out of it; a text can only be
//   confirmed by someone who already has it, which is what comparing needs.
//
// Why characters and not words: tips are short and typed on phones; one changed word ("16" for
// "15", a typo, a marker) moves a handful of 5-character shingles but a third of the word
// triples of a ten-word tip. Why 0.8: the same message re-sent with a word or two changed scores
// 0.8-0.95; two people describing the same bar in their own words share few shingles and score
// below 0.4 (test/unit/paging-fingerprint.test.ts holds both, and that no two distinct tips of
// the dev corpus come near the threshold).
import { createHash } from 'node:crypto';

export const SHINGLE_LENGTH = 5;
export const SKETCH_HASHES = 128;
const BITS = 4;
const BUCKETS = 2 ** BITS;
/** Estimated Jaccard similarity at or above which a text is a near-identical copy. */
export const NEAR_IDENTICAL = 0.8;
/** Hex, one digit per hash function. */
export const SKETCH_PATTERN = new RegExp(`^[0-9a-f]{${SKETCH_HASHES}}$`);

/** Lower case, no accents, placeholders as plain words, every run of non-letters one space. */
export function normaliseForSketch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function shingles(text: string): Set<string> {
  const normal = normaliseForSketch(text);
  if (normal.length <= SHINGLE_LENGTH) return new Set(normal ? [normal] : []);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE_LENGTH <= normal.length; i++) out.add(normal.slice(i, i + SHINGLE_LENGTH));
  return out;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Fixed seeds: a sketch must compare with one made by another function, on another day.
const SEEDS = Array.from({ length: SKETCH_HASHES }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

/** The text's sketch (hex), or undefined when it has no letter or digit to compare. */
export function textSketch(text: string): string | undefined {
  const set = shingles(text);
  if (set.size === 0) return undefined;
  const minima = new Array<number>(SKETCH_HASHES).fill(0xffffffff);
  for (const shingle of set) {
    const base = fnv1a(shingle);
    for (let i = 0; i < SKETCH_HASHES; i++) {
      const h = mix(base ^ SEEDS[i]!);
      if (h < minima[i]!) minima[i] = h;
    }
  }
  return minima.map((m) => (m % BUCKETS).toString(16)).join('');
}

/**
 * Estimated Jaccard similarity of the texts two sketches were made of: the share of equal
 * values, less the share two unrelated texts would match by chance (1/16).
 */
export function similarity(a: string, b: string): number {
  if (a.length !== SKETCH_HASHES || b.length !== SKETCH_HASHES) return 0;
  let equal = 0;
  for (let i = 0; i < SKETCH_HASHES; i++) if (a[i] === b[i]) equal++;
  const chance = 1 / BUCKETS;
  return Math.max(0, (equal / SKETCH_HASHES - chance) / (1 - chance));
}

/** The sender's mark: unlinkable to the tables keyed by the contact key. */
export function contactMark(contactKey: string): string {
  return createHash('sha256').update(`tipline paging duplicate\u0000${contactKey}`).digest('hex').slice(0, 32);
}

export interface TipFingerprint {
  contact?: string;
  sketch?: string;
}
