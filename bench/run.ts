// npm run bench: redaction and urgency scoring, per tip and against length, beside a naive
// regex-list scorer in the same process. Figures only; nothing here asserts a time.
import { redactIdentifiers } from '../functions/core/redaction/redact';
import { triageMetrics, type CorpusRow } from '../functions/core/triage/metrics';
import { scoreUrgency } from '../functions/core/triage/score';
import { GENERATORS, LENGTHS } from './adversarial';
import { naiveScore } from './baseline';
import { benchDashboard } from './dashboard';
import { benchFunctions, benchLocalStack, benchStatistics } from './functions';
import { CORPORA, readCorpus } from './corpora';
import { benchLearned } from './learned';
import { machineLines } from './machine';
import { summarise, time, us, type Summary } from './stats';

const DEV_PASSES = 200;
const OWN_PASSES = 20;
const WARMUP_PASSES = 30;
/** An SMS is 160 characters; tips up to that length are the ones the 1 ms target is about. */
const SMS_LENGTH = 160;
/** Per cell of the length table: enough runs for a stable median, within a time budget. */
const CELL_BUDGET_NS = 400e6;

const print = (line = ''): void => void process.stdout.write(`${line}\n`);

interface Samples {
  redact: number[];
  score: number[];
  both: number[];
  naive: number[];
  smsBoth: number[];
}

function measure(texts: readonly string[], passes: number): Samples {
  const s: Samples = { redact: [], score: [], both: [], naive: [], smsBoth: [] };
  const redacted = texts.map((t) => redactIdentifiers(t).text);
  for (let pass = 0; pass < passes; pass++) {
    texts.forEach((text, i) => {
      const r = time(() => redactIdentifiers(text));
      const c = time(() => scoreUrgency(redacted[i]!));
      s.redact.push(r);
      s.score.push(c);
      s.both.push(r + c);
      if (text.length <= SMS_LENGTH) s.smsBoth.push(r + c);
      s.naive.push(time(() => naiveScore(text)));
    });
  }
  return s;
}

const row = (name: string, x: Summary): string => `  ${name.padEnd(26)} p50 ${us(x.p50)}   p99 ${us(x.p99)}   mean ${us(x.mean)}   (n=${x.n})`;

function perTip(name: string, rows: readonly CorpusRow[], passes: number): void {
  const texts = rows.map((r) => r.text);
  const chars = texts.reduce((a, t) => a + t.length, 0) / Math.max(1, texts.length);
  const s = measure(texts, passes);
  print(`${name}: ${rows.length} tips × ${passes} passes, mean ${chars.toFixed(0)} characters`);
  print(row('redaction', summarise(s.redact)));
  print(row('scoring', summarise(s.score)));
  print(row('redaction + scoring', summarise(s.both)));
  if (s.smsBoth.length) print(row(`  tips ≤ ${SMS_LENGTH} chars`, summarise(s.smsBoth)));
  print(row('naive regex-list scorer', summarise(s.naive)));
  print();
}

/** Median time of fn on one input, repeated within the cell budget. */
function medianOf(fn: () => unknown): number {
  const first = time(fn);
  const reps = Math.max(5, Math.min(60, Math.floor(CELL_BUDGET_NS / Math.max(first, 1))));
  const samples = Array.from({ length: reps }, () => time(fn));
  return summarise(samples).p50;
}

function lengthTable(): void {
  print('time against length (median per tip; µs per 1,000 characters should stay flat if growth is linear)');
  const header = LENGTHS.map((n) => `${(n / 1000).toFixed(0)}k`.padStart(17)).join('');
  for (const [what, fn] of [
    ['scoring', (t: string) => scoreUrgency(t)],
    ['redaction', (t: string) => redactIdentifiers(t)],
    ['naive regex-list scorer', (t: string) => naiveScore(t)],
  ] as const) {
    print(`  ${what}${' '.repeat(Math.max(1, 36 - what.length))}${header}   (µs total / µs per 1k chars)`);
    for (const [name, gen] of Object.entries(GENERATORS)) {
      const cells = LENGTHS.map((n) => {
        const text = gen(n);
        // scoring always sees redacted text in the pipeline; time it on what it would get
        const input = what === 'scoring' ? redactIdentifiers(text).text : text;
        const t = medianOf(() => fn(input));
        return `${t.toFixed(0).padStart(7)} /${(t / (n / 1000)).toFixed(1).padStart(7)}`;
      });
      print(`    ${name.padEnd(34)}${cells.map((c) => c.padStart(17)).join('')}`);
    }
    print();
  }
}

function accuracy(corpora: Record<string, CorpusRow[]>): void {
  print('accuracy beside the naive scorer (under-triage / critical recall / indicator F1)');
  for (const [name, rows] of Object.entries(corpora)) {
    if (rows.length === 0) continue;
    const ours = triageMetrics(
      rows,
      rows.map((r) => {
        const a = scoreUrgency(redactIdentifiers(r.text).text);
        return { id: r.id, level: a.level, indicators: a.indicators.map((i) => i.id) };
      }),
    );
    const naive = triageMetrics(
      rows,
      rows.map((r) => ({ id: r.id, ...naiveScore(r.text) })),
    );
    const fmt = (m: typeof ours): string =>
      `${(100 * m.under_triage).toFixed(1).padStart(5)}% / ${(100 * m.critical_recall).toFixed(1).padStart(5)}% / ${m.indicator_f1.toFixed(3)}`;
    print(`  ${name.padEnd(8)} scorer ${fmt(ours)}    naive ${fmt(naive)}`);
  }
  print();
}

function main(): void {
  const started = process.hrtime.bigint();
  const corpora = Object.fromEntries(Object.entries(CORPORA).map(([k, path]) => [k, readCorpus(path)]));
  print('tipline bench: redaction and urgency scoring');
  for (const line of machineLines()) print(line);
  print();

  const all = Object.values(corpora)
    .flat()
    .map((r) => r.text);
  measure(all, WARMUP_PASSES);
  for (const gen of Object.values(GENERATORS)) for (const n of LENGTHS) scoreUrgency(redactIdentifiers(gen(n)).text);

  perTip('dev corpus', corpora.dev ?? [], DEV_PASSES);
  perTip('own corpora (tips + holdout)', [...(corpora.tips ?? []), ...(corpora.holdout ?? [])], OWN_PASSES);
  benchLearned(print, all);
  print();
  lengthTable();
  accuracy(corpora);
  if (!process.argv.includes('--no-functions')) {
    print();
    benchFunctions(print);
    print();
    benchDashboard(print);
    print();
    benchStatistics(print);
  }
  if (process.argv.includes('--stack')) {
    print();
    print('local stack: tip-to-stored and tip-to-page at a steady 20 tips/s for 30 s (npm run loadtest)');
    benchLocalStack(print);
  }
  print();
  print(`bench took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
}

main();
