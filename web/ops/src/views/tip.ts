// One tip: what it says, why it scored what it did, and what the operator can do about it.
// Sections that the queue poll may change are re-rendered; the forms are not, so a reply
// being typed is never lost to a refresh.
import * as api from '../api';
import { linkTip } from '../api-cases';
import type { Me, QueueItem, TipDetail } from '../api-types';
import { implicatesOfficials, type LinkResult } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import { goToQueue } from '../router';
import { AuditTrail } from './audit-trail';
import { assignForm, duplicateForm } from './case-actions';
import { caseLink, complicityWarning, linkForm } from './case-link';
import { EvidenceSection } from './evidence';
import { onCall, stillMoving, type OnCallData } from './on-call';
import { controlsKey, pagingControls } from './paging-controls';
import { isResponderOnly, responderTip } from './responder-tip';
import { claimBox, levelForm, noteForm, replyForm, statusForm, type Drafts } from './tip-forms';
import { caseFlags, header, indicators, places, thread, why } from './tip-sections';

/**
 * "← Cola": on a phone the tip fills the screen and the queue is a route away. A link, so that
 * a keyboard and a screen reader know it; the router keeps the queue's filter.
 */
function backLink(): HTMLElement {
  const link = h(
    'a',
    { href: '#/', class: 'tip-back', 'data-action': 'back', 'aria-label': t('tip.back') },
    h('span', { 'aria-hidden': 'true' }, '← '),
    t('case.back'),
  );
  link.addEventListener('click', (event) => {
    event.preventDefault();
    goToQueue();
  });
  return link;
}

export interface TipHandlers {
  me(): Me | null;
  /** The API answered with a tip's new queue row (claim, status, level). */
  changed(item: QueueItem): void;
  /** The queue on screen is out of date (someone else acted first). */
  stale(): void;
}

export class TipView {
  readonly element = h('section', { class: 'tip', 'aria-labelledby': 'tip-title' });
  private readonly alert = h('p', { class: 'alert', role: 'alert' });
  private readonly notice = h('p', { class: 'notice', role: 'status' });
  /** Sticky, so the outcome of an action is seen wherever the pane is scrolled to. */
  private readonly messages = h('div', { class: 'tip-messages' }, this.alert, this.notice);
  private readonly top = h('div', { class: 'tip-top' });
  private readonly body = h('div', { class: 'tip-body' });
  private readonly forms = h('div', { class: 'tip-forms' });
  private readonly stale = h('p', { class: 'stale', hidden: true });
  private readonly onCall = h('div', { class: 'on-call-slot' });
  /** Stop paging, phone ACK: rebuilt only when what they offer changes, so typing survives a poll. */
  private readonly pagingSlot = h('div', { class: 'paging-controls-slot' });
  private pagingKey = '';
  /** Supervisors only: the tip's audit trail, built once per tip opened. */
  private audit: AuditTrail | null = null;
  private pages: OnCallData = { kind: 'loading' };
  private pagesTicket = 0;
  private tip: TipDetail | null = null;
  /** Built once per tip shown, so that a screen reader says it when the tip opens, not at every poll. */
  private complicity: HTMLElement | null = null;
  /** Supervisors only: the tip's sealed evidence, built once per tip opened. */
  private evidence: EvidenceSection | null = null;
  private drafts: Drafts = { reply: '', note: '' };
  private busy = false;
  private loading = 0;

  constructor(private readonly handlers: TipHandlers) {
    this.showEmpty();
  }

  get openId(): string | null {
    return this.tip?.tipId ?? null;
  }

  showEmpty(): void {
    this.tip = null;
    replaceChildren(this.element, h('h2', { id: 'tip-title', class: 'sr-only' }, t('tip.title', { id: '' })), h('p', { class: 'tip-none' }, t('tip.none')));
  }

  async open(id: string): Promise<void> {
    const ticket = ++this.loading;
    if (this.tip?.tipId !== id) {
      this.drafts = { reply: '', note: '' };
      replaceChildren(
        this.element,
        backLink(),
        h('h2', { id: 'tip-title', tabindex: '-1' }, t('tip.title', { id })),
        h('p', { class: 'loading' }, t('app.loading')),
      );
    }
    try {
      if (isResponderOnly(this.handlers.me())) {
        // Only the tips paged to them, and only what they need: the API answers a smaller view.
        const view = await api.getResponderTip(id);
        if (ticket !== this.loading) return;
        this.tip = null;
        replaceChildren(this.element, backLink(), ...responderTip(view));
        return;
      }
      const tip = await api.getTip(id);
      if (ticket === this.loading) this.show(tip);
    } catch (error: unknown) {
      if (ticket !== this.loading) return;
      this.tip = null;
      const message = error instanceof api.ApiError && error.status === 404 ? t('tip.notFound') : describeError(error);
      replaceChildren(
        this.element,
        backLink(),
        h('h2', { id: 'tip-title', tabindex: '-1' }, t('tip.title', { id })),
        h('p', { class: 'alert', role: 'alert' }, message),
      );
    }
  }

  private show(tip: TipDetail): void {
    const first = this.tip?.tipId !== tip.tipId;
    this.tip = tip;
    this.stale.hidden = true;
    this.renderTop();
    replaceChildren(this.body, thread(tip), indicators(tip), places(tip));
    this.renderForms();
    if (first) {
      replaceChildren(this.alert);
      replaceChildren(this.notice);
      this.complicity = null;
      this.pages = { kind: 'loading' };
      const me = this.handlers.me();
      this.evidence = me?.roles.includes('supervisor') ? new EvidenceSection(tip.tipId, me, () => this.tip?.thread ?? []) : null;
      void this.evidence?.load();
      this.audit = me?.roles.includes('supervisor') ? new AuditTrail(tip.tipId) : null;
    }
    this.renderOnCall();
    replaceChildren(
      this.element,
      backLink(),
      this.top,
      this.messages,
      this.stale,
      this.onCall,
      this.pagingSlot,
      this.body,
      this.evidence?.element,
      this.forms,
      this.audit?.element,
    );
    if (first) {
      this.element.querySelector<HTMLElement>('#tip-title')?.focus({ preventScroll: false });
      void this.refreshPages();
    }
  }

  private renderOnCall(): void {
    const closed = this.tip?.status === 'closed';
    replaceChildren(this.onCall, onCall(this.pages, { closed }));
    const pages = this.pages.kind === 'loaded' ? this.pages.pages : null;
    const key = `${this.tip?.tipId}:${controlsKey(pages, closed)}`;
    if (key === this.pagingKey) return;
    this.pagingKey = key;
    const id = this.tip?.tipId ?? '';
    replaceChildren(
      this.pagingSlot,
      pagingControls(pages, closed, {
        stop: (reason) =>
          void this.run(
            () => api.stopPaging(id, reason),
            () => this.afterPaging(t('case.stopDone')),
          ),
        acknowledge: (responderId, note) =>
          void this.run(
            () => api.phoneAck(id, responderId, note || undefined),
            () => this.afterPaging(t('case.phoneAckDone')),
          ),
      }),
    );
  }

  /** Paging changed by the operator's hand: read it again now, not at the next poll. */
  private async afterPaging(done: string): Promise<void> {
    await this.refreshPages();
    this.say(done, false);
  }

  /**
   * Asks who was paged. With `onlyIfMoving`, only while something can still change (a page
   * not yet acknowledged or delivered), so an open tip does not cost a request every poll forever.
   */
  async refreshPages(options: { onlyIfMoving?: boolean } = {}): Promise<void> {
    const tip = this.tip;
    if (!tip || (options.onlyIfMoving && !stillMoving(this.pages, tip))) return;
    const ticket = ++this.pagesTicket;
    let next: OnCallData;
    try {
      next = { kind: 'loaded', pages: await api.getPages(tip.tipId) };
    } catch (error: unknown) {
      // What was shown stays: one failed poll should not blank an acknowledgement.
      if (this.pages.kind === 'loaded') return;
      next = { kind: 'error', message: describeError(error) };
    }
    if (ticket !== this.pagesTicket || this.tip?.tipId !== tip.tipId) return;
    // Unchanged, but a deadline shown may have passed since: the line says so rather than "due".
    if (JSON.stringify(next) === JSON.stringify(this.pages)) return void (overdue(this.pages) && this.renderOnCall());
    this.pages = next;
    this.renderOnCall();
  }

  /** Language changed: everything is rebuilt, drafts included. */
  rerender(): void {
    this.evidence?.render();
    this.audit?.render();
    this.pagingKey = '';
    this.complicity = null;
    if (this.tip) this.show(this.tip);
    else this.showEmpty();
  }

  private renderTop(): void {
    const tip = this.tip;
    if (!tip) return;
    const me = this.handlers.me();
    const actions = {
      claim: () => void this.claim(),
      release: () => void this.run(() => api.release(tip.tipId)),
      takeOver: (reason: string) => void this.run(() => api.takeOver(tip.tipId, reason)),
      reopen: () => void this.run(() => api.setStatus(tip.tipId, 'in_review')),
    };
    const warning = implicatesOfficials(tip.evidence) ? (this.complicity ??= complicityWarning()) : null;
    replaceChildren(this.top, header(tip, me), warning, caseFlags(tip), caseLink(tip), claimBox(tip, me, actions), why(tip));
  }

  private renderForms(): void {
    const tip = this.tip;
    if (!tip) return;
    const open = tip.status !== 'closed';
    replaceChildren(
      this.forms,
      replyForm(this.drafts, (text) => void this.sendReply(text)),
      // A closed tip is reopened from the claim box, not closed again.
      open &&
        statusForm(
          tip,
          (status, outcome) => void this.run(() => api.setStatus(tip.tipId, status, outcome)),
          (message) => this.say(message, true),
        ),
      noteForm(this.drafts, (text) => void this.addNote(text)),
      levelForm(tip, (level, reason) => void this.run(() => api.overrideLevel(tip.tipId, level, reason))),
      open &&
        h(
          'section',
          { class: 'more-actions', 'aria-labelledby': 'more-actions-title' },
          h('h3', { id: 'more-actions-title' }, t('case.moreActions')),
          assignForm(
            tip,
            async () => (await api.getStaff()).staff,
            (to) =>
              void this.run(
                () => api.assign(tip.tipId, to.id),
                () => this.say(t('case.assignDone', { name: to.name }), false),
              ),
          ),
          duplicateForm(
            tip,
            (of) =>
              void this.run(
                () => api.markDuplicate(tip.tipId, of),
                () => this.refreshPages(),
              ),
            (message) => this.say(message, true),
          ),
          linkForm(
            tip,
            (to) =>
              void this.run(
                () => linkTip(tip.tipId, to),
                (result) => this.linked(tip.tipId, result),
              ),
            (message) => this.say(message, true),
          ),
        ),
    );
  }

  /** In a case now: the way to it replaces the link form. */
  private linked(id: string, result: LinkResult): void {
    if (this.tip?.tipId !== id) return;
    this.tip = { ...this.tip, caseId: result.caseId };
    this.renderTop();
    this.renderForms();
    this.say(t('link.done', { count: result.tipIds.length }), false);
  }

  /** A newer queue row for the open tip (someone else claimed it, a new message came in). */
  merge(item: QueueItem): void {
    const tip = this.tip;
    if (!tip || tip.tipId !== item.tipId) return;
    if (item.messageCount > tip.thread.filter((e) => e.kind === 'in').length) this.showStale();
    const changed =
      item.status !== tip.status ||
      item.level !== tip.level ||
      item.claimedBy?.id !== tip.claimedBy?.id ||
      item.nobodyConfirmed !== tip.nobodyConfirmed ||
      item.duplicateOf?.tipId !== tip.duplicateOf?.tipId;
    if (!changed) return;
    const reshaped = item.status !== tip.status;
    this.tip = { ...tip, ...item };
    this.renderTop();
    // Closed or reopened elsewhere: the forms and the paging controls follow.
    if (reshaped) {
      this.renderForms();
      this.renderOnCall();
    }
  }

  private showStale(): void {
    if (!this.stale.hidden) return;
    const reload = h('button', { type: 'button' }, t('tip.reload'));
    reload.addEventListener('click', () => this.tip && void this.open(this.tip.tipId));
    replaceChildren(this.stale, t('tip.newMessages'), ' ', reload);
    this.stale.hidden = false;
  }

  private say(message: string, isError: boolean): void {
    replaceChildren(isError ? this.alert : this.notice, message);
    replaceChildren(isError ? this.notice : this.alert);
  }

  /** One request at a time: a double-tap must not claim twice or send a reply twice. */
  private async run<T>(request: () => Promise<T>, after?: (result: T) => Promise<void> | void): Promise<boolean> {
    if (this.busy || !this.tip) return false;
    this.busy = true;
    this.element.setAttribute('aria-busy', 'true');
    replaceChildren(this.notice, t('action.working'));
    replaceChildren(this.alert);
    try {
      const result = await request();
      if (isQueueItem(result)) {
        this.tip = this.tip ? { ...this.tip, ...result } : this.tip;
        this.renderTop();
        this.renderForms();
        this.renderOnCall();
        this.handlers.changed(result);
      }
      replaceChildren(this.notice, t('action.done'));
      await after?.(result);
      return true;
    } catch (error: unknown) {
      this.say(describeError(error), true);
      if (error instanceof api.ApiError && error.status === 409) this.handlers.stale();
      return false;
    } finally {
      this.busy = false;
      this.element.removeAttribute('aria-busy');
    }
  }

  async claim(): Promise<void> {
    await this.run(() => api.claim(this.tip!.tipId));
  }

  private async sendReply(text: string): Promise<void> {
    const id = this.tip!.tipId;
    await this.run(
      () => api.reply(id, text),
      async (sent) => {
        this.drafts.reply = '';
        await this.refreshThread(id);
        this.say(t('action.sentVia', { channel: t(`channel.${sent.channel}`) }), false);
      },
    );
  }

  private async addNote(text: string): Promise<void> {
    const id = this.tip!.tipId;
    await this.run(
      () => api.addNote(id, text),
      async () => {
        this.drafts.note = '';
        await this.refreshThread(id);
      },
    );
  }

  private async refreshThread(id: string): Promise<void> {
    const tip = await api.getTip(id);
    if (this.tip?.tipId !== id) return;
    this.show(tip);
  }

  focusReply(): void {
    this.element.querySelector<HTMLTextAreaElement>('#reply-text')?.focus();
  }

  get hasTip(): boolean {
    return this.tip !== null;
  }
}

/** A pending page whose deadline has passed. */
function overdue(data: OnCallData): boolean {
  const state = data.kind === 'loaded' ? data.pages?.state : null;
  return !!state?.open && !!state.deadlineAt && Date.parse(state.deadlineAt) <= Date.now();
}

function isQueueItem(value: unknown): value is QueueItem {
  return typeof value === 'object' && value !== null && 'tipId' in value && 'status' in value && 'level' in value;
}
