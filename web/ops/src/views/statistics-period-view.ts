// What the statistics page and the printable report share: a period read from the address, the
// newest answer of the API for it, and the heading that takes focus.
import type { StatisticsExport } from '../api-types-statistics';
import { getStatistics } from '../api-statistics';
import { h } from '../dom';
import { type Period, periodFromQuery } from '../statistics-period';
import { LatestRead } from './latest-read';

export abstract class PeriodView {
  protected readonly heading: HTMLElement;
  protected readonly read = new LatestRead<StatisticsExport>();
  protected period: Period = { from: null, to: null };

  constructor(headingId: string) {
    this.heading = h('h2', { id: headingId, tabindex: '-1' });
  }

  load(query: string): Promise<void> {
    this.period = periodFromQuery(query);
    this.onQuery(query);
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

  /** What else a view reads from the address, before the period's figures are asked for. */
  protected abstract onQuery(query: string): void;
  abstract render(): void;
}
