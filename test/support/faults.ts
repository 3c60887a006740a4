// Fault injection and bookkeeping for the fault tests. Faults that DynamoDB Local never
// produces (throttling, an outage) are thrown by SDK middleware inside the real client's retry
// loop, so the SDK's own retries and backoff run as they would against AWS. Every scenario gets
// its own queue pair on the real local SQS, and ends by accounting for each accepted message.
import { randomBytes } from 'node:crypto';
import { InternalServerError, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { ClientMiddleware } from '../../local/platform';
import { MESSAGES_TABLE } from '../../functions/config/tables';
import { dynamo } from './local-aws';
import { seededRandom } from '../../functions/core/seeded-random';

export type DynamoFaultMode = { kind: 'off' } | { kind: 'throttle'; fraction: number } | { kind: 'down' } | { kind: 'slow'; delayMs: number };

export interface DynamoFaults {
  middleware: ClientMiddleware;
  set(mode: DynamoFaultMode): void;
  /** Calls that reached the fault point (every SDK attempt, retries included), and how many failed. */
  readonly stats: { attempts: number; injected: number };
}

export function dynamoFaults(seed: number): DynamoFaults {
  const random = seededRandom(seed);
  let mode: DynamoFaultMode = { kind: 'off' };
  const stats = { attempts: 0, injected: 0 };
  // A throttled call stays throttled through the SDK's own retries, as a hot partition does
  // for a second or two; so the fault reaches the handler instead of being absorbed by backoff.
  // The context object is one per command sent, shared by its attempts.
  const throttled = new WeakMap<object, boolean>();
  const fault = (call: object): Error | undefined => {
    const $metadata = { attempts: 1, totalRetryDelay: 0 };
    if (mode.kind === 'throttle') {
      const fraction = mode.fraction;
      if (!throttled.has(call)) throttled.set(call, random() < fraction);
      if (throttled.get(call))
        return new ProvisionedThroughputExceededException({
          message: 'injected: provisioned throughput exceeded',
          $metadata: { ...$metadata, httpStatusCode: 400 },
        });
    }
    if (mode.kind === 'down') return new InternalServerError({ message: 'injected: internal server error', $metadata: { ...$metadata, httpStatusCode: 500 } });
    return undefined;
  };
  return {
    stats,
    set: (next) => (mode = next),
    middleware: {
      dynamodb: {
        applyToStack(stack) {
          // finalizeRequest at low priority runs after the retry middleware, i.e. once per attempt.
          stack.add(
            (next, context) => async (args) => {
              stats.attempts++;
              if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, (mode as { delayMs: number }).delayMs));
              const error = fault(context);
              if (error) {
                stats.injected++;
                throw error;
              }
              return next(args);
            },
            { step: 'finalizeRequest', priority: 'low', name: 'tiplineInjectedFault' },
          );
        },
      },
    },
  };
}

export interface QueuePair {
  url: string;
  arn: string;
  dlqUrl: string;
}

export async function createQueuePair(client: SQSClient, name: string, visibilityTimeoutSeconds: number, maxReceiveCount = 5): Promise<QueuePair> {
  const arnOf = async (url: string) =>
    (await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
  const dlq = await client.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const queue = await client.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq.QueueUrl!), maxReceiveCount }),
      },
    }),
  );
  return { url: queue.QueueUrl!, arn: await arnOf(queue.QueueUrl!), dlqUrl: dlq.QueueUrl! };
}

/** Other test files count the stack's queues: a file removes the queues it made. */
export async function deleteQueuePair(client: SQSClient, pair: QueuePair): Promise<void> {
  await client.send(new DeleteQueueCommand({ QueueUrl: pair.url }));
  await client.send(new DeleteQueueCommand({ QueueUrl: pair.dlqUrl }));
}

export async function sendBodies(client: SQSClient, queueUrl: string, bodies: readonly string[]): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    const out = await client.send(
      new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.slice(i, i + 10).map((body, j) => ({ Id: String(j), MessageBody: body })) }),
    );
    if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} messages`);
  }
}

/** Messages still in the queue, visible or in flight (delayed ones excepted). */
export async function queueDepth(client: SQSClient, queueUrl: string): Promise<number> {
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 'NaN');
}

/**
 * Waits until every message has been deleted or dead-lettered. Twice empty, a poll apart: the
 * local server counts a message just sent only from its next timer tick.
 */
export async function settled(client: SQSClient, queueUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let empty = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    empty = (await queueDepth(client, queueUrl)) === 0 ? empty + 1 : 0;
    if (empty === 2) return;
  }
  throw new Error(`${queueUrl} still held ${await queueDepth(client, queueUrl)} messages after ${timeoutMs} ms`);
}

/** Every body in a queue, each read once (they stay hidden for a minute afterwards). */
export async function drainBodies(client: SQSClient, queueUrl: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const out = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 60, WaitTimeSeconds: 0 }));
    if (!out.Messages?.length) return bodies;
    bodies.push(...out.Messages.map((m) => m.Body ?? ''));
  }
}

/** Lowercase letters only: they survive redaction and never look like a number or a name. */
export function letterTag(length = 8): string {
  return [...randomBytes(length)].map((b) => String.fromCharCode(97 + (b % 26))).join('');
}

export function letters(n: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (n % 26)) + out;
    n = Math.floor(n / 26);
  } while (n > 0);
  return out;
}

export interface StoredMessageRow {
  messageId: string;
  tipId: string;
  text: string;
  receivedAt: string;
}

export async function storedMessagesContaining(endpoint: string, marker: string): Promise<StoredMessageRow[]> {
  const client = DynamoDBDocumentClient.from(dynamo(endpoint));
  const rows: StoredMessageRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: MESSAGES_TABLE.name,
        FilterExpression: 'contains(#text, :marker)',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':marker': marker },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) rows.push(item as StoredMessageRow);
    start = page.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return rows;
}

/** One message a scenario meant to deliver, and the tip it should end up in. */
export interface Intended {
  token: string;
  tip: string;
}

export interface Counts {
  accepted: number;
  stored: number;
  inDlq: number;
  lost: number;
  duplicated: number;
}

/**
 * What became of each intended message: stored (found by its token in the Messages table),
 * else in the DLQ (found by its token in a dead-lettered body), else lost. Duplicated counts
 * every extra stored copy of a message and every extra tip that one intended tip was split into.
 */
export function account(intended: readonly Intended[], stored: readonly StoredMessageRow[], dlqBodies: readonly string[]): Counts {
  let storedCount = 0;
  let inDlq = 0;
  let duplicated = 0;
  const tipsOf = new Map<string, Set<string>>();
  for (const { token, tip } of intended) {
    const copies = stored.filter((row) => row.text.includes(token));
    if (copies.length) {
      storedCount++;
      duplicated += copies.length - 1;
      const tips = tipsOf.get(tip) ?? new Set<string>();
      for (const copy of copies) tips.add(copy.tipId);
      tipsOf.set(tip, tips);
    } else if (dlqBodies.some((body) => body.includes(token))) {
      inDlq++;
    }
  }
  for (const tips of tipsOf.values()) duplicated += tips.size - 1;
  // Two intended tips must not share a stored tip either: that would be one tip lost in another.
  const owners = new Map<string, string>();
  for (const [tip, tipIds] of tipsOf) {
    for (const tipId of tipIds) {
      if (owners.has(tipId) && owners.get(tipId) !== tip) duplicated++;
      owners.set(tipId, tip);
    }
  }
  return { accepted: intended.length, stored: storedCount, inDlq, lost: intended.length - storedCount - inDlq, duplicated };
}

export function countLine(name: string, c: Counts): string {
  return `faults ${name}: accepted ${c.accepted}, stored ${c.stored}, in DLQ ${c.inDlq}, lost ${c.lost}, duplicated ${c.duplicated}`;
}

/** Collects what the process writes to stdout and stderr (the handlers' log lines) until restored. */
export function captureOutput(): { lines: () => string[]; restore: () => void; print: (line: string) => void } {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const grab = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  return {
    lines: () => chunks.join('').split('\n').filter(Boolean),
    print: (line) => void out(`${line}\n`),
    restore: () => {
      process.stdout.write = out;
      process.stderr.write = err;
    },
  };
}
