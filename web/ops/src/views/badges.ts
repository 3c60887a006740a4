// Urgency is told by a word and a shape as well as a colour: sunlight washes colours out and
// one operator in twelve does not tell red from green.
import type { Level, Status } from '../api-types';
import { h } from '../dom';
import { t } from '../i18n';

const LEVEL_GLYPH: Record<Level, string> = { critical: '▲▲', high: '▲', medium: '●', low: '○' };

export function levelBadge(level: Level): HTMLElement {
  return h('span', { class: `badge level-${level}`, 'data-level': level }, h('span', { 'aria-hidden': 'true', class: 'glyph' }, LEVEL_GLYPH[level]), ` ${t(`level.${level}`)}`);
}

export function statusBadge(status: Status): HTMLElement {
  return h('span', { class: `status status-${status}`, 'data-status': status }, t(`status.${status}`));
}
