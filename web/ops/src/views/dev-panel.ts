// The local stack's outbox: every SMS its stand-in for Twilio was asked to send (replies,
// pages, notices, confirmations), so a developer can see a page arrive without a phone. Only
// built when config.json says the stack is local. Phone numbers show here because this is
// Twilio's side of the wire, simulated; so the list exists only while the panel is open, and
// the operator views, which never show a number, stay as they are.
import * as api from '../api';
import type { OutboxMessage } from '../api-types';
import { h, replaceChildren } from '../dom';
import { PollingPanel } from '../panel-load';
import { t } from '../i18n';
import { timeOfDay } from '../time';

const POLL_MS = 3_000;
/** A long local session piles up messages; the newest are the ones being looked for. */
const SHOWN = 200;

export class DevPanel extends PollingPanel<OutboxMessage[]> {
  private readonly tag = h('span', { class: 'dev-tag' });
  /** Focusable because it scrolls: a keyboard has to be able to scroll it too. */
  private readonly list = h('ol', { class: 'outbox', tabindex: 0 });
  private signature = '';

  constructor() {
    super('dev', { load: api.getOutbox, pollMs: POLL_MS });
    this.heading.after(this.tag);
    this.body.append(this.list);
    this.renderChrome();
  }

  override close(): void {
    // Closed means gone from the page, numbers included.
    this.data = null;
    this.signature = '';
    this.lastFetch = null;
    replaceChildren(this.list);
    replaceChildren(this.state);
    super.close();
  }

  override renderChrome(): void {
    replaceChildren(this.tag, t('dev.tag'));
    this.list.setAttribute('aria-label', t('dev.listLabel'));
    this.signature = '';
    super.renderChrome();
  }

  protected show(): void {
    const messages = this.data ?? [];
    const total = messages.length;
    this.showState(t('dev.count', { count: total }), total > SHOWN ? t('dev.shown', { count: SHOWN }) : '');
    // Rebuilt only when the outbox changed, so a developer reading a long body keeps their place.
    const newest = messages.slice(-SHOWN).reverse();
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
          h(
            'p',
            { class: 'outbox-head' },
            h('span', { class: 'outbox-to' }, t('dev.to', { to: m.to })),
            ' ',
            h('time', { datetime: m.at }, timeOfDay(new Date(m.at))),
          ),
          h('p', { class: 'outbox-body' }, m.body),
        ),
      ),
    );
  }
}
