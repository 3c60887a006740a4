// Actions that move a case along beside the claim: hand it to a colleague, or merge it into an
// earlier tip it repeats. Each is folded away until asked for, and only gathers input.
import type { StaffMember, StaffRef, TipDetail } from '../api-types';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';

/** Tip ids as the queue shows them (8 letters and digits); lower case is read as upper. */
const TIP_ID = /^[A-Za-z0-9]{8}$/u;

export function assignForm(tip: TipDetail, loadStaff: () => Promise<StaffMember[]>, assign: (to: StaffRef) => void): HTMLElement {
  const select = h('select', { id: 'assign-to', name: 'to', required: true }, h('option', { value: '' }, t('app.loading')));
  const problem = h('p', { class: 'hint assign-problem', role: 'status' });
  let staff: StaffMember[] = [];
  const fill = async () => {
    try {
      staff = await loadStaff();
    } catch {
      replaceChildren(problem, t('case.staffFailed'));
      return;
    }
    replaceChildren(
      select,
      h('option', { value: '' }, t('case.assignChoose')),
      ...staff
        .filter((member) => member.id !== tip.claimedBy?.id)
        .map((member) => h('option', { value: member.id }, `${member.name} (${member.roles.map((r) => tOr(`case.role.${r}`, r)).join(', ')})`)),
    );
  };
  const form = h(
    'form',
    { class: 'assign-form' },
    h('label', { for: 'assign-to' }, h('span', {}, t('case.assignTo')), select),
    problem,
    h('button', { type: 'submit', 'data-action': 'assign' }, t('case.assignSubmit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const member = staff.find((m) => m.id === select.value);
    if (member) assign({ id: member.id, name: member.name });
  });
  const details = h('details', { class: 'case-action assign' }, h('summary', {}, t('case.assign')), form);
  // The list is asked for when the operator opens the fold, not on every tip opened.
  details.addEventListener('toggle', () => details.open && staff.length === 0 && void fill(), { once: false });
  return details;
}

export function duplicateForm(tip: TipDetail, mark: (of: string) => void, problem: (message: string) => void): HTMLElement {
  const of = h('input', {
    id: 'duplicate-of',
    name: 'of',
    type: 'text',
    required: true,
    minlength: 8,
    maxlength: 8,
    pattern: '[A-Za-z0-9]{8}',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'duplicate-hint',
  });
  const form = h(
    'form',
    { class: 'duplicate-form' },
    h('p', { id: 'duplicate-hint', class: 'hint' }, t('case.duplicateHint')),
    h('label', { for: 'duplicate-of' }, h('span', {}, t('case.duplicateField')), of),
    h('button', { type: 'submit', 'data-action': 'duplicate' }, t('case.duplicateSubmit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = of.value.trim().toUpperCase();
    if (!TIP_ID.test(id)) return;
    if (id === tip.tipId) return problem(t('case.duplicateSelf'));
    mark(id);
  });
  return h('details', { class: 'case-action duplicate' }, h('summary', {}, t('case.duplicate')), form);
}
