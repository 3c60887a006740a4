import type { StatisticsExport } from '../api-types-statistics';
import { h, replaceChildren } from '../dom';
import { lang } from '../i18n';
import { type ReportLang, reportHash, reportLangFromQuery, statisticsHash } from '../statistics-period';
import { PeriodView } from './statistics-period-view';
import { funnelSection, indicatorsSection, levelsSection, regionsSection } from './statistics-sections';
import { monthsText, periodText, type Words, wordsIn } from './statistics-text';

export class StatisticsReport extends PeriodView {
  readonly element = h('article', { class: 'stat-report', 'aria-labelledby': 'report-title' });
  private reportLang: ReportLang = 'es';

  constructor() {
    super('report-title');
  }

  protected onQuery(query: string): void {
    this.reportLang = reportLangFromQuery(query, lang());
  }

  render(): void {
    const words = wordsIn(this.reportLang);
    const data = this.read.data;
    // Screen readers read the report in its own language, whatever the dashboard's.
    this.element.lang = this.reportLang;
    replaceChildren(this.heading, words.t('report.title'));
    replaceChildren(
      this.element,
      this.tools(words, data),
      h('header', { class: 'report-head' }, this.heading, data && h('p', { class: 'report-period' }, this.periodLine(words, data))),
      this.read.error
        ? h('p', { class: 'case-alert', role: 'status' }, this.read.error)
        : !data && h('p', { class: 'statistics-state', role: 'status' }, words.t('app.loading')),
      data && this.body(words, data),
    );
  }

  private periodLine(words: Words, data: StatisticsExport): string {
    const period = words.t('report.period', { period: periodText(words, data), count: data.months.length });
    const pending = data.pending.length > 0 ? ` ${words.t('statistics.pending', { months: monthsText(words, data.pending) })}` : '';
    return period + pending;
  }

  /** On screen only: back, print, and the other language. */
  private tools(words: Words, data: StatisticsExport | null): HTMLElement {
    const shown = data ? { from: data.from, to: data.to } : this.period;
    const other = words.t('report.otherLanguageCode') === 'en' ? 'en' : 'es';
    const print = h('button', { type: 'button', 'data-action': 'report-print' }, words.t('report.print'));
    print.addEventListener('click', () => window.print());
    return h(
      'nav',
      { class: 'report-tools', 'aria-label': words.t('report.tools') },
      h('a', { class: 'button', href: statisticsHash(shown) }, words.t('report.back')),
      print,
      h(
        'a',
        { class: 'button', href: reportHash(shown, other), lang: other, hreflang: other, 'data-action': 'report-language' },
        words.t('report.otherLanguage'),
      ),
    );
  }

  private body(words: Words, data: StatisticsExport): HTMLElement {
    const generated = new Intl.DateTimeFormat(words.lang, { dateStyle: 'long' }).format(new Date());
    return h(
      'div',
      { class: 'report-body' },
      h('p', { class: 'report-method' }, words.t('report.method', { k: data.k, kMinus: data.k - 1 })),
      data.months.length === 0
        ? h('p', { class: 'statistics-empty' }, words.t('statistics.empty'))
        : h(
            'div',
            { class: 'report-figures' },
            h('div', { class: 'report-levels' }, levelsSection(words, data)),
            h('div', { class: 'report-side' }, indicatorsSection(words, data, false), funnelSection(words, data, false), regionsSection(words, data)),
          ),
      h('footer', { class: 'report-footer' }, words.t('report.generated', { date: generated })),
    );
  }
}
