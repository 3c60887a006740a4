// The metrics report as the team's judging tool (a copy: test/support/reference-triage-metrics.mjs) prints it, line for line, so that
// `tipline eval` and the shared tool can be compared by eye or by diff.
import type { TriageMetrics } from './metrics';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function formatTriageMetrics(m: TriageMetrics): string[] {
  const lines = [
    `tips ${m.tips}, scored ${m.scored}`,
    `under-triage ${pct(m.under_triage)}  over-triage ${pct(m.over_triage)}  level accuracy ${pct(m.level_accuracy)}`,
    `critical recall ${pct(m.critical_recall)}  indicator F1 ${m.indicator_f1.toFixed(3)}`,
    `PII leaked ${m.counts.pii_leaked}/${m.counts.pii}  incident details kept ${m.counts.kept}/${m.counts.keep}`,
    ...Object.entries(m.per_indicator_f1).map(([k, v]) => `  ${k.padEnd(22)} F1 ${v}`),
  ];
  if (m.under_triaged.length) lines.push(`under-triaged: ${m.under_triaged.join(', ')}`);
  if (m.leaked.length) lines.push(`leaked: ${m.leaked.join(', ')}`);
  return lines;
}

/** The JSON the shared tool prints with --json (without the raw counts it does not report). */
export function metricsJson(m: TriageMetrics): Omit<TriageMetrics, 'counts'> {
  const { counts: _counts, ...rest } = m;
  return rest;
}
