// Tips per month by level: stacked bars, critical on the baseline, each suppressed level a hatched
// mark above its month's bar (never a length), and the same figures in a table for screen
// readers, for print, and for whoever wants the numbers.
import { h } from '../dom';
import { type MonthLevels, STAT_LEVELS } from '../statistics-figures';
import { monthChartLayout } from '../statistics-geometry';
import { levelLegend } from './statistics-legend';
import { chartSvg, px, s } from './statistics-svg';
import { figureText, monthShort, monthText, numberText, uniqueId, type Words } from './statistics-text';

export function monthLevelsFigure(words: Words, months: readonly MonthLevels[], k: number): HTMLElement {
  const title = words.t('statistics.levels.title');
  const captionId = uniqueId('stat-caption');
  return h(
    'figure',
    { class: 'stat-figure', 'data-chart': 'levels', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, h('h3', {}, title)),
    h('div', { class: 'stat-scroll' }, drawing(words, months)),
    levelLegend(words, k),
    h(
      'div',
      { class: 'roster-table stat-table', role: 'region', 'aria-label': words.t('statistics.tableOf', { title }), tabindex: 0 },
      table(words, months, title),
    ),
  );
}

function drawing(words: Words, months: readonly MonthLevels[]): SVGSVGElement {
  const layout = monthChartLayout(months);
  const hatch = uniqueId('stat-hatch');
  const svg = chartSvg(layout.width, layout.height, hatch, 'stat-chart stat-month-chart');
  for (const tick of layout.ticks) {
    svg.append(
      s('line', { class: tick.value === 0 ? 'stat-axis' : 'stat-grid', x1: layout.left, x2: layout.right, y1: px(tick.y), y2: px(tick.y) }),
      s('text', { class: 'stat-tick', x: layout.left - 6, y: px(tick.y + 4), 'text-anchor': 'end' }, numberText(words, tick.value)),
    );
  }
  layout.bars.forEach((bar, i) => {
    const group = s('g', { 'data-month': bar.month });
    // The month's own published total, never the sum of its drawn levels.
    const total = months[i]?.total;
    if (total?.kind === 'exact' && total.value > 0)
      group.append(s('text', { class: 'stat-total', x: px(bar.center), y: px(bar.top - 4), 'text-anchor': 'middle' }, numberText(words, total.value)));
    if (bar.rest) {
      const box = { x: px(bar.rest.x), y: px(bar.rest.y), width: px(bar.rest.width), height: px(bar.rest.height) };
      const levels = bar.segments.filter((segment) => segment.suppressed).map((segment) => words.t(`statistics.level.${segment.level}`));
      group.append(
        s(
          'g',
          { class: 'stat-rest' },
          s('title', {}, `${monthText(words, bar.month)}, ${levels.join(', ')}: ${words.t('statistics.suppressed')} (${numberText(words, bar.rest.value)})`),
          s('rect', { ...box, class: 'stat-rest-fill' }),
          s('rect', { ...box, fill: `url(#${hatch})`, class: 'stat-stripes' }),
        ),
      );
    }
    for (const segment of bar.segments) {
      const label = `${monthText(words, bar.month)}, ${words.t(`statistics.level.${segment.level}`)}`;
      const box = { x: px(segment.x), y: px(segment.y), width: px(segment.width), height: px(segment.height) };
      const attrs = { 'data-level': segment.level, 'data-suppressed': String(segment.suppressed) };
      if (segment.suppressed) {
        // The level's colour under the stripes: which level it is shows, how many does not.
        group.append(
          s(
            'g',
            { class: 'stat-mark', ...attrs },
            s('title', {}, `${label}: ${words.t('statistics.suppressed')}`),
            s('rect', { ...box, class: `stat-level-${segment.level}` }),
            s('rect', { ...box, fill: `url(#${hatch})`, class: 'stat-stripes' }),
          ),
        );
      } else {
        const value = numberText(words, segment.value ?? 0);
        group.append(s('rect', { ...box, ...attrs, class: `stat-seg stat-level-${segment.level}` }, s('title', {}, `${label}: ${value}`)));
      }
    }
    const first = i === 0 || bar.month.endsWith('-01');
    group.append(s('text', { class: 'stat-month', x: px(bar.center), y: layout.baseline + 14, 'text-anchor': 'middle' }, monthShort(words, bar.month)));
    if (first) group.append(s('text', { class: 'stat-year', x: px(bar.center), y: layout.baseline + 28, 'text-anchor': 'middle' }, bar.month.slice(0, 4)));
    svg.append(group);
  });
  return svg;
}

function table(words: Words, months: readonly MonthLevels[], title: string): HTMLTableElement {
  const cell = (figure: MonthLevels['total'], attrs: Record<string, string>) => h('td', { ...attrs, 'data-figure': figure.kind }, figureText(words, figure));
  return h(
    'table',
    { class: 'stat-levels-table' },
    h('caption', { class: 'sr-only' }, title),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, words.t('statistics.levels.month')),
        ...STAT_LEVELS.map((level) => h('th', { scope: 'col' }, words.t(`statistics.level.${level}`))),
        h('th', { scope: 'col' }, words.t('statistics.total')),
      ),
    ),
    h(
      'tbody',
      {},
      ...months.map((m) =>
        h(
          'tr',
          { 'data-month': m.month },
          h('th', { scope: 'row' }, monthText(words, m.month, 'short')),
          ...STAT_LEVELS.map((level) => cell(m.levels[level], { 'data-level': level })),
          cell(m.total, { 'data-level': 'all' }),
        ),
      ),
    ),
  );
}
