// Direct access to the local stack's services, for tests that check what was stored or queued.
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { waitFor } from './wait';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function dynamo(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
}

export function sqs(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials });
}

/** Every item of every table, as raw JSON text. */
export async function dumpTables(client: DynamoDBClient): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of (await client.send(new ListTablesCommand({}))).TableNames ?? []) {
    const items: string[] = [];
    let start: Record<string, never> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) items.push(JSON.stringify(item));
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
    out[table] = items;
  }
  return out;
}

export async function queueUrl(client: SQSClient, name: string): Promise<string> {
  return (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl!;
}

/**
 * Peeks at every message in every queue without consuming it: received with a short
 * visibility and made visible again at once.
 */
export async function peekQueues(client: SQSClient): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const url of (await client.send(new ListQueuesCommand({}))).QueueUrls ?? []) {
    const bodies: string[] = [];
    const handles: string[] = [];
    for (let i = 0; i < 20; i++) {
      const page = await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, VisibilityTimeout: 5, WaitTimeSeconds: 0 }));
      if (!page.Messages?.length) break;
      for (const m of page.Messages) {
        bodies.push(m.Body ?? '');
        handles.push(m.ReceiptHandle!);
      }
    }
    for (let i = 0; i < handles.length; i += 10) {
      await client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: handles.slice(i, i + 10).map((h, j) => ({ Id: String(j), ReceiptHandle: h, VisibilityTimeout: 0 })),
        }),
      );
    }
    out[url] = bodies;
  }
  return out;
}

export interface QueueDepth {
  /** Messages a consumer can receive now (the local SQS counts those in flight here too). */
  ready: number;
  /** Messages received and not yet deleted: being handled, or failed and waiting to come back. */
  inFlight: number;
  /** Messages sent with a delay that has not passed yet (paging deadlines, Twilio clean-ups). */
  delayed: number;
}

export async function queueDepth(client: SQSClient, name: string): Promise<QueueDepth> {
  const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl(client, name), AttributeNames: [...names] }));
  const [ready, inFlight, delayed] = names.map((attribute) => Number(out.Attributes?.[attribute] ?? Number.NaN));
  return { ready: ready!, inFlight: inFlight!, delayed: delayed! };
}

/**
 * Waits until none of the named queues holds a message that is ready or in flight: whatever was
 * sent to them before has been handled (deleted) or has gone to its dead-letter queue. The
 * queues are read in the order given, so name a producer before its consumer ("tips" before
 * "paging"): a handler sends on before it deletes what it handled. Delayed messages are timers
 * that have not fired yet; `delayed: true` waits for those too.
 */
export async function queueDrained(client: SQSClient, names: readonly string[], options: { delayed?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const last: Record<string, QueueDepth> = {};
  await waitFor(
    async () => {
      for (const name of names) {
        const depth = (last[name] = await queueDepth(client, name));
        if (depth.ready !== 0 || depth.inFlight !== 0 || (options.delayed && depth.delayed !== 0)) return false;
      }
      return true;
    },
    {
      timeoutMs: options.timeoutMs ?? 30_000,
      intervalMs: 100,
      what: () => `the queues ${names.join(', ')} to be drained (last seen: ${JSON.stringify(last)})`,
    },
  );
}
