// The weights file: two logistic heads over the same hashed features, stored sparse. Bucket
// numbers are sorted and written as base-128 varint gaps, the weights as one signed byte per
// head (w = byte × scale), both in base64, so that a few thousand weights fit in tens of KB.

export const FORMAT = 'tipline-learned-reader';
/** head 0: P(critical); head 1: P(high or critical) */
export const HEADS = ['critical', 'highOrAbove'] as const;

export interface WeightsFile {
  format: typeof FORMAT;
  featureVersion: number;
  hashBits: number;
  /** one per head, in HEADS order */
  bias: number[];
  /** one per head: a stored byte b stands for the weight b × scale */
  scale: number[];
  /** how many buckets carry a weight */
  size: number;
  /** base64 of the varint gaps between sorted bucket numbers */
  buckets: string;
  /** base64 of the signed bytes, HEADS.length per bucket, interleaved */
  weights: string;
  /** raise to a level when its probability is at or above this */
  thresholds: { critical: number; high: number };
  /** how the file was made, for people; the reader ignores it */
  training: Record<string, unknown>;
}

const toBase64 = (bytes: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

const fromBase64 = (text: string): Uint8Array => {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
};

/** Sorted bucket numbers and their bytes (HEADS.length per bucket) into the file's two strings. */
export function encodeSparse(buckets: readonly number[], bytes: Int8Array): { buckets: string; weights: string } {
  const gaps: number[] = [];
  let prev = 0;
  for (const b of buckets) {
    let gap = b - prev;
    prev = b;
    while (gap >= 0x80) {
      gaps.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    gaps.push(gap);
  }
  return { buckets: toBase64(Uint8Array.from(gaps)), weights: toBase64(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)) };
}

/**
 * The file unpacked for scoring: index maps every bucket to a slot (0: no weight), values holds
 * HEADS.length floats per slot, slot 0 all zeros, so a lookup needs no branch. A slot index
 * rather than a dense float table keeps the memory a cold start touches small (about 0.6 MB).
 */
export interface Table {
  index: Uint16Array;
  values: Float32Array;
}

export function decodeTable(file: WeightsFile, buckets: number): Table {
  const heads = HEADS.length;
  if (file.size >= 0xffff) throw new Error(`learned reader: ${file.size} buckets, at most ${0xffff - 1} fit a slot index`);
  const index = new Uint16Array(buckets);
  const values = new Float32Array(heads * (file.size + 1));
  const gaps = fromBase64(file.buckets);
  const bytes = new Int8Array(fromBase64(file.weights).buffer);
  if (bytes.length !== heads * file.size) throw new Error(`learned reader: ${bytes.length} weights for ${file.size} buckets`);
  let at = 0;
  let b = 0;
  for (let k = 0; k < file.size; k++) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const byte = gaps[at++];
      if (byte === undefined) throw new Error('learned reader: bucket list ends early');
      gap |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    b += gap;
    if (b >= buckets) throw new Error(`learned reader: bucket ${b} outside the hash space`);
    index[b] = k + 1;
    for (let h = 0; h < heads; h++) values[heads * (k + 1) + h] = bytes[heads * k + h]! * file.scale[h]!;
  }
  return { index, values };
}
