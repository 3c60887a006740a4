// Fuzzing the three public entry points as API Gateway calls them: the real handler modules run
// in this process against the stack's DynamoDB Local and a tips queue of this file's own on the
// local SQS, so that what they queue can be read back. Properties, for every request: an answer
// (never a throw), never a 5xx, no body text in any log line; for sms-intake, no tip queued
// without a valid Twilio signature; and whatever is queued is a message real SQS accepts.
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import { CONTACT_VAULT_TABLE, INTAKE_MEMORY_TABLE, MESSAGES_TABLE, RECEIPTS_TABLE, RESPONDER_CONTACTS_TABLE } from '../../functions/config/tables';
import { tipReceivedSchema } from '../../functions/core/tip';
import { hostFunction } from '../../local/functions';
import { lambdaContext } from '../../local/lambda-context';
import { hostedPlatform } from '../support/hosted-platform';
import { captureOutput, createQueuePair, deleteQueuePair, drainBodies, letterTag, type QueuePair } from '../support/faults';
import { sqs } from '../support/local-aws';
import { newMessageSid, signTwilio, twilioWebhook, type TwilioParams } from '../support/twilio';

const stack = inject('stack');
const RUNS = 1000;
const SEEDS = { smsIntake: 42, webIntake: 4242, publicForm: 424242 } as const;
const admin = sqs(stack.sqsEndpoint);
const webhookUrl = `${stack.publicUrl}/sms/twilio`;
/** Every marker starts with this, so that a log line quoting any body is easy to find. */
const MARK = 'qzvmark';
const MARKER = new RegExp(`${MARK}[a-z]{10}`, 'g');
// What SQS accepts in a message body (its documented character set); anything else is refused.
const SQS_TEXT = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

type Handler = (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyStructuredResultV2>;
let handlers: { smsIntake: Handler; webIntake: Handler; publicForm: Handler };
let tipsQueue: QueuePair;
let sink: QueuePair;
const output = captureOutput();

beforeAll(async () => {
  tipsQueue = await createQueuePair(admin, `fuzz-tips-${letterTag(6)}`, 60);
  sink = await createQueuePair(admin, `fuzz-sink-${letterTag(6)}`, 60);
  const platform = hostedPlatform(stack);
  const deployment = {
    [ENV.tipsQueueUrl]: tipsQueue.url,
    [ENV.pagingQueueUrl]: sink.url,
    [ENV.twilioCleanupQueueUrl]: sink.url,
    [ENV.deleteInboundFromTwilio]: 'false',
    [ENV.publicUrl]: stack.publicUrl,
    [ENV.contactVaultTable]: CONTACT_VAULT_TABLE.name,
    [ENV.intakeMemoryTable]: INTAKE_MEMORY_TABLE.name,
    [ENV.responderContactsTable]: RESPONDER_CONTACTS_TABLE.name,
    [ENV.messagesTable]: MESSAGES_TABLE.name,
    [ENV.receiptsTable]: RECEIPTS_TABLE.name,
  };
  // The real functions, each given only its own configuration, as the local stack hosts them.
  handlers = {
    smsIntake: await hostFunction<Handler>('smsIntake', deployment, platform),
    webIntake: await hostFunction<Handler>('webIntake', deployment, platform),
    publicForm: await hostFunction<Handler>('publicForm', deployment, platform),
  };
});

afterAll(async () => {
  output.restore();
  for (const pair of [tipsQueue, sink]) if (pair) await deleteQueuePair(admin, pair);
});

// ---- requests as API Gateway builds them (see local/http-gateway.ts toEvent) -----------------

interface RawRequest {
  body?: Buffer | string;
  /** Sent base64-encoded, as API Gateway does for a body it does not take for text. */
  base64?: boolean;
  headers?: Record<string, string>;
  rawQueryString?: string;
  sourceIp?: string;
}

function httpEvent(routeKey: string, request: RawRequest): APIGatewayProxyEventV2 {
  const [method = 'POST', path = '/'] = routeKey.split(' ');
  const body = request.body === undefined ? undefined : request.base64 ? Buffer.from(request.body).toString('base64') : request.body.toString();
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: request.rawQueryString ?? '',
    headers: request.headers ?? {},
    requestContext: {
      accountId: '000000000000',
      apiId: 'fuzz',
      domainName: 'localhost',
      domainPrefix: 'fuzz',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: request.sourceIp ?? '127.0.0.1', userAgent: 'fuzz' },
      requestId: randomBytes(8).toString('hex'),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: Boolean(request.base64 && body !== undefined),
  };
}

// ---- generators -------------------------------------------------------------------------------

const marker = fc.stringMatching(/^[a-z]{10}$/).map((s) => `${MARK}${s}`);
/** Characters that break naive code: NUL, SQS's forbidden U+FFFE/U+FFFF, a lone surrogate, RTL override. */
const awkward = fc.constantFrom('\u0000', '\u0007', '\uFFFE', '\uFFFF', '\uD800', '\u202E', '😀', '\r\n', '%', '&', '=', '+', '"', '\\', '<', ' ');
const text = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), awkward), { maxLength: 12 }).map((parts) => parts.join(''));
const contentType = (right: string) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant(right) },
    fc.constant(`${right}; charset=utf-8`),
    fc.constant(right.toUpperCase()),
    fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', ''),
    fc.string({ maxLength: 30 }),
  );
const sourceIp = fc.ipV4();
/** Bodies that are not what the route reads: noise, huge, invalid UTF-8. */
const junkBody = fc.oneof(
  text.map((t) => ({ body: t, base64: false })),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: Buffer.concat([Buffer.from([0xff, 0xc3]), Buffer.from(bytes)]), base64: true })),
  fc
    .record({ size: fc.integer({ min: 16 * 1024, max: 3 * 1024 * 1024 }), base64: fc.boolean() })
    .map(({ size, base64 }) => ({ body: Buffer.alloc(size, 'a=b&'), base64 })),
);
const peruMobile = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `+519${String(n).padStart(8, '0')}`);

// ---- the harness --------------------------------------------------------------------------------

interface Ledger {
  /** Markers of every request sent, to look for in the logs. */
  sent: Set<string>;
  /** Markers that may be queued (sms: only validly signed requests). */
  mayQueue: Set<string>;
  /** Markers that must be queued (valid requests answered as accepted). */
  mustQueue: Set<string>;
  /** Replays: a marker sent more than once with one MessageSid. */
  replayed: Set<string>;
}

const newLedger = (): Ledger => ({ sent: new Set(), mayQueue: new Set(), mustQueue: new Set(), replayed: new Set() });

async function call(handler: Handler, event: APIGatewayProxyEventV2, ledger: Ledger, markers: string[]): Promise<APIGatewayProxyStructuredResultV2> {
  for (const m of markers) ledger.sent.add(m);
  const result = await handler(event, lambdaContext('fuzz', 30_000));
  expect(result.statusCode ?? 200).toBeLessThan(500);
  return result;
}

async function fuzz<T>(name: string, seed: number, arbitrary: fc.Arbitrary<T>, run: (input: T) => Promise<void>): Promise<void> {
  const result = await fc.check(fc.asyncProperty(arbitrary, run), { numRuns: RUNS, seed });
  output.print(`fuzz ${name}: ${result.numRuns} runs, seed ${seed}, ${result.failed ? 1 : 0} failures`);
  expect(result.failed, fc.defaultReportMessage(result) ?? '').toBe(false);
  expect(result.numRuns).toBe(RUNS);
}

/** What the run left in the tips queue, and in the logs, held against the ledger. */
async function checkAfterRun(ledger: Ledger, logStart: number): Promise<void> {
  const bodies = await drainBodies(admin, tipsQueue.url);
  const queued = new Map<string, Set<string>>();
  for (const body of bodies) {
    expect(body).toMatch(SQS_TEXT);
    const tip = tipReceivedSchema.parse(JSON.parse(body));
    for (const m of tip.text.match(MARKER) ?? []) queued.set(m, (queued.get(m) ?? new Set()).add(tip.messageId));
  }
  for (const m of queued.keys()) expect(ledger.mayQueue.has(m), `${m} was queued without a valid request`).toBe(true);
  for (const m of ledger.mustQueue) expect(queued.has(m), `${m} was accepted but not queued`).toBe(true);
  // A replay carries the same message id, which triage stores once (see faults.test.ts).
  for (const m of ledger.replayed) expect(queued.get(m)?.size).toBe(1);
  const logs = output.lines().slice(logStart);
  expect(logs.length).toBeGreaterThan(0);
  expect(logs.join('\n').match(MARKER) ?? []).toEqual([]);
}

// ---- sms-intake ---------------------------------------------------------------------------------

type SmsCase =
  | { kind: 'junk'; body: { body: Buffer | string; base64: boolean }; type: string; signature: string | null }
  | { kind: 'random-form'; params: Record<string, string>; type: string; signature: string | null }
  | { kind: 'forged'; params: TwilioParams; signature: string }
  | { kind: 'mutated-signature'; params: TwilioParams; mutate: (signature: string) => string }
  | { kind: 'mutated-params'; params: TwilioParams; mutate: (params: TwilioParams) => TwilioParams }
  | { kind: 'valid'; params: TwilioParams; type: string; times: number; base64: boolean; query: boolean };

const twilioParams = fc
  .record({ m: marker, body: text, from: peruMobile, extra: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }) })
  .map(({ m, body, from, extra }) => ({ m, params: { ...extra, ...twilioWebhook({ From: from, Body: `${m} ${body}`.slice(0, 1600) }) } }));

const signatureMutation = fc.oneof(
  fc.constant((s: string) => s.slice(0, -1)),
  fc.constant((s: string) => `${s}A`),
  fc.constant((s: string) => (s.toLowerCase() === s ? s.toUpperCase() : s.toLowerCase())),
  fc.integer({ min: 0, max: 27 }).map((i) => (s: string) => `${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`),
  fc.constant((s: string) => ` ${s}`.trim().split('').reverse().join('')),
);

const paramsMutation = fc.oneof(
  fc.constant((p: TwilioParams) => ({ ...p, Body: `${p.Body}!` })),
  fc.constant((p: TwilioParams) => ({ ...p, From: p.From === '+51911111111' ? '+51922222222' : '+51911111111' })),
  fc.constant((p: TwilioParams) => ({ ...p, MessageSid: newMessageSid() })),
  fc.constant((p: TwilioParams) => ({ ...p, Injected: '1' })),
  fc.constant((p: TwilioParams) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'ToCity'))),
);

const smsCase: fc.Arbitrary<SmsCase> = fc.oneof(
  fc.record({
    kind: fc.constant('junk' as const),
    body: junkBody,
    type: contentType('application/x-www-form-urlencoded'),
    signature: fc.option(fc.base64String({ maxLength: 40 })),
  }),
  fc.record({
    kind: fc.constant('random-form' as const),
    params: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('MessageSid', 'From', 'Body', 'AccountSid')), text, { maxKeys: 8 }),
    type: contentType('application/x-www-form-urlencoded'),
    signature: fc.option(fc.base64String({ maxLength: 40 })),
  }),
  fc.record({
    kind: fc.constant('forged' as const),
    params: twilioParams.map((p) => p.params),
    signature: fc.oneof(fc.base64String({ minLength: 28, maxLength: 28 }), fc.string({ maxLength: 40 })),
  }),
  fc.record({ kind: fc.constant('mutated-signature' as const), params: twilioParams.map((p) => p.params), mutate: signatureMutation }),
  fc.record({ kind: fc.constant('mutated-params' as const), params: twilioParams.map((p) => p.params), mutate: paramsMutation }),
  fc.record({
    kind: fc.constant('valid' as const),
    params: twilioParams.map((p) => p.params),
    type: contentType('application/x-www-form-urlencoded'),
    times: fc.integer({ min: 1, max: 3 }),
    base64: fc.boolean(),
    query: fc.boolean(),
  }),
);

const formBody = (params: Record<string, string>) => new URLSearchParams(params).toString();
const markersIn = (value: unknown): string[] => (typeof value === 'string' ? value : JSON.stringify(value)).match(MARKER) ?? [];

async function smsRequest(c: SmsCase, ledger: Ledger): Promise<void> {
  const send = (request: RawRequest) => call(handlers.smsIntake, httpEvent('POST /sms/twilio', request), ledger, markersIn(request.body?.toString() ?? ''));
  const signed = (params: TwilioParams, url = webhookUrl) => signTwilio(stack.twilioAuthToken, url, params);
  const formType = { 'content-type': 'application/x-www-form-urlencoded' };
  switch (c.kind) {
    case 'junk':
      await send({
        body: c.body.body,
        base64: c.body.base64,
        headers: { 'content-type': c.type, ...(c.signature === null ? {} : { 'x-twilio-signature': c.signature }) },
      });
      return;
    case 'random-form':
      await send({ body: formBody(c.params), headers: { 'content-type': c.type, ...(c.signature === null ? {} : { 'x-twilio-signature': c.signature }) } });
      return;
    case 'forged': {
      const real = signed(c.params);
      const res = await send({ body: formBody(c.params), headers: { ...formType, 'x-twilio-signature': c.signature === real ? `${real}x` : c.signature } });
      expect(res.statusCode).toBe(403);
      return;
    }
    case 'mutated-signature': {
      const real = signed(c.params);
      const mutated = c.mutate(real);
      const res = await send({ body: formBody(c.params), headers: { ...formType, 'x-twilio-signature': mutated === real ? `${real}x` : mutated } });
      expect(res.statusCode).toBe(403);
      return;
    }
    case 'mutated-params': {
      const mutated = c.mutate(c.params);
      const res = await send({ body: formBody(mutated), headers: { ...formType, 'x-twilio-signature': signed(c.params) } });
      expect(res.statusCode).toBe(403);
      return;
    }
    case 'valid': {
      const rawQueryString = c.query ? 'utm=1' : '';
      const signature = signed(c.params, c.query ? `${webhookUrl}?${rawQueryString}` : webhookUrl);
      const markers = markersIn(c.params.Body);
      for (const m of markers) ledger.mayQueue.add(m);
      for (let i = 0; i < c.times; i++) {
        const res = await send({
          body: formBody(c.params),
          base64: c.base64,
          rawQueryString,
          headers: { 'content-type': c.type, 'x-twilio-signature': signature },
        });
        if (res.statusCode === 200 && typeof res.body === 'string' && res.body.includes('<Message>')) {
          for (const m of markers) ledger.mustQueue.add(m);
          if (c.times > 1) for (const m of markers) ledger.replayed.add(m);
        }
      }
      return;
    }
    default: {
      const unreachable: never = c;
      throw new Error(`unknown case ${JSON.stringify(unreachable)}`);
    }
  }
}

// ---- web-intake and the public form ---------------------------------------------------------------

type WebCase =
  | { kind: 'junk'; body: { body: Buffer | string; base64: boolean }; type: string; ip: string }
  | { kind: 'json'; value: unknown; type: string; ip: string }
  | { kind: 'valid'; m: string; text: string; type: string; ip: string; extra: Record<string, unknown> };

const webCase: fc.Arbitrary<WebCase> = fc.oneof(
  // Valid tips are the rarest: each costs a deliberately slow receipt hash.
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('junk' as const), body: junkBody, type: contentType('application/json'), ip: sourceIp }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('json' as const),
      value: fc.oneof(fc.jsonValue(), fc.record({ text: fc.anything(), lang: fc.anything(), signals: fc.anything() }, { requiredKeys: [] })),
      type: contentType('application/json'),
      ip: sourceIp,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('valid' as const),
      m: marker,
      text,
      type: contentType('application/json'),
      ip: sourceIp,
      extra: fc.record(
        {
          lang: fc.constantFrom('es', 'en', 'qu', 'pt', 'fr'),
          signals: fc.record({ minor: fc.constantFrom('yes', 'no', 'unknown', 'maybe'), happeningNow: fc.boolean() }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
);

async function webRequest(c: WebCase, ledger: Ledger): Promise<void> {
  const send = (request: RawRequest, markers: string[]) =>
    call(handlers.webIntake, httpEvent('POST /api/tips', { ...request, sourceIp: c.ip }), ledger, markers);
  switch (c.kind) {
    case 'junk':
      await send({ body: c.body.body, base64: c.body.base64, headers: { 'content-type': c.type } }, []);
      return;
    case 'json': {
      const body = JSON.stringify(c.value) ?? 'undefined';
      await send({ body, headers: { 'content-type': c.type } }, markersIn(body));
      return;
    }
    case 'valid': {
      const res = await send({ body: JSON.stringify({ text: `${c.m} ${c.text}`, ...c.extra }), headers: { 'content-type': c.type } }, [c.m]);
      ledger.mayQueue.add(c.m);
      if (res.statusCode === 202) ledger.mustQueue.add(c.m);
      return;
    }
    default: {
      const unreachable: never = c;
      throw new Error(`unknown case ${JSON.stringify(unreachable)}`);
    }
  }
}

type FormCase =
  | { kind: 'junk'; body: { body: Buffer | string; base64: boolean }; type: string; ip: string }
  | { kind: 'fields'; fields: Record<string, string>; type: string; ip: string }
  | { kind: 'tip'; m: string; text: string; where: string; minor: string; now: string; followUp: string; lang: string; type: string; ip: string };

const formCase: fc.Arbitrary<FormCase> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('junk' as const), body: junkBody, type: contentType('application/x-www-form-urlencoded'), ip: sourceIp }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('fields' as const),
      fields: fc.dictionary(
        fc.oneof(fc.constantFrom('action', 'text', 'where', 'minor', 'now', 'followUp', 'lang', 'receipt'), fc.string({ maxLength: 10 })),
        fc.oneof(text, fc.constantFrom('tip', 'inbox', 'reply', 'lang', 'none')),
        { maxKeys: 8 },
      ),
      type: contentType('application/x-www-form-urlencoded'),
      ip: sourceIp,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tip' as const),
      m: marker,
      text,
      where: fc.string({ maxLength: 30 }),
      minor: fc.constantFrom('yes', 'no', 'unknown', '', 'x'),
      now: fc.constantFrom('yes', 'no', '', 'x'),
      // Mostly without a receipt: each receipt costs a deliberately slow hash.
      followUp: fc.constantFrom('none', 'none', 'none', 'receipt', ''),
      lang: fc.constantFrom('es', 'en', 'qu', 'pt', 'xx'),
      type: contentType('application/x-www-form-urlencoded'),
      ip: sourceIp,
    }),
  },
);

/** The tip form's one-time token, from the page as a browser loads it: without one a post is not acted on. */
async function tipFormToken(): Promise<string> {
  const page = await handlers.publicForm(httpEvent('GET /', {}), lambdaContext('fuzz', 30_000));
  const token = /<form[^>]*id="tip-form"[\s\S]*?name="token" value="([^"]+)"/.exec(String(page.body))?.[1];
  if (!token) throw new Error('GET / served no tip form token');
  return token;
}

async function formRequest(c: FormCase, ledger: Ledger): Promise<void> {
  const send = (request: RawRequest, markers: string[]) => call(handlers.publicForm, httpEvent('POST /', { ...request, sourceIp: c.ip }), ledger, markers);
  switch (c.kind) {
    case 'junk':
      await send({ body: c.body.body, base64: c.body.base64, headers: { 'content-type': c.type } }, []);
      return;
    case 'fields': {
      const body = formBody(c.fields);
      await send({ body, headers: { 'content-type': c.type } }, markersIn(body));
      return;
    }
    case 'tip': {
      const fields = {
        action: 'tip',
        text: `${c.m} ${c.text}`,
        where: c.where,
        minor: c.minor,
        now: c.now,
        followUp: c.followUp,
        lang: c.lang,
        token: await tipFormToken(),
      };
      const res = await send({ body: formBody(fields), headers: { 'content-type': c.type } }, [c.m]);
      ledger.mayQueue.add(c.m);
      if (res.statusCode === 200) ledger.mustQueue.add(c.m);
      return;
    }
    default: {
      const unreachable: never = c;
      throw new Error(`unknown case ${JSON.stringify(unreachable)}`);
    }
  }
}

describe('fuzzing the intakes', () => {
  it(`sms-intake: ${RUNS} requests, no 5xx, nothing queued without a valid signature, no body in the logs`, async () => {
    const ledger = newLedger();
    const logStart = output.lines().length;
    await fuzz('sms-intake', SEEDS.smsIntake, smsCase, (c) => smsRequest(c, ledger));
    expect(ledger.mustQueue.size).toBeGreaterThan(50);
    expect(ledger.replayed.size).toBeGreaterThan(10);
    await checkAfterRun(ledger, logStart);
  }, 120_000);

  it(`web-intake: ${RUNS} requests, no 5xx, only valid tips queued, no body in the logs`, async () => {
    const ledger = newLedger();
    const logStart = output.lines().length;
    await fuzz('web-intake', SEEDS.webIntake, webCase, (c) => webRequest(c, ledger));
    expect(ledger.mustQueue.size).toBeGreaterThan(20);
    await checkAfterRun(ledger, logStart);
  }, 120_000);

  it(`public-form POST /: ${RUNS} requests, no 5xx, only valid tips queued, no body in the logs`, async () => {
    const ledger = newLedger();
    const logStart = output.lines().length;
    await fuzz('public-form', SEEDS.publicForm, formCase, (c) => formRequest(c, ledger));
    expect(ledger.mustQueue.size).toBeGreaterThan(20);
    await checkAfterRun(ledger, logStart);
  }, 120_000);
});
