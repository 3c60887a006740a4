// The learned reader: a second opinion beside the urgency rules that can only raise a tip.
// Two logistic heads over hashed character and word n-grams (features.ts) give P(critical)
// and P(high or critical); a tip is raised when one of them reaches the threshold that
// cross-validation chose (npm run train). It is trained on redacted tips: give it the same
// redacted text the scorer reads. Pure: the weights come in by import and are unpacked once,
// when the module loads. The thresholds were chosen against the rules of the day, so a change
// to the rules calls for npm run train -- --eval, and a new weights file if it says so.
import { levelRank, type Level } from '../../tip';
import { decodeTable, FORMAT, HEADS, type Table, type WeightsFile } from './codec';
import { BUCKETS, FEATURE_VERSION, forEachFeature, HASH_BITS } from './features';
import weights from './weights.json' with { type: 'json' };

/** Checks a weights file against this code's hashing and unpacks it. */
export function loadModel(file: WeightsFile): LearnedModel {
  if (file.format !== FORMAT || file.featureVersion !== FEATURE_VERSION || file.hashBits !== HASH_BITS) {
    throw new Error(
      `learned reader: weights for ${file.format} v${file.featureVersion}/${file.hashBits} bits, code hashes v${FEATURE_VERSION}/${HASH_BITS} bits: run npm run train`,
    );
  }
  return { table: decodeTable(file, BUCKETS), bias: [file.bias[0]!, file.bias[1]!], thresholds: { ...file.thresholds } };
}

export interface LearnedModel {
  table: Table;
  bias: readonly [number, number];
  thresholds: { critical: number; high: number };
}

export interface LearnedReading {
  /**
   * The floor the reader vouches for: critical when P(critical) reached its threshold, else
   * high when P(high or critical) reached its own; otherwise low, which claims nothing.
   */
  level: Level;
  /** the probability behind level: P(critical) for critical, P(high or critical) otherwise */
  probability: number;
  pCritical: number;
  pHighOrAbove: number;
}

export interface Raise {
  level: Level;
  probability: number;
  /** for the assessment's rule text, e.g. "learned reader: P(critical)=0.91" */
  reason: string;
}

const shipped = loadModel(weights as WeightsFile);

// The running sums live at module scope so that scoring creates no closure per call.
let index = shipped.table.index;
let values = shipped.table.values;
let sumCritical = 0;
let sumHigh = 0;
const add = (b: number): void => {
  const slot = 2 * index[b]!;
  sumCritical += values[slot]!;
  sumHigh += values[slot + 1]!;
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

if (HEADS.length !== 2) throw new Error('learned reader: add() reads two heads');

/** The reader's probabilities and the floor they vouch for; model defaults to the shipped one. */
export function learnedLevel(text: string, model: LearnedModel = shipped): LearnedReading {
  index = model.table.index;
  values = model.table.values;
  sumCritical = 0;
  sumHigh = 0;
  const n = forEachFeature(text, add);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  const pCritical = sigmoid(model.bias[0] + sumCritical * norm);
  // the heads are trained apart; P(high or critical) can never be below P(critical)
  const pHighOrAbove = Math.max(pCritical, sigmoid(model.bias[1] + sumHigh * norm));
  if (pCritical >= model.thresholds.critical) return { level: 'critical', probability: pCritical, pCritical, pHighOrAbove };
  const level: Level = pHighOrAbove >= model.thresholds.high ? 'high' : 'low';
  return { level, probability: pHighOrAbove, pCritical, pHighOrAbove };
}

/**
 * The level the learned reader raises a tip to, above the rules' level, with a reason; or
 * undefined when it has nothing higher to say. It never returns a level at or below ruleLevel,
 * and never raises a tip the rules read as low.
 */
export function raiseByLearnedReader(ruleLevel: Level, text: string, model: LearnedModel = shipped): Raise | undefined {
  // Only where the rules found something: on a tip with no cue at all ("el bus sale a las 8 de la
  // noche del km 3") n-grams of the corpora's wording can reach a high probability by themselves.
  if (ruleLevel === 'critical' || ruleLevel === 'low') return undefined;
  const reading = learnedLevel(text, model);
  if (levelRank(reading.level) <= levelRank(ruleLevel)) return undefined;
  const what = reading.level === 'critical' ? 'P(critical)' : 'P(high or critical)';
  return { level: reading.level, probability: reading.probability, reason: `learned reader: ${what}=${reading.probability.toFixed(2)}` };
}

/** The shipped model's thresholds, for reports. */
export const learnedThresholds: Readonly<{ critical: number; high: number }> = shipped.thresholds;
