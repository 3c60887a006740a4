// Where the statistics pages sit in the console. Their charts, tables and report are loaded the
// first time a supervisor opens one (a chunk of their own), not in the bundle every operator
// downloads on a phone; the two routes share one place in the layout.
import { h, replaceChildren } from '../dom';
import { t } from '../i18n';
import type { StatisticsRoute } from '../routes';
import type { StatisticsPage, StatisticsReport } from './statistics-views';

interface Pages {
  statistics: StatisticsPage;
  report: StatisticsReport;
}

export class StatisticsEntry {
  readonly element = h('div', { class: 'statistics-host' });
  private pages: Promise<Pages> | null = null;
  private shown: StatisticsRoute | null = null;

  /** Shows the route's page and reads its figures; a later open wins over one still loading. */
  async open(route: StatisticsRoute): Promise<void> {
    this.shown = route;
    let pages: Pages;
    try {
      pages = await this.loadPages();
    } catch {
      // A deployment since this tab opened removed the chunk it knows of: only a reload finds the new one.
      this.pages = null;
      replaceChildren(this.element, h('p', { class: 'case-alert', role: 'alert' }, t('statistics.chunkFailed')));
      return;
    }
    if (this.shown !== route) return;
    const page = pages[route.view];
    replaceChildren(this.element, page.element);
    await page.load(route.query);
  }

  focus(): void {
    void this.pages?.then((pages) => this.shown && pages[this.shown.view].focus());
  }

  rerender(): void {
    void this.pages?.then((pages) => this.shown && pages[this.shown.view].render());
  }

  stop(): void {
    this.shown = null;
    void this.pages?.then((pages) => {
      pages.statistics.stop();
      pages.report.stop();
    });
  }

  private loadPages(): Promise<Pages> {
    this.pages ??= import('./statistics-views').then((views) => ({ statistics: new views.StatisticsPage(), report: new views.StatisticsReport() }));
    return this.pages;
  }
}
