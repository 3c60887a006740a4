import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import { INDICATOR_IDS, LEVELS } from '../../functions/core/tip';
import { triageMetrics, type CorpusRow } from '../../functions/core/triage/metrics';
import { scoreUrgency } from '../../functions/core/triage/score';

const rowSchema = z.object({
  id: z.string(),
  channel: z.enum(['sms', 'whatsapp', 'web']),
  text: z.string().min(1),
  level: z.enum(LEVELS),
  indicators: z.array(z.enum(INDICATOR_IDS)),
  pii: z.array(z.string()),
  keep: z.array(z.string()),
});

function readCorpus(url: URL): CorpusRow[] {
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new Error(`labelled corpus missing: ${path}`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => rowSchema.parse(JSON.parse(l)));
}

// as the pipeline does: the scorer only ever sees redacted text
function evaluate(rows: readonly CorpusRow[]) {
  const predictions = rows.map((r) => {
    const redacted = redactIdentifiers(r.text).text;
    const a = scoreUrgency(redacted);
    return { id: r.id, level: a.level, indicators: a.indicators.map((i) => i.id), redacted };
  });
  return triageMetrics(rows, predictions);
}

type Metrics = ReturnType<typeof evaluate>;

/** A corpus worth the name: at least `atLeast` rows, every level, and where asked unique ids and every indicator. */
function expectCorpus(rows: readonly CorpusRow[], { atLeast, uniqueIds, everyIndicator }: { atLeast: number; uniqueIds: boolean; everyIndicator: boolean }) {
  expect(rows.length).toBeGreaterThanOrEqual(atLeast);
  if (uniqueIds) expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(new Set(rows.map((r) => r.level))).toEqual(new Set(LEVELS));
  if (everyIndicator) expect(new Set(rows.flatMap((r) => r.indicators))).toEqual(new Set(INDICATOR_IDS));
}

/** Critical recall at or above `criticalRecall`, under-triage at or below `underTriage`. */
function expectSafe(m: Metrics, { criticalRecall, underTriage }: { criticalRecall: number; underTriage: number }) {
  expect(m.critical_recall).toBeGreaterThanOrEqual(criticalRecall);
  expect(m.under_triage).toBeLessThanOrEqual(underTriage);
}

/** Over-triage at or below `overTriage`, indicator F1 at or above `indicatorF1`. */
function expectPrecise(m: Metrics, { overTriage, indicatorF1 }: { overTriage: number; indicatorF1: number }) {
  expect(m.over_triage).toBeLessThanOrEqual(overTriage);
  expect(m.indicator_f1).toBeGreaterThanOrEqual(indicatorF1);
}

describe('triage metrics on the dev corpus (a copy of the team corpus)', () => {
  const rows = readCorpus(new URL('../corpus/dev-tips.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('finds every critical tip and under-triages none', () => {
    expect(m.critical_recall).toBe(1);
    expect(m.under_triaged).toEqual([]);
    expect(m.under_triage).toBe(0);
  });

  it('keeps over-triage at or below 15% and indicator F1 at or above 0.92', () => {
    expectPrecise(m, { overTriage: 0.15, indicatorF1: 0.92 });
  });
});

describe('triage metrics on our own labelled corpus', () => {
  const rows = readCorpus(new URL('../corpus/tips.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('is a corpus worth the name: 150+ tips, every level and indicator, unique ids', () => {
    expectCorpus(rows, { atLeast: 150, uniqueIds: true, everyIndicator: true });
  });

  it('finds at least 95% of critical tips and under-triages at most 5%', () => {
    expectSafe(m, { criticalRecall: 0.95, underTriage: 0.05 });
  });

  it('keeps over-triage at or below 20% and indicator F1 at or above 0.85', () => {
    expectPrecise(m, { overTriage: 0.2, indicatorF1: 0.85 });
  });
});

// h001-h117 were written before the scorer was run on them (untuned: 13.7% under-triage,
// critical recall 71.4%, F1 0.865); h118-h147 after that tuning, again unseen (3.3%, 85.7%,
// 0.886). The rules were then improved in general terms, so the batch now guards against
// regressions; it no longer predicts the unseen test on its own. Write a new unseen batch for that.
describe('triage metrics on the holdout batch', () => {
  const rows = readCorpus(new URL('../corpus/holdout.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('holds 80+ tips of every level', () => {
    expectCorpus(rows, { atLeast: 80, uniqueIds: false, everyIndicator: false });
  });

  it('finds at least 95% of critical tips and under-triages at most 5%', () => {
    expectSafe(m, { criticalRecall: 0.95, underTriage: 0.05 });
  });

  it('keeps over-triage at or below 20%, indicator F1 at or above 0.85, and leaks no PII', () => {
    expectPrecise(m, { overTriage: 0.2, indicatorF1: 0.85 });
    expect(m.leaked).toEqual([]);
  });
});

describe('our labelled tips together', () => {
  const rows = [...readCorpus(new URL('../corpus/tips.jsonl', import.meta.url)), ...readCorpus(new URL('../corpus/holdout.jsonl', import.meta.url))];

  it('are 250+ with unique ids, every level and indicator', () => {
    expectCorpus(rows, { atLeast: 250, uniqueIds: true, everyIndicator: true });
  });

  it('mark past mentions as past, so that operators need not parse the rule', () => {
    const a = scoreUrgency('hace dos años le quitaron el dni a mi hermana en un bar, ya esta en casa');
    expect(a.level).toBe('medium');
    expect(a.indicators).toEqual([expect.objectContaining({ id: 'document_retention', tense: 'past' })]);
    const now = scoreUrgency('le quitaron el dni a mi hermana en un bar');
    expect(now.indicators[0]).not.toHaveProperty('tense');
  });
});

// Blind batches: 160 tips each, written by authors who never saw the scorer, its lexicons or its
// tests, briefed only with the level table, the region and a persona. Each was scored before any
// change made after reading it (the first-sight figures are in docs/triage-quality.md); the rules
// were then fixed for the general causes, and the batch now guards against regressions.
describe.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17])('blind batch %i, after its fixes', (n) => {
  const rows = readCorpus(new URL(`../corpus/blind-${n}.jsonl`, import.meta.url));
  const m = evaluate(rows);

  it('holds 150+ tips of every level, with unique ids', () => {
    expectCorpus(rows, { atLeast: 150, uniqueIds: true, everyIndicator: false });
  });

  it('finds at least 95% of critical tips, under-triages at most 3% and over-triages at most 15%', () => {
    expectSafe(m, { criticalRecall: 0.95, underTriage: 0.03 });
    expect(m.over_triage).toBeLessThanOrEqual(0.15);
  });

  // the blind authors label fewer past indicators and adverts than the team's corpora do (see
  // docs/triage-quality.md), so F1 here sits lower than on the team's own corpora
  it('keeps indicator F1 at or above 0.75', () => {
    expect(m.indicator_f1).toBeGreaterThanOrEqual(0.75);
  });
});

// Blind batch 18 (80 tips) was briefed on officials: half its tips say an official is paid by or
// serves the exploiters, a quarter mention the police without that. At first sight the rules found
// 19 of its 42 complicity tips (docs/triage-quality.md); a miss pages the accused officer.
describe('blind batch 18 (officials), after its fixes', () => {
  const rows = readCorpus(new URL('../corpus/blind-18.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('holds 80 tips with unique ids', () => {
    expectCorpus(rows, { atLeast: 80, uniqueIds: true, everyIndicator: false });
  });

  it('keeps the level table: critical recall 95%+, under-triage 3% at most, over-triage 20% at most', () => {
    expectSafe(m, { criticalRecall: 0.95, underTriage: 0.03 });
    expect(m.over_triage).toBeLessThanOrEqual(0.2);
  });

  it('finds 85%+ of the tips that implicate officials, and takes no mere mention of the police for one', () => {
    let found = 0;
    let wrong = 0;
    const labelled = rows.filter((r) => r.indicators.includes('official_complicity')).length;
    for (const row of rows) {
      const read = scoreUrgency(row.text).indicators.some((i) => i.id === 'official_complicity');
      if (read && row.indicators.includes('official_complicity')) found++;
      else if (read) wrong++;
    }
    expect(found / labelled).toBeGreaterThanOrEqual(0.85);
    expect(wrong).toBe(0);
  });
});
