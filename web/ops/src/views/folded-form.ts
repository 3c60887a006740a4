// The shape every action on a case shares, so that they look and read alike: folded under its
// summary until asked for, a hint where one is needed, labelled fields, one submit button. The
// caller decides what a submit means; the form only gathers input.
import { h } from '../dom';

export interface FoldedFormSpec {
  /** Names the fold (`case-action <name>`), its form (`<name>-form`) and its button's data-action. */
  name: string;
  summary: string;
  /** Above the fields; a field that it explains points at its id with aria-describedby. */
  hint?: { id: string; text: string };
  fields: ReadonlyArray<{ label: string; control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement }>;
  /** Under the fields: where the form says what went wrong. */
  status?: HTMLElement;
  submit: string;
  onSubmit(): void;
}

/** The free-text reason an action asks for, within the limits the API sets for it. */
export function reasonInput(id: string, limits: { min: number; max: number }, describedBy?: string): HTMLInputElement {
  return h('input', {
    id,
    name: 'reason',
    type: 'text',
    minlength: limits.min,
    maxlength: limits.max,
    required: true,
    autocomplete: 'off',
    'aria-describedby': describedBy,
  });
}

export function foldedForm(spec: FoldedFormSpec): HTMLDetailsElement {
  const form = h(
    'form',
    { class: `${spec.name}-form` },
    spec.hint && h('p', { id: spec.hint.id, class: 'hint' }, spec.hint.text),
    ...spec.fields.map(({ label, control }) => h('label', { for: control.id }, h('span', {}, label), control)),
    spec.status,
    h('button', { type: 'submit', 'data-action': spec.name }, spec.submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    spec.onSubmit();
  });
  return h('details', { class: `case-action ${spec.name}` }, h('summary', {}, spec.summary), form);
}
