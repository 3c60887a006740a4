// Referrals nobody followed up: an open referral with no update (creation, a status change, an
// outcome) for `days` days is overdue, and supervisors are reminded of it once in each such
// period after its last update (at `days`, `2 × days`, ...), until someone updates or closes it.
// Periods count from the last update, so a retried sweep finds the period it already reminded
// of, and an update starts the count again.
import { isReferralOpen, type ReferralRecord } from './model';

const DAY_MS = 86_400_000;

/** Whole days since the referral's last update; undefined when it is closed or not overdue at `now`. */
export function overdueDays(referral: Pick<ReferralRecord, 'status' | 'lastUpdateAt'>, now: Date, days: number): number | undefined {
  if (!isReferralOpen(referral)) return undefined;
  const idle = now.getTime() - Date.parse(referral.lastUpdateAt);
  return idle >= days * DAY_MS ? Math.floor(idle / DAY_MS) : undefined;
}

/** The last instant a referral may have been updated at and be overdue at `now`. */
export const overdueCutoff = (now: Date, days: number): string => new Date(now.getTime() - days * DAY_MS).toISOString();

/** Overdue referrals with how long each has waited, the least recently updated first. */
export function overdueReferrals<R extends Pick<ReferralRecord, 'status' | 'lastUpdateAt'>>(
  referrals: readonly R[],
  now: Date,
  days: number,
): Array<{ referral: R; overdueDays: number }> {
  return referrals
    .flatMap((referral) => {
      const waited = overdueDays(referral, now, days);
      return waited === undefined ? [] : [{ referral, overdueDays: waited }];
    })
    .sort((a, b) => a.referral.lastUpdateAt.localeCompare(b.referral.lastUpdateAt));
}

export interface ReminderDue {
  /** 1 for the first reminder after the last update, 2 for the next period's, ... */
  period: number;
  overdueDays: number;
}

/** Whether supervisors must be reminded of this referral now: overdue, and not yet reminded in this period. */
export function reminderDue(referral: Pick<ReferralRecord, 'status' | 'lastUpdateAt' | 'reminders'>, now: Date, days: number): ReminderDue | undefined {
  const waited = overdueDays(referral, now, days);
  if (waited === undefined) return undefined;
  const periodMs = days * DAY_MS;
  const updated = Date.parse(referral.lastUpdateAt);
  const period = Math.floor((now.getTime() - updated) / periodMs);
  const periodStart = updated + period * periodMs;
  if (referral.reminders.some((reminder) => Date.parse(reminder.at) >= periodStart)) return undefined;
  return { period, overdueDays: waited };
}
