// Queue ports: intake sends TipReceived messages to triage and cleanup jobs to the Twilio
// cleanup consumer; nothing else.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { TipReceived } from '../core/tip';

export interface JobQueue<T> {
  send(job: T): Promise<void>;
}

export type TipQueue = JobQueue<TipReceived>;

export function sqsJobQueue<T>(client: SQSClient, queueUrl: string): JobQueue<T> {
  return {
    async send(job) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
    },
  };
}

export const sqsTipQueue = (client: SQSClient, queueUrl: string): TipQueue => sqsJobQueue<TipReceived>(client, queueUrl);
