// Supervisors only: how often operators disagreed with the scorer on the tips closed in the
// last 30 days, per scorer level and per language. Raised is the scorer under-triaging (the
// costly mistake), lowered is over-triage. Counts only: the API sends no text, and none is shown.
import * as api from '../api';
import type { AgreementCounts, AgreementReport } from '../api-types';
import { h, replaceChildren } from '../dom';
import { loadWhileOpen, type FetchState } from '../panel-load';
import { t, tOr } from '../i18n';
import { poll } from '../poller';
import { clock, timeOfDay } from '../time';
import { levelBadge } from './badges';

/** It counts a month of closed tips: reading it again now and then is enough. */
const POLL_MS = 5 * 60_000;

export class AgreementPanel {
  readonly element: HTMLElement;
  private readonly heading = h('h2', { id: 'agreement-title' });
  private readonly toggle = h('button', { type: 'button', 'aria-controls': 'agreement-body', 'aria-expanded': 'false', 'data-action': 'agreement-toggle' });
  /** Focusable because it may scroll (a phone): a keyboard has to be able to scroll it too. */
  private readonly body = h('div', { id: 'agreement-body', class: 'agreement-body', role: 'region', 'aria-labelledby': 'agreement-title', tabindex: 0, hidden: true });
  private readonly note = h('p', { class: 'agreement-note' });
  private readonly state = h('p', { class: 'agreement-state', role: 'status' });
  private readonly table = h('div', { class: 'agreement-table' });
  private poller: { now(): void; stop(): void } | null = null;
  private report: AgreementReport | null = null;
  private lastFetch: FetchState | null = null;

  constructor() {
    this.element = h('section', { class: 'agreement', 'aria-labelledby': 'agreement-title' }, h('div', { class: 'agreement-head' }, this.heading, this.toggle), this.body);
    this.body.append(this.note, this.state, this.table);
    this.toggle.addEventListener('click', () => (this.isOpen ? this.close() : this.open()));
    this.renderChrome();
  }

  get isOpen(): boolean {
    return this.poller !== null;
  }

  open(): void {
    if (this.isOpen) return;
    this.body.hidden = false;
    this.poller = poll(() => this.refresh(), POLL_MS);
    this.renderChrome();
  }

  close(): void {
    this.stop();
    this.body.hidden = true;
    this.renderChrome();
  }

  /** Everything but the figures, and the figures again: when the language changes. */
  renderChrome(): void {
    replaceChildren(this.heading, t('agreement.title'));
    replaceChildren(this.toggle, this.isOpen ? t('agreement.hide') : t('agreement.show'));
    this.toggle.setAttribute('aria-expanded', String(this.isOpen));
    replaceChildren(this.note, t('agreement.note'));
    this.render();
  }

  private async refresh(): Promise<void> {
    const got = await loadWhileOpen(api.getAgreement, () => this.isOpen);
    if (got === undefined) return;
    if (got.value !== undefined) this.report = got.value;
    this.lastFetch = got.state;
    this.render();
  }

  private render(): void {
    if (!this.isOpen) return;
    const fetched = this.lastFetch;
    replaceChildren(this.state, fetched === null ? t('app.loading') : fetched.ok ? t('agreement.updated', { time: timeOfDay(fetched.at) }) : t('agreement.failed', { reason: fetched.error ?? '' }));
    this.state.classList.toggle('offline', fetched?.ok === false);
    const report = this.report;
    if (!report) {
      replaceChildren(this.table);
      return;
    }
    const cells = (counts: AgreementCounts) => [
      h('td', { 'data-count': 'reviewed' }, String(counts.reviewed)),
      h('td', { 'data-count': 'raised', class: counts.raised > 0 ? 'raised' : null }, String(counts.raised)),
      h('td', { 'data-count': 'lowered' }, String(counts.lowered)),
    ];
    const group = (label: string) => h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: 4 }, label));
    replaceChildren(
      this.table,
      h(
        'table',
        {},
        h('caption', {}, t('agreement.caption', { from: clock(report.from), to: clock(report.to) })),
        h(
          'thead',
          {},
          h('tr', {}, h('td', {}), h('th', { scope: 'col' }, t('agreement.reviewed')), h('th', { scope: 'col' }, t('agreement.raised')), h('th', { scope: 'col' }, t('agreement.lowered'))),
        ),
        h(
          'tbody',
          { 'data-group': 'level' },
          group(t('agreement.byLevel')),
          ...report.byLevel.map((row) => h('tr', { 'data-level': row.level }, h('th', { scope: 'row' }, levelBadge(row.level)), ...cells(row))),
        ),
        h(
          'tbody',
          { 'data-group': 'lang' },
          group(t('agreement.byLang')),
          ...report.byLang.map((row) => h('tr', { 'data-lang': row.lang }, h('th', { scope: 'row' }, tOr(`language.${row.lang}`, row.lang)), ...cells(row))),
        ),
        h('tfoot', {}, h('tr', { 'data-total': '' }, h('th', { scope: 'row' }, t('agreement.total')), ...cells(report.total))),
      ),
    );
  }

  stop(): void {
    this.poller?.stop();
    this.poller = null;
  }
}
