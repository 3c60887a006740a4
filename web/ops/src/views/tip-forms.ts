// The forms on a tip. Each one only gathers input; the tip view sends it and reports back.
import { LEVELS, OUTCOMES, STATUSES, type Level, type Me, type Outcome, type TipDetail, type TipStatus } from '../api-types';
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import { foldedForm, reasonInput } from './folded-form';

export const REPLY_MAX = 320;
export const NOTE_MAX = 2000;

export interface Drafts {
  reply: string;
  note: string;
}

export interface ClaimActions {
  claim(): void;
  release(): void;
  takeOver(reason: string): void;
  reopen(): void;
}

/** The reason a supervisor gives to take a tip over (core/operator-actions TAKE_OVER_REASON). */
const TAKE_OVER_REASON = { min: 10, max: 300 } as const;

/**
 * The main action matches the tip's state: claim a tip nobody holds; release one's own; see who
 * holds someone else's (a supervisor may take it over, with a reason); reopen a closed one.
 */
export function claimBox(tip: TipDetail, me: Me | null, actions: ClaimActions): HTMLElement {
  const supervisor = me?.roles.includes('supervisor') ?? false;
  const box = h('div', { class: 'claim-box', 'data-state': claimState(tip, me) });
  const button = (action: string, label: string, run: () => void, primary = false) => {
    const el = h('button', { type: 'button', class: primary ? 'primary' : null, 'data-action': action }, label);
    el.addEventListener('click', run);
    return el;
  };
  if (tip.status === 'closed') {
    box.append(h('p', { class: 'claim-note' }, t('case.closedNote'), ' ', supervisor ? '' : t('case.closedAskSupervisor')));
    if (supervisor) box.append(button('reopen', t('case.reopen'), () => actions.reopen(), true));
    return box;
  }
  const holder = tip.claimedBy;
  if (!holder) box.append(button('claim', t('action.claim'), () => actions.claim(), true));
  else if (holder.id === me?.id) box.append(button('release', t('action.release'), () => actions.release()));
  else {
    box.append(h('p', { class: 'claim-note held-by', 'data-holder': holder.id }, t('case.heldBy', { name: holder.name })));
    if (supervisor) box.append(takeOverForm(actions));
  }
  return box;
}

const claimState = (tip: TipDetail, me: Me | null): string =>
  tip.status === 'closed' ? 'closed' : !tip.claimedBy ? 'unclaimed' : tip.claimedBy.id === me?.id ? 'mine' : 'other';

function takeOverForm(actions: ClaimActions): HTMLElement {
  const reason = reasonInput('take-over-reason', TAKE_OVER_REASON);
  return foldedForm({
    name: 'take-over',
    summary: t('case.takeOver'),
    fields: [{ label: t('case.takeOverReason'), control: reason }],
    submit: t('case.takeOverSubmit'),
    onSubmit: () => {
      if (reason.value.trim().length >= TAKE_OVER_REASON.min) actions.takeOver(reason.value.trim());
    },
  });
}

export function replyForm(drafts: Drafts, send: (text: string) => void): HTMLFormElement {
  const textarea = h('textarea', {
    id: 'reply-text',
    name: 'text',
    maxlength: REPLY_MAX,
    rows: 3,
    required: true,
    'aria-describedby': 'reply-hint reply-counter',
  });
  textarea.value = drafts.reply;
  const counter = h('span', { id: 'reply-counter', class: 'counter' });
  const updateCounter = () => {
    replaceChildren(counter, t('action.counter', { count: textarea.value.length, max: REPLY_MAX }));
    counter.classList.toggle('near-limit', textarea.value.length > REPLY_MAX - 20);
  };
  textarea.addEventListener('input', () => {
    drafts.reply = textarea.value;
    updateCounter();
  });
  updateCounter();
  const form = h(
    'form',
    { class: 'reply-form', 'aria-labelledby': 'reply-label' },
    h('label', { id: 'reply-label', for: 'reply-text' }, t('action.reply')),
    h('p', { id: 'reply-hint', class: 'hint' }, t('action.replyHint')),
    textarea,
    h('p', { class: 'form-foot' }, counter, h('button', { type: 'submit', class: 'primary' }, t('action.send'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (textarea.value.trim()) send(textarea.value.trim());
  });
  return form;
}

export function statusForm(
  tip: TipDetail,
  change: (status: TipStatus, outcome: Outcome | undefined) => void,
  problem: (message: string) => void,
): HTMLFormElement {
  const statuses = STATUSES.map((s) => h('option', { value: s, selected: s === tip.status }, t(`status.${s}`)));
  const status = h('select', { id: 'status-select', name: 'status' }, ...statuses);
  const outcomes = OUTCOMES.map((o) => h('option', { value: o, selected: o === tip.outcome }, t(`outcome.${o}`)));
  const outcome = h('select', { id: 'outcome-select', name: 'outcome' }, h('option', { value: '' }, t('action.chooseOutcome')), ...outcomes);
  const outcomeField = h('label', { class: 'outcome-field', for: 'outcome-select' }, h('span', {}, t('action.outcome')), outcome);
  // Closing asks why it was closed: the outcome is what the NGO reports on.
  const sync = () => {
    outcomeField.hidden = status.value !== 'closed';
    outcome.required = status.value === 'closed';
  };
  status.addEventListener('change', sync);
  sync();
  const form = h(
    'form',
    { class: 'status-form', 'aria-labelledby': 'status-title' },
    h('h3', { id: 'status-title' }, t('action.status')),
    h('label', { for: 'status-select' }, h('span', {}, t('action.newStatus')), status),
    outcomeField,
    h('button', { type: 'submit' }, t('action.apply')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = status.value as TipStatus;
    if (next === 'closed' && !outcome.value) return problem(t('action.outcomeRequired'));
    change(next, next === 'closed' ? (outcome.value as Outcome) : undefined);
  });
  return form;
}

export function noteForm(drafts: Drafts, add: (text: string) => void): HTMLFormElement {
  const textarea = h('textarea', { id: 'note-text', name: 'text', maxlength: NOTE_MAX, rows: 2, required: true, 'aria-describedby': 'note-hint' });
  textarea.value = drafts.note;
  textarea.addEventListener('input', () => (drafts.note = textarea.value));
  const form = h(
    'form',
    { class: 'note-form' },
    h('label', { for: 'note-text' }, t('action.note')),
    h('p', { id: 'note-hint', class: 'hint' }, t('action.noteHint')),
    textarea,
    h('p', { class: 'form-foot' }, h('button', { type: 'submit' }, t('action.addNote'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (textarea.value.trim()) add(textarea.value.trim());
  });
  return form;
}

export function levelForm(tip: TipDetail, save: (level: Level, reason: string) => void): HTMLElement {
  const level = h('select', { id: 'level-select', name: 'level' }, ...LEVELS.map((l) => h('option', { value: l, selected: l === tip.level }, t(`level.${l}`))));
  const reason = h('input', { id: 'level-reason', name: 'reason', type: 'text', minlength: 3, maxlength: 500, required: true, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'level-form' },
    h('label', { for: 'level-select' }, h('span', {}, t('action.newLevel')), level),
    h('label', { for: 'level-reason' }, h('span', {}, t('action.reason')), reason),
    h('button', { type: 'submit' }, t('action.saveLevel')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save(level.value as Level, reason.value.trim());
  });
  return h('details', { class: 'level-override' }, h('summary', {}, t('action.level')), form);
}
