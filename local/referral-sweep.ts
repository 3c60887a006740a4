// The referral reminder sweep and the statistics' publication on the local stack. In AWS an
// EventBridge rule puts `{"type":"ReferralSweep"}` and `{"type":"StatisticsPublication"}` on the
// paging queue every hour (lib/paging.ts); here there is no
// EventBridge, so the stack puts it there at start, every hour of wall time, and whenever the
// movable clock moves (POST /local/clock), so that moving the clock days ahead reminds of the
// referrals it made overdue without waiting for the hour.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { PagingJob } from '../functions/core/paging/jobs';
import type { MovableClock } from './clock';

const HOUR_MS = 60 * 60_000;

export interface ReferralSweeps {
  /** Puts one sweep on the paging queue now. */
  sweep(): Promise<void>;
  stop(): Promise<void>;
}

export function referralSweeps(options: { client: SQSClient; queueUrl: string; clock: MovableClock; onError?: (error: unknown) => void }): ReferralSweeps {
  // The statistics' publication rides on the same hour in AWS (lib/paging.ts): so it does here.
  const jobs: PagingJob[] = [{ type: 'ReferralSweep' }, { type: 'StatisticsPublication' }];
  const sweep = async () => {
    for (const job of jobs) await options.client.send(new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(job) }));
  };
  let stopped = false;
  // The clock keeps its listeners: once stopped, a move sends nothing to a queue that is gone.
  const quietly = () => void (stopped ? undefined : sweep().catch((error: unknown) => options.onError?.(error)));
  const timer = setInterval(quietly, HOUR_MS);
  timer.unref();
  options.clock.onMove(quietly);
  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
