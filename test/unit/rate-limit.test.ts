import { describe, expect, it } from 'vitest';
import { DailyKeyedHash, FixedWindowLimiter } from '../../functions/core/rate-limit';

describe('FixedWindowLimiter', () => {
  it('allows up to the limit in a window, then refuses, then allows again in the next window', () => {
    const limiter = new FixedWindowLimiter(3, 1000);
    expect([0, 10, 20, 30].map((t) => limiter.allow('a', t))).toEqual([true, true, true, false]);
    expect(limiter.allow('b', 40)).toBe(true);
    expect(limiter.allow('a', 1000)).toBe(true);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const limiter = new FixedWindowLimiter(1, 1000, 100);
    for (let i = 0; i < 10_000; i++) limiter.allow(`k${i}`, 0);
    expect((limiter as unknown as { counts: Map<string, unknown> }).counts.size).toBeLessThanOrEqual(100);
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
