// Acceptance: forged or unsigned webhooks get 403 and queue nothing; malformed requests get
// a clear 4xx; nothing a client sends produces a 5xx.
import { describe, expect, inject, it } from 'vitest';
import { TIPS_QUEUE } from '../../functions/config/tables';
import { dumpTables, dynamo, peekQueues, queueDrained, sqs } from '../support/local-aws';
import { postWebTip } from '../support/operator';
import { postSignedSms, signTwilio, twilioWebhook } from '../support/twilio';

const stack = inject('stack');

/** Every stored item and queued message that carries `marker` (other tests share the stack). */
async function tracesOf(marker: string): Promise<string[]> {
  const tables = Object.values(await dumpTables(dynamo(stack.dynamoDbEndpoint))).flat();
  const queues = Object.values(await peekQueues(sqs(stack.sqsEndpoint))).flat();
  return [...tables, ...queues].filter((text) => text.includes(marker));
}

/** Whatever a request (wrongly) queued has been stored by triage or dead-lettered by now. */
async function settle(): Promise<void> {
  await queueDrained(sqs(stack.sqsEndpoint), [TIPS_QUEUE.name]);
}

describe('sms-intake rejects what Twilio did not sign', () => {
  const marker = 'firma-falsa-canario';

  it.each([
    ['missing signature', null],
    ['garbage signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
    ['signature made with another token', 'other-token'],
    ['signature for a URL rebuilt from a forged Host', 'forged-host'],
  ] as const)('%s: 403, nothing queued or stored', async (_name, kind) => {
    // Arrange
    const params = twilioWebhook({ From: '+51911000001', Body: `${marker} mi hija de 15 en un bar` });
    const signature =
      kind === 'other-token'
        ? signTwilio('0123456789abcdef0123456789abcdef', `${stack.publicUrl}/sms/twilio`, params)
        : kind === 'forged-host'
          ? signTwilio(stack.twilioAuthToken, 'https://attacker.example/sms/twilio', params)
          : kind;

    // Act
    const res = await fetch(`${stack.httpUrl}/sms/twilio`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'attacker.example',
        'x-forwarded-host': 'attacker.example',
        'x-forwarded-proto': 'https',
        ...(signature ? { 'x-twilio-signature': signature } : {}),
      },
      body: new URLSearchParams(params).toString(),
    });

    // Assert
    expect(res.status).toBe(403);
    await settle();
    expect(await tracesOf(marker)).toEqual([]);
  });

  it('a signed body with a tampered parameter is rejected', async () => {
    const params = twilioWebhook({ From: '+51911000002', Body: 'hola' });
    const signature = signTwilio(stack.twilioAuthToken, `${stack.publicUrl}/sms/twilio`, params);
    const res = await postSignedSms(stack, { ...params, Body: 'hola, cambiado' }, { signature });
    expect(res.status).toBe(403);
  });
});

describe('sms-intake: malformed but signed bodies get a clear 400', () => {
  it.each([
    ['no From', { From: undefined }, 'From'],
    ['From that is not a phone number', { From: 'hello' }, 'From'],
    ['no MessageSid', { MessageSid: undefined }, 'MessageSid'],
    ['MessageSid of the wrong shape', { MessageSid: 'XX123' }, 'MessageSid'],
    ['Body too long', { Body: 'a'.repeat(6000) }, 'Body'],
  ])('%s', async (_name, overrides, field) => {
    // Arrange
    const removed = (key: string) => key in overrides && (overrides as Record<string, unknown>)[key] === undefined;
    const webhook = twilioWebhook({ From: '+51911000003', ...overrides });
    const params = Object.fromEntries(Object.entries(webhook).filter(([k]) => !removed(k))) as Record<string, string>;

    // Act
    const res = await postSignedSms(stack, params);

    // Assert
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string; fields: Record<string, string> };
    expect(body.error).toBe('invalid_request');
    expect(body.fields[field]).toBeTruthy();
  });

  it('a JSON body is refused with 415 and says what to send', async () => {
    const res = await fetch(`${stack.httpUrl}/sms/twilio`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"Body":"x"}' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toContain('application/x-www-form-urlencoded');
  });
});

describe('web-intake: bad input gets a clear error, never a 5xx', () => {
  it.each([
    ['not JSON', 'application/json', '{"text": "sin cerrar', 400],
    ['empty text', 'application/json', JSON.stringify({ text: '   ' }), 400],
    ['no text', 'application/json', JSON.stringify({ lang: 'es' }), 400],
    ['unknown lang', 'application/json', JSON.stringify({ text: 'hola', lang: 'fr' }), 400],
    ['unknown field', 'application/json', JSON.stringify({ text: 'hola', ip: '1.2.3.4' }), 400],
    ['text too long', 'application/json', JSON.stringify({ text: 'a'.repeat(5001) }), 400],
    ['body too large', 'application/json', JSON.stringify({ text: 'a'.repeat(20_000) }), 413],
    ['form body', 'application/x-www-form-urlencoded', 'text=hola', 415],
    ['array', 'application/json', '[]', 400],
  ])('%s -> %i', async (_name, contentType, body, status) => {
    const res = await fetch(`${stack.httpUrl}/api/tips`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(res.status).toBe(status);
    const answer = (await res.json()) as { message: string };
    expect(answer.message.length).toBeGreaterThan(10);
  });

  it('names the field that is wrong', async () => {
    const res = await postWebTip(stack, { text: '' });
    const answer = (await res.json()) as { fields: Record<string, string> };
    expect(answer.fields.text).toMatch(/describe what is happening/);
  });
});

describe('operator-api denies by default', () => {
  it.each([
    ['no token', undefined],
    ['wrong token', 'Bearer not-the-token'],
    ['token without the Bearer scheme', stack.operatorToken],
  ])('%s: 401', async (_name, authorization) => {
    for (const path of ['/api/queue', '/api/tips/ABCDEFGH']) {
      const res = await fetch(`${stack.httpUrl}${path}`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
    }
  });

  it('bad ids and cursors are 400, unknown tips 404', async () => {
    const auth = { authorization: `Bearer ${stack.operatorToken}` };
    expect((await fetch(`${stack.httpUrl}/api/tips/not-an-id!`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${stack.httpUrl}/api/tips/ZZZZZZZZ`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${stack.httpUrl}/api/queue?cursor=bm9wZQ`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${stack.httpUrl}/api/queue?limit=0`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${stack.httpUrl}/api/queue?limit=5&evil=1`, { headers: auth })).status).toBe(400);
  });
});
