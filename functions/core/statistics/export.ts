// An export over a period: the published months of [from, to] side by side, each exactly as it
// was frozen. Nothing is summed across months, so two exports over overlapping periods hold the
// same figures for the months they share and no difference between them is a new figure.
import * as z from 'zod';
import { MAX_STATISTICS_MONTHS } from '../../config/defaults';
import { ClientError } from '../errors';
import { addMonths, monthsBetween } from './calendar';
import { DEFAULT_K, type Month, monthSchema, type PublishedMonth, type StatCell, type StatisticsExport } from './model';

/** 400 `invalid_period`: a month not written YYYY-MM, `from` after `to`, or a period too long. */
export class InvalidPeriod extends ClientError {
  override name = 'InvalidPeriod';
  readonly status = 400;
  readonly code = 'invalid_period';
}

/** The period asked for, checked; without `to`, the newest published month; without `from`, the year up to `to`. */
export function periodOf(
  asked: { from?: string | undefined; to?: string | undefined },
  newestPublished: Month | undefined,
  fallback: Month,
): { from: Month; to: Month } {
  const parse = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const parsed = monthSchema.safeParse(value);
    if (!parsed.success) throw new InvalidPeriod(`${name} must be a month written YYYY-MM, e.g. 2026-11; got "${value.slice(0, 20)}".`);
    return parsed.data;
  };
  const to = parse('to', asked.to) ?? newestPublished ?? fallback;
  const from = parse('from', asked.from) ?? addMonths(to, -11);
  if (from > to) throw new InvalidPeriod(`from (${from}) is after to (${to}): give the earlier month first.`);
  if (monthsBetween(from, to).length > MAX_STATISTICS_MONTHS)
    throw new InvalidPeriod(
      `A period covers at most ${MAX_STATISTICS_MONTHS} months; ask for ${from} to ${addMonths(from, MAX_STATISTICS_MONTHS - 1)} and the rest in another export.`,
    );
  return { from, to };
}

/** `published` may hold months outside the period; those are left out. */
export function exportPeriod(published: readonly PublishedMonth[], from: Month, to: Month, pending: readonly Month[]): StatisticsExport {
  const inPeriod = published.filter((month) => month.month >= from && month.month <= to).sort((a, b) => a.month.localeCompare(b.month));
  const cells = inPeriod.flatMap((month) => month.cells);
  return {
    // The threshold every month of the export meets: the smallest, should k ever have changed.
    k: inPeriod.length ? Math.min(...inPeriod.map((month) => month.k)) : DEFAULT_K,
    from,
    to,
    months: inPeriod.map((month) => month.month),
    pending: pending.filter((month) => month >= from && month <= to),
    cells,
    suppressed: cells.filter((cell) => cell.count === null).length,
    funnel: inPeriod.map((month) => month.funnel),
  };
}

export const CSV_HEADER = ['month', 'measure', 'region', 'level', 'indicator', 'channel', 'language', 'count'] as const;
/** What a withheld count is written as: a word, so that no spreadsheet reads it as 0. */
export const SUPPRESSED_WORD = 'suppressed';

const measureOf = (cell: StatCell): string => (cell.indicator ? 'indicator' : cell.channel ? 'channel' : cell.language ? 'language' : 'tips');

/** RFC 4180 quoting; every value here is a category name or a number, but a region name could hold a comma. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One row per cell, then the funnel stages as measures of their own (region and level `all`). */
export function exportToCsv(statistics: StatisticsExport): string {
  const count = (n: number | null) => (n === null ? SUPPRESSED_WORD : String(n));
  const rows: string[][] = statistics.cells.map((cell) => [
    cell.month,
    measureOf(cell),
    cell.region,
    cell.level,
    cell.indicator ?? '',
    cell.channel ?? '',
    cell.language ?? '',
    count(cell.count),
  ]);
  for (const funnel of statistics.funnel)
    for (const [stage, n] of Object.entries(funnel))
      if (stage !== 'month' && stage !== 'tips') rows.push([funnel.month, stage, 'all', 'all', '', '', '', count(n as number | null)]);
  return `${[[...CSV_HEADER], ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

export const csvFileName = (statistics: Pick<StatisticsExport, 'from' | 'to'>): string => `tipline-statistics-${statistics.from}-${statistics.to}.csv`;

/** The query of GET /api/statistics and of `cli stats`. */
export const statisticsQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  format: z.enum(['json', 'csv'], { error: 'format is json or csv' }).optional(),
});
