// The embedded local stack: DynamoDB Local, a local SQS server, a local Twilio API that
// records what it is asked to send or delete, the HTTP gateway and the queue pollers, running
// the very same handler modules that Lambda runs.
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ENV } from '../functions/config/env-names';
import { VISIBILITY_TIMEOUT_FACTOR } from '../functions/config/defaults';
import {
  ALL_TABLES,
  AUDIT_TABLE,
  CASES_TABLE,
  STATISTICS_TABLE,
  CONTACT_VAULT_TABLE,
  CONTACTS_TABLE,
  MESSAGES_TABLE,
  RECEIPTS_TABLE,
  PAGE_DELIVERIES_TABLE,
  EVIDENCE_TABLE,
  INTAKE_MEMORY_TABLE,
  PAGING_QUEUE,
  PAGING_TABLE,
  RESPONDER_CONTACTS_TABLE,
  ROSTER_TABLE,
  TIPS_QUEUE,
  TIPS_TABLE,
  TWILIO_CLEANUP_QUEUE,
} from '../functions/config/tables';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { LocalConfig } from './config';
import { LOCAL_ENV, LOCAL_TWILIO_NUMBER, REPO_ROOT } from './config';
import { localIdentity, type DemoUser, type LocalIdentity } from './identity';
import { devEndpoints } from './dev-endpoints';
import { describeDevRoutes, isDevRoute, servesDevRoute } from './dev-routes';
import { dynamoRosterReader, dynamoRosterWriter } from '../functions/adapters/dynamo-roster';
import { documentClient } from '../functions/adapters/aws-clients';
import { movableClock, wallClock, type MovableClock } from './clock';
import { clockDrivenDelays } from './delayed-jobs';
import { onCallNow, type OnCallNow } from './on-call-now';
import { referralSweeps } from './referral-sweep';
import { openDeadlines } from './rebuild-deadlines';
import { localDataKeys } from './data-keys';
import { hostFunction } from './functions';
import { localPlatform } from './platform';
import { seedDemoRoster } from './seed-roster';
import { reportDeliveries } from './status-callbacks';
import { staticFiles, staticSite } from './static-site';
import { ensureTables, startDynamoDb } from './dynamodb';
import { startEventSourceMapping, type SqsHandler } from './event-source-mapping';
import { startGateway, type HttpHandler } from './http-gateway';
import { assertPortFree } from './ports';
import { loadOrCreateSecrets } from './secrets';
import { startSqs, type LocalQueue } from './sqs';
import { startLocalTwilioApi, type LocalTwilioApi } from './twilio-api';

export interface LocalStack {
  httpUrl: string;
  webhookUrl: string;
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  twilioApiUrl: string;
  tipsQueue: LocalQueue;
  twilioCleanupQueue: LocalQueue;
  pagingQueue: LocalQueue;
  secretsPath: string;
  identity: LocalIdentity;
  /** The demo sign-in link, when the developer routes are on. */
  signInUrl(user: DemoUser): string | undefined;
  /** Whether `/local/*` and the demo sign-in answer, and why (for the banner). */
  devRoutes: string;
  dataDir: string;
  twilio: LocalTwilioApi;
  /** The paging clock: moved by POST /local/clock, kept in the data folder. */
  clock: MovableClock;
  /** Who each policy pages first now (on the paging clock), from the stored roster. */
  onCall(): Promise<OnCallNow[]>;
  stop(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

/** The local Twilio API must know the inbound messages the webhook sees, as Twilio would. */
function rememberInbound(twilio: LocalTwilioApi, handler: HttpHandler): HttpHandler {
  return (event: APIGatewayProxyEventV2, context) => {
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    const sid = new URLSearchParams(body).get('MessageSid');
    if (sid && /^(SM|MM)[0-9a-f]{32}$/.test(sid)) twilio.registerInbound(sid);
    return handler(event, context);
  };
}

export async function startLocalStack(config: LocalConfig, log: (line: string) => void = () => undefined): Promise<LocalStack> {
  await assertPortFree(config.httpPort, 'HTTP', LOCAL_ENV.httpPort);
  await assertPortFree(config.dynamoDbPort, 'DynamoDB Local', LOCAL_ENV.dynamoDbPort);
  await assertPortFree(config.sqsPort, 'local SQS', LOCAL_ENV.sqsPort);
  await assertPortFree(config.twilioPort, 'local Twilio API', LOCAL_ENV.twilioPort);

  const { secrets, path: secretsPath } = loadOrCreateSecrets(config.dataDir, config.twilioAuthToken);
  const started: Stoppable[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    log('starting DynamoDB Local…');
    const dynamo = await startDynamoDb(config.dynamoDbPort, `${config.dataDir}/dynamodb`);
    started.push(dynamo);
    await ensureTables(dynamo.endpoint, ALL_TABLES);

    const sqs = await startSqs(config.sqsPort, [
      { ...TIPS_QUEUE, visibilityTimeoutSeconds: config.visibilityTimeoutSeconds ?? TIPS_QUEUE.consumerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR },
      {
        ...TWILIO_CLEANUP_QUEUE,
        visibilityTimeoutSeconds: config.visibilityTimeoutSeconds ?? TWILIO_CLEANUP_QUEUE.consumerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR,
        delaySeconds: config.twilioCleanupDelaySeconds,
      },
      { ...PAGING_QUEUE, visibilityTimeoutSeconds: config.visibilityTimeoutSeconds ?? PAGING_QUEUE.consumerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR },
    ]);
    started.push(sqs);
    const tipsQueue = sqs.queues[TIPS_QUEUE.name]!;
    const twilioCleanupQueue = sqs.queues[TWILIO_CLEANUP_QUEUE.name]!;
    const pagingQueue = sqs.queues[PAGING_QUEUE.name]!;

    // The paging clock (and the report window's): POST /local/clock moves it, and paging's
    // delayed jobs fall due on it rather than on the local SQS server's wall clock. The offset
    // and the held jobs are kept in the data folder. TIPLINE_LOCAL_CLOCK=wall leaves both to
    // the wall clock and SQS, as in AWS.
    const clock = config.clock === 'wall' ? wallClock() : movableClock({ file: join(config.dataDir, 'clock.json') });
    const delays =
      config.clock === 'wall'
        ? undefined
        : clockDrivenDelays({
            client: sqs.client,
            queues: { [PAGING_QUEUE.name]: pagingQueue.url },
            clock,
            file: join(config.dataDir, 'paging-deadlines.json'),
            onError: (error) => log(`a held paging job could not be sent yet: ${error instanceof Error ? error.name : 'error'}`),
          });
    if (delays) started.push(delays);

    const twilio = await startLocalTwilioApi(
      config.twilioPort,
      { accountSid: secrets.twilioAccountSid, authToken: secrets.twilioAuthToken },
      reportDeliveries(secrets.twilioAuthToken, (error) => log(`status callback failed: ${error instanceof Error ? error.message : 'error'}`)),
      { journal: join(config.dataDir, 'twilio-outbox.jsonl') },
    );
    started.push(twilio);

    const httpUrl = `http://127.0.0.1:${config.httpPort}`;
    const identity = localIdentity(httpUrl, secrets.identityPrivateKey);
    const platform = localPlatform({
      dynamoDbEndpoint: dynamo.endpoint,
      sqsEndpoint: sqs.endpoint,
      secrets,
      twilioApiBaseUrl: twilio.baseUrl,
      clock: clock.now,
      ...(delays ? { middleware: delays.middleware } : {}),
    });

    // What CDK gives the functions in AWS; each is handed only the names its configuration reads.
    // Settings of the deployment (TIPLINE_EMERGENCY_NUMBERS…) pass through from this process.
    const passThrough = Object.fromEntries(Object.values(ENV).flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])));
    const deployment = {
      ...passThrough,
      [ENV.tipsTable]: TIPS_TABLE.name,
      [ENV.messagesTable]: MESSAGES_TABLE.name,
      [ENV.contactsTable]: CONTACTS_TABLE.name,
      [ENV.receiptsTable]: RECEIPTS_TABLE.name,
      [ENV.auditTable]: AUDIT_TABLE.name,
      [ENV.jwtIssuer]: identity.issuer,
      [ENV.jwtAudience]: identity.audience,
      [ENV.jwtJwksUri]: identity.jwksUri,
      [ENV.contactVaultTable]: CONTACT_VAULT_TABLE.name,
      [ENV.rosterTable]: ROSTER_TABLE.name,
      [ENV.responderContactsTable]: RESPONDER_CONTACTS_TABLE.name,
      [ENV.pagingTable]: PAGING_TABLE.name,
      [ENV.pageDeliveriesTable]: PAGE_DELIVERIES_TABLE.name,
      [ENV.evidenceTable]: EVIDENCE_TABLE.name,
      [ENV.intakeMemoryTable]: INTAKE_MEMORY_TABLE.name,
      [ENV.casesTable]: CASES_TABLE.name,
      [ENV.statisticsTable]: STATISTICS_TABLE.name,
      [ENV.pagingQueueUrl]: pagingQueue.url,
      [ENV.tipsQueueUrl]: tipsQueue.url,
      [ENV.twilioCleanupQueueUrl]: twilioCleanupQueue.url,
      [ENV.deleteInboundFromTwilio]: 'true',
      [ENV.publicUrl]: config.publicUrl,
      [ENV.twilioAccountSid]: secrets.twilioAccountSid,
      [ENV.twilioSender]: LOCAL_TWILIO_NUMBER,
      ...(config.emergencyNumbers ? { [ENV.emergencyNumbers]: config.emergencyNumbers } : {}),
      ...(config.threadWindowMinutes ? { [ENV.threadWindowMinutes]: String(config.threadWindowMinutes) } : {}),
    };

    // A demo on-call roster on first start, written through the same store the roster API uses.
    await seedDemoRoster(
      dynamoRosterWriter(
        documentClient(platform),
        { roster: ROSTER_TABLE.name, responderContacts: RESPONDER_CONTACTS_TABLE.name },
        localDataKeys(secrets.vaultLocalKey),
      ),
      dynamoRosterReader(documentClient(platform), ROSTER_TABLE.name),
      secrets.contactKeySecret,
    );

    // Deadlines of pages left open by the last run, from paging's own table.
    if (delays)
      for (const deadline of await openDeadlines(documentClient(platform), PAGING_TABLE.name)) delays.hold(PAGING_QUEUE.name, deadline.body, deadline.dueAt);

    const http = (name: Parameters<typeof hostFunction>[0]) => hostFunction<HttpHandler>(name, deployment, platform);
    const handlers = {
      smsIntake: rememberInbound(twilio, await http('smsIntake')),
      webIntake: await http('webIntake'),
      operatorApi: await http('operatorApi'),
      tipsterReply: await http('tipsterReply'),
      smsStatus: await http('smsStatus'),
      rosterApi: await http('rosterApi'),
      publicForm: await http('publicForm'),
    };

    const consumers: Array<[LocalQueue, string, SqsHandler, { batchSize: number; consumerTimeoutSeconds: number }]> = [
      [tipsQueue, 'triage', await hostFunction<SqsHandler>('triage', deployment, platform), TIPS_QUEUE],
      [twilioCleanupQueue, 'twilio-cleanup', await hostFunction<SqsHandler>('twilioCleanup', deployment, platform), TWILIO_CLEANUP_QUEUE],
      [pagingQueue, 'paging', await hostFunction<SqsHandler>('paging', deployment, platform), PAGING_QUEUE],
    ];
    for (const [queue, functionName, handler, settings] of consumers) {
      const mapping = startEventSourceMapping({
        client: sqs.client,
        queueUrl: queue.url,
        queueArn: queue.arn,
        functionName,
        handler,
        batchSize: settings.batchSize,
        timeoutMs: settings.consumerTimeoutSeconds * 1000,
        concurrency: config.pollers,
        onError: (error) => log(`${functionName} invocation failed: ${error instanceof Error ? error.name : 'error'}`),
      });
      // Stopping drains what was already accepted before the in-memory queues go away.
      started.push({
        stop: async () => {
          await mapping.drained(10_000);
          await mapping.stop();
        },
      });
    }

    // Referral reminders: what EventBridge does hourly in AWS, at start and whenever the clock moves.
    const sweeps = referralSweeps({
      client: sqs.client,
      queueUrl: pagingQueue.url,
      clock,
      onError: (error) => log(`the referral sweep could not be queued: ${error instanceof Error ? error.name : 'error'}`),
    });
    started.push(sweeps);
    await sweeps.sweep();

    // The developer routes and the dashboard's demo sign-in answer only this machine, and only
    // when the public URL is loopback or the user opted in (local/dev-routes.ts).
    const dev = devEndpoints({ twilio, clock, identity });
    const originOf = (req: IncomingMessage) => ({ remoteAddress: req.socket.remoteAddress, host: req.headers.host });
    const dashboard = staticSite('/ops/', join(REPO_ROOT, 'web', 'ops', 'dist'), {
      'config.json': (req) => ({ localSignIn: servesDevRoute(config.devRoutes, '/local/sign-in', originOf(req)) }),
    });
    const formAssets = staticFiles(join(REPO_ROOT, 'web', 'form'), ['form.js', 'form.css']);
    const localRoutes = (req: IncomingMessage, res: ServerResponse): boolean => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        return true;
      }
      // Refused exactly as an unknown path is: the gateway answers 404.
      if (isDevRoute(url.pathname)) return servesDevRoute(config.devRoutes, url.pathname, originOf(req)) && dev(req, res, url);
      return formAssets.handle(req, res) || dashboard.handle(req, res);
    };

    const server: Server = await startGateway({
      port: config.httpPort,
      handlers,
      extra: localRoutes,
      onError: (error) => log(`handler failed: ${error instanceof Error ? error.name : 'error'}`),
    });
    started.push({
      stop: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    });

    return {
      httpUrl,
      webhookUrl: `${config.publicUrl}/sms/twilio`,
      dynamoDbEndpoint: dynamo.endpoint,
      sqsEndpoint: sqs.endpoint,
      twilioApiUrl: twilio.baseUrl,
      tipsQueue,
      twilioCleanupQueue,
      pagingQueue,
      secretsPath,
      identity,
      signInUrl: (user) => (config.devRoutes.on ? `${httpUrl}/local/sign-in?as=${user}` : undefined),
      devRoutes: describeDevRoutes(config.devRoutes),
      dataDir: config.dataDir,
      twilio,
      clock,
      onCall: async () => onCallNow(await dynamoRosterReader(documentClient(platform), ROSTER_TABLE.name).load(), clock.now()),
      stop: stopAll,
    };
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
