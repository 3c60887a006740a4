// Direct access to the local stack's services, for tests that check what was stored or queued.
import { DynamoDBClient, ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, ListQueuesCommand, ReceiveMessageCommand, SQSClient, ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';

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

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error: unknown) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}
