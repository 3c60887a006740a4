// The learned reader (functions/core/triage/learned/): time per tip on the labelled corpora,
// against length on the adversarial texts, and the cold cost of unpacking its weights. Part of
// npm run bench; alone: node --import tsx bench/learned.ts. Figures only; nothing here asserts a time.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { redactIdentifiers } from '../functions/core/redaction/redact';
import type { WeightsFile } from '../functions/core/triage/learned/codec';
import { learnedLevel, loadModel, raiseByLearnedReader } from '../functions/core/triage/learned/reader';
import weights from '../functions/core/triage/learned/weights.json' with { type: 'json' };
import { GENERATORS, LENGTHS } from './adversarial';
import { CORPORA, readCorpus } from './corpora';
import { summarise, time, us } from './stats';

const PASSES = 50;
const WARMUP_PASSES = 20;
const SMS_LENGTH = 160;
const WEIGHTS = fileURLToPath(new URL('../functions/core/triage/learned/weights.json', import.meta.url));

export function benchLearned(print: (line?: string) => void, texts: readonly string[]): void {
  // the reader sees what the scorer sees: redacted text
  const redacted = texts.map((t) => redactIdentifiers(t).text);
  for (let pass = 0; pass < WARMUP_PASSES; pass++) for (const t of redacted) learnedLevel(t);
  const all: number[] = [];
  const sms: number[] = [];
  const raise: number[] = [];
  for (let pass = 0; pass < PASSES; pass++) {
    for (const t of redacted) {
      const ns = time(() => learnedLevel(t));
      all.push(ns);
      if (t.length <= SMS_LENGTH) sms.push(ns);
      raise.push(time(() => raiseByLearnedReader('medium', t)));
    }
  }
  const chars = redacted.reduce((a, t) => a + t.length, 0) / Math.max(1, redacted.length);
  const row = (name: string, samples: number[]): string => {
    const s = summarise(samples);
    return `  ${name.padEnd(26)} p50 ${us(s.p50)}   p99 ${us(s.p99)}   mean ${us(s.mean)}   (n=${s.n})`;
  };
  print(
    `learned reader: ${redacted.length} tips × ${PASSES} passes, mean ${chars.toFixed(0)} characters, weights ${(statSync(WEIGHTS).size / 1024).toFixed(1)} KB`,
  );
  print(row('learnedLevel', all));
  if (sms.length) print(row(`  tips ≤ ${SMS_LENGTH} chars`, sms));
  print(row('raiseByLearnedReader', raise));
  const cold = Array.from({ length: 20 }, () => time(() => loadModel(weights as WeightsFile)));
  print(row('unpacking the weights', cold));

  print(`  time against length (median µs per tip / per 1,000 characters)${LENGTHS.map((n) => `${(n / 1000).toFixed(0)}k`.padStart(17)).join('')}`);
  for (const [name, gen] of Object.entries(GENERATORS)) {
    const cells = LENGTHS.map((n) => {
      const text = redactIdentifiers(gen(n)).text;
      const t = summarise(Array.from({ length: 30 }, () => time(() => learnedLevel(text)))).p50;
      return `${t.toFixed(0).padStart(7)} /${(t / (n / 1000)).toFixed(1).padStart(7)}`;
    });
    print(`    ${name.padEnd(60)}${cells.map((c) => c.padStart(17)).join('')}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const texts = Object.values(CORPORA).flatMap((path) => readCorpus(path).map((r) => r.text));
  benchLearned((line = '') => void process.stdout.write(`${line}\n`), texts);
}
