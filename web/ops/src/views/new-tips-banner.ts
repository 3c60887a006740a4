// The strip under the header that says a critical tip came in. It is a link to the newest one,
// it can be dismissed, and it comes back only for a tip newer than the ones dismissed. Screen
// readers hear it through a separate live region: a live region that holds a link and a button
// would be read again on every change.
import type { QueueItem } from '../api-types';
import { h, replaceChildren } from '../dom';
import { shortId } from '../filters';
import { t } from '../i18n';

export class NewTipsBanner {
  readonly element: HTMLElement;
  /** Polite is not enough for a child in danger: assertive, as before. */
  readonly live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'assertive', 'aria-atomic': 'true', 'data-live': 'new-tips' });
  private readonly link = h('a', { class: 'new-tips-open', 'data-action': 'new-tips-open' });
  private readonly close = h('button', { type: 'button', class: 'new-tips-close', 'data-action': 'new-tips-dismiss' });
  /** Not yet opened nor dismissed, newest first. */
  private pending: QueueItem[] = [];

  constructor(private readonly whenDismissed: () => void) {
    this.element = h('div', { class: 'new-tips', hidden: true }, this.link, this.close);
    this.close.addEventListener('click', () => {
      this.pending = [];
      this.render();
      this.whenDismissed();
    });
    this.render();
  }

  /** New critical tips (newest first): shown, and announced. */
  add(items: readonly QueueItem[]): void {
    if (items.length === 0) return;
    const ids = new Set(items.map((i) => i.tipId));
    this.pending = [...items, ...this.pending.filter((i) => !ids.has(i.tipId))];
    this.render();
    replaceChildren(this.live, this.text());
  }

  /** The operator opened this tip, by the banner or otherwise: it is no longer news. */
  opened(tipId: string): void {
    if (!this.pending.some((i) => i.tipId === tipId)) return;
    this.pending = this.pending.filter((i) => i.tipId !== tipId);
    this.render();
  }

  render(): void {
    const newest = this.pending[0];
    this.element.hidden = newest === undefined;
    if (!newest) {
      replaceChildren(this.live);
      return;
    }
    this.link.href = `#/tips/${newest.tipId}`;
    replaceChildren(this.link, this.text());
    this.close.setAttribute('aria-label', t('banner.dismiss'));
    this.close.title = t('banner.dismiss');
    replaceChildren(this.close, h('span', { 'aria-hidden': 'true' }, '×'));
  }

  private text(): string {
    const newest = this.pending[0]!;
    const params = { id: shortId(newest.tipId), region: newest.region ?? t('queue.noRegion'), count: this.pending.length };
    return this.pending.length === 1 ? t('banner.one', params) : t('banner.many', params);
  }
}
