// Trains the learned reader (functions/core/triage/learned/) on labelled JSON-lines corpora
// and writes its weights file; deterministic: the same corpora give the same file.
//
//   npm run train                          every test/corpus/*.jsonl, writes weights.json
//   npm run train -- FILE...               those corpora instead
//   npm run train -- --eval [FILE...]      rules alone vs rules + reader, nested 5-fold
//                                          cross-validation; writes nothing
//   npm run train -- --out PATH            write the weights elsewhere
//
// Like the pipeline, both the reader and the rules see the tips after redaction.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { redactIdentifiers } from '../functions/core/redaction/redact';
import { LEVELS, levelRank, type Level } from '../functions/core/tip';
import {
  crossValidateCombination,
  DEFAULT_OPTIONS,
  floorOf,
  tallyRaises,
  trainReader,
  type HeadFigures,
  type LabelledTip,
  type TrainOptions,
} from '../functions/core/triage/learned/fit';
import { triageMetrics, type CorpusRow } from '../functions/core/triage/metrics';
import { scoreUrgency } from '../functions/core/triage/score';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORPUS_DIR = join(ROOT, 'test', 'corpus');
const WEIGHTS = join(ROOT, 'functions', 'core', 'triage', 'learned', 'weights.json');

const USAGE = `usage: npm run train -- [--eval] [--out PATH] [--precision P] [--under-cost K] [--l1 X] [--l2 X] [FILE.jsonl...]
  FILE...     labelled corpora, {"id","text","level",...} a line (default: test/corpus/*.jsonl)
  --eval      print rules alone vs rules + learned reader (nested ${DEFAULT_OPTIONS.folds}-fold cross-validation); writes nothing
  --out PATH  where to write the weights (default: ${relative(ROOT, WEIGHTS)})
  --precision P   out-of-fold precision each raise threshold must keep (default ${DEFAULT_OPTIONS.precision.critical})
  --under-cost K  one under-triage fixed is worth K over-triages added (default ${DEFAULT_OPTIONS.underCost})
  --l1 X, --l2 X  penalties (default ${DEFAULT_OPTIONS.l1}, ${DEFAULT_OPTIONS.l2})`;

const row = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  level: z.enum(LEVELS),
  /** what the rules said before anyone read the tip (blind batches): the misses the reader is for */
  firstSightLevel: z.enum(LEVELS).optional(),
});

interface Tip extends LabelledTip {
  corpus: string;
  firstSightLevel?: Level;
  /** the text as the pipeline scores it */
  redacted: string;
}

function readCorpus(file: string): Tip[] {
  const corpus = basename(file);
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((raw, n) => {
      if (!raw.trim()) return [];
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new Error(`${file}:${n + 1}: not JSON`);
      }
      const parsed = row.safeParse(json);
      if (!parsed.success) throw new Error(`${file}:${n + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const redacted = redactIdentifiers(parsed.data.text).text;
      return [{ ...parsed.data, corpus, redacted }];
    });
}

function parseArgs(argv: string[]): { files: string[]; evaluate: boolean; out: string; options: TrainOptions } {
  const files: string[] = [];
  let evaluate = false;
  let out = WEIGHTS;
  const options = { ...DEFAULT_OPTIONS };
  const number = (flag: string, value: string | undefined): number => {
    const x = Number(value);
    if (value === undefined || !Number.isFinite(x) || x < 0) throw new Error(`${flag} needs a number ≥ 0\n${USAGE}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--eval') evaluate = true;
    else if (a === '--out') out = argv[++i] ?? '';
    else if (a === '--l1') options.l1 = number(a, argv[++i]);
    else if (a === '--l2') options.l2 = number(a, argv[++i]);
    else if (a === '--under-cost') options.underCost = number(a, argv[++i]);
    else if (a === '--precision') {
      const p = number(a, argv[++i]);
      if (p > 1) throw new Error(`--precision is a fraction, e.g. 0.95\n${USAGE}`);
      options.precision = { critical: p, high: p };
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else files.push(a);
  }
  if (!out) throw new Error(`--out needs a path\n${USAGE}`);
  const chosen =
    files.length > 0
      ? files
      : readdirSync(CORPUS_DIR)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => join(CORPUS_DIR, f));
  return { files: chosen, evaluate, out, options };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const print = (line = ''): void => void process.stdout.write(`${line}\n`);

function headLine(name: string, f: HeadFigures): string {
  const precision = f.raised === 0 ? 'n/a' : pct(f.right / f.raised);
  return `  ${name.padEnd(22)} AUC ${f.auc.toFixed(3)}  log loss ${f.logLoss.toFixed(3)}  threshold ${f.threshold.toFixed(2)}: raises ${f.raised}, precision ${precision}, recall ${pct(f.right / Math.max(1, f.positives))} (${f.right}/${f.positives})`;
}

function train(tips: Tip[], out: string, options: TrainOptions): void {
  const started = performance.now();
  const ruleLevels = tips.map((t) => t.firstSightLevel ?? scoreUrgency(t.redacted).level);
  const { file, report } = trainReader(
    tips.map((t) => ({ id: t.id, text: t.redacted, level: t.level })),
    options,
    ruleLevels,
  );
  const json = `${JSON.stringify(file, null, 1)}\n`;
  writeFileSync(out, json);
  print(`trained on ${report.tips} tips (${LEVELS.map((l) => `${l} ${report.byLevel[l]}`).join(', ')})`);
  print(`${options.folds}-fold cross-validation (seed ${options.seed}), out-of-fold, thresholds chosen on these same predictions:`);
  print(headLine('P(critical)', report.outOfFold.critical));
  print(headLine('P(high or critical)', report.outOfFold.highOrAbove));
  print(
    `thresholds: critical ${file.thresholds.critical.toFixed(2)}, high ${file.thresholds.high.toFixed(2)} (precision ≥ ${pct(options.precision.critical)} / ${pct(options.precision.high)} at and above each, then the most under-triage fixed × ${options.underCost} − over-triage added)`,
  );
  const r = report.againstRules!;
  print(
    `above today's rules, out of fold: ${r.raised} raises, ${r.fixed} fix an under-triage, ${r.over} over-triage (npm run train -- --eval for held-out figures)`,
  );
  print(`weights: ${report.buckets} buckets kept, quantisation error ≤ ${report.quantisationError.toFixed(4)} in the logit`);
  print(`wrote ${relative(ROOT, out) || out}: ${(statSync(out).size / 1024).toFixed(1)} KB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function evaluate(tips: Tip[], options: TrainOptions): void {
  const started = performance.now();
  const rules = tips.map((t) => scoreUrgency(t.redacted));
  // the rules were fixed with these corpora in view; where a blind batch kept what they said at
  // first sight, that is the honest residual for the reader to raise
  const ruleLevels = tips.map((t, i) => t.firstSightLevel ?? rules[i]!.level);
  const cv = crossValidateCombination(
    tips.map((t) => ({ id: t.id, text: t.redacted, level: t.level })),
    ruleLevels,
    options,
  );
  const byCorpus = new Map<string, number[]>([['all', tips.map((_, i) => i)]]);
  tips.forEach((t, i) => byCorpus.set(t.corpus, [...(byCorpus.get(t.corpus) ?? []), i]));

  print(`rules alone vs rules + learned reader, nested ${options.folds}-fold cross-validation (seed ${options.seed}) on ${tips.length} tips`);
  print(
    `thresholds chosen per outer fold by inner cross-validation: ${cv.thresholds.map((t) => `${t.critical.toFixed(2)}/${t.high.toFixed(2)}`).join(', ')} (critical/high)`,
  );
  print('the rules are not trained, so their figures are the same as in-sample ones; they were written with these corpora in view.');
  print();
  print(
    `  ${'corpus'.padEnd(18)} ${'tips'.padStart(4)}   ${'under-triage'.padStart(17)}   ${'over-triage'.padStart(17)}   ${'critical recall'.padStart(17)}   ${'level accuracy'.padStart(17)}   raises (right / fixed under / over)`,
  );
  for (const [name, idx] of byCorpus) {
    const rows: CorpusRow[] = idx.map((i) => ({ id: tips[i]!.id, text: tips[i]!.text, level: tips[i]!.level, indicators: [] }));
    const metrics = (levels: (i: number) => Level) =>
      triageMetrics(
        rows,
        idx.map((i) => ({ id: tips[i]!.id, level: levels(i), indicators: [] })),
      );
    const alone = metrics((i) => ruleLevels[i]!);
    const both = metrics((i) => cv.rows[i]!.combined);
    const tally = tallyRaises(
      idx.map((i) => tips[i]!.level),
      idx.map((i) => ruleLevels[i]!),
      idx.map((i) => cv.rows[i]!.combined),
    );
    const pair = (a: number, b: number): string => `${pct(a).padStart(6)} → ${pct(b).padStart(6)}`.padStart(17);
    print(
      `  ${name.padEnd(18)} ${String(idx.length).padStart(4)}   ${pair(alone.under_triage, both.under_triage)}   ${pair(alone.over_triage, both.over_triage)}   ${pair(alone.critical_recall, both.critical_recall)}   ${pair(alone.level_accuracy, both.level_accuracy)}   ${tally.raised} (${tally.right} / ${tally.fixed} / ${tally.over})`,
    );
  }
  print();
  print('every raise (held out): id  truth  rules → combined  P(critical) P(high or critical)');
  tips.forEach((t, i) => {
    const r = cv.rows[i]!;
    if (r.combined === r.rule) return;
    const verdict = levelRank(r.combined) > levelRank(r.truth) ? 'over' : levelRank(r.rule) < levelRank(r.truth) ? 'fixes under-triage' : 'right';
    print(
      `  ${t.id.padEnd(8)} ${t.level.padEnd(8)} ${r.rule} → ${r.combined}  ${cv.probabilities.critical[i]!.toFixed(2)} ${cv.probabilities.highOrAbove[i]!.toFixed(2)}  ${verdict}`,
    );
  });
  const missed = tips.filter((t, i) => levelRank(cv.rows[i]!.combined) < levelRank(t.level));
  if (missed.length > 0)
    print(
      `still under-triaged: ${missed.map((t) => `${t.id} (${t.level}, rules ${cv.rows[tips.indexOf(t)]!.rule}, P(high or critical) ${cv.probabilities.highOrAbove[tips.indexOf(t)]!.toFixed(2)})`).join(', ')}`,
    );
  print();
  // the reader on its own, as if the rules had said low: what it would catch if the rules missed a tip
  const counts = { critical: [0, 0, 0], high: [0, 0, 0] }; // flagged, right, positives
  tips.forEach((t, i) => {
    const floor = floorOf(cv.probabilities.critical[i]!, cv.probabilities.highOrAbove[i]!, cv.thresholds[cv.folds[i]!]!);
    const truth = levelRank(t.level);
    if (truth === 3) counts.critical[2]!++;
    if (truth >= 2) counts.high[2]!++;
    if (floor === 'critical') {
      counts.critical[0]!++;
      if (truth === 3) counts.critical[1]!++;
    }
    if (levelRank(floor) >= 2) {
      counts.high[0]!++;
      if (truth >= 2) counts.high[1]!++;
    }
  });
  const alone = (name: string, [flagged, right, positives]: number[]): string =>
    `  ${name.padEnd(30)} flags ${flagged}, precision ${flagged ? pct(right! / flagged!) : 'n/a'}, recall ${pct(right! / Math.max(1, positives!))} (${right}/${positives})`;
  print('the reader alone (held-out folds, each with its own thresholds): what it would catch if the rules said low');
  print(alone('critical', counts.critical));
  print(alone('high or critical', counts.high));
  print();
  print(`evaluation took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function main(): void {
  const { files, evaluate: evaluating, out, options } = parseArgs(process.argv.slice(2));
  const tips = files.flatMap(readCorpus);
  if (tips.length < 2 * options.folds) throw new Error(`${tips.length} tips in ${files.join(', ')}: too few to train`);
  print(`corpora: ${files.map((f) => `${relative(process.cwd(), f)} (${tips.filter((t) => t.corpus === basename(f)).length})`).join(', ')}`);
  if (evaluating) evaluate(tips, options);
  else train(tips, out, options);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
