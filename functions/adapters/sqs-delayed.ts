// A job that must arrive later: SQS holds a message at most 15 minutes, so a later deadline is
// delayed by that much and, arriving early, delayed again by whoever handles it.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Clock, DelayedJobs } from '../core/ports';
import { sqsMessageBody } from './sqs-queue';

export function sqsDelayedJobs<T>(client: SQSClient, queueUrl: string, maxDelaySeconds: number, now: Clock): DelayedJobs<T> {
  return async (job, at) => {
    const seconds = Math.ceil((at.getTime() - now().getTime()) / 1000);
    await client.send(
      new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsMessageBody(job), DelaySeconds: Math.max(0, Math.min(maxDelaySeconds, seconds)) }),
    );
  };
}
