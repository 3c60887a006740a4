// Which critical tips are news: open, critical, and not on any earlier page of the queue. The first
// page after sign-in or after a filter change only primes it, since tips a filter reveals are not
// news. Pure: the unit tests run it without a browser.
import type { QueueItem } from './api-types';

export class Arrivals {
  private readonly seen = new Set<string>();
  private primed = false;

  /** The next page after this one only primes again. */
  reset(): void {
    this.primed = false;
  }

  /** The newly arrived critical tips on this page, newest first. */
  take(items: readonly QueueItem[]): QueueItem[] {
    const fresh = items.filter((i) => i.level === 'critical' && i.status !== 'closed' && !this.seen.has(i.tipId));
    for (const item of fresh) this.seen.add(item.tipId);
    const news = this.primed ? fresh : [];
    this.primed = true;
    return news.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

/** Critical tips nobody has claimed yet: the count in the tab's title. */
export const waitingCritical = (items: readonly QueueItem[]): number =>
  items.filter((i) => i.level === 'critical' && i.claimedBy === null && i.status !== 'closed').length;
