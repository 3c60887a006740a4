// Months as the statistics count them: calendar months in Peru's time, and when each is over
// and settled enough to publish.
import { STATISTICS_SETTLE_DAYS, STATISTICS_TIME_ZONE } from '../../config/defaults';
import type { Month } from './model';

const MONTH_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: STATISTICS_TIME_ZONE, year: 'numeric', month: '2-digit' });
const DAY_MS = 24 * 60 * 60_000;

/** The month (YYYY-MM, in Peru) an instant falls in. */
export function monthOf(instant: string | Date): Month {
  const parts = MONTH_FORMAT.formatToParts(typeof instant === 'string' ? new Date(instant) : instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export function addMonths(month: Month, n: number): Month {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when from is after to. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The first instant of a month in Peru. Peru keeps UTC−5 all year; the offset is read from the
 * zone rather than written down, so a change of the zone's rules is followed.
 */
function startOf(month: Month): Date {
  const guess = new Date(`${month}-01T05:00:00.000Z`);
  // Walk back to the first instant whose Peruvian month is this one (at most a day's hours).
  let start = guess;
  for (let hours = 1; hours <= 24; hours++) {
    const earlier = new Date(guess.getTime() - hours * 60 * 60_000);
    if (monthOf(earlier) !== month) break;
    start = earlier;
  }
  return start;
}

/** When a month may be published: its end in Peru plus the settling days. */
export function publishableAt(month: Month, settleDays = STATISTICS_SETTLE_DAYS): Date {
  return new Date(startOf(addMonths(month, 1)).getTime() + settleDays * DAY_MS);
}

/** The newest month that may be published at `now` (the month before the current one, once settled). */
export function lastPublishableMonth(now: Date, settleDays = STATISTICS_SETTLE_DAYS): Month {
  const previous = addMonths(monthOf(now), -1);
  return publishableAt(previous, settleDays) <= now ? previous : addMonths(previous, -1);
}
