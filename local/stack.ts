// The embedded local stack: DynamoDB Local, a local SQS server, the HTTP gateway and the
// queue poller, running the very same handler modules that Lambda runs.
import type { Server } from 'node:http';
import { join } from 'node:path';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ENV, LOCAL_ENV } from '../functions/config/env-names';
import { ALL_TABLES, CONTACTS_TABLE, HANDLER_ENTRIES, MESSAGES_TABLE, RECEIPTS_TABLE, TIPS_QUEUE, TIPS_TABLE } from '../functions/config/tables';
import type { LocalConfig } from './config';
import { ensureTables, startDynamoDb, type RunningDynamoDb } from './dynamodb';
import { startEventSourceMapping, type EventSourceMapping, type SqsHandler } from './event-source-mapping';
import { startGateway, type HttpHandler } from './http-gateway';
import { assertPortFree } from './ports';
import { loadOrCreateSecrets } from './secrets';
import { startSqs, type RunningSqs } from './sqs';

export interface LocalStack {
  httpUrl: string;
  webhookUrl: string;
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  tipsQueueUrl: string;
  deadLetterQueueUrl: string;
  secretsPath: string;
  devOperatorToken: string;
  dataDir: string;
  stop(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

export async function startLocalStack(config: LocalConfig, log: (line: string) => void = () => undefined): Promise<LocalStack> {
  await assertPortFree(config.httpPort, 'HTTP', LOCAL_ENV.httpPort);
  await assertPortFree(config.dynamoDbPort, 'DynamoDB Local', LOCAL_ENV.dynamoDbPort);
  await assertPortFree(config.sqsPort, 'local SQS', LOCAL_ENV.sqsPort);

  const { secrets, path: secretsPath } = loadOrCreateSecrets(config.dataDir, process.env[ENV.twilioAuthToken]);
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    log('starting DynamoDB Local…');
    const dynamo: RunningDynamoDb = await startDynamoDb(config.dynamoDbPort, join(config.dataDir, 'dynamodb'));
    started.push(dynamo);
    await ensureTables(dynamo.endpoint, ALL_TABLES);

    const sqs: RunningSqs = await startSqs(config.sqsPort, config.visibilityTimeoutSeconds ?? TIPS_QUEUE.consumerTimeoutSeconds * 6);
    started.push(sqs);

    // What Lambda's configuration gives each function in AWS; here one process hosts them all.
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      [ENV.tipsTable]: TIPS_TABLE.name,
      [ENV.messagesTable]: MESSAGES_TABLE.name,
      [ENV.contactsTable]: CONTACTS_TABLE.name,
      [ENV.receiptsTable]: RECEIPTS_TABLE.name,
      [ENV.tipsQueueUrl]: sqs.tipsQueueUrl,
      [ENV.publicUrl]: config.publicUrl,
      [ENV.twilioAuthToken]: secrets.twilioAuthToken,
      [ENV.contactKeySecret]: secrets.contactKeySecret,
      [ENV.receiptPepper]: secrets.receiptPepper,
      [ENV.devOperatorToken]: secrets.devOperatorToken,
      ...(config.emergencyNumbers ? { [ENV.emergencyNumbers]: config.emergencyNumbers } : {}),
      ...(config.threadWindowMinutes ? { [ENV.threadWindowMinutes]: String(config.threadWindowMinutes) } : {}),
    });

    const load = async <T>(entry: string): Promise<T> => ((await import(`../${entry}`)) as { handler: T }).handler;
    const handlers = {
      smsIntake: await load<HttpHandler>(HANDLER_ENTRIES.smsIntake),
      webIntake: await load<HttpHandler>(HANDLER_ENTRIES.webIntake),
      operatorApi: await load<HttpHandler>(HANDLER_ENTRIES.operatorApi),
    };
    const triage = await load<SqsHandler>(HANDLER_ENTRIES.triage);

    const queueArn = (await sqs.client.send(new GetQueueAttributesCommand({ QueueUrl: sqs.tipsQueueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn ?? '';
    const mapping: EventSourceMapping = startEventSourceMapping({
      client: sqs.client,
      queueUrl: sqs.tipsQueueUrl,
      queueArn,
      functionName: 'triage',
      handler: triage,
      batchSize: TIPS_QUEUE.batchSize,
      timeoutMs: TIPS_QUEUE.consumerTimeoutSeconds * 1000,
      concurrency: config.pollers,
      onError: (error) => log(`triage invocation failed: ${error instanceof Error ? error.name : 'error'}`),
    });
    // Stopping drains what intake already accepted before the in-memory queue goes away.
    started.push({ stop: async () => { await mapping.drained(10_000); await mapping.stop(); } });

    const server: Server = await startGateway({
      port: config.httpPort,
      handlers,
      extra: (req, res) => {
        if (req.url !== '/healthz') return false;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return true;
      },
      onError: (error) => log(`handler failed: ${error instanceof Error ? error.name : 'error'}`),
    });
    started.push({
      stop: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });

    const httpUrl = `http://127.0.0.1:${config.httpPort}`;
    return {
      httpUrl,
      webhookUrl: `${config.publicUrl}/sms/twilio`,
      dynamoDbEndpoint: dynamo.endpoint,
      sqsEndpoint: sqs.endpoint,
      tipsQueueUrl: sqs.tipsQueueUrl,
      deadLetterQueueUrl: sqs.deadLetterQueueUrl,
      secretsPath,
      devOperatorToken: secrets.devOperatorToken,
      dataDir: config.dataDir,
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
