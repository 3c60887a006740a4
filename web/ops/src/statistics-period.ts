// The period a statistics page shows, as its address (#/statistics?from=2026-01&to=2026-12) and
// the API's query write it, and the name the CSV download is saved under. Pure: no location, no
// window, so that the unit tests read it without a browser.
import type { Month } from './api-types-statistics';

/** A period as asked: null leaves the bound to the API (its default is the last 12 published months). */
export interface Period {
  from: Month | null;
  to: Month | null;
}

export type ReportLang = 'es' | 'en';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (value: string): boolean => MONTH.test(value);

const monthIndex = (month: Month): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Months in order as runs of consecutive ones, so that eleven pending months read as one range. */
export function monthRuns(months: readonly Month[]): Array<{ from: Month; to: Month }> {
  const runs: Array<{ from: Month; to: Month }> = [];
  for (const month of [...months].sort()) {
    const last = runs.at(-1);
    if (last && monthIndex(month) === monthIndex(last.to) + 1) last.to = month;
    else runs.push({ from: month, to: month });
  }
  return runs;
}

/**
 * The period an address asks for. A malformed month is passed on as written: the API answers it
 * with `invalid_period`, and the page says so, rather than quietly showing another period.
 */
export function periodFromQuery(query: string): Period {
  const params = new URLSearchParams(query);
  const bound = (name: 'from' | 'to') => params.get(name)?.trim() || null;
  return { from: bound('from'), to: bound('to') };
}

/** The report's language: the address's, else the dashboard's. */
export function reportLangFromQuery(query: string, fallback: ReportLang): ReportLang {
  const asked = new URLSearchParams(query).get('lang');
  return asked === 'es' || asked === 'en' ? asked : fallback;
}

/** `from=…&to=…`, leaving out a bound left to the API, then any extra parameters in order. */
export function periodQuery(period: Period, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (period.from) params.set('from', period.from);
  if (period.to) params.set('to', period.to);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

export const statisticsApiPath = (period: Period, format?: 'csv'): string => {
  const query = periodQuery(period, format ? { format } : {});
  return query ? `/api/statistics?${query}` : '/api/statistics';
};

export const statisticsHash = (period: Period): string => {
  const query = periodQuery(period);
  return query ? `#/statistics?${query}` : '#/statistics';
};

export const reportHash = (period: Period, lang: ReportLang): string => `#/statistics/report?${periodQuery(period, { lang })}`;

/**
 * The file name the server gave (`content-disposition: attachment; filename="…"`), kept to
 * letters, digits, dots, dashes and underscores so that no header can name a path or another
 * type; the period's own name when the header gives none.
 */
export function csvFilename(contentDisposition: string | null, period: { from: Month; to: Month }): string {
  const fallback = `tipline-statistics-${period.from}-${period.to}.csv`;
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/iu.exec(contentDisposition ?? '');
  let named = match?.[1]?.trim() ?? '';
  try {
    named = decodeURIComponent(named);
  } catch {
    return fallback;
  }
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.csv$/u.test(named) ? named : fallback;
}
