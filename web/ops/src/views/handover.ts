// What one shift leaves the next (GET /api/handover): open tips by level, pages nobody answered,
// critical tips nobody holds, and who holds what. Each tip is a link; the page prints on paper
// for a handover by the desk. Tip codes and regions only: a printout leaves the room.
import * as api from '../api';
import { LEVELS, type Handover, type QueueItem } from '../api-types';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { type Key, t } from '../i18n';
import { age, clock } from '../time';
import { levelBadge, statusBadge } from './badges';

export class HandoverView {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'handover-title', tabindex: '-1' });
  private readonly actions = h('p', { class: 'handover-actions' });
  private readonly state = h('p', { class: 'handover-state', role: 'status' });
  private readonly body = h('div', { class: 'handover-body' });
  private data: Handover | null = null;
  private error: string | null = null;
  private loading = false;

  constructor() {
    this.element = h('section', { class: 'handover', 'aria-labelledby': 'handover-title' }, this.heading, this.actions, this.state, this.body);
    this.renderChrome();
  }

  async load(): Promise<void> {
    this.loading = true;
    this.renderChrome();
    try {
      this.data = await api.getHandover();
      this.error = null;
    } catch (error: unknown) {
      this.error = describeError(error);
    }
    this.loading = false;
    this.renderChrome();
  }

  focus(): void {
    this.heading.focus();
  }

  renderChrome(): void {
    replaceChildren(this.heading, t('handover.title'));
    const refresh = h('button', { type: 'button', 'data-action': 'handover-refresh' }, t('handover.refresh'));
    refresh.addEventListener('click', () => void this.load());
    const print = h('button', { type: 'button', 'data-action': 'handover-print' }, t('handover.print'));
    print.addEventListener('click', () => window.print());
    replaceChildren(this.actions, refresh, ' ', print);
    const line = this.loading
      ? t('app.loading')
      : this.error
        ? t('handover.failed', { reason: this.error })
        : this.data
          ? t('handover.at', { time: clock(this.data.at) })
          : '';
    replaceChildren(this.state, line);
    this.state.classList.toggle('offline', this.error !== null);
    if (this.data) this.show(this.data);
  }

  private show(data: Handover): void {
    const counts = h(
      'ul',
      { class: 'handover-counts' },
      ...LEVELS.map((level) => h('li', { 'data-level': level }, levelBadge(level), ' ', h('strong', { 'data-count': level }, String(data.open[level] ?? 0)))),
    );
    const claimed = data.claimed.map(({ by, tips }) =>
      h('section', { class: 'handover-person', 'data-staff': by.id }, h('h4', {}, t('handover.heldBy', { name: by.name, count: tips.length })), tipList(tips)),
    );
    replaceChildren(
      this.body,
      part('open', 'handover.open', counts),
      part('nobody-confirmed', 'handover.nobodyConfirmed', tipList(data.nobodyConfirmed)),
      part('unanswered', 'handover.unansweredPages', tipList(data.unansweredPages)),
      part('unclaimed-critical', 'handover.unclaimedCritical', tipList(data.unclaimedCritical)),
      part('claimed', 'handover.claimed', ...(claimed.length > 0 ? claimed : [h('p', { class: 'handover-none' }, t('handover.nobodyHolds'))])),
    );
  }
}

function part(name: string, title: Key, ...content: Node[]): HTMLElement {
  return h(
    'section',
    { class: 'handover-part', 'data-part': name, 'aria-labelledby': `handover-${name}` },
    h('h3', { id: `handover-${name}` }, t(title)),
    ...content,
  );
}

function tipList(tips: readonly QueueItem[]): HTMLElement {
  if (tips.length === 0) return h('p', { class: 'handover-none' }, t('handover.none'));
  return h(
    'ul',
    { class: 'handover-tips' },
    ...tips.map((tip) =>
      h(
        'li',
        { 'data-tip-id': tip.tipId },
        h('a', { href: `#/tips/${tip.tipId}` }, levelBadge(tip.level), ' ', h('span', { class: 'tip-id' }, tip.tipId)),
        ' ',
        statusBadge(tip.status),
        h('span', { class: 'handover-where' }, ` ${tip.region ?? t('queue.noRegion')} · `, h('time', { datetime: tip.createdAt }, age(tip.createdAt))),
      ),
    ),
  );
}
