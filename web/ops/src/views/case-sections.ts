// The read-only parts of a case: its tips and its timeline, oldest first, each entry said in the
// operator's language. Tip text is the tipsters' (already redacted), shown as text, never markup.
import type { QueueItem } from '../api-types';
import type { ReferralStatus, TimelineEntry } from '../api-types-cases';
import { h } from '../dom';
import { t } from '../i18n';
import { clock } from '../time';
import { levelBadge, statusBadge } from './badges';

export const referralStatus = (status: ReferralStatus): HTMLElement =>
  h('span', { class: `status referral-status referral-${status}`, 'data-referral-status': status }, t(`referral.status.${status}`));

export function caseTips(tips: readonly QueueItem[]): HTMLElement {
  return h(
    'section',
    { class: 'case-tips', 'aria-labelledby': 'case-tips-title' },
    h('h3', { id: 'case-tips-title' }, t('caseView.tips', { count: tips.length })),
    h(
      'ul',
      {},
      ...tips.map((tip) =>
        h(
          'li',
          { 'data-tip-id': tip.tipId },
          h('a', { href: `#/tips/${tip.tipId}` }, levelBadge(tip.level), ' ', h('span', { class: 'tip-id' }, t('tip.title', { id: tip.tipId }))),
          ' ',
          statusBadge(tip.status),
          h('span', { class: 'case-tip-where' }, ` ${tip.region ?? t('queue.noRegion')} · `, h('time', { datetime: tip.createdAt }, clock(tip.createdAt))),
          h('p', { class: 'preview' }, tip.preview),
        ),
      ),
    ),
  );
}

/** Who or what the entry is about, beside its kind: a name, an agency and the referral's status. */
function entryWho(entry: TimelineEntry): string {
  // A referral entry without a status is its outcome being recorded.
  const step = entry.status ? t(`referral.status.${entry.status}`) : entry.kind === 'referral' && t('referral.outcome');
  const parts = [entry.by?.name, entry.responderName, entry.agencyName, step];
  return parts.filter(Boolean).join(' · ');
}

export function timeline(entries: readonly TimelineEntry[]): HTMLElement {
  // The API sends them oldest first; a stable sort keeps its order among entries of one instant.
  const ordered = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return h(
    'section',
    { class: 'case-timeline', 'aria-labelledby': 'case-timeline-title' },
    h('h3', { id: 'case-timeline-title' }, t('caseView.timeline')),
    ordered.length === 0
      ? h('p', {}, t('caseView.timelineEmpty'))
      : h(
          'ol',
          {},
          ...ordered.map((entry) => {
            const who = entryWho(entry);
            return h(
              'li',
              { class: `timeline-entry timeline-${entry.kind}`, 'data-kind': entry.kind, 'data-tip-id': entry.tipId },
              h(
                'p',
                { class: 'timeline-head' },
                h('strong', { class: 'timeline-kind' }, t(`timeline.${entry.kind}`)),
                ' ',
                h('time', { datetime: entry.at }, clock(entry.at)),
              ),
              h('p', { class: 'timeline-who' }, who && `${who} · `, h('a', { href: `#/tips/${entry.tipId}` }, t('tip.title', { id: entry.tipId }))),
              entry.text && h('p', { class: 'entry-text' }, entry.text),
            );
          }),
        ),
  );
}
