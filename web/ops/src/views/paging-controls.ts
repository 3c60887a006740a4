// What an operator can do about a page nobody answered: stop the paging (with a reason: the
// responder's phone goes quiet, so the trail says why), or record that a responder confirmed by
// phone. Only while something is still unanswered; the forms only gather input.
import type { PageSent, TipPages } from '../api-types';
import { h } from '../dom';
import { t, tOr } from '../i18n';
import { foldedForm, reasonInput } from './folded-form';

export const STOP_REASON = { min: 3, max: 500 } as const;
export const ACK_NOTE_MAX = 500;

export interface PagingActions {
  stop(reason: string): void;
  acknowledge(responderId: string, note: string): void;
}

/** Who was paged, once each, in the order they were first paged. */
function pagedPeople(pages: readonly PageSent[]): Array<PageSent['responder']> {
  const seen = new Map<string, PageSent['responder']>();
  for (const page of [...pages].sort((a, b) => a.pagedAt.localeCompare(b.pagedAt)))
    if (!seen.has(page.responder.id)) seen.set(page.responder.id, page.responder);
  return [...seen.values()];
}

/** A key that changes only when the controls should change: the forms are not rebuilt under the operator's fingers. */
export function controlsKey(pages: TipPages | null, closed: boolean): string {
  const state = pages?.state;
  if (closed || !state || state.acknowledged) return 'none';
  return JSON.stringify([state.open && !state.ended, pagedPeople(pages.pages).map((p) => p.id)]);
}

export function pagingControls(pages: TipPages | null, closed: boolean, actions: PagingActions): HTMLElement | null {
  const state = pages?.state;
  if (closed || !pages || !state || state.acknowledged) return null;
  const people = pagedPeople(pages.pages);
  const running = state.open && !state.ended;
  if (!running && people.length === 0) return null;
  return h(
    'section',
    { class: 'paging-controls', 'aria-labelledby': 'paging-controls-title' },
    h('h3', { id: 'paging-controls-title' }, t('case.pagingActions')),
    running && stopForm(actions),
    people.length > 0 && ackForm(people, actions),
  );
}

function stopForm(actions: PagingActions): HTMLElement {
  const reason = reasonInput('stop-reason', STOP_REASON, 'stop-hint');
  return foldedForm({
    name: 'stop-paging',
    summary: t('case.stopPaging'),
    hint: { id: 'stop-hint', text: t('case.stopHint') },
    fields: [{ label: t('case.stopReason'), control: reason }],
    submit: t('case.stopPaging'),
    onSubmit: () => {
      if (reason.value.trim().length >= STOP_REASON.min) actions.stop(reason.value.trim());
    },
  });
}

function ackForm(people: ReadonlyArray<PageSent['responder']>, actions: PagingActions): HTMLElement {
  const who = h(
    'select',
    { id: 'ack-responder', name: 'responderId', required: true },
    h('option', { value: '' }, t('case.phoneAckChoose')),
    ...people.map((p) => h('option', { value: p.id }, `${p.name} (${tOr(`agency.${p.role}`, p.role)})`)),
  );
  const note = h('textarea', { id: 'ack-note', name: 'note', rows: 2, maxlength: ACK_NOTE_MAX });
  return foldedForm({
    name: 'phone-ack',
    summary: t('case.phoneAck'),
    fields: [
      { label: t('case.phoneAckWho'), control: who },
      { label: t('case.phoneAckNote'), control: note },
    ],
    submit: t('case.phoneAckSubmit'),
    onSubmit: () => {
      if (who.value) actions.acknowledge(who.value, note.value.trim());
    },
  });
}
