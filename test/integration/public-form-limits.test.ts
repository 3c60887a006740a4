// Issue 15, points 5 and 6, against real services. The receipt inbox's limits: every attempt at
// one code counts against that code whatever the address and whichever instance answers (two
// hosted instances of the real function, events carrying different source addresses, the stack's
// DynamoDB Local), an address is charged only for wrong codes, and a refusal says how long to wait
// in the tipster's language (through the stack's HTTP gateway). And one-time form tokens: a post
// sent again (Back) answers 303 to the blank form, shows no receipt or conversation, and stores
// exactly one tip and one answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { INTAKE_LIMITS } from '../../functions/config/defaults';
import { ENV } from '../../functions/config/env-names';
import { INTAKE_MEMORY_TABLE, MESSAGES_TABLE, RECEIPTS_TABLE } from '../../functions/config/tables';
import { hashReceiptCode, newReceiptCode, formatReceiptCode } from '../../functions/core/receipt';
import { hostFunction } from '../../local/functions';
import { lambdaContext } from '../../local/lambda-context';
import { hostedPlatform } from '../support/hosted-platform';
import { createQueuePair, deleteQueuePair, drainBodies, letterTag, storedMessagesContaining, type QueuePair } from '../support/faults';
import { dynamo, sqs } from '../support/local-aws';
import { getTip, postWebTip, queuedTip } from '../support/operator';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const home = `${stack.httpUrl}/`;
const PER_CODE = INTAKE_LIMITS.inboxAttemptsPerCode;
const PER_SENDER = INTAKE_LIMITS.inboxFailuresPerSender;
const WAIT_TEXT: Record<string, RegExp> = {
  es: /^Demasiados intentos\. Intenta de nuevo en (\d+) minutos?\.$/,
  en: /^Too many tries\. Try again in (\d+) minutes?\.$/,
  qu: /^Ancha achka kutitam\. (\d+) minututa suyay, chaymanta kaqmanta apachiy\.$/,
  pt: /^Muitas tentativas\. Tente de novo em (\d+) minutos?\.$/,
};

type Handler = (event: APIGatewayProxyEventV2, context: ReturnType<typeof lambdaContext>) => Promise<APIGatewayProxyStructuredResultV2>;

/** The token of the form with this id, as the page carries it. */
function tokenOf(page: string, formId: 'tip-form' | 'inbox-form' | 'reply-form'): string {
  const token = new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?name="token" value="([^"]+)"`).exec(page)?.[1];
  if (!token) throw new Error(`no token in #${formId}`);
  return token;
}

const inboxErrorOf = (page: string): string => /id="inbox-receipt-error"[^>]*>([^<]*)</.exec(page)?.[1] ?? '';
/** The page as shown: without the inert templates form.js fills. */
const shown = (page: string): string => page.replace(/<template[\s\S]*?<\/template>/g, '');

/**
 * Attempts at a code are counted in windows aligned on the clock: a test that must stay in one
 * window waits for the next when fewer than `needMs` are left in this one (so its timeout is longer).
 */
const WINDOW_TEST_TIMEOUT_MS = 150_000;
async function inOneWindow(needMs: number): Promise<void> {
  const left = PER_CODE.windowMs - (Date.now() % PER_CODE.windowMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

describe('the receipt inbox, at the handler, from many addresses and two instances', () => {
  const pepper = randomBytes(32).toString('hex');
  const documents = DynamoDBDocumentClient.from(dynamo(stack.dynamoDbEndpoint));
  const admin = sqs(stack.sqsEndpoint);
  let tips: QueuePair;
  let instances: [Handler, Handler];

  beforeAll(async () => {
    tips = await createQueuePair(admin, `form-limits-${letterTag(6)}`, 60);
    const platform = hostedPlatform(stack, { receiptPepper: pepper });
    const deployment = {
      [ENV.tipsQueueUrl]: tips.url,
      [ENV.receiptsTable]: RECEIPTS_TABLE.name,
      [ENV.messagesTable]: MESSAGES_TABLE.name,
      [ENV.intakeMemoryTable]: INTAKE_MEMORY_TABLE.name,
    };
    // Two cold starts: two instances, each with its own memory, as Lambda scales out.
    instances = [await hostFunction<Handler>('publicForm', deployment, platform), await hostFunction<Handler>('publicForm', deployment, platform)];
  });

  afterAll(async () => {
    if (tips) await deleteQueuePair(admin, tips);
    documents.destroy();
  });

  function event(
    routeKey: 'GET /' | 'POST /' | 'POST /api/inbox',
    sourceIp: string,
    body?: string,
    type = 'application/x-www-form-urlencoded',
  ): APIGatewayProxyEventV2 {
    const [method = 'GET', path = '/'] = routeKey.split(' ');
    const now = new Date();
    return {
      version: '2.0',
      routeKey,
      rawPath: path,
      rawQueryString: '',
      headers: body === undefined ? {} : { 'content-type': type },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'local',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp, userAgent: 'test' },
        requestId: randomUUID(),
        routeKey,
        stage: '$default',
        time: now.toISOString(),
        timeEpoch: now.getTime(),
      },
      ...(body === undefined ? {} : { body }),
      isBase64Encoded: false,
    };
  }

  const call = (instance: Handler, e: APIGatewayProxyEventV2) => instance(e, lambdaContext('public-form', 10_000));

  /** A receipt code that opens a tip, stored the way triage stores it. */
  async function issuedCode(): Promise<string> {
    const code = newReceiptCode();
    await documents.send(
      new PutCommand({ TableName: RECEIPTS_TABLE.name, Item: { receiptHash: await hashReceiptCode(code, pepper), tipId: `T${letterTag(7).toUpperCase()}` } }),
    );
    return formatReceiptCode(code);
  }

  /** The no-JavaScript path: load the page for its token, then post the inbox form. */
  async function openByForm(instance: Handler, sourceIp: string, receipt: string, lang = 'es') {
    const page = String((await call(instance, event('GET /', sourceIp))).body);
    const body = new URLSearchParams({ action: 'inbox', lang, receipt, token: tokenOf(page, 'inbox-form') }).toString();
    return call(instance, event('POST /', sourceIp, body));
  }

  const openByJson = (instance: Handler, sourceIp: string, receipt: string) =>
    call(instance, event('POST /api/inbox', sourceIp, JSON.stringify({ receipt }), 'application/json'));

  it(
    `refuses attempt ${PER_CODE.limit + 1} at one code whatever the address and instance, and not another tipster's code`,
    async () => {
      await inOneWindow(40_000);
      const code = await issuedCode();
      const statuses: number[] = [];
      for (let i = 0; i < PER_CODE.limit; i++) {
        const instance = instances[i % 2]!;
        const res = i % 3 === 0 ? await openByForm(instance, `10.20.${i}.1`, code) : await openByJson(instance, `10.20.${i}.1`, code);
        statuses.push(res.statusCode ?? 0);
      }
      expect(statuses).toEqual(Array(PER_CODE.limit).fill(200));

      // From an address never seen, on either instance: refused, with the wait.
      const json = await openByJson(instances[1], '10.21.0.1', code);
      expect(json.statusCode).toBe(429);
      const { retryAfterSeconds } = JSON.parse(String(json.body)) as { retryAfterSeconds: number };
      expect(retryAfterSeconds).toBeGreaterThan(0);
      expect(retryAfterSeconds).toBeLessThanOrEqual(PER_CODE.windowMs / 1000);
      expect(json.headers?.['retry-after']).toBe(String(retryAfterSeconds));
      const page = await openByForm(instances[0], '10.21.0.2', code);
      expect(page.statusCode).toBe(429);
      expect(inboxErrorOf(String(page.body))).toMatch(WAIT_TEXT.es!);
      // Nothing of the conversation, and the code kept for a later try.
      expect(shown(String(page.body))).not.toContain('id="inbox-title"');
      expect(String(page.body)).toContain(`value="${code}"`);

      // Another tipster's code, from those same addresses: open.
      const other = await issuedCode();
      expect((await openByJson(instances[1], '10.21.0.1', other)).statusCode).toBe(200);
      expect((await openByForm(instances[0], '10.21.0.2', other)).statusCode).toBe(200);
    },
    WINDOW_TEST_TIMEOUT_MS,
  );

  it(
    `charges an address only for wrong codes: right ones never, wrong code ${PER_SENDER.limit + 1} is refused, right ones then too, other addresses not`,
    async () => {
      await inOneWindow(40_000);
      const code = await issuedCode();
      const wrong = formatReceiptCode(newReceiptCode());
      const carrier = `100.64.${Math.floor(Math.random() * 250)}.9`;
      // Behind one carrier address (CG-NAT), opened and refreshed more often than the address's limit.
      for (let i = 0; i < PER_SENDER.limit + 5; i++) expect((await openByJson(instances[i % 2]!, carrier, code)).statusCode, `open ${i}`).toBe(200);
      // Wrong codes are what count, per instance (in memory, never stored).
      for (let i = 0; i < PER_SENDER.limit; i++) expect((await openByJson(instances[0], carrier, wrong)).statusCode, `wrong ${i}`).toBe(401);
      expect((await openByJson(instances[0], carrier, wrong)).statusCode).toBe(429);
      const refused = await openByForm(instances[0], carrier, code, 'en');
      expect(refused.statusCode).toBe(429);
      expect(inboxErrorOf(String(refused.body))).toMatch(WAIT_TEXT.en!);
      expect((await openByJson(instances[0], '100.64.250.10', wrong)).statusCode).toBe(401);
    },
    WINDOW_TEST_TIMEOUT_MS,
  );

  it('queues nothing when opening the inbox', async () => {
    expect(await drainBodies(admin, tips.url)).toEqual([]);
  });
});

describe('the public form through the local stack', () => {
  const form = (fields: Record<string, string>) =>
    fetch(home, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const startPage = async () => (await fetch(home)).text();

  it(
    'says how long to wait, in each language, when one code was tried too often',
    async () => {
      await inOneWindow(40_000);
      const marker = `refwait${letterTag(6)}`;
      const sent = await postWebTip(stack, { text: `${marker} mi hermana no vuelve del bar`, lang: 'es' });
      expect(sent.status).toBe(202);
      const { receipt } = (await sent.json()) as { receipt: string };
      await queuedTip(stack, marker, { timeoutMs: 60_000 });
      // The tipster's own refreshes: right codes, so the shared local address is never charged.
      for (let i = 0; i < PER_CODE.limit; i++) {
        const res = await fetch(`${stack.httpUrl}/api/inbox`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ receipt }),
        });
        expect(res.status, `open ${i}`).toBe(200);
      }
      for (const lang of ['es', 'en', 'qu', 'pt'] as const) {
        const res = await form({ action: 'inbox', lang, receipt, token: tokenOf(await startPage(), 'inbox-form') });
        expect(res.status, lang).toBe(429);
        const page = await res.text();
        expect(page.startsWith(`<!doctype html>\n<html lang="${lang}">`)).toBe(true);
        const minutes = Number(WAIT_TEXT[lang]!.exec(inboxErrorOf(page))?.[1]);
        expect(minutes, `${lang}: ${inboxErrorOf(page)}`).toBeGreaterThanOrEqual(1);
        expect(minutes).toBeLessThanOrEqual(PER_CODE.windowMs / 60_000);
      }
    },
    WINDOW_TEST_TIMEOUT_MS,
  );

  it('answers a tip posted again with the same token by the blank form (303), no receipt, and stores exactly one tip', async () => {
    const marker = `refonce${letterTag(6)}`;
    const fields = { action: 'tip', lang: 'es', text: `${marker} a mi prima la tienen encerrada en un local en Mazuko`, where: 'Mazuko', followUp: 'receipt' };
    const token = tokenOf(await startPage(), 'tip-form');

    const first = await form({ ...fields, token });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toContain('no-store');
    const receiptPage = await first.text();
    const receipt = /<p class="code" data-slot="receipt">(.*?)<\/p>/
      .exec(receiptPage)?.[1]
      ?.replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

    // Back, and the browser sends it again (twice, for good measure).
    for (let i = 0; i < 2; i++) {
      const again = await form({ ...fields, token });
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe('/');
      expect(again.headers.get('cache-control')).toContain('no-store');
      const body = await again.text();
      expect(body).toBe('');
    }
    // Followed as a browser follows it: the blank form, nothing about the tip.
    const followed = await fetch(home, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, token }).toString(),
    });
    expect(followed.status).toBe(200);
    const blank = await followed.text();
    expect(blank).toContain('id="tip-form"');
    expect(blank).not.toContain(marker);
    expect(shown(blank)).not.toContain('class="code"');

    // A later tip is triaged: had the repeats been queued, they would be stored by now too.
    const sentinel = `refsentinel${letterTag(6)}`;
    expect(
      (await form({ action: 'tip', lang: 'es', text: `${sentinel} prueba`, followUp: 'none', token: tokenOf(await startPage(), 'tip-form') })).status,
    ).toBe(200);
    await queuedTip(stack, sentinel, { timeoutMs: 60_000 });
    await queuedTip(stack, marker, { timeoutMs: 60_000 });
    expect(await storedMessagesContaining(stack.dynamoDbEndpoint, marker)).toHaveLength(1);
  });

  it('answers the inbox and an answer posted again by the blank form: no conversation, the answer stored once', async () => {
    const marker = `refinbox${letterTag(6)}`;
    const sent = await postWebTip(stack, { text: `${marker} me quitaron el dni en la mina`, lang: 'es' });
    const { receipt } = (await sent.json()) as { receipt: string };
    const tip = await queuedTip(stack, marker, { timeoutMs: 60_000 });

    const open = { action: 'inbox', lang: 'es', receipt, token: tokenOf(await startPage(), 'inbox-form') };
    const opened = await form(open);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toContain('no-store');
    const inbox = await opened.text();
    expect(inbox).toContain(marker);
    const reopened = await form(open);
    expect(reopened.status).toBe(303);
    expect(await reopened.text()).toBe('');

    const answer = `refanswer${letterTag(6)} sigue en la mina`;
    const reply = { action: 'reply', lang: 'es', receipt, text: answer, token: tokenOf(inbox, 'reply-form') };
    const answered = await form(reply);
    expect(answered.status).toBe(200);
    const conversation = await answered.text();
    expect(conversation).toContain(answer);
    const again = await form(reply);
    expect(again.status).toBe(303);
    expect(await again.text()).toBe('');
    // "See new answers" from the page the answer left: its own token, so it works once.
    const refresh = { action: 'inbox', lang: 'es', receipt, text: '', token: tokenOf(conversation, 'reply-form') };
    expect((await form(refresh)).status).toBe(200);
    expect((await form(refresh)).status).toBe(303);

    // A second answer is stored after the first: by then a repeat would be too.
    const later = `reflater${letterTag(6)}`;
    const openedAgain = await (await form({ ...open, token: tokenOf(await startPage(), 'inbox-form') })).text();
    const next = await form({ action: 'reply', lang: 'es', receipt, text: later, token: tokenOf(openedAgain, 'reply-form') });
    expect(next.status).toBe(200);
    await waitFor(async () => (await getTip(stack, tip.tipId)).thread.some((e) => e.text.includes(later)), { timeoutMs: 60_000, what: 'the later answer' });
    const thread = (await getTip(stack, tip.tipId)).thread;
    expect(thread.filter((e) => e.text.includes(answer))).toHaveLength(1);
  });

  it("refuses a post without a token, with a forged one, or with another form's, and acts on none", async () => {
    const marker = `refforged${letterTag(6)}`;
    const page = await startPage();
    for (const token of [undefined, 'v1.tip.abc.def.ghi', tokenOf(page, 'inbox-form')]) {
      const res = await form({ action: 'tip', lang: 'es', text: `${marker} prueba`, ...(token ? { token } : {}) });
      expect(res.status, String(token)).toBe(303);
    }
    const sentinel = `refsentinel${letterTag(6)}`;
    expect((await form({ action: 'tip', lang: 'es', text: `${sentinel} prueba`, followUp: 'none', token: tokenOf(page, 'tip-form') })).status).toBe(200);
    await queuedTip(stack, sentinel, { timeoutMs: 60_000 });
    expect(await storedMessagesContaining(stack.dynamoDbEndpoint, marker)).toEqual([]);
  });
});
