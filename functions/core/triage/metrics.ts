// The project's triage metrics (the same fields and arithmetic as
// test/support/reference-triage-metrics.mjs), pure, so that tests and the CLI can report them.
import { LEVELS, type Level } from '../tip';

export interface CorpusRow {
  id: string;
  text: string;
  level: Level;
  indicators: string[];
  pii?: string[];
  keep?: string[];
}

export interface Prediction {
  id: string;
  level: string;
  indicators: Array<string | { id: string }>;
  redacted?: string;
}

export interface TriageMetrics {
  tips: number;
  scored: number;
  under_triage: number;
  over_triage: number;
  level_accuracy: number;
  critical_recall: number;
  indicator_f1: number;
  pii_leak_rate: number;
  keep_rate: number;
  per_indicator_f1: Record<string, number>;
  under_triaged: string[];
  leaked: string[];
  /** the raw counts behind the PII and keep rates, for "PII leaked 0/11" style reports */
  counts: { pii: number; pii_leaked: number; keep: number; kept: number };
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const f1 = (c: Counts): number => (2 * c.tp) / (2 * c.tp + c.fp + c.fn || 1);
const digits = (s: string): string => s.replace(/\D/g, '');
const squash = (s: string): string => s.toLowerCase().replace(/[\s.\-()+]/g, '');
const levelIndex = (l: string): number => (LEVELS as readonly string[]).indexOf(l.toLowerCase());

export function triageMetrics(corpus: readonly CorpusRow[], predictions: readonly Prediction[]): TriageMetrics {
  const preds = new Map(predictions.map((p) => [String(p.id), p]));
  let missing = 0;
  let under = 0;
  let over = 0;
  let exact = 0;
  let critTotal = 0;
  let critHit = 0;
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  const per: Record<string, Counts> = {};
  let piiTotal = 0;
  let piiLeaked = 0;
  let keepTotal = 0;
  let keepKept = 0;
  const leaked: string[] = [];
  const underList: string[] = [];

  for (const tip of corpus) {
    const p = preds.get(String(tip.id));
    const got = p === undefined ? -1 : levelIndex(String(p.level));
    if (p === undefined || got < 0) {
      missing++;
      continue;
    }
    const truth = levelIndex(tip.level);
    if (got < truth) {
      under++;
      underList.push(`${tip.id} ${tip.level}->${p.level}`);
    } else if (got > truth) over++;
    else exact++;
    if (tip.level === 'critical') {
      critTotal++;
      if (got === 3) critHit++;
    }

    const want = new Set(tip.indicators);
    const have = new Set(p.indicators.map((i) => (typeof i === 'string' ? i : i.id)));
    for (const id of new Set([...want, ...have])) {
      const c = (per[id] ??= { tp: 0, fp: 0, fn: 0 });
      const key: keyof Counts = want.has(id) && have.has(id) ? 'tp' : have.has(id) ? 'fp' : 'fn';
      c[key]++;
      all[key]++;
    }

    const red = String(p.redacted ?? '');
    for (const secret of tip.pii ?? []) {
      piiTotal++;
      const d = digits(secret);
      const leak = d.length >= 6 ? squash(red).includes(d) : red.toLowerCase().includes(secret.toLowerCase());
      if (leak) {
        piiLeaked++;
        leaked.push(`${tip.id}: ${secret}`);
      }
    }
    for (const k of tip.keep ?? []) {
      keepTotal++;
      if (red.toLowerCase().includes(k.toLowerCase())) keepKept++;
    }
  }

  const scored = corpus.length - missing;
  return {
    tips: corpus.length,
    scored,
    under_triage: ratio(under, scored),
    over_triage: ratio(over, scored),
    level_accuracy: ratio(exact, scored),
    critical_recall: ratio(critHit, critTotal),
    indicator_f1: f1(all),
    pii_leak_rate: ratio(piiLeaked, piiTotal),
    keep_rate: ratio(keepKept, keepTotal),
    per_indicator_f1: Object.fromEntries(
      Object.entries(per)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, c]) => [k, Number(f1(c).toFixed(3))]),
    ),
    under_triaged: underList,
    leaked,
    counts: { pii: piiTotal, pii_leaked: piiLeaked, keep: keepTotal, kept: keepKept },
  };
}
