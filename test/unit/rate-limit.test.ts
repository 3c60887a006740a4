import { describe, expect, it } from 'vitest';
import { DailyKeyedHash, FixedWindowLimiter, SenderLimiter } from '../../functions/core/rate-limit';

describe('FixedWindowLimiter', () => {
  it('allows up to the limit in a window, then refuses, then allows again in the next window', () => {
    const limiter = new FixedWindowLimiter(3, 1000);
    expect([0, 10, 20, 30].map((t) => limiter.allow('a', t))).toEqual([true, true, true, false]);
    expect(limiter.allow('b', 40)).toBe(true);
    expect(limiter.allow('a', 1000)).toBe(true);
  });

  it('stays bounded under a flood of distinct keys: it remembers at most its 100 newest, and forgets the first', () => {
    // A key it remembers is refused a second event in the window (limit 1); a forgotten one is
    // counted afresh and allowed.
    const flood = (limiter: FixedWindowLimiter) => {
      for (let i = 0; i < 10_000; i++) expect(limiter.allow(`k${i}`, 0)).toBe(true);
      return limiter;
    };

    // Newest first, until the first key it has forgotten (asking about that one counts it anew)
    const newest = flood(new FixedWindowLimiter(1, 1000, 100));
    let remembered = 0;
    for (let i = 9_999; i >= 0 && !newest.allow(`k${i}`, 0); i--) remembered++;
    expect(remembered).toBeGreaterThan(0);
    expect(remembered).toBeLessThanOrEqual(100);

    expect(flood(new FixedWindowLimiter(1, 1000, 100)).allow('k0', 0)).toBe(true);
  });
});

describe('FixedWindowLimiter.take and giveBack', () => {
  it('answers 0 while counting, then the time left in the window without counting', () => {
    const limiter = new FixedWindowLimiter(2, 10_000);
    expect([limiter.take('a', 0), limiter.take('a', 1000), limiter.take('a', 4000), limiter.take('a', 9000)]).toEqual([0, 0, 6000, 1000]);
    expect(limiter.take('a', 10_000)).toBe(0);
  });

  it('gives an attempt back in the same window only, never below zero', () => {
    const limiter = new FixedWindowLimiter(1, 10_000);
    expect(limiter.take('a', 0)).toBe(0);
    limiter.giveBack('a', 1);
    limiter.giveBack('a', 2);
    expect(limiter.take('a', 3)).toBe(0);
    expect(limiter.take('a', 4)).toBeGreaterThan(0);
    // A give-back after the window changes nothing in the next one.
    limiter.giveBack('a', 10_001);
    expect(limiter.take('a', 10_002)).toBe(0);
    expect(limiter.take('a', 10_003)).toBeGreaterThan(0);
  });
});

describe('SenderLimiter budgets', () => {
  const at = new Date('2026-11-27T08:00:00Z');

  it('keep one count per address, under the hashed address', () => {
    const limiter = new SenderLimiter(1, 60_000, () => Buffer.alloc(32, 7));
    const a = limiter.budgetOf('198.51.100.23');
    const b = limiter.budgetOf('198.51.100.24');
    expect(a.take(at)).toBe(0);
    expect(a.take(at)).toBe(60_000);
    expect(b.take(at)).toBe(0);
    a.giveBack(at);
    expect(limiter.budgetOf('198.51.100.23').take(at)).toBe(0);
  });
});

describe('DailyKeyedHash', () => {
  it('is stable within a day, changes with the day, and never contains the value', () => {
    let n = 0;
    const hasher = new DailyKeyedHash(() => Buffer.alloc(32, ++n));
    const morning = hasher.hash('198.51.100.23', new Date('2026-11-27T08:00:00Z'));
    expect(hasher.hash('198.51.100.23', new Date('2026-11-27T23:59:59Z'))).toBe(morning);
    expect(hasher.hash('198.51.100.23', new Date('2026-11-28T00:00:01Z'))).not.toBe(morning);
    expect(morning).not.toContain('198');
  });
});
