// Supervisors only: how often operators disagreed with the scorer on the tips closed in the
// last 30 days, per scorer level and per language. Raised is the scorer under-triaging (the
// costly mistake), lowered is over-triage. Counts only: the API sends no text, and none is shown.
import * as api from '../api';
import type { AgreementCounts, AgreementReport } from '../api-types';
import { h, replaceChildren } from '../dom';
import { PollingPanel } from '../panel-load';
import { t, tOr } from '../i18n';
import { clock } from '../time';
import { levelBadge } from './badges';

/** It counts a month of closed tips: reading it again now and then is enough. */
const POLL_MS = 5 * 60_000;

const cells = (counts: AgreementCounts): HTMLElement[] => [
  h('td', { 'data-count': 'reviewed' }, String(counts.reviewed)),
  h('td', { 'data-count': 'raised', class: counts.raised > 0 ? 'raised' : null }, String(counts.raised)),
  h('td', { 'data-count': 'lowered' }, String(counts.lowered)),
];

const group = (label: string): HTMLElement => h('tr', { class: 'group' }, h('th', { scope: 'colgroup', colspan: 4 }, label));

export class AgreementPanel extends PollingPanel<AgreementReport> {
  private readonly table = h('div', { class: 'agreement-table' });

  constructor() {
    // The body is focusable because it may scroll (a phone): a keyboard has to be able to scroll it too.
    super('agreement', { load: api.getAgreement, pollMs: POLL_MS, body: { role: 'region', 'aria-labelledby': 'agreement-title', tabindex: 0 } });
    this.body.append(this.table);
    this.renderChrome();
  }

  protected show(): void {
    this.showState();
    const report = this.data;
    if (!report) {
      replaceChildren(this.table);
      return;
    }
    const columns = h(
      'tr',
      {},
      h('td', {}),
      h('th', { scope: 'col' }, t('agreement.reviewed')),
      h('th', { scope: 'col' }, t('agreement.raised')),
      h('th', { scope: 'col' }, t('agreement.lowered')),
    );
    replaceChildren(
      this.table,
      h(
        'table',
        {},
        h('caption', {}, t('agreement.caption', { from: clock(report.from), to: clock(report.to) })),
        h('thead', {}, columns),
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
}
