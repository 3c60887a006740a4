import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

function evaluate(rows: readonly CorpusRow[]) {
  const predictions = rows.map((r) => {
    const a = scoreUrgency(r.text);
    return { id: r.id, level: a.level, indicators: a.indicators.map((i) => i.id) };
  });
  return triageMetrics(rows, predictions);
}

describe('triage metrics on the shared dev corpus', () => {
  const rows = readCorpus(new URL('../../../shared/corpus/dev-tips.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('finds every critical tip and under-triages none', () => {
    expect(m.critical_recall).toBe(1);
    expect(m.under_triaged).toEqual([]);
    expect(m.under_triage).toBe(0);
  });

  it('keeps over-triage at or below 15% and indicator F1 at or above 0.92', () => {
    expect(m.over_triage).toBeLessThanOrEqual(0.15);
    expect(m.indicator_f1).toBeGreaterThanOrEqual(0.92);
  });
});

describe('triage metrics on our own labelled corpus', () => {
  const rows = readCorpus(new URL('../corpus/tips.jsonl', import.meta.url));
  const m = evaluate(rows);

  it('is a corpus worth the name: 150+ tips, every level and indicator, unique ids', () => {
    expect(rows.length).toBeGreaterThanOrEqual(150);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(LEVELS));
    expect(new Set(rows.flatMap((r) => r.indicators))).toEqual(new Set(INDICATOR_IDS));
  });

  it('finds at least 95% of critical tips and under-triages at most 5%', () => {
    expect(m.critical_recall).toBeGreaterThanOrEqual(0.95);
    expect(m.under_triage).toBeLessThanOrEqual(0.05);
  });

  it('keeps over-triage at or below 20% and indicator F1 at or above 0.85', () => {
    expect(m.over_triage).toBeLessThanOrEqual(0.2);
    expect(m.indicator_f1).toBeGreaterThanOrEqual(0.85);
  });
});
