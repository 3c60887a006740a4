// The order of the open queue (ARCHITECTURE "Urgency levels"): by level, most urgent first;
// within a level, tips whose escalation ran out with nobody confirming first (nobody is on the
// way, and paging has given up: only an operator can still get someone there), then imminent
// danger, then tips whose page nobody answered yet, then the higher score, then the oldest. Pure. The comparator says it in words; the sort key says the same as
// one string, so that DynamoDB's index (QueueByUrgency) keeps the queue in this order and pages
// through it without reading the whole queue (a property test holds the two together).
import type { IndicatorFinding, Level, TipSignals } from './tip';
import { levelRank } from './tip';

export interface QueueTip {
  tipId: string;
  level: Level;
  score: number;
  createdAt: string;
  indicators: readonly Pick<IndicatorFinding, 'id' | 'tense'>[];
  signals?: TipSignals;
  /** Set by paging while a page for the tip has no responder's ACK (see core/paging/handle-job.ts). */
  pageUnanswered?: boolean;
  /** Set by paging when escalation ran out with no ACK, until an operator deals with it (see core/paging/case-end.ts). */
  nobodyConfirmed?: boolean;
}

/** Danger now: a current (not past) `imminent_danger`, or the web form's "happening now". */
export const isImminent = (tip: Pick<QueueTip, 'indicators' | 'signals'>): boolean =>
  tip.signals?.happeningNow === true || tip.indicators.some((finding) => finding.id === 'imminent_danger' && finding.tense !== 'past');

/** Scores are 0..100; anything else is clamped, and fractions rounded, the same way in both orders. */
const scoreOf = (tip: Pick<QueueTip, 'score'>): number => (Number.isFinite(tip.score) ? Math.min(100, Math.max(0, Math.round(tip.score))) : 0);

/** Negative when `a` comes before `b` in the queue. */
export function compareQueue(a: QueueTip, b: QueueTip): number {
  return (
    levelRank(b.level) - levelRank(a.level) ||
    Number(b.nobodyConfirmed === true) - Number(a.nobodyConfirmed === true) ||
    Number(isImminent(b)) - Number(isImminent(a)) ||
    Number(b.pageUnanswered === true) - Number(a.pageUnanswered === true) ||
    scoreOf(b) - scoreOf(a) ||
    compareText(a.createdAt, b.createdAt) ||
    compareText(a.tipId, b.tipId)
  );
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The same order as one string (DynamoDB compares sort keys byte by byte): fixed-width parts,
 * so "0#1#0#1#001#2026-…" sorts as compareQueue does. ISO instants of one format sort as strings.
 */
export function queueOrder(tip: QueueTip): string {
  const flag = (on: boolean): string => (on ? '0' : '1');
  return [
    3 - levelRank(tip.level),
    flag(tip.nobodyConfirmed === true),
    flag(isImminent(tip)),
    flag(tip.pageUnanswered === true),
    String(100 - scoreOf(tip)).padStart(3, '0'),
    tip.createdAt,
    tip.tipId,
  ].join('#');
}
