// Nothing lost, nothing duplicated, whatever fails. The real triage (and paging) handler modules
// run in this process, fed by the local stack's own event source mapping from queue pairs made
// for each scenario on the real local SQS, storing into the real DynamoDB Local. Faults a local
// server never produces are injected by SDK middleware on the handler's real client.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import {
  AUDIT_TABLE,
  CONTACTS_TABLE,
  EVIDENCE_TABLE,
  MESSAGES_TABLE,
  CASES_TABLE,
  STATISTICS_TABLE,
  PAGE_DELIVERIES_TABLE,
  PAGING_TABLE,
  RECEIPTS_TABLE,
  RESPONDER_CONTACTS_TABLE,
  ROSTER_TABLE,
  TIPS_QUEUE,
  TIPS_TABLE,
} from '../../functions/config/tables';
import { tipFromSms } from '../../functions/core/intake/tip-from';
import type { MessageSid, TipReceived } from '../../functions/core/tip';
import { startEventSourceMapping, type SqsHandler } from '../../local/event-source-mapping';
import { hostFunction } from '../../local/functions';
import { localPlatform } from '../../local/platform';
import { startLocalTwilioApi, type LocalTwilioApi } from '../../local/twilio-api';
import {
  account,
  captureOutput,
  countLine,
  createQueuePair,
  deleteQueuePair,
  drainBodies,
  dynamoFaults,
  letterTag,
  letters,
  sendBodies,
  settled,
  storedMessagesContaining,
  type Counts,
  type Intended,
  type QueuePair,
} from '../support/faults';
import { freePort } from '../support/free-port';
import { sqs } from '../support/local-aws';
import { newMessageSid } from '../support/twilio';

const stack = inject('stack');
const SEED = 20_260_508;
const RUN = letterTag(6);
const admin = sqs(stack.sqsEndpoint);
const faults = dynamoFaults(SEED);
// Only for building messages as sms-intake would; the contact keys need not match the stack's.
const contactKeySecret = randomBytes(32).toString('hex');
const output = captureOutput();

let triage: SqsHandler;
let paging: SqsHandler;
let pagingQueue: QueuePair;
let twilio: LocalTwilioApi;
const queues: QueuePair[] = [];
async function newQueuePair(name: string, visibilityTimeoutSeconds: number): Promise<QueuePair> {
  const pair = await createQueuePair(admin, `faults-${name}-${RUN}`, visibilityTimeoutSeconds);
  queues.push(pair);
  return pair;
}

beforeAll(async () => {
  pagingQueue = await newQueuePair('paging', 2);
  const twilioAccount = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };
  twilio = await startLocalTwilioApi(await freePort(), twilioAccount);
  const stackSecrets = JSON.parse(readFileSync(join(stack.dataDir, 'data', 'secrets.json'), 'utf8')) as {
    vaultLocalKey: string;
    contactKeySecret: string;
    receiptPepper: string;
  };
  // The real functions, hosted as the local stack hosts them, with the faults in their clients.
  const platform = localPlatform({
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
    secrets: { ...stackSecrets, twilioAuthToken: twilioAccount.authToken },
    twilioApiBaseUrl: twilio.baseUrl,
    middleware: faults.middleware,
  });
  // What Lambda's configuration gives the two functions; the paging queue is this file's own, so
  // that the stack's paging poller never sees these tips and this file's poller sees only them.
  const deployment = {
    [ENV.tipsTable]: TIPS_TABLE.name,
    [ENV.messagesTable]: MESSAGES_TABLE.name,
    [ENV.contactsTable]: CONTACTS_TABLE.name,
    [ENV.receiptsTable]: RECEIPTS_TABLE.name,
    [ENV.auditTable]: AUDIT_TABLE.name,
    [ENV.evidenceTable]: EVIDENCE_TABLE.name,
    [ENV.rosterTable]: ROSTER_TABLE.name,
    [ENV.responderContactsTable]: RESPONDER_CONTACTS_TABLE.name,
    [ENV.pagingTable]: PAGING_TABLE.name,
    [ENV.pageDeliveriesTable]: PAGE_DELIVERIES_TABLE.name,
    [ENV.casesTable]: CASES_TABLE.name,
    [ENV.statisticsTable]: STATISTICS_TABLE.name,
    [ENV.pagingQueueUrl]: pagingQueue.url,
    [ENV.publicUrl]: stack.publicUrl,
    [ENV.twilioAccountSid]: twilioAccount.accountSid,
    [ENV.twilioSender]: '+51900000000',
    // These scenarios are about retries, not the paging guards (paging-guards.test.ts): this
    // paging shares the stack's ledgers, and other files page Madre de Dios too.
    [ENV.pageBudgetPerRegionHour]: '200',
  };
  triage = await hostFunction<SqsHandler>('triage', deployment, platform);
  paging = await hostFunction<SqsHandler>('paging', deployment, platform);
});

// A scenario that fails half-way must not leave DynamoDB throttled or slow for the next one.
afterEach(() => faults.set({ kind: 'off' }));

afterAll(async () => {
  output.restore();
  await twilio?.stop();
  for (const pair of queues) await deleteQueuePair(admin, pair);
});

/** A message as sms-intake queues it, its text carrying the token that finds it again. */
function smsTip(token: string, from: string, text: string, receivedAt = new Date()): TipReceived {
  return tipFromSms({ messageSid: newMessageSid() as MessageSid, from, body: `${token} ${text}`, receivedAt }, { contactKeySecret }).tip;
}

const newSender = () => `+5197${String(randomInt(10_000_000)).padStart(7, '0')}`;

interface Consumer {
  /** Records the handler reported failed (or failed by throwing), per invocation. */
  failures: number[];
  stop(): Promise<void>;
}

type Wrap = (handler: SqsHandler, invocation: number) => SqsHandler;

/** The mapping exactly as the local stack starts it for the tips queue. */
function consume(queue: QueuePair, handler: SqsHandler, wrap: Wrap = (h) => h, functionName = 'triage'): Consumer {
  const failures: number[] = [];
  const counted: SqsHandler = async (event: SQSEvent, context) => {
    const invocation = failures.push(0) - 1;
    try {
      const response = (await wrap(handler, invocation)(event, context)) as SQSBatchResponse | void;
      failures[invocation] = response?.batchItemFailures.length ?? 0;
      return response;
    } catch (error: unknown) {
      failures[invocation] = event.Records.length;
      throw error;
    }
  };
  const mapping = startEventSourceMapping({
    client: admin,
    queueUrl: queue.url,
    queueArn: queue.arn,
    functionName,
    handler: counted,
    batchSize: TIPS_QUEUE.batchSize,
    timeoutMs: TIPS_QUEUE.consumerTimeoutSeconds * 1000,
    concurrency: 2,
  });
  return { failures, stop: () => mapping.stop() };
}

async function finish(name: string, queue: QueuePair, consumer: Consumer, marker: string, intended: readonly Intended[]): Promise<Counts> {
  await settled(admin, queue.url, 45_000);
  await consumer.stop();
  const counts = account(intended, await storedMessagesContaining(stack.dynamoDbEndpoint, marker), await drainBodies(admin, queue.dlqUrl));
  output.print(countLine(name, counts));
  return counts;
}

/** One sender each, one message each: the everyday case. */
function singles(marker: string, n: number): { intended: Intended[]; bodies: string[]; tips: TipReceived[] } {
  const tips = Array.from({ length: n }, (_, i) => smsTip(`${marker}${letters(i)}q`, newSender(), 'hola, necesito hablar con alguien'));
  return {
    tips,
    intended: tips.map((_, i) => ({ token: `${marker}${letters(i)}q`, tip: String(i) })),
    bodies: tips.map((t) => JSON.stringify(t)),
  };
}

describe('faults', () => {
  it('DynamoDB throttling on a fraction of calls mid-batch: failed records come back and are stored once', async () => {
    // Arrange
    const marker = `fthr${RUN}`;
    const queue = await newQueuePair('throttle', 2);
    const { intended, bodies } = singles(marker, 12);
    await sendBodies(admin, queue.url, bodies);
    faults.set({ kind: 'throttle', fraction: 0.1 });
    const before = faults.stats.injected;

    // Act
    const consumer = consume(queue, triage);
    const counts = await finish('dynamodb-throttling', queue, consumer, marker, intended);

    // Assert: the fault really reached the batches, and nothing was lost or doubled
    expect(faults.stats.injected - before).toBeGreaterThan(0);
    expect(consumer.failures.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Mid-batch: some invocation failed only part of its records.
    expect(consumer.failures.some((f) => f > 0 && f < TIPS_QUEUE.batchSize)).toBe(true);
    expect(counts.lost).toBe(0);
    expect(counts.duplicated).toBe(0);
  }, 60_000);

  it('DynamoDB failing for a whole batch, then recovering: the batch comes back and is stored once', async () => {
    // Arrange
    const marker = `fdwn${RUN}`;
    const queue = await newQueuePair('down', 2);
    const { intended, bodies } = singles(marker, 10);
    await sendBodies(admin, queue.url, bodies);
    faults.set({ kind: 'down' });

    // Act: the first invocation meets the outage; DynamoDB is back for the next one
    const consumer = consume(queue, triage, (handler, invocation) => async (event, context) => {
      try {
        return await handler(event, context);
      } finally {
        if (invocation === 0) faults.set({ kind: 'off' });
      }
    });
    const counts = await finish('dynamodb-outage', queue, consumer, marker, intended);

    // Assert
    expect(consumer.failures[0]).toBe(10);
    expect(counts).toEqual({ accepted: 10, stored: 10, inDlq: 0, lost: 0, duplicated: 0 });
  }, 60_000);

  it('the consumer crashing between the write and the delete: the redelivery is recognised as a duplicate', async () => {
    // Arrange
    const marker = `fcrs${RUN}`;
    const queue = await newQueuePair('crash', 2);
    const { intended, bodies, tips } = singles(marker, 10);
    await sendBodies(admin, queue.url, bodies);
    const logStart = output.lines().length;

    // Act: the handler stores, then the invocation dies before the mapping deletes the batch
    const crashed = new Set<string>();
    const consumer = consume(queue, triage, (handler) => async (event, context) => {
      const response = await handler(event, context);
      const first = event.Records.filter((r) => !crashed.has(r.messageId));
      for (const record of first) crashed.add(record.messageId);
      if (first.length) throw new Error('crashed after the write, before the delete');
      return response;
    });
    const counts = await finish('consumer-crash', queue, consumer, marker, intended);

    // Assert: every message came back once and was known
    const duplicates = output
      .lines()
      .slice(logStart)
      .filter((line) => line.includes('duplicate delivery ignored'));
    for (const tip of tips) expect(duplicates.filter((line) => line.includes(tip.messageId))).toHaveLength(1);
    expect(counts).toEqual({ accepted: 10, stored: 10, inDlq: 0, lost: 0, duplicated: 0 });
  }, 60_000);

  it('duplicate deliveries and out-of-order fragments: each message stored once, one sender one tip, in sent order', async () => {
    // Arrange: five messages each delivered three times, and one sender's three fragments
    // delivered last-first, each in a batch of its own
    const marker = `fdup${RUN}`;
    const queue = await newQueuePair('duplicates', 2);
    const { intended, bodies } = singles(marker, 5);
    const from = newSender();
    const t0 = Date.now() - 60_000;
    const fragments = ['mi sobrina tiene catorce', 'la tienen en un bar', 'no la dejan salir'].map((text, i) =>
      smsTip(`${marker}frag${letters(i)}q`, from, text, new Date(t0 + i * 20_000)),
    );
    const fragmentIntents = fragments.map((_, i) => ({ token: `${marker}frag${letters(i)}q`, tip: 'fragments' }));

    // Act
    const consumer = consume(queue, triage);
    await sendBodies(admin, queue.url, [...bodies, ...bodies, ...bodies]);
    for (const i of [2, 0, 1]) {
      await sendBodies(admin, queue.url, [JSON.stringify(fragments[i])]);
      await new Promise((r) => setTimeout(r, 150));
    }
    const counts = await finish('duplicates-out-of-order', queue, consumer, marker, [...intended, ...fragmentIntents]);

    // Assert
    expect(counts).toEqual({ accepted: 8, stored: 8, inDlq: 0, lost: 0, duplicated: 0 });
    const thread = (await storedMessagesContaining(stack.dynamoDbEndpoint, `${marker}frag`)).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    expect(thread.map((m) => m.text.split(' ')[0])).toEqual(fragmentIntents.map((f) => f.token));
  }, 60_000);

  it("one sender's fragments in two invocations at once (a slow DynamoDB): still one tip", async () => {
    // Arrange: two full batches, each led by one fragment of the same sender; with every call
    // taking 100 ms, the second poller reads the sender's thread before the first has stored it
    const marker = `fcon${RUN}`;
    const queue = await newQueuePair('concurrent', 10);
    const from = newSender();
    const fragments = ['mi prima tiene catorce', 'la llevaron a un bar'].map((text, i) =>
      smsTip(`${marker}frag${letters(i)}q`, from, text, new Date(Date.now() + i * 1000)),
    );
    const fillers = singles(`${marker}fill`, 18);
    faults.set({ kind: 'slow', delayMs: 100 });

    // Act
    const consumer = consume(queue, triage);
    await new Promise((r) => setTimeout(r, 300)); // both pollers waiting
    await sendBodies(admin, queue.url, [JSON.stringify(fragments[0]), ...fillers.bodies.slice(0, 9)]);
    await new Promise((r) => setTimeout(r, 50));
    await sendBodies(admin, queue.url, [JSON.stringify(fragments[1]), ...fillers.bodies.slice(9)]);
    const intended = [...fragments.map((_, i) => ({ token: `${marker}frag${letters(i)}q`, tip: 'fragments' })), ...fillers.intended];
    const counts = await finish('concurrent-fragments', queue, consumer, marker, intended);

    // Assert
    expect(consumer.failures.length).toBeGreaterThanOrEqual(2);
    expect(counts).toEqual({ accepted: 20, stored: 20, inDlq: 0, lost: 0, duplicated: 0 });
  }, 60_000);

  it('poison messages go to the dead-letter queue: never stored, never lost', async () => {
    // Arrange
    const marker = `fpsn${RUN}`;
    const queue = await newQueuePair('poison', 1);
    const valid = smsTip(`${marker}validq`, newSender(), 'hola');
    const poison = [
      `not json at all ${marker}aq`,
      `{"type":"TipReceived","text":"${marker}bq"`,
      JSON.stringify([`${marker}cq`]),
      JSON.stringify({ type: 'TipReceived', version: 1, note: `${marker}dq` }),
      JSON.stringify({ ...valid, channel: 'carrier-pigeon', text: `${marker}eq` }),
      JSON.stringify({ ...valid, version: 99, text: `${marker}fq` }),
      JSON.stringify({ ...valid, receivedAt: 'yesterday', text: `${marker}gq` }),
    ];
    const intended = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((l) => ({ token: `${marker}${l}q`, tip: l }));
    await sendBodies(admin, queue.url, [...poison, JSON.stringify(valid)]);

    // Act
    const counts = await finish('poison', queue, consume(queue, triage), marker, [...intended, { token: `${marker}validq`, tip: 'valid' }]);

    // Assert: the one good message in the same batches was stored all the same
    expect(counts).toEqual({ accepted: 8, stored: 1, inDlq: 7, lost: 0, duplicated: 0 });
  }, 60_000);

  it('Twilio failing to send a page: the page is retried and sent once', async () => {
    // Arrange: three critical tips; Twilio answers the first two sends with 503
    const marker = `ftwl${RUN}`;
    const queue = await newQueuePair('twilio', 2);
    // Three different tips: near-identical ones minutes apart would page once (issue 15).
    const texts = [
      'en un prostibar de mazuko tienen a una chica de 16 años, la obligan a atender clientes',
      'mi prima de 15 esta encerrada en un bar de mazuko y la golpean',
      'urgente: una niña de 14 años en un local de mazuko, le quitaron su dni y no la dejan salir',
    ];
    const tips = [0, 1, 2].map((i) => smsTip(`${marker}${letters(i)}q`, newSender(), texts[i]!));
    twilio.failNext(2, 503);
    const requestsBefore = twilio.requests().length;

    // Act: triage stores them and hands them to paging, whose sends fail, then succeed
    const triageConsumer = consume(queue, triage);
    const pagingConsumer = consume(pagingQueue, paging, undefined, 'paging');
    await sendBodies(
      admin,
      queue.url,
      tips.map((t) => JSON.stringify(t)),
    );
    await settled(admin, queue.url, 30_000);
    const stored = await storedMessagesContaining(stack.dynamoDbEndpoint, marker);
    const codes = stored.map((m) => m.tipId.slice(0, 4));
    await settled(admin, pagingQueue.url, 30_000);
    await new Promise((r) => setTimeout(r, 2500)); // a redelivery would come back within one visibility timeout
    await Promise.all([triageConsumer.stop(), pagingConsumer.stop()]);

    // Assert
    const pages = twilio.sent().filter((m) => codes.some((code) => m.body.includes(`ACK ${code}`)));
    const dead = await drainBodies(admin, pagingQueue.dlqUrl);
    const pagedCodes = codes.filter((code) => pages.some((p) => p.body.includes(`ACK ${code}`)));
    const perRecipient = new Map<string, number>();
    for (const page of pages) perRecipient.set(`${page.to}|${page.body}`, (perRecipient.get(`${page.to}|${page.body}`) ?? 0) + 1);
    const deadCodes = codes.filter(
      (code) => !pagedCodes.includes(code) && dead.some((b) => stored.some((m) => m.tipId.startsWith(code) && b.includes(m.tipId))),
    );
    const counts: Counts = {
      accepted: tips.length,
      stored: pagedCodes.length,
      inDlq: deadCodes.length,
      lost: tips.length - pagedCodes.length - deadCodes.length,
      duplicated: [...perRecipient.values()].reduce((sum, n) => sum + n - 1, 0),
    };
    output.print(countLine('twilio-send-failing', counts));
    const failedSends = twilio
      .requests()
      .slice(requestsBefore)
      .filter((r) => r.status === 503);
    expect(failedSends).toHaveLength(2);
    expect(stored).toHaveLength(3);
    expect(counts).toEqual({ accepted: 3, stored: 3, inDlq: 0, lost: 0, duplicated: 0 });
  }, 60_000);
});
