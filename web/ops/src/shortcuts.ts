// Single-key shortcuts for an operator who works the queue for hours. They stay out of the way
// of anyone typing, and of the browser's own modifier shortcuts.
import { isTyping } from './dom';

export interface ShortcutActions {
  next(): void;
  previous(): void;
  open(): void;
  claim(): void;
  reply(): void;
  back(): void;
  help(): void;
  /** Only on the local stack. */
  developer?: (() => void) | undefined;
}

export function installShortcuts(actions: ShortcutActions, signal: AbortSignal): void {
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'Escape') {
        // Esc in a field leaves the field first; a second Esc goes back to the queue.
        if (isTyping(event.target) && event.target instanceof HTMLElement) return event.target.blur();
        return actions.back();
      }
      if (isTyping(event.target)) return;
      const handler: Record<string, (() => void) | undefined> = {
        j: actions.next,
        k: actions.previous,
        c: actions.claim,
        r: actions.reply,
        '?': actions.help,
        d: actions.developer,
        // A focused link or button already does its own thing on Enter.
        Enter: event.target instanceof HTMLAnchorElement || event.target instanceof HTMLButtonElement ? undefined : actions.open,
      };
      const run = handler[event.key];
      if (!run) return;
      event.preventDefault();
      run();
    },
    { signal },
  );
}
