// Urgency is told by a word and a shape as well as a colour: sunlight washes colours out and
// one operator in twelve does not tell red from green.
import type { Level, TipStatus } from '../api-types';
import { h } from '../dom';
import { t } from '../i18n';

const LEVEL_GLYPH: Record<Level, string> = { critical: '▲▲', high: '▲', medium: '●', low: '○' };

export function levelBadge(level: Level): HTMLElement {
  const glyph = h('span', { 'aria-hidden': 'true', class: 'glyph' }, LEVEL_GLYPH[level]);
  return h('span', { class: `badge level-${level}`, 'data-level': level }, glyph, ` ${t(`level.${level}`)}`);
}

export function statusBadge(status: TipStatus): HTMLElement {
  return h('span', { class: `status status-${status}`, 'data-status': status }, t(`status.${status}`));
}
