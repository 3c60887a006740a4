// Publications made by hand for the auditor's own tests: every true figure, with the small ones
// blanked and nothing else (primary suppression only), which the auditor must catch whenever a
// margin gives a blanked cell away; and edits of such a publication.
import { ALL, FUNNEL_STAGES, type PublishedMonth, type StatCell } from '../../functions/core/statistics/model';
import type { Channel, IndicatorId, Lang, Level } from '../../functions/core/tip';
import { type AuditedCounts, type IndicatorLayout, isUnpublished, trueFigures } from './disclosure-audit';

/** The cell a figure name stands for. */
export function cellOfName(month: string, id: string, count: number | null): StatCell {
  const [kind, a, b, c] = id.split('|') as [string, string, string, string | undefined];
  if (kind === 'tips') return { month, region: a, level: b as Level, count };
  if (kind === 'channel') return { month, region: ALL, level: a as Level, channel: b as Channel, count };
  if (kind === 'language') return { month, region: ALL, level: a as Level, language: b as Lang, count };
  if (kind === 'indicator') return { month, region: a, level: b as Level, indicator: c as IndicatorId, count };
  throw new Error(`not a cell: ${id}`);
}

/** Every true figure of the layout, those between 1 and k−1 suppressed, and nothing else suppressed. */
export function publishPrimaryOnly(counts: AuditedCounts, k: number, layout: IndicatorLayout = 'full'): PublishedMonth {
  const shown = (n: number) => (n > 0 && n < k ? null : n);
  const truth = trueFigures(counts);
  const cells = [...truth]
    .filter(([id, n]) => n !== 0 && !id.startsWith('funnel|') && !isUnpublished(id, layout))
    .map(([id, n]) => cellOfName(counts.month, id, shown(n)));
  const stages = Object.fromEntries(FUNNEL_STAGES.map((s) => [s, shown(counts.funnel[s])]));
  const total = counts.tips.reduce((sum, t) => sum + t.count, 0);
  return {
    month: counts.month,
    k,
    publishedAt: `${counts.month}-28T00:00:00.000Z`,
    cells,
    funnel: { month: counts.month, tips: total === 0 ? 0 : shown(total), ...stages } as PublishedMonth['funnel'],
  };
}

/** The publication with these figures suppressed as well. */
export function alsoSuppressing(published: PublishedMonth, ids: readonly string[], nameOf: (cell: StatCell) => string): PublishedMonth {
  const hidden = new Set(ids);
  const cells = published.cells.map((cell) => (hidden.has(nameOf(cell)) ? { ...cell, count: null } : cell));
  const totalHidden = [...hidden].some((id) => id === `tips|${ALL}|${ALL}`);
  return { ...published, cells, funnel: totalHidden ? { ...published.funnel, tips: null } : published.funnel };
}
