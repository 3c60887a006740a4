// Referring a case to an agency of the directory: which one (local authorities marked, and
// marked "do not refer" when the case implicates officials: only a supervisor may, with a reason),
// what to tell it, and which of the case's facts go with it. The tipster's contact never does.
import type { AgencyOption, NewReferral } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';

export const SUMMARY_MAX = 1000;
/** The reason a supervisor gives to refer a complicity case to a local authority (as a take-over's). */
const OVERRIDE_REASON = { min: 10, max: 300 } as const;

/** What is being typed, kept across a re-render of the case. */
export interface ReferralDraft {
  agencyId: string;
  summary: string;
  reason: string;
}

export interface ReferralFormOptions {
  agencies: readonly AgencyOption[] | null;
  /** Why the directory could not be read; null when it was, or is being read. */
  agenciesError: string | null;
  implicatesOfficials: boolean;
  supervisor: boolean;
  draft: ReferralDraft;
  send(referral: NewReferral): void;
  problem(message: string): void;
}

function agencyLabel(agency: AgencyOption, implicates: boolean): string {
  const marks = [
    agency.localAuthority && t('referral.localAuthority'),
    agency.localAuthority && implicates && t('referral.doNotRefer'),
    !agency.active && t('referral.inactive'),
  ].filter(Boolean);
  const name = `${agency.name} — ${tOr(`agencyKind.${agency.kind}`, agency.kind)}, ${agency.region}`;
  return marks.length > 0 ? `${name} (${marks.join(', ')})` : name;
}

export function referralForm(options: ReferralFormOptions): HTMLElement {
  const { agencies, implicatesOfficials: implicates, supervisor, draft } = options;
  const agency = h(
    'select',
    { id: 'referral-agency', name: 'agencyId', required: true, 'aria-describedby': 'referral-agency-note' },
    h('option', { value: '' }, agencies || options.agenciesError ? t('referral.chooseAgency') : t('app.loading')),
    ...(agencies ?? []).map((a) =>
      h(
        'option',
        { value: a.agencyId, disabled: !a.active, 'data-local-authority': a.localAuthority ? 'true' : null, selected: a.agencyId === draft.agencyId },
        agencyLabel(a, implicates),
      ),
    ),
  );
  const agencyNote = h('p', { id: 'referral-agency-note', class: 'hint referral-agency-note', role: 'status' });
  const reason = h('input', {
    id: 'referral-override',
    name: 'reason',
    type: 'text',
    minlength: OVERRIDE_REASON.min,
    maxlength: OVERRIDE_REASON.max,
    autocomplete: 'off',
  });
  reason.value = draft.reason;
  const override = h('label', { class: 'referral-override', for: 'referral-override', hidden: true }, h('span', {}, t('referral.overrideReason')), reason);
  const summary = h('textarea', {
    id: 'referral-summary',
    name: 'summary',
    maxlength: SUMMARY_MAX,
    rows: 4,
    required: true,
    'aria-describedby': 'referral-summary-hint referral-never',
  });
  summary.value = draft.summary;
  const share = (part: 'level' | 'indicators' | 'places') =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: `share-${part}`, id: `referral-share-${part}` }), ` ${t(`referral.share.${part}`)}`);

  const chosen = () => agencies?.find((a) => a.agencyId === agency.value);
  const refused = () => implicates && chosen()?.localAuthority === true;
  const sync = () => {
    draft.agencyId = agency.value;
    const blocked = refused();
    replaceChildren(agencyNote, blocked ? (supervisor ? t('referral.refusedSupervisor') : t('referral.refused')) : '');
    agencyNote.classList.toggle('case-alert', blocked);
    override.hidden = !(blocked && supervisor);
    reason.required = blocked && supervisor;
  };
  agency.addEventListener('change', sync);
  summary.addEventListener('input', () => (draft.summary = summary.value));
  reason.addEventListener('input', () => (draft.reason = reason.value));
  sync();

  const form = h(
    'form',
    { class: 'referral-form', 'aria-labelledby': 'referral-form-title' },
    h('h3', { id: 'referral-form-title' }, t('referral.formTitle')),
    options.agenciesError && h('p', { class: 'case-alert' }, t('referral.agenciesFailed', { reason: options.agenciesError })),
    h('label', { for: 'referral-agency' }, h('span', {}, t('referral.agency')), agency),
    agencyNote,
    override,
    h('label', { for: 'referral-summary' }, h('span', {}, t('referral.summary'))),
    h('p', { id: 'referral-summary-hint', class: 'hint' }, t('referral.summaryHint')),
    summary,
    h('fieldset', { class: 'referral-share' }, h('legend', {}, t('referral.shareLegend')), share('level'), share('indicators'), share('places')),
    h('p', { id: 'referral-never', class: 'referral-never' }, t('referral.neverContact')),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'send-referral' }, t('referral.send')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = chosen();
    if (!picked) return options.problem(t('referral.chooseAgencyFirst'));
    const text = summary.value.trim();
    if (!text) return options.problem(t('referral.summaryRequired'));
    const why = reason.value.trim();
    if (refused() && supervisor && why.length < OVERRIDE_REASON.min) return options.problem(t('referral.overrideRequired'));
    const checked = (part: string) => form.querySelector<HTMLInputElement>(`#referral-share-${part}`)?.checked ?? false;
    options.send({
      agencyId: picked.agencyId,
      summary: text,
      share: { level: checked('level'), indicators: checked('indicators'), places: checked('places') },
      ...(refused() && supervisor ? { override: { reason: why } } : {}),
    });
  });
  return h('section', { class: 'referral-new', 'aria-labelledby': 'referral-form-title' }, form);
}
