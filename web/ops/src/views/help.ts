// The keyboard shortcuts, in a native <dialog>: it traps focus and closes on Esc by itself.
import { h } from '../dom';
import { t, type Key } from '../i18n';

const SHORTCUTS: Array<[string, Key]> = [
  ['j', 'help.j'],
  ['k', 'help.k'],
  ['Enter', 'help.enter'],
  ['c', 'help.c'],
  ['r', 'help.r'],
  ['Esc', 'help.esc'],
  ['?', 'help.question'],
];

export function helpDialog(options: { developer: boolean }): HTMLDialogElement {
  const shortcuts: Array<[string, Key]> = options.developer ? [...SHORTCUTS, ['d', 'help.d']] : SHORTCUTS;
  const close = h('button', { type: 'button' }, t('help.close'));
  const dialog = h(
    'dialog',
    { class: 'help', 'aria-labelledby': 'help-title' },
    h('h2', { id: 'help-title' }, t('help.title')),
    h('dl', {}, ...shortcuts.flatMap(([key, text]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, t(text))])),
    h('p', { class: 'hint' }, t('help.note')),
    close,
  );
  close.addEventListener('click', () => dialog.close());
  return dialog;
}
