// What a stored tip asks of paging: critical tips at once, high tips when their unclaimed time
// is up (paging decides then whether someone claimed it). Sent after every stored message and
// every redelivery: starting paging is idempotent, so a repeat costs one no-op job. Whether a
// page may go at once (the region's budget, an earlier page of the same tip) is paging's
// decision; the sketch of the thread's text travels with the job for it, as the text may not.
//
// A tip is critical here only on its words: a level that rested on the web form's answers alone
// is scored high (core/triage/levels.ts), so it waits for the high rule or an operator.
import { pageDueAt } from './';
import type { PagingJob } from './jobs';
import type { StaffRef, TipRecord } from '../tip-record';
import { isOpen } from '../tip-record';
import type { Level } from '../tip';

export function pagingJobFor(tip: TipRecord, highAfterMinutes: number, sketch?: string): { job: PagingJob; at: Date } | undefined {
  if (!isOpen(tip.status)) return undefined;
  const due = pageDueAt(tip.level, new Date(tip.createdAt), highAfterMinutes);
  if (!due) return undefined;
  const withSketch = sketch ? { sketch } : {};
  return tip.level === 'critical'
    ? { job: { type: 'PageRequested', tipId: tip.tipId, ...withSketch }, at: due }
    : { job: { type: 'HighTipCheck', tipId: tip.tipId, ...withSketch }, at: due };
}

/**
 * An operator set a tip's level: raised to critical, it pages at once whatever its text shows
 * and whatever the region's budget, because a person has read it. Sent after the override is
 * stored; paging pages a tip once, so setting critical twice pages nobody twice.
 */
export function operatorPageJob(tipId: string, level: Level, by: StaffRef): PagingJob | undefined {
  return level === 'critical' ? { type: 'PageRequested', tipId, decidedBy: { id: by.id, name: by.name } } : undefined;
}
