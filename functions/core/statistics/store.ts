// The statistics' store port (adapters/dynamo-statistics.ts) and the two things done with it:
// publishing the months that are over and settled, and reading a period of published months.
import { DEFAULT_K, type Month, type PublishedMonth, type StatisticsExport } from './model';
import type { MonthCounts } from './frame';
import { addMonths, lastPublishableMonth, monthOf, monthsBetween } from './calendar';
import { exportPeriod, periodOf } from './export';
import { publishMonth } from './publish';

export interface PublishedSpan {
  first: Month;
  through: Month;
}

export interface StatisticsReader {
  /** The published months among `months`; a month not published yet is left out. */
  publishedMonths(months: readonly Month[]): Promise<PublishedMonth[]>;
  /** The first and the newest published month; undefined before anything is published. */
  publishedSpan(): Promise<PublishedSpan | undefined>;
}

export interface StatisticsPublisher extends StatisticsReader {
  /** The earliest month up to `through` any count was kept for (read only until the first publication). */
  firstCountedMonth(through: Month): Promise<Month | undefined>;
  liveCounts(month: Month): Promise<MonthCounts>;
  /**
   * Freezes a month and moves the span to it, once: a month published already is kept as it
   * was ('kept'), so that two publishers racing, or a retry, can never change a published figure.
   */
  publish(month: PublishedMonth, span: PublishedSpan): Promise<'published' | 'kept'>;
}

/** Publishes, in order, every month that is over and settled and not published yet. */
export async function publishSettledMonths(store: StatisticsPublisher, now: Date, k = DEFAULT_K): Promise<Month[]> {
  const last = lastPublishableMonth(now);
  const span = await store.publishedSpan();
  const first = span?.first ?? (await store.firstCountedMonth(last));
  if (first === undefined) return [];
  const published: Month[] = [];
  for (const month of monthsBetween(span ? addMonths(span.through, 1) : first, last)) {
    const result = await store.publish(publishMonth(await store.liveCounts(month), { k, publishedAt: now.toISOString() }), { first, through: month });
    if (result === 'published') published.push(month);
  }
  return published;
}

/** A period of published months, as GET /api/statistics and `cli stats` answer it. */
export async function readStatistics(
  store: StatisticsReader,
  asked: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<StatisticsExport> {
  const span = await store.publishedSpan();
  const { from, to } = periodOf(asked, span?.through, addMonths(monthOf(now), -1));
  const months = monthsBetween(from, to);
  const published = await store.publishedMonths(months);
  const done = new Set(published.map((month) => month.month));
  // Pending: months still to come out. Months before the first publication, or over and settled
  // with nothing published, had nothing counted: they are neither published nor pending.
  const nextDue = span ? addMonths(span.through, 1) : addMonths(lastPublishableMonth(now), 1);
  return exportPeriod(
    published,
    from,
    to,
    months.filter((month) => !done.has(month) && month >= nextDue),
  );
}
