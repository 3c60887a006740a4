// How the operator API asks paging for a page: an operator raised a tip to critical
// (core/paging/trigger.ts operatorPageJob), and paging pages it at once, whatever its guards say.
// One SQS message on the paging queue; the function holds the send right and nothing of paging's.
import type { StaffRef } from '../core/tip-record';
import type { Level } from '../core/tip';
import type { PagingJob } from '../core/paging/jobs';
import { operatorPageJob } from '../core/paging/trigger';
import { sqsClient, sqsJobQueue } from './sqs-queue';
import type { Platform } from './platform';

export type OperatorPaging = (tipId: string, level: Level, by: StaffRef) => Promise<void>;

export function sqsOperatorPaging(platform: Platform, queueUrl: string): OperatorPaging {
  const queue = sqsJobQueue<PagingJob>(sqsClient(platform), queueUrl);
  return async (tipId, level, by) => {
    const job = operatorPageJob(tipId, level, by);
    if (job) await queue.send(job);
  };
}
