// A tip as a responder paged for it sees it (the API sends nothing more): its urgency, where, the
// tipster's redacted words with their indicators, and the page they answer to. Read-only: a
// responder acts in the field, not on the tip.
import type { Me, ResponderTipView } from '../api-types';
import { h } from '../dom';
import { t } from '../i18n';
import { langTag, levelBadge } from './badges';
import { onCall } from './on-call';
import { indicators, places, thread } from './tip-sections';

/** A responder and nothing else: staff who are also on the roster get the staff views. */
export const isResponderOnly = (me: Me | null): boolean =>
  !!me && me.roles.includes('responder') && !me.roles.some((role) => role === 'operator' || role === 'supervisor');

export function responderTip(view: ResponderTipView): HTMLElement[] {
  const header = h(
    'header',
    { class: 'tip-header' },
    h('h2', { id: 'tip-title', tabindex: '-1' }, t('tip.title', { id: view.tipId })),
    h('p', { class: 'tip-badges' }, levelBadge(view.level), langTag(view.lang, 'long')),
    h('p', { class: 'tip-meta' }, view.region ?? t('queue.noRegion')),
  );
  return [header, onCall({ kind: 'loaded', pages: view.paging }), thread(view), indicators(view), places(view)];
}
