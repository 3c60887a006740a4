// Supervisors only (#/referrals/overdue): referrals that no agency has answered for days, the
// longest silent first, each with the way to its case, so that someone phones the agency.
import * as api from '../api-cases';
import type { OverdueReferrals } from '../api-types-cases';
import { h, replaceChildren } from '../dom';
import { t, tOr } from '../i18n';
import { clock } from '../time';
import { referralStatus } from './case-sections';
import { LatestRead, readStateLine } from './latest-read';

export class OverduePage {
  readonly element = h('section', { class: 'overdue', 'aria-labelledby': 'overdue-title' });
  private readonly heading = h('h2', { id: 'overdue-title', tabindex: '-1' });
  private readonly read = new LatestRead<OverdueReferrals>();

  load(): Promise<void> {
    return this.read.run(
      () => api.getOverdue(),
      () => this.render(),
    );
  }

  focus(): void {
    this.heading.focus();
  }

  stop(): void {
    this.read.stop();
  }

  render(): void {
    replaceChildren(this.heading, t('overdue.title'));
    const refresh = h('button', { type: 'button', 'data-action': 'overdue-refresh' }, t('overdue.refresh'));
    refresh.addEventListener('click', () => void this.load());
    replaceChildren(
      this.element,
      h('div', { class: 'case-head' }, this.heading, refresh),
      this.read.data && h('p', { class: 'hint' }, t('overdue.note', { days: this.read.data.days })),
      readStateLine(this.read, 'overdue'),
      this.read.data && this.list(this.read.data),
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
