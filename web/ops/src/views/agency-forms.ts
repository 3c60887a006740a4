// The directory's two forms (supervisors): an agency added or edited, its contact written and
// never read back; and per region, which agency kinds are its local authority (never paged nor
// referred a tip that implicates officials) and which policy pages such tips instead.
import { AGENCY_KINDS, type AgencyKind, type AgencyPut, DEFAULT_LOCAL_AUTHORITY_KINDS, type RegionRule, type RegionRulePut } from '../api-types-cases';
import { h } from '../dom';
import { t } from '../i18n';

/** A policy a region's complicity tips can be paged by instead of its own. */
export interface PolicyChoice {
  policyId: string;
  label: string;
}

/** core/paging/model's ids: 3 to 40 of a-z, 0-9 and -. */
export const ID_PATTERN = '[a-z0-9\\-]{3,40}';
/** E.164, once the spaces, dashes and brackets people type are taken out. */
const E164 = /^\+[1-9][0-9]{6,14}$/u;

export interface AgencyFormValues {
  agencyId: string;
  name: string;
  kind: AgencyKind;
  region: string;
  active: boolean;
  hasContact: boolean;
}

const kindOptions = (selected: string) => AGENCY_KINDS.map((kind) => h('option', { value: kind, selected: kind === selected }, t(`agencyKind.${kind}`)));

/** `editing` null: a new agency. Its id is the directory's key, so an existing one's is fixed. */
export function agencyForm(
  editing: AgencyFormValues | null,
  regions: readonly string[],
  save: (agencyId: string, body: AgencyPut) => void,
  problem: (message: string) => void,
): HTMLElement {
  const id = h('input', {
    id: 'agency-id',
    name: 'agencyId',
    type: 'text',
    required: true,
    pattern: ID_PATTERN,
    maxlength: 40,
    autocomplete: 'off',
    spellcheck: 'false',
    readonly: editing !== null,
    'aria-describedby': 'agency-id-hint',
  });
  const name = h('input', { id: 'agency-name', name: 'name', type: 'text', required: true, minlength: 2, maxlength: 120, autocomplete: 'off' });
  const kind = h('select', { id: 'agency-kind', name: 'kind', required: true }, ...kindOptions(editing?.kind ?? 'prosecutor'));
  const region = h('input', {
    id: 'agency-region',
    name: 'region',
    type: 'text',
    required: true,
    minlength: 2,
    maxlength: 40,
    list: 'agency-regions',
    autocomplete: 'off',
  });
  const active = h('input', { id: 'agency-active', name: 'active', type: 'checkbox' });
  const contact = h('input', {
    id: 'agency-contact',
    name: 'contact',
    type: 'tel',
    autocomplete: 'off',
    placeholder: '+51…',
    'aria-describedby': 'agency-contact-hint',
  });
  id.value = editing?.agencyId ?? '';
  name.value = editing?.name ?? '';
  region.value = editing?.region ?? '';
  active.checked = editing?.active ?? true;
  const contactHint = editing?.hasContact ? t('agencies.contactKept') : t('agencies.contactNone');
  const field = (label: string, control: HTMLElement, hint?: HTMLElement) => h('label', { for: control.id }, h('span', {}, label), control, hint);
  const form = h(
    'form',
    { class: 'agency-form', 'aria-labelledby': 'agency-form-title', 'data-editing': editing?.agencyId ?? '' },
    h('h3', { id: 'agency-form-title' }, editing ? t('agencies.edit', { name: editing.name }) : t('agencies.add')),
    field(t('agencies.id'), id, h('span', { id: 'agency-id-hint', class: 'hint' }, t('agencies.idHint'))),
    field(t('agencies.name'), name),
    field(t('agencies.kind'), kind),
    field(t('agencies.region'), region),
    h('datalist', { id: 'agency-regions' }, ...regions.map((r) => h('option', { value: r }))),
    h('label', { class: 'check', for: 'agency-active' }, active, ` ${t('agencies.active')}`),
    field(t('agencies.contact'), contact, h('span', { id: 'agency-contact-hint', class: 'hint' }, contactHint)),
    h('button', { type: 'submit', class: 'primary', 'data-action': 'save-agency' }, t('agencies.save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const phone = contact.value.replace(/[\s().-]/gu, '');
    if (phone && !E164.test(phone)) return problem(t('agencies.contactInvalid'));
    save(id.value.trim(), {
      name: name.value.trim(),
      kind: kind.value as AgencyKind,
      region: region.value.trim(),
      active: active.checked,
      ...(phone ? { contact: phone } : {}),
    });
  });
  return form;
}

/** A rule's id for a region that has none yet: its name, lower case, without accents. */
export function ruleIdFor(region: string): string {
  const slug = region
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, 40);
  return slug.length >= 3 ? slug : `region-${slug}`.slice(0, 40);
}

export function regionRuleForm(
  region: string,
  rule: RegionRule | undefined,
  policies: readonly PolicyChoice[],
  save: (ruleId: string, body: RegionRulePut) => void,
): HTMLElement {
  const key = ruleIdFor(region);
  const kinds = rule?.localAuthorityKinds ?? DEFAULT_LOCAL_AUTHORITY_KINDS;
  const boxes = AGENCY_KINDS.map((kind) => {
    const box = h('input', { type: 'checkbox', id: `rule-${key}-${kind}`, name: kind, value: kind });
    box.checked = kinds.includes(kind);
    return h('label', { class: 'check', for: box.id }, box, ` ${t(`agencyKind.${kind}`)}`);
  });
  const policy = h(
    'select',
    { id: `rule-${key}-policy`, name: 'complicityPolicyId' },
    h('option', { value: '' }, t('agencies.policySame')),
    ...policies.map((p) => h('option', { value: p.policyId, selected: p.policyId === rule?.complicityPolicyId }, p.label)),
  );
  const form = h(
    'form',
    { class: 'region-rule', 'data-region': region, 'data-rule-id': rule?.ruleId ?? '' },
    h(
      'fieldset',
      {},
      h('legend', {}, region === 'default' ? t('roster.defaultRegion') : region, rule ? '' : ` (${t('agencies.ruleDefault')})`),
      h('div', { class: 'rule-kinds' }, ...boxes),
      h('label', { for: policy.id }, h('span', {}, t('agencies.complicityPolicy')), policy),
      h('button', { type: 'submit', 'data-action': 'save-region-rule' }, t('agencies.saveRule')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = AGENCY_KINDS.filter((kind) => form.querySelector<HTMLInputElement>(`#rule-${key}-${kind}`)?.checked);
    save(rule?.ruleId ?? key, { region, localAuthorityKinds: chosen, ...(policy.value ? { complicityPolicyId: policy.value } : {}) });
  });
  return form;
}
