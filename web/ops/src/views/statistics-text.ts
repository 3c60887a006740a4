// How the statistics pages say a figure, a month and a region, in a language of their own: the
// dashboard's for the page, the one its address asks for in the printable report.
import type { Month, StatisticsExport } from '../api-types-statistics';
import { NO_REGION } from '../api-types-statistics';
import { type Key, type Lang, tIn } from '../i18n';
import type { Figure } from '../statistics-figures';
import { monthRuns } from '../statistics-period';

export interface Words {
  lang: Lang;
  t(key: Key, params?: Record<string, string | number>): string;
}

export const wordsIn = (lang: Lang): Words => ({ lang, t: (key, params) => tIn(lang, key, params) });

export const numberText = (words: Words, value: number): string => new Intl.NumberFormat(words.lang).format(value);

/** "12", "≥ 12" (a sum with suppressed parts: at least what was published) or "suppressed". */
export function figureText(words: Words, figure: Figure): string {
  if (figure.kind === 'suppressed') return words.t('statistics.suppressed');
  const value = numberText(words, figure.value);
  return figure.kind === 'atLeast' ? words.t('statistics.atLeast', { value }) : value;
}

/** A month as people write it ("diciembre de 2026"); UTC, so that no time zone moves it a month back. */
export function monthText(words: Words, month: Month, style: 'long' | 'short' = 'long'): string {
  const format = new Intl.DateTimeFormat(words.lang, { month: style, year: 'numeric', timeZone: 'UTC' });
  return format.format(new Date(`${month}-01T12:00:00Z`));
}

/** The short name of a month alone ("dic"), for a chart's axis. */
export function monthShort(words: Words, month: Month): string {
  return new Intl.DateTimeFormat(words.lang, { month: 'short', timeZone: 'UTC' }).format(new Date(`${month}-01T12:00:00Z`)).replace('.', '');
}

export const periodText = (words: Words, data: Pick<StatisticsExport, 'from' | 'to'>): string =>
  words.t('statistics.range', { from: monthText(words, data.from), to: monthText(words, data.to) });

/** "enero de 2026 – noviembre de 2026, diciembre de 2027": runs of months as ranges. */
export const monthsText = (words: Words, months: readonly Month[]): string =>
  monthRuns(months)
    .map((run) => (run.from === run.to ? monthText(words, run.from) : periodText(words, run)))
    .join(', ');

export const regionText = (words: Words, region: string): string => (region === NO_REGION ? words.t('statistics.regions.unknown') : region);

let next = 0;
/** An id no other chart on the page has (each SVG defines its own hatch pattern). */
export const uniqueId = (prefix: string): string => `${prefix}-${++next}`;
