// A month as it is published: the frame's cells with their true counts, the suppressed ones
// without, zeros left out (a cell not listed is 0), and the funnel. Done once per month: the
// result is frozen by the store and every later export repeats it.
import { buildFrame, cellId, type MonthCounts } from './frame';
import { ALL, FUNNEL_STAGES, type FunnelMonth, type PublishedMonth, type StatCell } from './model';
import { suppressCells } from './suppression';

export type { MonthCounts } from './frame';

export function publishMonth(counts: MonthCounts, options: { k: number; publishedAt: string }): PublishedMonth {
  const { k } = options;
  const frame = buildFrame(counts);
  const suppressed = suppressCells(frame, k);
  const cells: StatCell[] = [];
  for (const [id, cell] of frame.cells) {
    if (cell.count === 0) continue;
    cells.push({ ...cell, count: suppressed.has(id) ? null : cell.count });
  }
  // Funnel stages are not parts of one another (a person rescued is not a referral): each stands alone.
  const alone = (n: number): number | null => (n === 0 || n >= k ? n : null);
  const national = frame.cells.get(cellId(ALL, ALL));
  const funnel = {
    month: counts.month,
    tips: national && suppressed.has(cellId(ALL, ALL)) ? null : (national?.count ?? 0),
    ...Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, alone(counts.funnel[stage] ?? 0)])),
  } as FunnelMonth;
  return { month: counts.month, k, publishedAt: options.publishedAt, cells, funnel };
}
