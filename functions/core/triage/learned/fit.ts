// Training for the learned reader (npm run train), pure and deterministic: the same tips in
// the same order give the same weights file, byte for byte. Two elastic-net logistic
// regressions (P(critical), P(high or critical)) fitted by FISTA over the features of
// features.ts, each example scaled to unit length; thresholds chosen on out-of-fold
// predictions so that what the reader raises is rarely wrong. The runtime never imports
// this file.
import { levelRank, type Level } from '../../tip';
import { encodeSparse, FORMAT, HEADS, decodeTable, type WeightsFile } from './codec';
import { BUCKETS, CHAR_MAX, CHAR_MIN, FEATURE_VERSION, featureCounts, forEachFeature, HASH_BITS } from './features';
import { seededRandom } from '../../seeded-random';

export interface LabelledTip {
  id: string;
  text: string;
  level: Level;
}

export interface TrainOptions {
  /** L1 penalty: the larger, the fewer weights survive */
  l1: number;
  /** L2 penalty */
  l2: number;
  iterations: number;
  folds: number;
  seed: number;
  /** the precision that out-of-fold predictions of each level must keep at and above its threshold */
  precision: { critical: number; high: number };
  /**
   * When the rules' levels are known: how many over-triaged tips one fixed under-triage is
   * worth. Above the precision floor, each threshold is the one where raises that the rules
   * needed, times this, less raises past the true level, is largest.
   */
  underCost: number;
  /** the most buckets the file keeps, the strongest first: a cap on its size */
  maxBuckets: number;
}

export const DEFAULT_OPTIONS: TrainOptions = {
  l1: 0,
  l2: 1e-4,
  iterations: 400,
  folds: 5,
  seed: 12,
  // 98%: at 95% a leave-two-batches-out check (blind 7 and 10) paid 2% more over-triage for no more
  // under-triage fixed than 98% gave (docs/triage-quality.md)
  precision: { critical: 0.98, high: 0.98 },
  underCost: 4,
  maxBuckets: 16_000,
};

/** One tip's features, unit length. */
export interface Example {
  buckets: Int32Array;
  values: Float64Array;
}

export function toExample(text: string): Example {
  const { buckets, counts, total } = featureCounts(text);
  const norm = total > 0 ? 1 / Math.sqrt(total) : 0;
  return { buckets, values: counts.map((c) => c * norm) };
}

/** A fitted head: bias and sparse weights by bucket. */
export interface Head {
  bias: number;
  weights: Map<number, number>;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Fold number of each tip: shuffled within each level by the seed, then dealt in turn. */
export function stratifiedFolds(levels: readonly Level[], folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const out = new Int32Array(levels.length);
  let deal = 0;
  for (const level of ['critical', 'high', 'medium', 'low'] as const) {
    const idx = levels.flatMap((l, i) => (l === level ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    for (const i of idx) out[i] = deal++ % folds;
  }
  return out;
}

/**
 * Minimises mean log loss + l2/2·|w|² + l1·|w|₁ (the bias unpenalised) by FISTA with a fixed
 * step 1/L, L bounded by power iteration. Only buckets seen in training, and in allowed when
 * it is given, can get a weight. From start when given (a warm start), else from zero.
 */
export function fitHead(examples: readonly Example[], labels: ArrayLike<number>, options: TrainOptions, allowed?: ReadonlySet<number>, start?: Head): Head {
  const n = examples.length;
  // local feature numbers, in bucket order, so that nothing depends on Map insertion order
  const seen = new Set<number>();
  for (const e of examples) for (const b of e.buckets) if (!allowed || allowed.has(b)) seen.add(b);
  const buckets = Int32Array.from([...seen].sort((a, b) => a - b));
  const local = new Map<number, number>();
  buckets.forEach((b, j) => local.set(b, j));
  // the examples as one compressed sparse row matrix
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  examples.forEach((e, i) => {
    e.buckets.forEach((b, k) => {
      const j = local.get(b);
      if (j === undefined) return;
      cols.push(j);
      vals.push(e.values[k]!);
    });
    rowStart[i + 1] = cols.length;
  });
  const col = Int32Array.from(cols);
  const val = Float64Array.from(vals);
  const m = buckets.length;

  // power iteration on [X 1]ᵀ[X 1] for its largest eigenvalue
  let v = new Float64Array(m + 1).fill(1);
  let next = new Float64Array(m + 1);
  let lambda = 1;
  for (let it = 0; it < 30; it++) {
    next.fill(0);
    for (let i = 0; i < n; i++) {
      let z = v[m]!;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) z += v[col[k]!]! * val[k]!;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) next[col[k]!]! += z * val[k]!;
      next[m]! += z;
    }
    lambda = Math.sqrt(next.reduce((a, x) => a + x * x, 0));
    for (let j = 0; j <= m; j++) next[j]! /= lambda;
    [v, next] = [next, v];
  }
  const step = 1 / ((0.25 * lambda * 1.05) / n + options.l2);

  let w = new Float64Array(m);
  if (start) buckets.forEach((b, j) => (w[j] = start.weights.get(b) ?? 0));
  let nextW = new Float64Array(m);
  const yw = Float64Array.from(w);
  const grad = new Float64Array(m);
  let bias = start?.bias ?? 0;
  let yb = bias;
  let t = 1;
  const threshold = step * options.l1;
  for (let it = 0; it < options.iterations; it++) {
    grad.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      let z = yb;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) z += yw[col[k]!]! * val[k]!;
      const residual = (sigmoid(z) - labels[i]!) / n;
      gb += residual;
      for (let k = rowStart[i]!; k < rowStart[i + 1]!; k++) grad[col[k]!]! += residual * val[k]!;
    }
    for (let j = 0; j < m; j++) {
      const u = yw[j]! - step * (grad[j]! + options.l2 * yw[j]!);
      nextW[j] = u > threshold ? u - threshold : u < -threshold ? u + threshold : 0;
    }
    const nextB = yb - step * gb;
    const nextT = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const momentum = (t - 1) / nextT;
    for (let j = 0; j < m; j++) yw[j] = nextW[j]! + momentum * (nextW[j]! - w[j]!);
    yb = nextB + momentum * (nextB - bias);
    [w, nextW] = [nextW, w];
    bias = nextB;
    t = nextT;
  }
  const weights = new Map<number, number>();
  for (let j = 0; j < m; j++) if (w[j] !== 0) weights.set(buckets[j]!, w[j]!);
  return { bias, weights };
}

/**
 * The maxBuckets strongest buckets of two heads, each weight measured against its head's
 * largest (as quantise() will store it); ties by bucket number.
 */
export function strongest(heads: readonly Head[], maxBuckets: number): Set<number> {
  const top = heads.map((h) => [...h.weights.values()].reduce((a, w) => Math.max(a, Math.abs(w)), 1e-12));
  const strength = new Map<number, number>();
  heads.forEach((h, k) => {
    for (const [b, w] of h.weights) strength.set(b, Math.max(strength.get(b) ?? 0, Math.abs(w) / top[k]!));
  });
  const order = [...strength].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  return new Set(order.slice(0, maxBuckets).map(([b]) => b));
}

export function predict(head: Head, e: Example): number {
  let z = head.bias;
  for (let k = 0; k < e.buckets.length; k++) z += (head.weights.get(e.buckets[k]!) ?? 0) * e.values[k]!;
  return sigmoid(z);
}

const isCritical = (l: Level): number => (l === 'critical' ? 1 : 0);
const isHighOrAbove = (l: Level): number => (levelRank(l) >= levelRank('high') ? 1 : 0);

export interface Probabilities {
  critical: Float64Array;
  highOrAbove: Float64Array;
}

/**
 * Both heads; when together they weigh more buckets than the file may keep, both are fitted
 * again on the strongest ones only (from where they were, for half as long), so that the
 * stored model is the fitted one.
 */
function fitBoth(examples: readonly Example[], levels: readonly Level[], options: TrainOptions): [Head, Head] {
  const labels = [levels.map(isCritical), levels.map(isHighOrAbove)];
  const first: [Head, Head] = [fitHead(examples, labels[0]!, options), fitHead(examples, labels[1]!, options)];
  const used = new Set([...first[0].weights.keys(), ...first[1].weights.keys()]);
  if (used.size <= options.maxBuckets) return first;
  const keep = strongest(first, options.maxBuckets);
  const again = { ...options, iterations: Math.ceil(options.iterations / 2) };
  return [fitHead(examples, labels[0]!, again, keep, first[0]), fitHead(examples, labels[1]!, again, keep, first[1])];
}

function probabilities(heads: [Head, Head], e: Example): [number, number] {
  const c = predict(heads[0], e);
  return [c, Math.max(c, predict(heads[1], e))];
}

/** Out-of-fold probabilities: each tip scored by the model fitted without its fold. */
export function outOfFold(examples: readonly Example[], levels: readonly Level[], options: TrainOptions): Probabilities {
  const folds = stratifiedFolds(levels, options.folds, options.seed);
  const out: Probabilities = { critical: new Float64Array(examples.length), highOrAbove: new Float64Array(examples.length) };
  for (let f = 0; f < options.folds; f++) {
    const train = examples.flatMap((_, i) => (folds[i] !== f ? [i] : []));
    const heads = fitBoth(
      train.map((i) => examples[i]!),
      train.map((i) => levels[i]!),
      options,
    );
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      [out.critical[i], out.highOrAbove[i]] = probabilities(heads, e);
    });
  }
  return out;
}

/**
 * The lowest threshold (0.50 to 0.99 in steps of 0.01) at and above which every threshold
 * keeps the precision asked for: a dip below it anywhere above disqualifies the lower ones.
 * 1 (never raise) when even 0.99 does not.
 */
export function chooseThreshold(probs: ArrayLike<number>, positive: ArrayLike<number>, precision: number): number {
  let chosen = 1;
  for (let cents = 99; cents >= 50; cents--) {
    const t = cents / 100;
    let raised = 0;
    let right = 0;
    for (let i = 0; i < probs.length; i++) {
      if (probs[i]! >= t) {
        raised++;
        right += positive[i]!;
      }
    }
    if (raised > 0 && right / raised < precision) break;
    chosen = t;
  }
  return chosen;
}

/**
 * The thresholds for a set of out-of-fold probabilities. Without the rules' levels, the
 * precision floors of chooseThreshold. With them, the reader is judged by what it adds: at or
 * above each floor (and 1, never raise), the threshold where underCost × (raises to at most
 * the true level that the rules left below it) − (raises past the true level) is largest, the
 * higher one on a tie. Each level is judged on its own head.
 */
export function chooseThresholds(
  p: Probabilities,
  levels: readonly Level[],
  options: TrainOptions,
  ruleLevels?: readonly Level[],
): { critical: number; high: number } {
  const floor = {
    critical: chooseThreshold(p.critical, levels.map(isCritical), options.precision.critical),
    high: chooseThreshold(p.highOrAbove, levels.map(isHighOrAbove), options.precision.high),
  };
  if (!ruleLevels) return floor;
  const best = (from: number, raises: (t: number, i: number) => Level | undefined): number => {
    let chosen = 1;
    let top = 0;
    for (let cents = 100; cents >= Math.round(100 * from); cents--) {
      const t = cents / 100;
      let utility = 0;
      levels.forEach((truth, i) => {
        const to = raises(t, i);
        if (to === undefined) return;
        utility += levelRank(to) > levelRank(truth) ? -1 : options.underCost;
      });
      if (utility > top) {
        top = utility;
        chosen = t;
      }
    }
    return chosen;
  };
  const rank = (i: number): number => levelRank(ruleLevels[i]!);
  // as reader.ts: only tips the rules read as medium or high can be raised
  const raisable = (i: number): boolean => rank(i) >= 1;
  const high = best(floor.high, (t, i) => (p.highOrAbove[i]! >= t && raisable(i) && rank(i) < 2 ? 'high' : undefined));
  const critical = best(floor.critical, (t, i) => (p.critical[i]! >= t && raisable(i) && rank(i) < 3 ? 'critical' : undefined));
  return { critical, high };
}

/** The floor a reading vouches for, as reader.ts decides it. */
export function floorOf(pCritical: number, pHighOrAbove: number, thresholds: { critical: number; high: number }): Level {
  if (pCritical >= thresholds.critical) return 'critical';
  return pHighOrAbove >= thresholds.high ? 'high' : 'low';
}

/** Quantises both heads to signed bytes, drops what rounds to zero, keeps the strongest maxBuckets. */
export function quantise(heads: [Head, Head], maxBuckets: number): { buckets: number[]; bytes: Int8Array; scale: number[] } {
  const scale = heads.map((h) => [...h.weights.values()].reduce((a, w) => Math.max(a, Math.abs(w)), 1e-9) / 127);
  const all = new Set([...heads[0].weights.keys(), ...heads[1].weights.keys()]);
  const kept: Array<{ b: number; q: number[]; strength: number }> = [];
  for (const b of all) {
    const q = heads.map((h, k) => Math.round((h.weights.get(b) ?? 0) / scale[k]!));
    const strength = Math.max(...q.map(Math.abs));
    if (strength > 0) kept.push({ b, q, strength });
  }
  kept.sort((x, y) => y.strength - x.strength || x.b - y.b);
  const top = kept.slice(0, maxBuckets).sort((x, y) => x.b - y.b);
  const bytes = new Int8Array(top.length * HEADS.length);
  top.forEach((k, i) => k.q.forEach((q, h) => (bytes[HEADS.length * i + h] = q)));
  return { buckets: top.map((k) => k.b), bytes, scale };
}

export interface HeadFigures {
  auc: number;
  logLoss: number;
  threshold: number;
  /** tips at or above the threshold, and how many of those were right */
  raised: number;
  right: number;
  positives: number;
}

export interface TrainReport {
  tips: number;
  byLevel: Record<Level, number>;
  buckets: number;
  /** largest difference in the logit between the float model and the stored bytes, over the training tips */
  quantisationError: number;
  outOfFold: { critical: HeadFigures; highOrAbove: HeadFigures };
  /** with the rules' levels: what the out-of-fold raises above them would have done */
  againstRules?: RaiseTally;
}

export interface RaiseTally {
  raised: number;
  /** raised to at most the true level */
  right: number;
  /** raised from below the true level */
  fixed: number;
  /** raised past the true level */
  over: number;
}

/** What raising each tip to the reader's floor, where that is above the rules, does. */
export function tallyRaises(levels: readonly Level[], ruleLevels: readonly Level[], floors: readonly Level[]): RaiseTally {
  const t: RaiseTally = { raised: 0, right: 0, fixed: 0, over: 0 };
  levels.forEach((truth, i) => {
    const rule = levelRank(ruleLevels[i]!);
    const to = levelRank(floors[i]!);
    if (to <= rule || rule === 0) return;
    t.raised++;
    if (to > levelRank(truth)) t.over++;
    else t.right++;
    if (rule < levelRank(truth)) t.fixed++;
  });
  return t;
}

/** Area under the ROC curve, ties counted half. */
export function auc(probs: ArrayLike<number>, positive: ArrayLike<number>): number {
  const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[a]! - probs[b]!);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && probs[order[j]!] === probs[order[i]!]) j++;
    const mean = (i + j + 1) / 2;
    for (let k = i; k < j; k++)
      if (positive[order[k]!]) {
        rankSum += mean;
        pos++;
      }
    i = j;
  }
  const neg = order.length - pos;
  return pos === 0 || neg === 0 ? Number.NaN : (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

function figures(probs: Float64Array, positive: number[], threshold: number): HeadFigures {
  let raised = 0;
  let right = 0;
  let loss = 0;
  probs.forEach((p, i) => {
    const y = positive[i]!;
    const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
    loss -= y ? Math.log(q) : Math.log(1 - q);
    if (p >= threshold) {
      raised++;
      right += y;
    }
  });
  return {
    auc: auc(probs, positive),
    logLoss: loss / probs.length,
    threshold,
    raised,
    right,
    positives: positive.reduce((a, b) => a + b, 0),
  };
}

/**
 * Trains on every tip: out-of-fold predictions choose the thresholds, then both heads are
 * fitted on all the tips and written as a weights file.
 */
export function trainReader(
  tips: readonly LabelledTip[],
  options: TrainOptions = DEFAULT_OPTIONS,
  ruleLevels?: readonly Level[],
): { file: WeightsFile; report: TrainReport } {
  const examples = tips.map((t) => toExample(t.text));
  const levels = tips.map((t) => t.level);
  const oof = outOfFold(examples, levels, options);
  const thresholds = chooseThresholds(oof, levels, options, ruleLevels);
  const heads = fitBoth(examples, levels, options);
  const { buckets, bytes, scale } = quantise(heads, options.maxBuckets);
  const byLevel = { low: 0, medium: 0, high: 0, critical: 0 };
  for (const l of levels) byLevel[l]++;
  const file: WeightsFile = {
    format: FORMAT,
    featureVersion: FEATURE_VERSION,
    hashBits: HASH_BITS,
    bias: heads.map((h) => round(h.bias)),
    scale: scale.map(round),
    size: buckets.length,
    ...encodeSparse(buckets, bytes),
    thresholds,
    training: {
      tips: tips.length,
      byLevel,
      features: `char ${CHAR_MIN}-${CHAR_MAX}-grams + word 1-2-grams, ${HASH_BITS}-bit hash`,
      l1: options.l1,
      l2: options.l2,
      iterations: options.iterations,
      folds: options.folds,
      seed: options.seed,
      precision: options.precision,
      thresholds: ruleLevels ? `precision floor, then underCost ${options.underCost} against the rules' levels` : 'precision floor',
    },
  };
  const report: TrainReport = {
    tips: tips.length,
    byLevel,
    buckets: buckets.length,
    quantisationError: quantisationError(file, heads, tips),
    outOfFold: {
      critical: figures(oof.critical, levels.map(isCritical), thresholds.critical),
      highOrAbove: figures(oof.highOrAbove, levels.map(isHighOrAbove), thresholds.high),
    },
    ...(ruleLevels
      ? {
          againstRules: tallyRaises(
            levels,
            ruleLevels,
            levels.map((_, i) => floorOf(oof.critical[i]!, oof.highOrAbove[i]!, thresholds)),
          ),
        }
      : {}),
  };
  return { file, report };
}

/** Stored numbers rounded so that the file does not carry float noise. */
const round = (x: number): number => Number(x.toPrecision(8));

function quantisationError(file: WeightsFile, heads: [Head, Head], tips: readonly LabelledTip[]): number {
  const table = decodeTable(file, BUCKETS);
  let worst = 0;
  for (const tip of tips) {
    const sums = [0, 0];
    const n = forEachFeature(tip.text, (b) => {
      sums[0]! += table.values[2 * table.index[b]!]!;
      sums[1]! += table.values[2 * table.index[b]! + 1]!;
    });
    const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
    const e = toExample(tip.text);
    heads.forEach((h, k) => {
      let z = 0;
      for (let i = 0; i < e.buckets.length; i++) z += (h.weights.get(e.buckets[i]!) ?? 0) * e.values[i]!;
      worst = Math.max(worst, Math.abs(z + h.bias - (file.bias[k]! + sums[k]! * norm)));
    });
  }
  return worst;
}

export interface CombinationRow {
  truth: Level;
  rule: Level;
  /** the level after the learned reader, never below rule */
  combined: Level;
}

/**
 * Nested cross-validation of rules + reader: for each outer fold, the thresholds come from
 * an inner cross-validation on the other folds, the heads from all the other folds, and the
 * held-out tips are raised by them. The rules' levels are given (the rules are not trained).
 */
export function crossValidateCombination(
  tips: readonly LabelledTip[],
  ruleLevels: readonly Level[],
  options: TrainOptions = DEFAULT_OPTIONS,
): { rows: CombinationRow[]; probabilities: Probabilities; thresholds: Array<{ critical: number; high: number }>; folds: Int32Array } {
  const examples = tips.map((t) => toExample(t.text));
  const levels = tips.map((t) => t.level);
  const folds = stratifiedFolds(levels, options.folds, options.seed);
  const rows: CombinationRow[] = tips.map((t, i) => ({ truth: t.level, rule: ruleLevels[i]!, combined: ruleLevels[i]! }));
  const probs: Probabilities = { critical: new Float64Array(tips.length), highOrAbove: new Float64Array(tips.length) };
  const thresholds: Array<{ critical: number; high: number }> = [];
  for (let f = 0; f < options.folds; f++) {
    const train = examples.flatMap((_, i) => (folds[i] !== f ? [i] : []));
    const trainExamples = train.map((i) => examples[i]!);
    const trainLevels = train.map((i) => levels[i]!);
    const inner = outOfFold(trainExamples, trainLevels, { ...options, seed: options.seed + 1 + f });
    const t = chooseThresholds(
      inner,
      trainLevels,
      options,
      train.map((i) => ruleLevels[i]!),
    );
    thresholds.push(t);
    const heads = fitBoth(trainExamples, trainLevels, options);
    examples.forEach((e, i) => {
      if (folds[i] !== f) return;
      const [c, h] = probabilities(heads, e);
      probs.critical[i] = c;
      probs.highOrAbove[i] = h;
      const floor = floorOf(c, h, t);
      if (levelRank(floor) > levelRank(rows[i]!.rule)) rows[i]!.combined = floor;
    });
  }
  return { rows, probabilities: probs, thresholds, folds };
}
