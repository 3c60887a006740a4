// Whether a responder was paged for this tip, whether anyone acknowledged, and whether the SMS
// reached a phone: at 2 a.m. an operator needs to know if someone is already moving before
// phoning around. Nothing here is tip text or a phone number; the API sends neither.
import type { PageSent, PagingState, TipPages } from '../api-types';
import { h } from '../dom';
import { t, tOr } from '../i18n';
import { hourMinute } from '../time';

export type OnCallData = { kind: 'loading' } | { kind: 'loaded'; pages: TipPages | null } | { kind: 'error'; message: string };

/** A shape as well as a word, as with the level badges: a failed page must not hide in grey. */
const DELIVERY_GLYPH: Record<string, string> = { queued: '…', sent: '→', delivered: '✓', undelivered: '✗', failed: '✗' };

/** What the responder's phone shows and what they type back: `T-7K2F`, `ACK 7K2F`. */
export const codeLabel = (code: string): string => (code.startsWith('T-') ? code : `T-${code}`);

const agency = (role: string): string => tOr(`agency.${role}`, role);

function whoAcknowledged(state: PagingState, pages: PageSent[]): string {
  const by = state.acknowledged!.by;
  // The acknowledgement names the person; their agency is on the page they answered.
  const role = pages.find((p) => p.responder.id === by.id)?.responder.role;
  return role ? `${by.name} (${agency(role)})` : by.name;
}

/** What the section is read against: a closed tip has no deadline left, and a deadline can pass. */
export interface OnCallContext {
  closed?: boolean;
  now?: Date;
}

function acknowledgedLine(state: PagingState, pages: PageSent[], staff: TipPages['staff']): string {
  const line = t('onCall.acknowledged', { who: whoAcknowledged(state, pages), time: hourMinute(state.acknowledged!.at) });
  if (state.acknowledged?.via !== 'phone') return line;
  const recorder = staff?.ackRecordedBy?.name;
  return `${line} — ${recorder ? t('case.ackByPhoneRecorded', { name: recorder }) : t('case.ackByPhone')}`;
}

function stateLine(state: PagingState, pages: PageSent[], staff: TipPages['staff'], context: OnCallContext): { kind: string; text: string } {
  const code = t('onCall.code', { code: codeLabel(state.code) });
  if (state.acknowledged) return { kind: 'acknowledged', text: acknowledgedLine(state, pages, staff) };
  if (state.ended) {
    const by = staff?.endedBy?.name;
    const ended = t(`case.ended.${state.ended.why}`, { time: hourMinute(state.ended.at) });
    return {
      kind: state.ended.why === 'stopped' ? 'stopped' : 'closed',
      text: [code, ended, by && t('case.endedBy', { name: by })].filter(Boolean).join(' — '),
    };
  }
  // The tip was closed while paging ran: nothing is pending any more, whatever the deadline says.
  if (state.open && context.closed) return { kind: 'closed', text: `${code} — ${t('case.endedWithTip')}` };
  if (state.open) {
    const parts = [code, t('onCall.level', { n: state.step + 1 })];
    if (state.cycle > 0) parts.push(t('onCall.round', { n: state.cycle + 1 }));
    const overdue = state.deadlineAt !== null && Date.parse(state.deadlineAt) <= (context.now ?? new Date()).getTime();
    if (!state.deadlineAt) parts.push(t('onCall.pending'));
    else
      parts.push(overdue ? t('case.pendingOverdue', { time: hourMinute(state.deadlineAt) }) : t('onCall.pendingUntil', { time: hourMinute(state.deadlineAt) }));
    return { kind: 'pending', text: parts.join(' — ') };
  }
  if (state.stoppedAt) return { kind: 'stopped', text: `${code} — ${t('onCall.stopped', { time: hourMinute(state.stoppedAt) })}` };
  return { kind: 'closed', text: `${code} — ${t('onCall.closed')}` };
}

function pageItem(page: PageSent): HTMLElement {
  const status = page.status;
  const step = t('onCall.level', { n: page.step + 1 });
  const glyph = h('span', { 'aria-hidden': 'true' }, DELIVERY_GLYPH[status] ?? '?');
  return h(
    'li',
    { 'data-status': status, 'data-responder': page.responder.id },
    h('span', { class: 'page-who' }, `${page.responder.name} (${agency(page.responder.role)})`),
    h('span', { class: 'page-step' }, page.cycle > 0 ? `${step}, ${t('onCall.round', { n: page.cycle + 1 })}` : step),
    h('time', { datetime: page.pagedAt }, hourMinute(page.pagedAt)),
    h('span', { class: `delivery delivery-${status}` }, glyph, ` ${tOr(`delivery.${status}`, status)}`),
  );
}

export function onCall(data: OnCallData, context: OnCallContext = {}): HTMLElement {
  const section = (kind: string, ...children: Array<Node | null>) =>
    h(
      'section',
      { class: 'on-call', 'aria-labelledby': 'on-call-title', 'data-state': kind },
      h('h3', { id: 'on-call-title' }, t('onCall.title')),
      ...children,
    );

  if (data.kind === 'loading') return section('loading', h('p', { class: 'on-call-state' }, t('app.loading')));
  if (data.kind === 'error') return section('error', h('p', { class: 'on-call-state' }, data.message));
  const answer = data.pages;
  const pages = [...(answer?.pages ?? [])].sort((a, b) => a.pagedAt.localeCompare(b.pagedAt));
  const list = pages.length > 0 ? h('ol', { class: 'pages', 'aria-label': t('onCall.pages') }, ...pages.map(pageItem)) : null;
  if (!answer?.state) return section('none', h('p', { class: 'on-call-state' }, t('onCall.none')), list);
  const line = stateLine(answer.state, pages, answer.staff, context);
  const el = section(line.kind, h('p', { class: 'on-call-state' }, line.text), list);
  el.dataset.code = answer.state.code;
  el.dataset.level = answer.state.level;
  return el;
}

/** Worth asking again on the next poll: something on this section can still change. */
export function stillMoving(data: OnCallData, tip: { level: string; status: string }): boolean {
  if (tip.status === 'closed') return false;
  if (data.kind !== 'loaded') return true;
  const answer = data.pages;
  // Critical tips are paged moments after triage; high ones once nobody claims them in time.
  if (!answer?.state) return tip.level === 'critical' || tip.level === 'high';
  if (answer.state.open) return true;
  return answer.pages.some((p) => p.status === 'queued' || p.status === 'sent');
}
