// How the operator API asks paging for something: a page for a tip an operator raised to critical
// (core/paging/trigger.ts operatorPageJob), at once whatever its guards say; and, since paging
// alone writes paging states, the end of a tip's paging (closed, a duplicate, stopped) and an
// acknowledgement taken by phone. One SQS message on the paging queue each; the function holds
// the send right and nothing of paging's.
import type { StaffRef } from '../core/tip-record';
import type { Level } from '../core/tip';
import type { PagingJob } from '../core/paging/jobs';
import { operatorPageJob } from '../core/paging/trigger';
import { sqsClient, sqsJobQueue } from './sqs-queue';
import type { Platform } from './platform';

export type OperatorPaging = (tipId: string, level: Level, by: StaffRef) => Promise<void>;

/** The jobs an operator's action puts on the paging queue (ReferralSend: the agency's SMS of a referral). */
export type OperatorPagingJob = Extract<PagingJob, { type: 'CaseEnded' | 'StopRequested' | 'PhoneAck' | 'ReferralSend' }>;
export type PagingRequests = (job: OperatorPagingJob) => Promise<void>;

export function sqsOperatorPaging(platform: Platform, queueUrl: string): OperatorPaging {
  const queue = sqsJobQueue<PagingJob>(sqsClient(platform), queueUrl);
  return async (tipId, level, by) => {
    const job = operatorPageJob(tipId, level, by);
    if (job) await queue.send(job);
  };
}

export function sqsPagingRequests(platform: Platform, queueUrl: string): PagingRequests {
  const queue = sqsJobQueue<PagingJob>(sqsClient(platform), queueUrl);
  return (job) => queue.send(job);
}
