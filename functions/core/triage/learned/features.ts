// The learned reader's features: hashed character 3- to 5-grams of a folded text and hashed
// word unigrams and bigrams. One function serves the trainer and the reader, so both sides
// always hash the same way. Scoring a tip in Latin script allocates nothing but, the first
// time a text is longer than any before, a bigger work buffer; letters of other scripts are
// folded through a short string each.

/** Bumped whenever the hashing changes: a weights file trained on another version is refused. */
export const FEATURE_VERSION = 2;
export const HASH_BITS = 18;
export const BUCKETS = 1 << HASH_BITS;
export const CHAR_MIN = 3;
export const CHAR_MAX = 5;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SPACE = 0x20;
/** Salts keep the kinds of feature apart: the 3-gram "de " is not the word "de". */
const SALT_CHAR = [0, 0, 0, 0x3c6ef372, 0x5bd1e995, 0x27d4eb2f];
const SALT_WORD = 0x7f4a7c15;
const SALT_BIGRAM = 0x165667b1;
const SALT_NEGATED = 0x61c88647;
/** a number from 1 to 17 written in digits, which is how tipsters give a minor's age */
const UNDER_18 = 0x2545f491;
/**
 * Words after one of these, up to NEGATION_REACH of them, count as other words ("no la tienen
 * encerrada": encerrada-negated), so that a denial need not weigh like an assertion.
 */
// English contractions arrive split at the apostrophe: "didn t"
const NEGATORS = ['no', 'ni', 'nunca', 'jamas', 'tampoco', 'not', 'never', 'nor', 'dont', 'didn', 'doesn', 'isn', 'wasn', 'aren', 'weren', 'haven', 'hasn'];
const NEGATION_REACH = 3;

/** murmur3's finaliser: FNV alone leaves the low bits poorly mixed for short keys. */
function bucket(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> (32 - HASH_BITS);
}

const isFoldable = /^[\p{L}\p{N}]$/u;

/** Lower case without accents for one UTF-16 unit, or 0 for a separator. */
function foldUnit(code: number): number {
  if (code >= 0xd800 && code <= 0xdfff) return 0; // emoji and other astral symbols separate words
  const plain = String.fromCharCode(code).toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return plain.length > 0 && isFoldable.test(plain[0]!) ? plain.charCodeAt(0) : 0;
}

/** Latin-1 and Latin Extended-A/B folded once; other scripts are folded on the fly. */
const FOLD = new Uint16Array(0x250);
for (let c = 0; c < FOLD.length; c++) FOLD[c] = foldUnit(c);
const fold = (code: number): number => (code < FOLD.length ? FOLD[code]! : foldUnit(code));
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

let buffer = new Uint16Array(512);

/** The same FNV-1a hash the word loop computes, for an already folded word. */
function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}
const NEGATOR_HASHES = new Set(NEGATORS.map(wordHash));

/**
 * Folds text into the work buffer: lower case, accents stripped ("niña" -> "nina"), every run
 * of non-letters one space, a letter written three or more times in a row once ("ayudaaa"),
 * one space at each end. Returns the length used.
 */
function foldInto(text: string): number {
  if (buffer.length < text.length + 2) buffer = new Uint16Array(2 * text.length + 2);
  const buf = buffer;
  let n = 0;
  buf[n++] = SPACE;
  let last = SPACE;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = fold(text.charCodeAt(i));
    if (c === 0) {
      if (last !== SPACE) buf[n++] = last = SPACE;
      run = 0;
      continue;
    }
    if (c === last && !isDigit(c)) {
      run++;
      if (run === 3) n--; // "aaa": take back the second a, keep the first
      if (run >= 3) continue;
    } else run = 1;
    buf[n++] = last = c;
  }
  if (last !== SPACE) buf[n++] = SPACE;
  return n;
}

/**
 * Calls visit with the bucket of every feature occurrence in the text and returns how many
 * there were. A feature is counted as often as it occurs.
 */
export function forEachFeature(text: string, visit: (bucket: number) => void): number {
  const n = foldInto(text);
  const buf = buffer;
  let count = 0;
  // character n-grams over the folded text, spaces included so that word edges count
  for (let i = 0; i + CHAR_MIN <= n; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < CHAR_MAX && i + k < n; k++) {
      h = Math.imul(h ^ buf[i + k]!, FNV_PRIME);
      if (k + 1 >= CHAR_MIN) {
        visit(bucket(h ^ SALT_CHAR[k + 1]!));
        count++;
      }
    }
  }
  // words (those under a negation apart) and word pairs
  let prev = 0;
  let negated = 0;
  let i = 1;
  while (i < n) {
    let h = FNV_OFFSET;
    let digits = 0;
    let value = 0;
    const start = i;
    for (; i < n && buf[i] !== SPACE; i++) {
      const c = buf[i]!;
      h = Math.imul(h ^ c, FNV_PRIME);
      if (isDigit(c)) {
        digits++;
        value = 10 * value + (c - 0x30);
      }
    }
    const length = i - start;
    i++; // the space after the word
    if (length === 0) continue;
    if (negated > 0) {
      visit(bucket(h ^ SALT_NEGATED));
      negated--;
    } else visit(bucket(h ^ SALT_WORD));
    count++;
    if (NEGATOR_HASHES.has(h)) negated = NEGATION_REACH;
    if (prev !== 0) {
      visit(bucket(Math.imul(prev, 0x9e3779b1) ^ h ^ SALT_BIGRAM));
      count++;
    }
    if (digits === length && length <= 2 && value >= 1 && value <= 17) {
      visit(bucket(UNDER_18));
      count++;
    }
    prev = h | 1;
  }
  return count;
}

/** The features of one text as sorted buckets with their counts: for training, not scoring. */
export function featureCounts(text: string): { buckets: Int32Array; counts: Float64Array; total: number } {
  const seen = new Map<number, number>();
  const total = forEachFeature(text, (b) => seen.set(b, (seen.get(b) ?? 0) + 1));
  const buckets = Int32Array.from([...seen.keys()].sort((a, b) => a - b));
  const counts = Float64Array.from(buckets, (b) => seen.get(b)!);
  return { buckets, counts, total };
}
