// The local stack's outbox: every SMS its stand-in for Twilio was asked to send (replies,
// pages, notices, confirmations), so a developer can see a page arrive without a phone. Only
// built when config.json says the stack is local. Phone numbers show here because this is
// Twilio's side of the wire, simulated; so the list exists only while the panel is open, and
// the operator views, which never show a number, stay as they are.
import * as api from '../api';
import type { OutboxMessage } from '../api-types';
import { h, replaceChildren } from '../dom';
import { loadWhileOpen, type FetchState } from '../panel-load';
import { t } from '../i18n';
import { poll } from '../poller';
import { timeOfDay } from '../time';

const POLL_MS = 3_000;
/** A long local session piles up messages; the newest are the ones being looked for. */
const SHOWN = 200;

export class DevPanel {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'dev-title' });
  private readonly tag = h('span', { class: 'dev-tag' });
  private readonly toggle = h('button', { type: 'button', 'aria-controls': 'dev-body', 'aria-expanded': 'false', 'data-action': 'dev-toggle' });
  private readonly body = h('div', { id: 'dev-body', class: 'dev-body', hidden: true });
  private readonly note = h('p', { class: 'dev-note' });
  private readonly state = h('p', { class: 'dev-state', role: 'status' });
  /** Focusable because it scrolls: a keyboard has to be able to scroll it too. */
  private readonly list = h('ol', { class: 'outbox', tabindex: 0 });
  private poller: { now(): void; stop(): void } | null = null;
  private messages: OutboxMessage[] = [];
  private signature = '';
  private lastFetch: FetchState | null = null;

  constructor() {
    this.element = h('section', { class: 'dev', 'aria-labelledby': 'dev-title' }, h('div', { class: 'dev-head' }, this.heading, this.tag, this.toggle), this.body);
    this.body.append(this.note, this.state, this.list);
    this.toggle.addEventListener('click', () => this.flip());
    this.renderChrome();
  }

  get isOpen(): boolean {
    return this.poller !== null;
  }

  flip(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  open(): void {
    if (this.isOpen) return;
    this.body.hidden = false;
    this.poller = poll(() => this.refresh(), POLL_MS);
    this.renderChrome();
  }

  close(): void {
    this.poller?.stop();
    this.poller = null;
    this.body.hidden = true;
    // Closed means gone from the page, numbers included.
    this.messages = [];
    this.signature = '';
    this.lastFetch = null;
    replaceChildren(this.list);
    replaceChildren(this.state);
    this.renderChrome();
  }

  /** Everything but the messages: again when the language changes. */
  renderChrome(): void {
    replaceChildren(this.heading, t('dev.title'));
    replaceChildren(this.tag, t('dev.tag'));
    replaceChildren(this.toggle, this.isOpen ? t('dev.hide') : t('dev.show'));
    this.toggle.setAttribute('aria-expanded', String(this.isOpen));
    replaceChildren(this.note, t('dev.note'));
    this.list.setAttribute('aria-label', t('dev.listLabel'));
    this.signature = '';
    this.render();
  }

  private async refresh(): Promise<void> {
    const got = await loadWhileOpen(api.getOutbox, () => this.isOpen);
    if (got === undefined) return;
    if (got.value !== undefined) this.messages = got.value;
    this.lastFetch = got.state;
    this.render();
  }

  private render(): void {
    if (!this.isOpen) return;
    const total = this.messages.length;
    const fetched = this.lastFetch;
    const parts = [
      fetched === null ? t('app.loading') : fetched.ok ? t('dev.updated', { time: timeOfDay(fetched.at) }) : t('dev.failed', { reason: fetched.error ?? '' }),
      t('dev.count', { count: total }),
      total > SHOWN ? t('dev.shown', { count: SHOWN }) : '',
    ];
    replaceChildren(this.state, parts.filter(Boolean).join(' · '));
    this.state.classList.toggle('offline', fetched?.ok === false);
    // Rebuilt only when the outbox changed, so a developer reading a long body keeps their place.
    const newest = this.messages.slice(-SHOWN).reverse();
    const signature = `${total}:${newest[0]?.sid ?? ''}`;
    if (signature === this.signature) return;
    this.signature = signature;
    if (total === 0) {
      replaceChildren(this.list, h('li', { class: 'outbox-empty' }, t('dev.empty')));
      return;
    }
    replaceChildren(
      this.list,
      ...newest.map((m) =>
        h(
          'li',
          { 'data-sid': m.sid },
          h('p', { class: 'outbox-head' }, h('span', { class: 'outbox-to' }, t('dev.to', { to: m.to })), ' ', h('time', { datetime: m.at }, timeOfDay(new Date(m.at)))),
          h('p', { class: 'outbox-body' }, m.body),
        ),
      ),
    );
  }

  stop(): void {
    this.poller?.stop();
    this.poller = null;
  }
}
