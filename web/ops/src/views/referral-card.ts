// One referral of a case: where it went, its status and the agency's own reference, what was
// shared, its history and outcome, and the forms that move it on (received, acting, closed) and
// record what came of it. The forms only gather input; the case view sends it.
import { type OutcomeReport, REFERRAL_MOVES, REFERRAL_STATUSES, type Referral, type ReferralMove } from '../api-types-cases';
import { h } from '../dom';
import { t, tOr } from '../i18n';
import { clock } from '../time';
import { referralStatus } from './case-sections';
import { foldedForm } from './folded-form';

export const AGENCY_REFERENCE_MAX = 60;
export const REFERRAL_NOTE_MAX = 500;
export const NO_ACTION_REASON_MAX = 300;

export interface ReferralActions {
  move(referral: Referral, move: ReferralMove): void;
  report(referral: Referral, outcome: OutcomeReport): void;
  problem(message: string): void;
}

/** Element ids must be unique on the page, and a referral's id is the API's. */
const idPart = (referral: Referral): string => referral.referralId.replace(/[^A-Za-z0-9_-]/gu, '_');

const yesNo = (value: boolean): string => (value ? t('roster.yes') : t('roster.no'));

function shared(referral: Referral): string {
  const parts = (['level', 'indicators', 'places'] as const).filter((part) => referral.share[part]).map((part) => t(`referral.share.${part}`));
  return parts.length > 0 ? parts.join(', ') : t('referral.sharedSummaryOnly');
}

function outcomeText(outcome: NonNullable<Referral['outcome']>): string {
  const counts = t('referral.outcomeCounts', {
    adults: outcome.rescuedAdults,
    minors: outcome.rescuedMinors,
    arrests: outcome.arrests,
    charges: yesNo(outcome.chargesFiled),
    conviction: yesNo(outcome.conviction),
  });
  return outcome.noActionReason ? `${counts} ${t('referral.noActionSaid', { reason: outcome.noActionReason })}` : counts;
}

function history(referral: Referral): HTMLElement {
  return h(
    'ol',
    { class: 'referral-history' },
    ...referral.history.map((step) =>
      h(
        'li',
        { 'data-status': step.status },
        referralStatus(step.status),
        ' ',
        h('time', { datetime: step.at }, clock(step.at)),
        ` · ${step.by.name}`,
        step.agencyReference && ` · ${t('referral.reference')}: ${step.agencyReference}`,
        step.note && h('span', { class: 'referral-note' }, ` · ${step.note}`),
      ),
    ),
  );
}

function facts(referral: Referral): HTMLElement {
  const row = (term: string, ...value: Array<string | Node>) => [h('dt', {}, term), h('dd', {}, ...value)];
  const delivery = referral.delivery;
  return h(
    'dl',
    { class: 'referral-facts' },
    ...row(t('referral.reference'), referral.agencyReference ?? t('referral.noReference')),
    ...row(t('referral.sentBy'), t('referral.sentByWho', { name: referral.createdBy.name, time: clock(referral.createdAt) })),
    ...row(t('referral.lastUpdate'), h('time', { datetime: referral.lastUpdateAt }, clock(referral.lastUpdateAt))),
    ...row(t('referral.delivery'), delivery ? t(`referral.delivery.${delivery.state}`) : t('referral.delivery.pending')),
    ...row(t('referral.shared'), shared(referral)),
    ...(referral.reminders.length > 0 ? row(t('referral.reminders'), String(referral.reminders.length)) : []),
    ...(referral.outcome ? row(t('referral.outcome'), outcomeText(referral.outcome)) : []),
  );
}

function statusForm(referral: Referral, actions: ReferralActions): HTMLElement {
  const key = idPart(referral);
  const current = REFERRAL_STATUSES.indexOf(referral.status);
  // Forward only; the current status again records a new reference or note.
  const choices = REFERRAL_MOVES.filter((status) => REFERRAL_STATUSES.indexOf(status) >= current);
  const status = h(
    'select',
    { id: `referral-status-${key}`, name: 'status', required: true },
    ...choices.map((s) => h('option', { value: s, selected: s === referral.status }, t(`referral.status.${s}`))),
  );
  const reference = h('input', {
    id: `referral-reference-${key}`,
    name: 'agencyReference',
    type: 'text',
    maxlength: AGENCY_REFERENCE_MAX,
    autocomplete: 'off',
    'aria-describedby': `referral-reference-hint-${key}`,
  });
  reference.value = referral.agencyReference ?? '';
  const note = h('textarea', { id: `referral-note-${key}`, name: 'note', maxlength: REFERRAL_NOTE_MAX, rows: 2 });
  const form = foldedForm({
    name: 'referral-status',
    summary: t('referral.move'),
    hint: { id: `referral-reference-hint-${key}`, text: t('referral.moveHint') },
    fields: [
      { label: t('referral.newStatus'), control: status },
      { label: t('referral.referenceField'), control: reference },
      { label: t('referral.noteField'), control: note },
    ],
    submit: t('referral.moveSubmit'),
    onSubmit: () => {
      const next = status.value as ReferralMove['status'];
      if (next === 'closed' && !referral.outcome) return actions.problem(t('apiError.outcome_required'));
      actions.move(referral, {
        status: next,
        ...(reference.value.trim() ? { agencyReference: reference.value.trim() } : {}),
        ...(note.value.trim() ? { note: note.value.trim() } : {}),
      });
    },
  });
  return form;
}

function outcomeForm(referral: Referral, actions: ReferralActions): HTMLElement {
  const key = idPart(referral);
  const before = referral.outcome;
  const count = (name: 'rescuedAdults' | 'rescuedMinors' | 'arrests') => {
    const input = h('input', { id: `outcome-${name}-${key}`, name, type: 'number', min: 0, step: 1, required: true, inputmode: 'numeric' });
    input.value = String(before?.[name] ?? 0);
    return input;
  };
  const check = (name: 'chargesFiled' | 'conviction') => {
    const input = h('input', { id: `outcome-${name}-${key}`, name, type: 'checkbox' });
    input.checked = before?.[name] ?? false;
    return input;
  };
  const adults = count('rescuedAdults');
  const minors = count('rescuedMinors');
  const arrests = count('arrests');
  const charges = check('chargesFiled');
  const conviction = check('conviction');
  const reason = h('textarea', { id: `outcome-reason-${key}`, name: 'noActionReason', maxlength: NO_ACTION_REASON_MAX, rows: 2 });
  reason.value = before?.noActionReason ?? '';
  const form = foldedForm({
    name: 'referral-outcome',
    summary: before ? t('referral.outcomeEdit') : t('referral.outcomeRecord'),
    hint: { id: `outcome-hint-${key}`, text: t('referral.outcomeHint') },
    fields: [
      { label: t('referral.rescuedAdults'), control: adults },
      { label: t('referral.rescuedMinors'), control: minors },
      { label: t('referral.arrests'), control: arrests },
      { label: t('referral.chargesFiled'), control: charges },
      { label: t('referral.conviction'), control: conviction },
      { label: t('referral.noActionReason'), control: reason },
    ],
    submit: t('referral.outcomeSubmit'),
    onSubmit: () => {
      const numbers = [adults, minors, arrests].map((input) => Number(input.value));
      if (numbers.some((n) => !Number.isInteger(n) || n < 0)) return actions.problem(t('referral.countsInvalid'));
      const [rescuedAdults = 0, rescuedMinors = 0, arrestCount = 0] = numbers;
      const nothing = numbers.every((n) => n === 0) && !charges.checked && !conviction.checked;
      const why = reason.value.trim();
      if (nothing && !why) return actions.problem(t('referral.noActionRequired'));
      actions.report(referral, {
        rescuedAdults,
        rescuedMinors,
        arrests: arrestCount,
        chargesFiled: charges.checked,
        conviction: conviction.checked,
        ...(why ? { noActionReason: why } : {}),
      });
    },
  });
  form.querySelector('form')?.classList.add('outcome-grid');
  return form;
}

export function referralCard(referral: Referral, actions: ReferralActions): HTMLElement {
  const key = idPart(referral);
  const open = referral.status !== 'closed';
  return h(
    'article',
    { class: 'referral', 'data-referral-id': referral.referralId, 'data-status': referral.status, 'aria-labelledby': `referral-title-${key}` },
    h(
      'h4',
      { id: `referral-title-${key}` },
      referral.agencyName,
      h('span', { class: 'referral-kind' }, ` · ${tOr(`agencyKind.${referral.agencyKind}`, referral.agencyKind)}`),
    ),
    h('p', { class: 'referral-state' }, referralStatus(referral.status)),
    facts(referral),
    h('details', { class: 'referral-summary' }, h('summary', {}, t('referral.summaryShared')), h('p', {}, referral.summary)),
    h('details', { class: 'referral-log' }, h('summary', {}, t('referral.history', { count: referral.history.length })), history(referral)),
    open && statusForm(referral, actions),
    open && outcomeForm(referral, actions),
  );
}
