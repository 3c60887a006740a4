// The local SQS server (local-aws-sqs speaks the JSON protocol of @aws-sdk/client-sqs and
// honours RedrivePolicy) with each queue and its dead-letter queue, shaped as in AWS.
import type { Server } from 'node:http';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';

export interface QueueSpec {
  name: string;
  deadLetterName: string;
  maxReceiveCount: number;
  visibilityTimeoutSeconds: number;
  delaySeconds?: number;
}

export interface LocalQueue {
  url: string;
  arn: string;
  deadLetterUrl: string;
}

export interface RunningSqs {
  endpoint: string;
  client: SQSClient;
  queues: Record<string, LocalQueue>;
  stop(): Promise<void>;
}

async function queueArn(client: SQSClient, url: string): Promise<string> {
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return out.Attributes?.QueueArn ?? '';
}

async function createQueuePair(client: SQSClient, spec: QueueSpec): Promise<LocalQueue> {
  const dlq = await client.send(new CreateQueueCommand({ QueueName: spec.deadLetterName, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  const created = await client.send(
    new CreateQueueCommand({
      QueueName: spec.name,
      Attributes: {
        VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
        ...(spec.delaySeconds ? { DelaySeconds: String(spec.delaySeconds) } : {}),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(client, dlq.QueueUrl!), maxReceiveCount: spec.maxReceiveCount }),
      },
    }),
  );
  return { url: created.QueueUrl!, arn: await queueArn(client, created.QueueUrl!), deadLetterUrl: dlq.QueueUrl! };
}

export async function startSqs(port: number, specs: readonly QueueSpec[]): Promise<RunningSqs> {
  const server: Server = await createSqsServer({ port, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const queues: Record<string, LocalQueue> = {};
  for (const spec of specs) queues[spec.name] = await createQueuePair(client, spec);
  return {
    endpoint,
    client,
    queues,
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
