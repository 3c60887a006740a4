// The printable report (#/statistics/report?from=2026-01&to=2026-12&lang=es): one A4 page for a
// year of months, in the language the address asks for (the report goes to people who do not use
// this dashboard), with the method in two sentences. styles-statistics.css lays it out for paper.
import { getStatistics } from '../api-statistics';
import type { StatisticsExport } from '../api-types-statistics';
import { h, replaceChildren } from '../dom';
import { lang } from '../i18n';
import { type Period, periodFromQuery, type ReportLang, reportHash, reportLangFromQuery, statisticsHash } from '../statistics-period';
import { LatestRead } from './latest-read';
import { funnelSection, indicatorsSection, levelsSection, regionsSection } from './statistics-sections';
import { monthsText, periodText, type Words, wordsIn } from './statistics-text';

export class StatisticsReport {
  readonly element = h('article', { class: 'stat-report', 'aria-labelledby': 'report-title' });
  private readonly heading = h('h2', { id: 'report-title', tabindex: '-1' });
  private readonly read = new LatestRead<StatisticsExport>();
  private period: Period = { from: null, to: null };
  private reportLang: ReportLang = 'es';

  load(query: string): Promise<void> {
    this.period = periodFromQuery(query);
    this.reportLang = reportLangFromQuery(query, lang());
    return this.read.run(
      () => getStatistics(this.period),
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
