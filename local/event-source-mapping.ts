// Delivers SQS batches to a consumer the way Lambda's event source mapping does: batches of
// up to batchSize, partial batch responses (only the successes are deleted), a thrown error
// fails the whole batch, and failed messages come back after the visibility timeout until the
// queue's redrive policy moves them to the dead-letter queue.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface EventSourceMapping {
  /** Resolves when the queue has been seen empty with no batch in flight. */
  drained(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface MappingOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  functionName: string;
  handler: SqsHandler;
  batchSize: number;
  timeoutMs: number;
  concurrency: number;
  onError?: (error: unknown) => void;
}

function toRecord(message: Message, queueArn: string): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: 'us-east-1',
  };
}

export function startEventSourceMapping(options: MappingOptions): EventSourceMapping {
  let running = true;
  let inFlight = 0;
  let lastEmptyAt = 0;
  const wakeups = new Set<AbortController>();

  /** Returns whether a batch arrived, so that an idle loop can back off. */
  async function pollOnce(signal: AbortSignal): Promise<boolean> {
    const out = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: options.batchSize,
        // The local SQS server holds a long poll until it has a full batch or a second has
        // passed; real SQS answers as soon as a message is there. Short polls keep the local
        // latency close to Lambda's.
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
      }),
      { abortSignal: signal },
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) {
      if (inFlight === 0) lastEmptyAt = Date.now();
      return false;
    }
    inFlight++;
    try {
      const event: SQSEvent = { Records: messages.map((m) => toRecord(m, options.queueArn)) };
      let failed: Set<string>;
      try {
        const response = await options.handler(event, lambdaContext(options.functionName, options.timeoutMs));
        failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      } catch (error: unknown) {
        options.onError?.(error);
        failed = new Set(event.Records.map((r) => r.messageId));
      }
      const done = messages.filter((m) => !failed.has(m.MessageId!));
      if (done.length) {
        await options.client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: options.queueUrl,
            Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
          }),
        );
      }
    } finally {
      inFlight--;
    }
    return true;
  }

  async function loop(): Promise<void> {
    // Short polls, backing off while the queue stays empty: quick to react, cheap when idle.
    let idleMs = 20;
    while (running) {
      const controller = new AbortController();
      wakeups.add(controller);
      try {
        if (await pollOnce(controller.signal)) idleMs = 20;
        else {
          await new Promise((r) => setTimeout(r, idleMs));
          idleMs = Math.min(idleMs * 2, 250);
        }
      } catch (error: unknown) {
        if (!running) return;
        options.onError?.(error);
        await new Promise((r) => setTimeout(r, 500));
      } finally {
        wakeups.delete(controller);
      }
    }
  }

  const loops = Array.from({ length: options.concurrency }, () => loop());

  return {
    async drained(timeoutMs) {
      const since = Date.now();
      while (Date.now() - since < timeoutMs) {
        if (inFlight === 0 && lastEmptyAt > since) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    },
    async stop() {
      running = false;
      // The signal only cuts the long poll short; a batch in flight still finishes and is
      // deleted, as Lambda would finish it.
      for (const controller of wakeups) controller.abort();
      await Promise.allSettled(loops);
    },
  };
}
