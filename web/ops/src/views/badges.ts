// Urgency is told by a word and a shape as well as a colour: sunlight washes colours out and
// one operator in twelve does not tell red from green.
import type { Level, TipLang, TipStatus } from '../api-types';
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

/**
 * The tipster's language: "QU" where room is short (a queue row, with the name as its title and
 * for screen readers), "QU · quechua" in the tip view. Spanish, the line's usual language, is drawn
 * plainer so that the others stand out.
 */
export function langTag(lang: TipLang, form: 'short' | 'long'): HTMLElement {
  const name = t(`language.${lang}`);
  const code = lang.toUpperCase();
  const attrs = { class: `lang-tag lang-${lang}`, 'data-lang': lang };
  return form === 'long'
    ? h('span', attrs, `${code} · ${name}`)
    : h('span', { ...attrs, title: name }, h('span', { 'aria-hidden': 'true' }, code), h('span', { class: 'sr-only' }, name));
}
