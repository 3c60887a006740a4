// Actions that move a case along beside the claim: hand it to a colleague, or merge it into an
// earlier tip it repeats. Each is folded away until asked for, and only gathers input.
import type { StaffMember, StaffRef, TipDetail } from '../api-types';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';
import { foldedForm } from './folded-form';
import { TIP_ID, tipIdInput, typedTipId } from './tip-id-input';

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
  const details = foldedForm({
    name: 'assign',
    summary: t('case.assign'),
    fields: [{ label: t('case.assignTo'), control: select }],
    status: problem,
    submit: t('case.assignSubmit'),
    onSubmit: () => {
      const member = staff.find((m) => m.id === select.value);
      if (member) assign({ id: member.id, name: member.name });
    },
  });
  // The list is asked for when the operator opens the fold, not on every tip opened.
  details.addEventListener('toggle', () => details.open && staff.length === 0 && void fill(), { once: false });
  return details;
}

export function duplicateForm(tip: TipDetail, mark: (of: string) => void, problem: (message: string) => void): HTMLElement {
  const of = tipIdInput('duplicate-of', 'of', 'duplicate-hint');
  return foldedForm({
    name: 'duplicate',
    summary: t('case.duplicate'),
    hint: { id: 'duplicate-hint', text: t('case.duplicateHint') },
    fields: [{ label: t('case.duplicateField'), control: of }],
    submit: t('case.duplicateSubmit'),
    onSubmit: () => {
      const id = typedTipId(of);
      if (!TIP_ID.test(id)) return;
      if (id === tip.tipId) return problem(t('case.duplicateSelf'));
      mark(id);
    },
  });
}
