// The queue, in the order the API gives (level, then oldest): never re-sorted here. Rows are
// updated in place on every poll so that the selection, focus and scroll position survive.
import { LEVELS, STATUSES, type QueueItem } from '../api-types';
import type { QueueFilter } from '../api';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';
import { age, timeOfDay } from '../time';
import { langTag, levelBadge, statusBadge } from './badges';

export interface QueueHandlers {
  onFilter(filter: QueueFilter): void;
}

export class QueueView {
  readonly element: HTMLElement;
  private readonly list = h('ol', { class: 'queue-list', id: 'queue-list' });
  private readonly heading = h('h2', { id: 'queue-title' });
  private readonly count = h('span', { class: 'count' });
  private readonly state = h('p', { class: 'queue-state' });
  private readonly more = h('p', { class: 'queue-more', hidden: true });
  private readonly empty = h('p', { class: 'queue-empty', hidden: true });
  private readonly filters = h('form', { class: 'filters', role: 'search' });
  private readonly regions = h('datalist', { id: 'region-list' });
  private readonly rows = new Map<string, { li: HTMLLIElement; link: HTMLAnchorElement; signature: string }>();
  private items: QueueItem[] = [];
  private filter: QueueFilter = { status: 'open', level: '', region: '' };
  private lastFetch: { ok: boolean; at: Date } | null = null;
  selectedId: string | null = null;
  openId: string | null = null;

  constructor(private readonly handlers: QueueHandlers) {
    this.element = h('section', { class: 'queue', 'aria-labelledby': 'queue-title' }, this.heading, this.filters, this.state, this.empty, this.list, this.more);
    this.filters.addEventListener('submit', (event) => {
      event.preventDefault();
      this.readFilters();
    });
    this.filters.addEventListener('change', () => this.readFilters());
    this.renderChrome();
  }

  /** Everything but the rows: called once and again when the language changes. */
  renderChrome(): void {
    replaceChildren(this.heading, t('queue.title'), ' ', this.count);
    const select = (name: keyof QueueFilter, label: string, options: Array<[string, string]>) =>
      h(
        'label',
        {},
        h('span', {}, label),
        h('select', { name }, ...options.map(([value, text]) => h('option', { value, selected: this.filter[name] === value }, text))),
      );
    replaceChildren(
      this.filters,
      h('h3', { class: 'sr-only' }, t('queue.filters')),
      select('status', t('queue.status'), [['open', t('queue.open')], ...STATUSES.map((s): [string, string] => [s, t(`status.${s}`)])]),
      select('level', t('queue.level'), [['', t('queue.any')], ...LEVELS.map((l): [string, string] => [l, t(`level.${l}`)])]),
      h(
        'label',
        {},
        h('span', {}, t('queue.region')),
        h('input', { name: 'region', type: 'search', list: 'region-list', value: this.filter.region, autocomplete: 'off', placeholder: t('queue.any') }),
      ),
      this.regions,
    );
    replaceChildren(this.empty, t('queue.empty'));
    for (const row of this.rows.values()) row.signature = '';
    this.setItems(this.items, !this.more.hidden);
    if (this.lastFetch) this.setFetchState(this.lastFetch.ok, this.lastFetch.at);
  }

  private readFilters(): void {
    const data = new FormData(this.filters);
    const next: QueueFilter = {
      status: String(data.get('status') ?? 'open') as QueueFilter['status'],
      level: String(data.get('level') ?? '') as QueueFilter['level'],
      region: String(data.get('region') ?? ''),
    };
    if (next.status === this.filter.status && next.level === this.filter.level && next.region === this.filter.region) return;
    this.filter = next;
    this.handlers.onFilter(next);
  }

  currentFilter(): QueueFilter {
    return this.filter;
  }

  setFetchState(ok: boolean, at: Date): void {
    this.lastFetch = { ok, at };
    this.state.classList.toggle('offline', !ok);
    replaceChildren(this.state, ok ? t('queue.updated', { time: timeOfDay(at) }) : t('queue.offline'));
  }

  setItems(items: QueueItem[], hasMore: boolean): void {
    this.items = items;
    const focused = document.activeElement;
    const seen = new Set<string>();
    let previous: Element | null = null;
    for (const item of items) {
      seen.add(item.tipId);
      const row = this.row(item);
      const expected: Element | null = previous ? previous.nextElementSibling : this.list.firstElementChild;
      if (expected !== row.li) this.list.insertBefore(row.li, expected);
      previous = row.li;
    }
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.li.remove();
        this.rows.delete(id);
      }
    }
    // Moving a focused node blurs it; give the keyboard user their place back.
    if (focused instanceof HTMLElement && focused !== document.activeElement && this.list.contains(focused)) focused.focus({ preventScroll: true });
    this.markSelection();
    replaceChildren(this.count, t('queue.count', { count: items.length }));
    this.empty.hidden = items.length > 0;
    this.more.hidden = !hasMore;
    replaceChildren(this.more, t('queue.more', { count: items.length }));
    const regions = [...new Set(items.map((i) => i.region).filter((r): r is string => r !== null))].sort();
    replaceChildren(this.regions, ...regions.map((r) => h('option', { value: r })));
  }

  private row(item: QueueItem): { li: HTMLLIElement; link: HTMLAnchorElement; signature: string } {
    const when = age(item.lastMessageAt);
    const signature = JSON.stringify([item, when]);
    let row = this.rows.get(item.tipId);
    if (!row) {
      const link = h('a', { class: 'row', href: `#/tips/${item.tipId}` });
      row = { li: h('li', { 'data-tip-id': item.tipId }, link), link, signature: '' };
      this.rows.set(item.tipId, row);
    }
    if (row.signature !== signature) {
      row.signature = signature;
      row.li.dataset.level = item.level;
      replaceChildren(
        row.link,
        h(
          'span',
          { class: 'row-top' },
          levelBadge(item.level),
          h('span', { class: 'tip-id' }, item.tipId),
          statusBadge(item.status),
          h('span', { class: 'age' }, h('time', { datetime: item.lastMessageAt }, when)),
        ),
        h(
          'span',
          { class: 'row-meta' },
          langTag(item.lang, 'short'),
          h('span', { class: 'region' }, item.region ?? t('queue.noRegion')),
          item.indicators.length > 0 && h('span', { class: 'indicators' }, item.indicators.map((id) => tOr(`indicator.${id}`, id)).join(' · ')),
        ),
        h('span', { class: 'preview' }, item.preview),
        h('span', { class: 'holder' }, item.claimedBy ? t('queue.heldBy', { name: item.claimedBy.name }) : t('queue.unclaimed')),
      );
    }
    return row;
  }

  private markSelection(): void {
    for (const [id, row] of this.rows) {
      row.li.classList.toggle('selected', id === this.selectedId);
      if (id === this.openId) row.link.setAttribute('aria-current', 'page');
      else row.link.removeAttribute('aria-current');
    }
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.markSelection();
  }

  setOpen(id: string | null): void {
    this.openId = id;
    if (id !== null) this.selectedId = id;
    this.markSelection();
  }

  /** j/k: moves the selection and the focus along the queue. */
  move(delta: 1 | -1): void {
    if (this.items.length === 0) return;
    const index = this.items.findIndex((i) => i.tipId === this.selectedId);
    const next = index === -1 ? (delta === 1 ? 0 : this.items.length - 1) : Math.min(this.items.length - 1, Math.max(0, index + delta));
    const id = this.items[next]!.tipId;
    this.select(id);
    const row = this.rows.get(id);
    row?.link.focus();
    row?.li.scrollIntoView({ block: 'nearest' });
  }

  item(id: string): QueueItem | undefined {
    return this.items.find((i) => i.tipId === id);
  }

  focusSelected(): void {
    const row = this.selectedId ? this.rows.get(this.selectedId) : undefined;
    if (row) row.link.focus();
    else this.list.querySelector('a')?.focus();
  }
}
