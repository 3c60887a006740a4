// What each tip and each referral adds to the live counts of its month. Written in the same
// transaction as the tip or the referral (adapters), as the difference between what the record
// counted before and after the write, so that a count is kept as records change rather than
// computed by reading them, and a retried write (conditional on the record's version) is
// counted once. Only categories are counted: no text, no id, no place finer than a region.
import type { ReferralRecord } from '../cases/model';
import type { TipRecord } from '../tip-record';
import { monthOf } from './calendar';
import { type FunnelStage, type Month, NO_REGION } from './model';

/** One live count: `key` names the category inside its month (see the key functions below). */
export interface Counter {
  month: Month;
  key: string;
  n: number;
}

const SEPARATOR = '#';
export const tipCountKey = (region: string, level: string, channel: string, language: string) => ['tip', region, level, channel, language].join(SEPARATOR);
export const indicatorCountKey = (region: string, level: string, indicator: string) => ['ind', region, level, indicator].join(SEPARATOR);
export const funnelCountKey = (stage: FunnelStage) => ['funnel', stage].join(SEPARATOR);

/** A key split back into its kind and parts. */
export const partsOfCountKey = (key: string): string[] => key.split(SEPARATOR);

/**
 * A tip is counted unless it repeats another (marked a duplicate by paging or an operator) or
 * was closed as a false report: the figures count situations reported, not messages.
 */
export function isCounted(tip: TipRecord): boolean {
  return tip.duplicateOf === undefined && tip.outcome !== 'duplicate' && tip.outcome !== 'false_report';
}

/** The counts one tip adds: once in its month by region, level, channel and language, once per indicator. */
export function tipCounters(tip: TipRecord | undefined): Counter[] {
  if (!tip || !isCounted(tip)) return [];
  const month = monthOf(tip.createdAt);
  const region = tip.region ?? NO_REGION;
  const indicators = [...new Set(tip.indicators.map((finding) => finding.id))];
  return [
    { month, key: tipCountKey(region, tip.level, tip.channel, tip.lang), n: 1 },
    ...indicators.map((indicator) => ({ month, key: indicatorCountKey(region, tip.level, indicator), n: 1 })),
  ];
}

/** Something came of it: the agency acted even if it never reported the `acting` status. */
const didSomething = (outcome: NonNullable<ReferralRecord['outcome']>): boolean =>
  outcome.rescuedAdults + outcome.rescuedMinors + outcome.arrests > 0 || outcome.chargesFiled || outcome.conviction;

/** The funnel counts one referral adds, each in the month its step was recorded. */
export function referralCounters(referral: ReferralRecord | undefined): Counter[] {
  if (!referral) return [];
  const at = (stage: FunnelStage, instant: string, n: number): Counter[] => (n > 0 ? [{ month: monthOf(instant), key: funnelCountKey(stage), n }] : []);
  const acting = referral.history.find((step) => step.status === 'acting');
  const outcome = referral.outcome;
  return [
    ...at('referred', referral.createdAt, 1),
    ...(acting ? at('acting', acting.at, 1) : outcome && didSomething(outcome) ? at('acting', outcome.at, 1) : []),
    ...(outcome
      ? [
          ...at('rescued', outcome.at, outcome.rescuedAdults + outcome.rescuedMinors),
          ...at('charges', outcome.at, outcome.chargesFiled ? 1 : 0),
          ...at('convictions', outcome.at, outcome.conviction ? 1 : 0),
        ]
      : []),
  ];
}

/** What a write changes in the counts: after minus before, by month and key, without zeros. */
export function counterDelta(before: readonly Counter[], after: readonly Counter[]): Counter[] {
  const sums = new Map<string, Counter>();
  const add = (counter: Counter, sign: number) => {
    const id = `${counter.month}${SEPARATOR}${counter.key}`;
    const sum = sums.get(id) ?? { month: counter.month, key: counter.key, n: 0 };
    sum.n += sign * counter.n;
    sums.set(id, sum);
  };
  for (const counter of before) add(counter, -1);
  for (const counter of after) add(counter, 1);
  return [...sums.values()].filter((counter) => counter.n !== 0);
}

export const tipCountDelta = (before: TipRecord | undefined, after: TipRecord): Counter[] => counterDelta(tipCounters(before), tipCounters(after));
export const referralCountDelta = (before: ReferralRecord | undefined, after: ReferralRecord): Counter[] =>
  counterDelta(referralCounters(before), referralCounters(after));
