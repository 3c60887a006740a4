// Supervisors only: the identifiers a tip attributes to someone else, sealed. Each span is shown
// where it sits in the redacted text, never its value. A supervisor asks to reveal one with a
// reason, another supervisor approves or refuses, and the one who asked may show the value in
// place for 30 minutes. The value lives in the page only while shown: never in a field of this
// view, in storage or in the URL; hiding it, any re-render or the end of the window drops it.
import * as api from '../api';
import type { EvidenceListing, Me, RevealRequestView, SpanView, ThreadEntry } from '../api-types';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t, tOr } from '../i18n';
import { placeholderContext, REVEAL_REASON } from '../sealed-spans';
import { clock, hourMinute } from '../time';

type EvidenceData = { kind: 'loading' } | { kind: 'loaded'; listing: EvidenceListing } | { kind: 'error'; message: string };

/** A request the requester can still act on: waiting for a decision, or approved and readable. */
const isOpen = (request: RevealRequestView): boolean => request.state === 'pending' || request.state === 'approved';

export class EvidenceSection {
  readonly element = h('section', { class: 'evidence', 'aria-labelledby': 'evidence-title' });
  private readonly alert = h('p', { class: 'alert', role: 'alert' });
  private readonly notice = h('p', { class: 'notice', role: 'status' });
  private readonly body = h('div', { class: 'evidence-body' });
  private data: EvidenceData = { kind: 'loading' };
  /** Reasons being typed, by span: a reload after someone else's action must not lose one. */
  private readonly drafts = new Map<string, string>();
  private busy = false;
  private ticket = 0;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly tipId: string,
    private readonly me: Me,
    private readonly thread: () => readonly ThreadEntry[],
  ) {
    this.render();
  }

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    let next: EvidenceData;
    try {
      next = { kind: 'loaded', listing: await api.getEvidence(this.tipId) };
    } catch (error: unknown) {
      next = { kind: 'error', message: describeError(error) };
    }
    if (ticket !== this.ticket) return;
    this.data = next;
    this.renderBody();
  }

  /** Everything again, in the current language (a shown value is dropped). */
  render(): void {
    // Another supervisor's request or decision does not reach this page by itself.
    const refresh = h('button', { type: 'button', 'data-action': 'evidence-refresh' }, t('evidence.refresh'));
    refresh.addEventListener('click', () => void this.load());
    replaceChildren(
      this.element,
      h('div', { class: 'evidence-head' }, h('h3', { id: 'evidence-title' }, t('evidence.title')), refresh),
      h('p', { class: 'hint' }, t('evidence.note')),
      this.alert,
      this.notice,
      this.body,
    );
    this.renderBody();
  }

  private renderBody(): void {
    clearTimeout(this.hideTimer);
    replaceChildren(this.body, this.content());
  }

  private content(): HTMLElement {
    const data = this.data;
    if (data.kind === 'loading') return h('p', { class: 'evidence-state' }, t('app.loading'));
    if (data.kind === 'error') return h('p', { class: 'evidence-state', 'data-state': 'error' }, data.message);
    const { spans, requests } = data.listing;
    if (spans.length === 0) return h('p', { class: 'evidence-state' }, t('evidence.none'));
    return h('ul', { class: 'evidence-spans' }, ...spans.map((span, i) => this.spanItem(span, i, requests)));
  }

  private spanItem(span: SpanView, index: number, requests: readonly RevealRequestView[]): HTMLElement {
    const forSpan = requests.filter((r) => r.spanId === span.spanId);
    const mine = forSpan.find((r) => r.requestedBy.id === this.me.id && isOpen(r));
    const message = this.thread().find((entry) => entry.id === span.messageId);
    const context = message ? placeholderContext(message.text, span.ordinal) : null;
    return h(
      'li',
      { class: 'evidence-span', 'data-span-id': span.spanId, 'data-kind': span.kind },
      h(
        'p',
        { class: 'evidence-where' },
        h('strong', {}, tOr(`evidence.kind.${span.kind}`, span.kind)),
        message && ' · ',
        message && t('evidence.inMessage', { time: clock(message.at) }),
      ),
      context && h('p', { class: 'evidence-context' }, h('q', {}, context.before, h('mark', { class: 'sealed' }, context.placeholder), context.after)),
      mine ? this.mineLine(mine) : this.askForm(span, index),
      ...this.history(forSpan.filter((r) => r !== mine)),
    );
  }

  /** The requester's own open request: waiting, or approved with the value one click away. */
  private mineLine(request: RevealRequestView): HTMLElement {
    const line = h('div', { class: 'evidence-mine', 'data-request-id': request.requestId, 'data-state': request.state });
    if (request.state === 'pending') {
      line.append(h('p', {}, t('evidence.mine.pending', { time: hourMinute(request.until ?? request.requestedAt) })));
      return line;
    }
    const slot = h('p', { class: 'evidence-value-slot', 'aria-live': 'polite' });
    const show = h('button', { type: 'button', class: 'primary', 'data-action': 'reveal' }, t('evidence.show'));
    show.addEventListener('click', () => this.reveal(request.requestId, slot, show));
    line.append(h('p', {}, t('evidence.mine.approved', { name: request.decidedBy?.name ?? '?', time: hourMinute(request.until ?? '') }), ' ', show), slot);
    return line;
  }

  private reveal(requestId: string, slot: HTMLElement, show: HTMLButtonElement): void {
    void this.run(
      () => api.revealValue(this.tipId, requestId),
      (revealed) => {
        const hide = h('button', { type: 'button', 'data-action': 'hide' }, t('evidence.hide'));
        const drop = () => {
          replaceChildren(slot);
          show.hidden = false;
          show.focus();
        };
        hide.addEventListener('click', drop);
        replaceChildren(
          slot,
          h('span', { class: 'evidence-value-label' }, t('evidence.value')),
          ' ',
          h('output', { class: 'evidence-value' }, revealed.value),
          ' ',
          hide,
        );
        show.hidden = true;
        hide.focus();
        // The window closes on the server too; the page stops showing it then as well.
        this.hideTimer = setTimeout(() => void this.load(), Math.max(0, Date.parse(revealed.until) - Date.now()));
      },
    );
  }

  private askForm(span: SpanView, index: number): HTMLElement {
    const id = `evidence-reason-${index}`;
    const reason = h('textarea', {
      id,
      name: 'reason',
      rows: 2,
      required: true,
      minlength: REVEAL_REASON.min,
      maxlength: REVEAL_REASON.max,
    });
    reason.value = this.drafts.get(span.spanId) ?? '';
    reason.addEventListener('input', () => this.drafts.set(span.spanId, reason.value));
    const form = h(
      'form',
      { class: 'evidence-ask-form' },
      h('label', { for: id }, t('evidence.reason')),
      reason,
      h('p', { class: 'form-foot' }, h('button', { type: 'submit' }, t('evidence.send'))),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const why = reason.value.trim();
      if (why.length < REVEAL_REASON.min) {
        replaceChildren(this.alert, t('evidence.reasonShort'));
        return;
      }
      void this.run(
        () => api.requestReveal(this.tipId, span.spanId, why),
        async () => {
          this.drafts.delete(span.spanId);
          await this.load();
          replaceChildren(this.notice, t('evidence.requested'));
        },
      );
    });
    const open = (this.drafts.get(span.spanId) ?? '') !== '';
    return h('details', { class: 'evidence-ask', open }, h('summary', {}, t('evidence.request')), form);
  }

  /** Other requests for the span: others' pending ones with approve and refuse, the rest as a record. */
  private history(requests: readonly RevealRequestView[]): HTMLElement[] {
    if (requests.length === 0) return [];
    return [
      h(
        'ul',
        { class: 'evidence-requests' },
        ...requests.map((request) => {
          const item = h('li', { 'data-request-id': request.requestId, 'data-state': request.state });
          const name = request.requestedBy.name;
          if (request.state === 'pending' && request.requestedBy.id !== this.me.id) {
            item.append(h('p', {}, t('evidence.askedBy', { name, reason: request.reason })), this.decisionButtons(request));
          } else {
            item.append(h('p', {}, t(`evidence.history.${request.state}`, { name, by: request.decidedBy?.name ?? '?' })));
          }
          return item;
        }),
      ),
    ];
  }

  private decisionButtons(request: RevealRequestView): HTMLElement {
    const approve = h('button', { type: 'button', class: 'primary', 'data-action': 'approve' }, t('evidence.approve'));
    const refuse = h('button', { type: 'button', 'data-action': 'refuse' }, t('evidence.refuse'));
    const decide = (decision: 'approve' | 'refuse') =>
      void this.run(
        () => api.decideReveal(this.tipId, request.requestId, decision),
        async (decided) => {
          await this.load();
          replaceChildren(this.notice, decided.state === 'approved' ? t('evidence.approved', { name: decided.requestedBy.name }) : t('evidence.refused'));
        },
      );
    approve.addEventListener('click', () => decide('approve'));
    refuse.addEventListener('click', () => decide('refuse'));
    return h('p', { class: 'evidence-decide' }, approve, ' ', refuse);
  }

  /** One request at a time; a refusal that means the list is out of date reloads it. */
  private async run<T>(request: () => Promise<T>, after: (result: T) => void | Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    replaceChildren(this.alert);
    replaceChildren(this.notice, t('action.working'));
    try {
      const result = await request();
      replaceChildren(this.notice);
      await after(result);
    } catch (error: unknown) {
      replaceChildren(this.notice);
      replaceChildren(this.alert, describeError(error));
      if (error instanceof api.ApiError && [404, 409, 410].includes(error.status)) await this.load();
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }
}
