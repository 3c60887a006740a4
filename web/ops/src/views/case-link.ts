// What ties a tip to its case: the warning that officials may be complicit (said on the tip and on
// the case, so that nobody refers it to the local police station), the way to the case, and the
// form that links the tip into another tip's case.
import type { TipDetail } from '../api-types';
import { h } from '../dom';
import { t } from '../i18n';
import { foldedForm } from './folded-form';
import { TIP_ID, tipIdInput, typedTipId } from './tip-id-input';

/**
 * Read before anything else on the tip or the case, on a phone too: a bordered block with a
 * heading-sized line. role="alert" so that a screen reader says it when the tip opens.
 */
export function complicityWarning(): HTMLElement {
  return h(
    'div',
    { class: 'complicity-warning', role: 'alert' },
    h('p', {}, h('span', { 'aria-hidden': 'true' }, '⚠ '), h('strong', {}, t('complicity.warning'))),
    h('p', { class: 'complicity-hint' }, t('complicity.hint')),
  );
}

/** The way to the tip's case, when it is in one. */
export function caseLink(tip: TipDetail): HTMLElement | null {
  if (!tip.caseId) return null;
  return h(
    'div',
    { class: 'case-of', 'data-case-id': tip.caseId },
    h('p', {}, h('a', { href: `#/cases/${encodeURIComponent(tip.caseId)}` }, t('caseView.open'))),
    h('p', { class: 'hint' }, t('link.addOther', { id: tip.tipId })),
  );
}

/** None for a tip already in a case: another tip joins it from that tip's own view. */
export function linkForm(tip: TipDetail, link: (to: string) => void, problem: (message: string) => void): HTMLElement | null {
  if (tip.caseId) return null;
  const to = tipIdInput('link-to', 'to', 'link-hint');
  return foldedForm({
    name: 'link',
    summary: t('link.summary'),
    hint: { id: 'link-hint', text: t('link.hint') },
    fields: [{ label: t('link.field'), control: to }],
    submit: t('link.submit'),
    onSubmit: () => {
      const id = typedTipId(to);
      if (!TIP_ID.test(id)) return problem(t('link.invalid'));
      if (id === tip.tipId) return problem(t('link.self'));
      link(id);
    },
  });
}
