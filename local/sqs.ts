// The local SQS server (local-aws-sqs speaks the JSON protocol of @aws-sdk/client-sqs and
// honours RedrivePolicy) with the tips queue and its dead-letter queue, shaped as in AWS.
import type { Server } from 'node:http';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createSqsServer } from 'local-aws-sqs';
import { TIPS_QUEUE } from '../functions/config/tables';

export interface RunningSqs {
  endpoint: string;
  client: SQSClient;
  tipsQueueUrl: string;
  deadLetterQueueUrl: string;
  stop(): Promise<void>;
}

export async function startSqs(port: number, visibilityTimeoutSeconds: number): Promise<RunningSqs> {
  const server: Server = await createSqsServer({ port, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const dlq = await client.send(
    new CreateQueueCommand({ QueueName: TIPS_QUEUE.deadLetterName, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }),
  );
  const deadLetterQueueUrl = dlq.QueueUrl!;
  const dlqArn = (await client.send(new GetQueueAttributesCommand({ QueueUrl: deadLetterQueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  const tips = await client.send(
    new CreateQueueCommand({
      QueueName: TIPS_QUEUE.name,
      Attributes: {
        VisibilityTimeout: String(visibilityTimeoutSeconds),
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: TIPS_QUEUE.maxReceiveCount }),
      },
    }),
  );
  return {
    endpoint,
    client,
    tipsQueueUrl: tips.QueueUrl!,
    deadLetterQueueUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        client.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
