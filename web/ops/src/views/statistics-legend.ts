// The key under each chart: a swatch per level, and what the stripes and "≥" mean. Words and
// shapes, not colour alone.
import { h } from '../dom';
import { STAT_LEVELS } from '../statistics-figures';
import type { Words } from './statistics-text';

export function levelLegend(words: Words, k: number): HTMLElement {
  return h(
    'ul',
    { class: 'stat-legend' },
    ...STAT_LEVELS.map((level) =>
      h('li', {}, h('span', { class: `stat-swatch stat-level-${level}`, 'aria-hidden': 'true' }), words.t(`statistics.level.${level}`)),
    ),
    suppressedKey(words, k),
  );
}

export function suppressedKey(words: Words, k: number): HTMLElement {
  return h('li', {}, h('span', { class: 'stat-swatch stat-swatch-suppressed', 'aria-hidden': 'true' }), words.t('statistics.legendSuppressed', { k }));
}

/** Said under a chart whose figures are sums over months. */
export const atLeastKey = (words: Words): HTMLElement =>
  h('li', {}, h('span', { class: 'stat-swatch-text', 'aria-hidden': 'true' }, '≥'), words.t('statistics.legendAtLeast'));
