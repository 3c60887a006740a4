// Which referrals are overdue at an instant and which need a reminder now: overdue after `days`
// days without an update, reminded once per such period counted from the last update; closed
// ones never; an update starts the count again.
import { describe, expect, it } from 'vitest';
import { overdueCutoff, overdueDays, overdueReferrals, reminderDue } from '../../functions/core/cases/reminders';
import type { ReferralStatus } from '../../functions/core/cases/model';

const DAY = 86_400_000;
const UPDATED = '2026-11-01T12:00:00.000Z';
const at = (days: number) => new Date(Date.parse(UPDATED) + days * DAY);
const referral = (over: { status?: ReferralStatus; lastUpdateAt?: string; reminders?: Array<{ at: string }> } = {}) => ({
  status: 'sent' as ReferralStatus,
  lastUpdateAt: UPDATED,
  reminders: [] as Array<{ at: string }>,
  ...over,
});

describe('overdue', () => {
  it('after exactly `days` days without an update, counting whole days since it', () => {
    expect(overdueDays(referral(), at(6.99), 7)).toBeUndefined();
    expect(overdueDays(referral(), at(7), 7)).toBe(7);
    expect(overdueDays(referral(), at(9.5), 7)).toBe(9);
    expect(overdueDays(referral({ status: 'acting' }), at(2), 1)).toBe(2);
  });

  it('never when closed', () => {
    expect(overdueDays(referral({ status: 'closed' }), at(100), 7)).toBeUndefined();
  });

  it('lists the least recently updated first, with how long each waited, and names the cutoff the index is read to', () => {
    const older = referral({ lastUpdateAt: '2026-10-20T00:00:00.000Z' });
    const list = overdueReferrals([referral(), referral({ lastUpdateAt: at(5).toISOString() }), older, referral({ status: 'closed' })], at(8), 7);
    expect(list.map((entry) => [entry.referral.lastUpdateAt, entry.overdueDays])).toEqual([
      ['2026-10-20T00:00:00.000Z', 20],
      [UPDATED, 8],
    ]);
    expect(overdueCutoff(at(8), 7)).toBe(at(1).toISOString());
  });
});

describe('a reminder', () => {
  it('is due once overdue, and not again in the same period', () => {
    expect(reminderDue(referral(), at(6), 7)).toBeUndefined();
    expect(reminderDue(referral(), at(7.5), 7)).toEqual({ period: 1, overdueDays: 7 });
    const reminded = referral({ reminders: [{ at: at(7.5).toISOString() }] });
    expect(reminderDue(reminded, at(13.9), 7)).toBeUndefined();
  });

  it('is due again in each later period', () => {
    const reminded = referral({ reminders: [{ at: at(7.5).toISOString() }] });
    expect(reminderDue(reminded, at(14), 7)).toEqual({ period: 2, overdueDays: 14 });
    // A sweep that missed a period (the function was down) reminds once for the current one.
    expect(reminderDue(referral(), at(22), 7)).toEqual({ period: 3, overdueDays: 22 });
  });

  it('counts from the last update: reminders before it do not count, and an update starts the wait again', () => {
    const updated = referral({ lastUpdateAt: at(10).toISOString(), reminders: [{ at: at(7.5).toISOString() }] });
    expect(reminderDue(updated, at(16), 7)).toBeUndefined();
    expect(reminderDue(updated, at(17), 7)).toEqual({ period: 1, overdueDays: 7 });
  });

  it('is never due for a closed referral', () => {
    expect(reminderDue(referral({ status: 'closed' }), at(30), 7)).toBeUndefined();
  });
});
