// What a page that shows one read of the API keeps: only the newest read may fill it (the answer
// to an earlier click, or to a page already left, is dropped), and when it was read.
import { h } from '../dom';
import { describeError } from '../errors';
import { t } from '../i18n';
import { timeOfDay } from '../time';

export class LatestRead<T> {
  data: T | null = null;
  error = '';
  at: Date | null = null;
  private ticket = 0;

  /** Shows the page reading, reads, and shows it again unless a newer read or a stop came meanwhile. */
  async run(read: () => Promise<T>, show: () => void): Promise<void> {
    const ticket = ++this.ticket;
    show();
    try {
      const data = await read();
      if (ticket !== this.ticket) return;
      this.data = data;
      this.error = '';
      this.at = new Date();
    } catch (error: unknown) {
      if (ticket !== this.ticket) return;
      this.error = describeError(error);
    }
    show();
  }

  /** Leaving the page: an answer still in flight is dropped. */
  stop(): void {
    this.ticket += 1;
  }
}

/** The line under a directory page's title: when it was read, or why it could not be (`<page>.at`, `<page>.failed`). */
export function readStateLine(read: LatestRead<unknown>, page: 'agencies' | 'overdue'): HTMLElement {
  const state = read.error ? t(`${page}.failed`, { reason: read.error }) : read.at ? t(`${page}.at`, { time: timeOfDay(read.at) }) : t('app.loading');
  return h('p', { class: read.error ? `case-alert ${page}-state` : `${page}-state`, role: 'status' }, state);
}
