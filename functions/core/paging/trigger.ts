// What a stored tip asks of paging: critical tips at once, high tips when their unclaimed time
// is up (paging decides then whether someone claimed it). Sent after every stored message and
// every redelivery: starting paging is idempotent, so a repeat costs one no-op job.
import { pageDueAt } from './';
import type { PagingJob } from './jobs';
import type { TipRecord } from '../tip-record';
import { isOpen } from '../tip-record';

export function pagingJobFor(tip: TipRecord, highAfterMinutes: number): { job: PagingJob; at: Date } | undefined {
  if (!isOpen(tip.status)) return undefined;
  const due = pageDueAt(tip.level, new Date(tip.createdAt), highAfterMinutes);
  if (!due) return undefined;
  return tip.level === 'critical'
    ? { job: { type: 'PageRequested', tipId: tip.tipId }, at: due }
    : { job: { type: 'HighTipCheck', tipId: tip.tipId }, at: due };
}
