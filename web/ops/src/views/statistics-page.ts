// Supervisors only (#/statistics?from=2026-01&to=2026-12): the published monthly statistics for a
// period, as charts with their tables, the same figures as a CSV file, and the way to the
// printable report. Every figure comes from the API as published; see statistics-figures.ts.
import { getStatisticsCsv } from '../api-statistics';
import type { StatisticsExport } from '../api-types-statistics';
import { h, replaceChildren } from '../dom';
import { describeError } from '../errors';
import { lang, t } from '../i18n';
import { reportHash, statisticsHash } from '../statistics-period';
import { timeOfDay } from '../time';
import { PeriodView } from './statistics-period-view';
import { saveFile } from './statistics-download';
import { funnelSection, indicatorsSection, levelsSection, regionsSection } from './statistics-sections';
import { monthsText, periodText, type Words, wordsIn } from './statistics-text';

export class StatisticsPage extends PeriodView {
  readonly element = h('section', { class: 'statistics', 'aria-labelledby': 'statistics-title' });
  private download: { state: 'idle' | 'busy' | 'done' | 'failed'; text: string } = { state: 'idle', text: '' };

  constructor() {
    super('statistics-title');
  }

  protected onQuery(): void {
    this.download = { state: 'idle', text: '' };
  }

  render(): void {
    const words = wordsIn(lang());
    const data = this.read.data;
    replaceChildren(this.heading, t('statistics.title'));
    replaceChildren(
      this.element,
      this.heading,
      h('p', { class: 'hint' }, t('statistics.intro', { kMinus: (data?.k ?? 10) - 1 })),
      this.picker(data),
      h('p', { class: this.read.error ? 'case-alert statistics-state' : 'statistics-state', role: 'status' }, this.stateLine()),
      data && this.figures(words, data),
    );
  }

  private stateLine(): string {
    if (this.read.error) return t('statistics.failed', { reason: this.read.error });
    return this.read.at ? t('statistics.at', { time: timeOfDay(this.read.at) }) : t('app.loading');
  }

  /** The months shown: the answer's once there is one, so that the inputs say what the API chose. */
  private picker(data: StatisticsExport | null): HTMLElement {
    const month = (id: string, label: string, value: string | null) =>
      h(
        'label',
        { for: id },
        h('span', {}, label),
        h('input', {
          id,
          name: id,
          type: 'month',
          value: value ?? '',
          pattern: '\\d{4}-\\d{2}',
          placeholder: t('statistics.monthPlaceholder'),
          'aria-describedby': 'statistics-month-hint',
        }),
      );
    const form = h(
      'form',
      { class: 'statistics-period' },
      h(
        'fieldset',
        {},
        h('legend', {}, t('statistics.pickerLegend')),
        month('statistics-from', t('statistics.from'), data?.from ?? this.period.from),
        month('statistics-to', t('statistics.to'), data?.to ?? this.period.to),
        h('button', { type: 'submit', 'data-action': 'statistics-show' }, t('statistics.show')),
        h('p', { class: 'hint', id: 'statistics-month-hint' }, t('statistics.monthHint')),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() || null;
      const hash = statisticsHash({ from: value('statistics-from'), to: value('statistics-to') });
      // The same period again is a fresh read; another one goes through the address, for Back.
      if (hash === location.hash) void this.load(hash.split('?')[1] ?? '');
      else location.hash = hash;
    });
    return form;
  }

  private figures(words: Words, data: StatisticsExport): HTMLElement {
    const shown = { from: data.from, to: data.to };
    return h(
      'div',
      { class: 'statistics-body' },
      h('p', { class: 'statistics-period-line' }, t('statistics.periodLine', { period: periodText(words, data), count: data.months.length })),
      data.pending.length > 0 && h('p', { class: 'statistics-pending' }, t('statistics.pending', { months: monthsText(words, data.pending) })),
      h(
        'div',
        { class: 'statistics-actions' },
        this.downloadButton(shown),
        h('a', { class: 'button', href: reportHash(shown, lang()), 'data-action': 'statistics-report' }, t('statistics.reportLink')),
      ),
      h('p', { class: this.download.state === 'failed' ? 'case-alert statistics-download' : 'statistics-download', role: 'status' }, this.download.text),
      data.months.length === 0
        ? h('p', { class: 'statistics-empty' }, t('statistics.empty'))
        : h(
            'div',
            { class: 'statistics-charts' },
            data.suppressed > 0 && h('p', { class: 'hint' }, t('statistics.suppressedCells', { count: data.suppressed })),
            levelsSection(words, data),
            indicatorsSection(words, data, false),
            funnelSection(words, data, false),
            regionsSection(words, data),
          ),
    );
  }

  private downloadButton(shown: { from: string; to: string }): HTMLButtonElement {
    const button = h(
      'button',
      { type: 'button', class: 'primary', 'data-action': 'statistics-csv', disabled: this.download.state === 'busy' },
      t('statistics.download'),
    );
    button.addEventListener('click', () => void this.downloadCsv(shown));
    return button;
  }

  private async downloadCsv(shown: { from: string; to: string }): Promise<void> {
    const showing = this.read.data;
    this.download = { state: 'busy', text: t('statistics.downloading') };
    this.render();
    try {
      const { filename, file } = await getStatisticsCsv(shown);
      saveFile(file, filename);
      this.download = { state: 'done', text: t('statistics.downloaded', { file: filename }) };
    } catch (error: unknown) {
      this.download = { state: 'failed', text: t('statistics.downloadFailed', { reason: describeError(error) }) };
    }
    // Another period was opened meanwhile: its page has its own download line.
    if (this.read.data === showing) this.render();
  }
}
