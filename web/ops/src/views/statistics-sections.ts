// The figures the statistics page and its printable report both show, each built from one answer
// of the API: tips per month by level, the indicators, the funnel and the regions.
import type { StatisticsExport } from '../api-types-statistics';
import { h } from '../dom';
import { funnelForPeriod, indicatorsForPeriod, levelsByMonth, regionsForPeriod, totalForPeriod } from '../statistics-figures';
import { barsFigure } from './statistics-bar-chart';
import { monthLevelsFigure } from './statistics-month-chart';
import { figureText, regionText, uniqueId, type Words } from './statistics-text';

export const levelsSection = (words: Words, data: StatisticsExport): HTMLElement => monthLevelsFigure(words, levelsByMonth(data), data.k);

export function indicatorsSection(words: Words, data: StatisticsExport, tableShown: boolean): HTMLElement {
  return barsFigure(words, {
    chart: 'indicators',
    title: words.t('statistics.indicators.title'),
    keyHeader: words.t('statistics.indicators.indicator'),
    items: indicatorsForPeriod(data),
    // The indicator names operators read on every tip.
    label: (indicator) => words.t(`indicator.${indicator}`),
    note: words.t('statistics.indicators.note'),
    k: data.k,
    tableShown,
  });
}

export function funnelSection(words: Words, data: StatisticsExport, tableShown: boolean): HTMLElement {
  return barsFigure(words, {
    chart: 'funnel',
    title: words.t('statistics.funnel.title'),
    keyHeader: words.t('statistics.funnel.step'),
    items: funnelForPeriod(data),
    label: (step) => words.t(`statistics.funnel.${step}`),
    note: words.t('statistics.funnel.note'),
    k: data.k,
    tableShown,
  });
}

/** A table only: region names are long and few, and a chart would say no more. */
export function regionsSection(words: Words, data: StatisticsExport): HTMLElement {
  const captionId = uniqueId('stat-caption');
  const title = words.t('statistics.regions.title');
  const row = (key: string, name: string, figure: ReturnType<typeof totalForPeriod>, total = false) =>
    h(
      'tr',
      { 'data-region': key, class: total ? 'stat-total-row' : null },
      h('th', { scope: 'row' }, name),
      h('td', { 'data-figure': figure.kind }, figureText(words, figure)),
    );
  return h(
    'figure',
    { class: 'stat-figure', 'data-chart': 'regions', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, h('h3', {}, title)),
    h(
      'div',
      { class: 'roster-table stat-table', role: 'region', 'aria-label': words.t('statistics.tableOf', { title }), tabindex: 0 },
      h(
        'table',
        { class: 'stat-regions-table' },
        h('caption', { class: 'sr-only' }, title),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, words.t('statistics.regions.region')), h('th', { scope: 'col' }, words.t('statistics.count')))),
        h(
          'tbody',
          {},
          ...regionsForPeriod(data).map(({ key, figure }) => row(key, regionText(words, key), figure)),
          row('all', words.t('statistics.regions.all'), totalForPeriod(data), true),
        ),
      ),
    ),
  );
}
