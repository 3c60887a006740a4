// Queue ports: intake sends TipReceived messages to triage and cleanup jobs to the Twilio
// cleanup consumer; nothing else.
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { TipReceived } from '../core/tip';
import type { JobQueue, TipQueue } from '../core/ports';
import { perPlatform } from './platform';

/**
 * JSON as SQS accepts it. SQS refuses a body with U+FFFE or U+FFFF (outside its character set),
 * so a tip holding one would fail at intake, and a Twilio retry would fail the same way; as
 * escapes they read back as the same text. JSON already escapes control characters and lone
 * surrogates.
 */
export function sqsMessageBody(value: unknown): string {
  return JSON.stringify(value).replace(/[\uFFFE\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export function sqsJobQueue<T>(client: SQSClient, queueUrl: string): JobQueue<T> {
  return {
    async send(job) {
      await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: sqsMessageBody(job) }));
    },
  };
}

export const sqsTipQueue = (client: SQSClient, queueUrl: string): TipQueue => sqsJobQueue<TipReceived>(client, queueUrl);

/** One SQS client per container. */
export const sqsClient = perPlatform((platform) => {
  const client = new SQSClient(platform.clients.sqs);
  if (platform.clients.middleware?.sqs) client.middlewareStack.use(platform.clients.middleware.sqs);
  return client;
});
