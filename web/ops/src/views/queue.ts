// The queue, in the order the API gives (level, then oldest): never re-sorted here. Rows are
// updated in place on every poll so that the selection, focus and scroll position survive.
// A row is two lines, so that a laptop shows ten tips or more without scrolling.
import { LEVELS, STATUSES, type QueueItem } from '../api-types';
import { h, replaceChildren } from '../dom';
import { activeFilters, CHANNELS, CLAIMED, DEFAULT_FILTER, type QueueFilter, SEARCH_MAX, sameFilter, shortId } from '../filters';
import { type Key, t } from '../i18n';
import { age, timeOfDay } from '../time';
import { langTag, levelBadge, statusBadge } from './badges';

export interface QueueHandlers {
  onFilter(filter: QueueFilter): void;
  /** Opens a tip (the one a duplicate repeats). */
  open(tipId: string): void;
}

/** Typing pauses this long before the search goes out: one request per word, not per letter. */
const SEARCH_DEBOUNCE_MS = 350;

interface Row {
  li: HTMLLIElement;
  link: HTMLAnchorElement;
  signature: string;
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
  private readonly rows = new Map<string, Row>();
  private items: QueueItem[] = [];
  private filter: QueueFilter = { ...DEFAULT_FILTER };
  private filtersOpen = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFetch: { ok: boolean; at: Date } | null = null;
  selectedId: string | null = null;
  openId: string | null = null;

  /** `tools` sit beside the search (the alert toggles). */
  constructor(
    private readonly handlers: QueueHandlers,
    tools: HTMLElement[] = [],
  ) {
    this.element = h(
      'section',
      { class: 'queue', 'aria-labelledby': 'queue-title' },
      h('div', { class: 'queue-head' }, this.heading, this.state),
      h('div', { class: 'queue-tools' }, this.filters, ...tools),
      this.empty,
      this.list,
      this.more,
    );
    this.filters.addEventListener('submit', (event) => {
      event.preventDefault();
      this.readFilters();
    });
    this.filters.addEventListener('change', () => this.readFilters());
    this.filters.addEventListener('input', (event) => {
      if (!(event.target instanceof HTMLInputElement) || event.target.name !== 'q') return;
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.readFilters(), SEARCH_DEBOUNCE_MS);
    });
    const duplicateOf = (event: Event) => (event.target instanceof Element ? event.target.closest<HTMLElement>('.dup-link')?.dataset.duplicateOf : undefined);
    this.list.addEventListener('click', (event) => {
      const of = duplicateOf(event);
      if (of) this.handlers.open(of);
    });
    this.list.addEventListener('keydown', (event) => {
      const of = event.key === 'Enter' ? duplicateOf(event) : undefined;
      if (!of) return;
      // Before the Enter shortcut, which would open the selected row instead.
      event.preventDefault();
      this.handlers.open(of);
    });
    this.renderChrome();
  }

  /** Everything but the rows: called once and again when the language changes. */
  renderChrome(): void {
    // What is typed and not yet searched for is not lost to a language switch.
    if (this.filters.elements.length > 0) this.readFilters();
    replaceChildren(this.heading, t('queue.title'), ' ', this.count);
    const f = this.filter;
    const option = (value: string, text: string, current: string) => h('option', { value, selected: current === value }, text);
    const select = (name: keyof QueueFilter, label: Key, any: Key, options: Array<[string, string]>) =>
      field(label, h('select', { name }, option('', t(any), f[name]), ...options.map(([value, text]) => option(value, text, f[name]))));
    const date = (name: 'from' | 'to', label: Key) => field(label, h('input', { name, type: 'date', value: f[name] }));
    const details = h('details', { class: 'more-filters', open: this.filtersOpen });
    details.addEventListener('toggle', () => (this.filtersOpen = details.open));
    const active = activeFilters(f);
    const clear = h('button', { type: 'button', class: 'clear-filters', 'data-action': 'clear-filters', disabled: active === 0 && !f.q }, t('filter.clear'));
    clear.addEventListener('click', () => {
      const next = { ...DEFAULT_FILTER };
      this.setFilter(next);
      this.handlers.onFilter(next);
      this.filters.querySelector<HTMLInputElement>('input[name="q"]')?.focus();
    });
    replaceChildren(
      details,
      h('summary', {}, active > 0 ? t('filter.titleActive', { count: active }) : t('queue.filters')),
      h(
        'div',
        { class: 'filter-fields' },
        field(
          'queue.status',
          h('select', { name: 'status' }, option('open', t('queue.open'), f.status), ...STATUSES.map((s) => option(s, t(`status.${s}`), f.status))),
        ),
        select(
          'level',
          'queue.level',
          'queue.any',
          LEVELS.map((l) => [l, t(`level.${l}`)]),
        ),
        select(
          'claimed',
          'filter.claimed',
          'filter.anyone',
          CLAIMED.map((c) => [c, t(`filter.claimed.${c}`)]),
        ),
        select(
          'channel',
          'filter.channel',
          'queue.any',
          CHANNELS.map((c) => [c, t(`row.channel.${c}`)]),
        ),
        field(
          'queue.region',
          h('input', { name: 'region', type: 'search', list: 'region-list', value: f.region, autocomplete: 'off', placeholder: t('queue.any') }),
        ),
        date('from', 'filter.from'),
        date('to', 'filter.to'),
        clear,
      ),
    );
    replaceChildren(
      this.filters,
      h(
        'label',
        { class: 'search' },
        h('span', { class: 'sr-only' }, t('search.label')),
        h('input', { name: 'q', type: 'search', value: f.q, maxlength: SEARCH_MAX, autocomplete: 'off', placeholder: t('search.placeholder') }),
      ),
      details,
      this.regions,
    );
    this.filters.setAttribute('aria-label', t('search.form'));
    replaceChildren(this.empty, t('queue.empty'));
    for (const row of this.rows.values()) row.signature = '';
    this.setItems(this.items, !this.more.hidden);
    if (this.lastFetch) this.setFetchState(this.lastFetch.ok, this.lastFetch.at);
  }

  private readFilters(): void {
    clearTimeout(this.searchTimer);
    const data = new FormData(this.filters);
    const text = (name: keyof QueueFilter) => String(data.get(name) ?? '');
    this.apply({
      status: (text('status') || 'open') as QueueFilter['status'],
      level: text('level') as QueueFilter['level'],
      region: text('region'),
      q: text('q').slice(0, SEARCH_MAX),
      claimed: text('claimed') as QueueFilter['claimed'],
      channel: text('channel') as QueueFilter['channel'],
      from: text('from'),
      to: text('to'),
    });
  }

  private apply(next: QueueFilter): void {
    if (sameFilter(next, this.filter)) return;
    this.filter = next;
    this.refreshFilterSummary();
    this.handlers.onFilter(next);
  }

  /** The count on the toggle and the clear button follow the fields without rebuilding them. */
  private refreshFilterSummary(): void {
    const active = activeFilters(this.filter);
    const summary = this.filters.querySelector('summary');
    if (summary) replaceChildren(summary, active > 0 ? t('filter.titleActive', { count: active }) : t('queue.filters'));
    const clear = this.filters.querySelector<HTMLButtonElement>('.clear-filters');
    if (clear) clear.disabled = active === 0 && !this.filter.q;
  }

  /** The address changed the filter (Back, a reload, a link): the fields follow, no event. */
  setFilter(filter: QueueFilter): void {
    if (sameFilter(filter, this.filter)) return;
    clearTimeout(this.searchTimer);
    this.filter = filter;
    // Rebuilt from this.filter, not from the fields that still show the old one.
    replaceChildren(this.filters);
    this.renderChrome();
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

  private row(item: QueueItem): Row {
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
          item.nobodyConfirmed && h('span', { class: 'flag flag-alert', 'data-flag': 'nobody-confirmed' }, t('row.nobodyConfirmed')),
          item.pageUnanswered && !item.nobodyConfirmed && h('span', { class: 'flag', 'data-flag': 'page-unanswered' }, t('row.pageUnanswered')),
          h('span', { class: 'age' }, h('time', { datetime: item.lastMessageAt }, when)),
        ),
        h(
          'span',
          { class: 'row-meta' },
          langTag(item.lang, 'short'),
          h('span', { class: 'region' }, item.region ?? t('queue.noRegion')),
          h('span', { class: 'channel', 'data-channel': item.channel }, t(`row.channel.${item.channel}`)),
          h('span', { class: 'holder' }, item.claimedBy ? t('queue.heldBy', { name: item.claimedBy.name }) : t('queue.unclaimed')),
        ),
        h('span', { class: 'preview' }, item.preview),
      );
      // To the tip this one repeats: beside the row's link, since links do not nest. A link by
      // role, not an <a>: the row's link stays the only anchor of the row.
      row.li.querySelector('.dup-link')?.remove();
      if (item.duplicateOf) {
        const of = item.duplicateOf.tipId;
        row.li.append(h('span', { class: 'dup-link', role: 'link', tabindex: '0', 'data-duplicate-of': of }, t('row.duplicateOf', { id: shortId(of) })));
      }
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

function field(label: Key, control: HTMLElement): HTMLElement {
  return h('label', {}, h('span', {}, t(label)), control);
}
