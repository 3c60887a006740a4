// Abuse limits kept in memory only. Nothing about who sent what is ever written down: web
// senders are counted under a keyed hash of their address whose key is random, lives in this
// process and is replaced every UTC day, so yesterday's counts cannot be linked to today's.
import { createHmac, randomBytes } from 'node:crypto';

export class FixedWindowLimiter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 50_000,
  ) {}

  /** Counts one event for `key`; false when the key is over its limit in this window. */
  allow(key: string, nowMs: number): boolean {
    return this.take(key, nowMs) === 0;
  }

  /**
   * Counts one event for `key` and answers 0, or, when the key has used its limit in this
   * window, counts nothing and answers the milliseconds until the window ends.
   */
  take(key: string, nowMs: number): number {
    const entry = this.counts.get(key);
    if (!entry || nowMs - entry.windowStart >= this.windowMs) {
      if (this.counts.size >= this.maxKeys) this.prune(nowMs);
      this.counts.set(key, { windowStart: nowMs, count: 1 });
      return 0;
    }
    if (entry.count >= this.limit) return Math.max(1, entry.windowStart + this.windowMs - nowMs);
    entry.count += 1;
    return 0;
  }

  /** Uncounts one event taken in the current window: counting first and giving back on success leaves no gap for a burst. */
  giveBack(key: string, nowMs: number): void {
    const entry = this.counts.get(key);
    if (entry && nowMs - entry.windowStart < this.windowMs && entry.count > 0) entry.count -= 1;
  }

  private prune(nowMs: number): void {
    for (const [key, entry] of this.counts) if (nowMs - entry.windowStart >= this.windowMs) this.counts.delete(key);
    // Under a flood of distinct keys, forget the oldest rather than grow without bound.
    if (this.counts.size >= this.maxKeys) this.counts.clear();
  }
}

export class DailyKeyedHash {
  private day = '';
  private key: Buffer = Buffer.alloc(0);

  constructor(private readonly random: (bytes: number) => Buffer = randomBytes) {}

  hash(value: string, now: Date): string {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.key = this.random(32);
    }
    return createHmac('sha256', this.key).update(value).digest('hex');
  }
}

/**
 * A limit per web sender: their address is only ever a key into the counter above, hashed
 * under a key that changes daily and is never written down; it is not logged, queued or stored.
 */
export class SenderLimiter {
  private readonly senders: DailyKeyedHash;
  private readonly limiter: FixedWindowLimiter;

  constructor(limit: number, windowMs: number, random?: (bytes: number) => Buffer) {
    this.senders = new DailyKeyedHash(random);
    this.limiter = new FixedWindowLimiter(limit, windowMs);
  }

  allow(address: string, now: Date): boolean {
    return this.limiter.allow(this.senders.hash(address, now), now.getTime());
  }

  /** See FixedWindowLimiter.take: 0 when counted, else the milliseconds to wait. */
  take(address: string, now: Date): number {
    return this.limiter.take(this.senders.hash(address, now), now.getTime());
  }

  giveBack(address: string, now: Date): void {
    this.limiter.giveBack(this.senders.hash(address, now), now.getTime());
  }

  /** This sender's budget, for a use case that must not see the address. */
  budgetOf(address: string): AttemptBudget {
    return { take: (now) => this.take(address, now), giveBack: (now) => this.giveBack(address, now) };
  }
}

/** Attempts one sender may still make: `take` answers 0 when counted, else the milliseconds to wait. */
export interface AttemptBudget {
  take(now: Date): number;
  giveBack(now: Date): void;
}

export { INTAKE_LIMITS } from '../config/defaults';
