// Supervisors only (#/referrals/overdue): referrals that no agency has answered for days, the
// longest silent first, each with the way to its case, so that someone phones the agency.
import * as api from '../api-cases';
import type { OverdueReferrals } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { t, tOr } from '../i18n';
import { clock, timeOfDay } from '../time';
import { referralStatus } from './case-sections';

export class OverduePage {
  readonly element = h('section', { class: 'overdue', 'aria-labelledby': 'overdue-title' });
  private readonly heading = h('h2', { id: 'overdue-title', tabindex: '-1' });
  private data: OverdueReferrals | null = null;
  private error = '';
  private at: Date | null = null;
  private ticket = 0;

  async load(): Promise<void> {
    const ticket = ++this.ticket;
    this.render();
    try {
      const data = await api.getOverdue();
      if (ticket !== this.ticket) return;
      this.data = data;
      this.error = '';
      this.at = new Date();
    } catch (error: unknown) {
      if (ticket !== this.ticket) return;
      this.error = describeError(error);
    }
    this.render();
  }

  focus(): void {
    this.heading.focus();
  }

  stop(): void {
    this.ticket += 1;
  }

  render(): void {
    replaceChildren(this.heading, t('overdue.title'));
    const refresh = h('button', { type: 'button', 'data-action': 'overdue-refresh' }, t('overdue.refresh'));
    refresh.addEventListener('click', () => void this.load());
    const state = this.error ? t('overdue.failed', { reason: this.error }) : this.at ? t('overdue.at', { time: timeOfDay(this.at) }) : t('app.loading');
    replaceChildren(
      this.element,
      h('div', { class: 'case-head' }, this.heading, refresh),
      this.data && h('p', { class: 'hint' }, t('overdue.note', { days: this.data.days })),
      h('p', { class: this.error ? 'case-alert overdue-state' : 'overdue-state', role: 'status' }, state),
      this.data && this.list(this.data),
    );
  }

  private list(data: OverdueReferrals): HTMLElement {
    if (data.referrals.length === 0) return h('p', { class: 'overdue-none' }, t('overdue.none'));
    // Oldest update first, as the API sends them; sorted again so that the page never depends on it.
    const rows = [...data.referrals].sort((a, b) => a.lastUpdateAt.localeCompare(b.lastUpdateAt));
    const columns = [t('overdue.agency'), t('overdue.status'), t('overdue.lastUpdate'), t('overdue.days'), t('overdue.reminders'), t('overdue.case')];
    return h(
      'div',
      { class: 'roster-table', role: 'region', 'aria-label': t('overdue.title'), tabindex: 0 },
      h(
        'table',
        { class: 'overdue-table' },
        h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              { 'data-referral-id': r.referralId, 'data-case-id': r.caseId },
              h('th', { scope: 'row' }, r.agencyName, h('span', { class: 'referral-kind' }, ` · ${tOr(`agencyKind.${r.agencyKind}`, r.agencyKind)}`)),
              h('td', {}, referralStatus(r.status), r.agencyReference ? ` ${r.agencyReference}` : ''),
              h('td', {}, h('time', { datetime: r.lastUpdateAt }, clock(r.lastUpdateAt))),
              h('td', { class: 'overdue-days' }, t('overdue.daysCount', { count: r.overdueDays })),
              h('td', {}, String(r.reminders.length)),
              h(
                'td',
                {},
                h(
                  'a',
                  { href: `#/cases/${encodeURIComponent(r.caseId)}` },
                  t('overdue.openCase'),
                  // Each link's name says which referral it is for, not only "open the case".
                  h('span', { class: 'sr-only' }, ` (${r.agencyName}, ${clock(r.lastUpdateAt)})`),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
}
