// What a page that shows one read of the API keeps: only the newest read may fill it (the answer
// to an earlier click, or to a page already left, is dropped), and when it was read.
import { describeError } from '../errors';

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
