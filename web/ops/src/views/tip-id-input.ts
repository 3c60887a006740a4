// The field where an operator types another tip's id (mark as a duplicate of it, link to its
// case): eight letters or digits, as the queue shows them.
import { h } from '../dom';

/** Tip ids as the queue shows them (8 letters and digits); lower case is read as upper. */
export const TIP_ID = /^[A-Za-z0-9]{8}$/u;

export function tipIdInput(id: string, name: string, hintId: string): HTMLInputElement {
  return h('input', {
    id,
    name,
    type: 'text',
    required: true,
    minlength: 8,
    maxlength: 8,
    pattern: '[A-Za-z0-9]{8}',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': hintId,
  });
}

/** What the operator typed, as an id: spaces dropped, upper case. */
export const typedTipId = (input: HTMLInputElement): string => input.value.trim().toUpperCase();
