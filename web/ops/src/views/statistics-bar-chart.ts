// A horizontal bar per item (the indicators, the funnel's stages) over the period: the published
// part to scale, a hatched cap when there is more than was published ("≥ N") or nothing but
// suppressed parts, and the figure in words after it. The same figures in a table for screen
// readers (the drawing is hidden from them).
import { h } from '../dom';
import type { Labelled } from '../statistics-figures';
import { BAR_CHART, barChartLayout } from '../statistics-geometry';
import { atLeastKey, suppressedKey } from './statistics-legend';
import { chartSvg, px, s } from './statistics-svg';
import { figureText, uniqueId, type Words } from './statistics-text';

export interface BarsFigure<K extends string> {
  /** What the figure is (`data-chart`), for the tests and the styles. */
  chart: string;
  title: string;
  keyHeader: string;
  items: ReadonlyArray<Labelled<K>>;
  label(key: K): string;
  note?: string;
  k: number;
  /** A table on screen too; else for screen readers only, the drawing saying the same figures. */
  tableShown: boolean;
}

export function barsFigure<K extends string>(words: Words, figure: BarsFigure<K>): HTMLElement {
  const captionId = uniqueId('stat-caption');
  const partial = figure.items.some((item) => item.figure.kind !== 'exact');
  return h(
    'figure',
    { class: 'stat-figure', 'data-chart': figure.chart, 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, h('h3', {}, figure.title)),
    drawing(words, figure),
    partial && h('ul', { class: 'stat-legend' }, suppressedKey(words, figure.k), atLeastKey(words)),
    figure.note && h('p', { class: 'hint' }, figure.note),
    h('div', { class: figure.tableShown ? 'roster-table stat-table' : 'sr-only' }, table(words, figure)),
  );
}

function drawing<K extends string>(words: Words, figure: BarsFigure<K>): SVGSVGElement {
  const layout = barChartLayout(figure.items);
  const hatch = uniqueId('stat-hatch');
  const svg = chartSvg(layout.width, layout.height, hatch, 'stat-chart stat-bar-chart');
  for (const row of layout.rows) {
    const value = figureText(words, row.figure);
    const bar = { y: px(row.barY), height: BAR_CHART.bar };
    svg.append(
      s(
        'g',
        { 'data-key': row.key, 'data-figure': row.figure.kind },
        s('title', {}, `${figure.label(row.key)}: ${value}`),
        s('text', { class: 'stat-label', x: 0, y: px(row.labelY) }, figure.label(row.key)),
        row.barWidth > 0 && s('rect', { ...bar, class: 'stat-bar', x: 0, width: px(row.barWidth) }),
        row.capWidth > 0 && s('rect', { ...bar, class: 'stat-stripes', x: px(row.barWidth), width: px(row.capWidth), fill: `url(#${hatch})` }),
        s('text', { class: 'stat-value', x: px(row.valueX), y: px(row.barY + BAR_CHART.bar - 4) }, value),
      ),
    );
  }
  return svg;
}

function table<K extends string>(words: Words, figure: BarsFigure<K>): HTMLTableElement {
  return h(
    'table',
    { class: 'stat-bars-table' },
    h('caption', { class: 'sr-only' }, figure.title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, figure.keyHeader), h('th', { scope: 'col' }, words.t('statistics.figure')))),
    h(
      'tbody',
      {},
      ...figure.items.map((item) =>
        h(
          'tr',
          { 'data-key': item.key },
          h('th', { scope: 'row' }, figure.label(item.key)),
          h('td', { 'data-figure': item.figure.kind }, figureText(words, item.figure)),
        ),
      ),
    ),
  );
}
