// The HTTP functions as API Gateway calls them (payload 2.0 events), each built with
// makeHandler from in-memory ports: no AWS, no network. What is checked is what a caller sees
// (status, content type, body), what reached the ports, and that no log line quotes a tip or a
// sender.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { acknowledgement, slowDown, type EmergencyNumber } from '../../functions/core/acknowledgement';
import { contactKey } from '../../functions/core/contact-key';
import type { PagingJob } from '../../functions/core/paging/jobs';
import { INTAKE_LIMITS } from '../../functions/core/rate-limit';
import type { MessageSid, TipReceived } from '../../functions/core/tip';
import { makeHandler as makeSmsIntake, type SmsIntakeDeps } from '../../functions/sms-intake/app';
import { makeHandler as makeSmsStatus, type SmsStatusDeps } from '../../functions/sms-status/app';
import { makeHandler as makeWebIntake, type WebIntakeDeps } from '../../functions/web-intake/app';
import {
  countingSecret,
  jsonEvent,
  movableClock,
  recordingLogger,
  recordingQueue,
  recordingVault,
  responderDirectory,
  twilioEvent,
  memoryOfIntake,
  recordingSealer,
} from '../support/fakes';
import { newMessageSid, twilioWebhook, type TwilioParams } from '../support/twilio';

const PUBLIC_URL = 'https://tips.example.org';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const SECRET = 'contact-key-secret-for-tests';
const PEPPER = 'receipt-pepper-for-tests';
const NOW = '2026-11-27T07:00:00.000Z';
const TIPSTER = '+51987654321';
const RESPONDER_PHONE = '+51911222333';
const EMERGENCY: EmergencyNumber[] = [
  { number: '105', label: 'Policía' },
  { number: '1818', label: '' },
];
const TIP_TEXT = 'mi hija de 15 esta en un bar en mazuko, le quitaron su dni';

type Result = APIGatewayProxyStructuredResultV2;
const headerOf = (result: Result, name: string) => (result.headers as Record<string, string> | undefined)?.[name];
const jsonBody = (result: Result) => JSON.parse(result.body ?? '') as Record<string, unknown>;

// ---- sms-intake ----------------------------------------------------------------------------

const SMS_URL = `${PUBLIC_URL}/sms/twilio`;

function smsIntake() {
  const tips = recordingQueue<TipReceived>('tips');
  const paging = recordingQueue<PagingJob>('paging');
  const vault = recordingVault();
  const responders = responderDirectory({ [contactKey(RESPONDER_PHONE, SECRET)]: 'fis-carla' });
  const contactKeySecret = countingSecret(SECRET, 'contactKeySecret');
  const deletedFromTwilio: MessageSid[] = [];
  const logger = recordingLogger();
  const deps: SmsIntakeDeps = {
    webhookUrl: SMS_URL,
    twilioAuthToken: async () => AUTH_TOKEN,
    contactKeySecret,
    tips,
    vault,
    memory: memoryOfIntake(),
    sealEvidence: recordingSealer(),
    responders,
    paging,
    forgetTwilioCopy: async (sid) => void deletedFromTwilio.push(sid),
    emergencyNumbers: EMERGENCY,
    threadWindowMs: 30 * 60_000,
    now: movableClock(NOW).now,
    logger,
  };
  const handler = makeSmsIntake(deps);
  const post = (params: TwilioParams, signing: { signature?: string | null; authToken?: string; url?: string } = {}) =>
    handler(
      twilioEvent(params, {
        authToken: signing.authToken ?? AUTH_TOKEN,
        url: signing.url ?? SMS_URL,
        path: '/sms/twilio',
        ...('signature' in signing ? { signature: signing.signature } : {}),
      }),
    );
  /** Whether any port beyond the auth token was touched. */
  const touched = () =>
    contactKeySecret.reads.count > 0 ||
    tips.sent.length + paging.sent.length + vault.remembered.length + vault.forgotten.length + responders.asked.length + deletedFromTwilio.length > 0;
  return { handler, post, deps, tips, paging, vault, responders, logger, deletedFromTwilio, touched };
}

describe('sms-intake handler', () => {
  describe('without a valid Twilio signature', () => {
    const tampered = (params: TwilioParams): APIGatewayProxyEventV2 => {
      const event = twilioEvent(params, { authToken: AUTH_TOKEN, url: SMS_URL, path: '/sms/twilio' });
      return { ...event, body: new URLSearchParams({ ...params, Body: 'otro texto' }).toString() };
    };

    it.each([
      ['no signature header', (w: ReturnType<typeof smsIntake>, p: TwilioParams) => w.post(p, { signature: null })],
      ['a signature made with another auth token', (w: ReturnType<typeof smsIntake>, p: TwilioParams) => w.post(p, { authToken: 'someone-elses-token' })],
      ['a signature over another URL', (w: ReturnType<typeof smsIntake>, p: TwilioParams) => w.post(p, { url: 'https://attacker.example/sms/twilio' })],
      ['a body changed after signing', (w: ReturnType<typeof smsIntake>, p: TwilioParams) => w.handler(tampered(p))],
    ])('answers 403 in plain text and reads nothing: %s', async (_, send) => {
      // Arrange
      const w = smsIntake();
      const params = twilioWebhook({ Body: TIP_TEXT, From: TIPSTER });

      // Act
      const result = await send(w, params);

      // Assert
      expect(result.statusCode).toBe(403);
      expect(headerOf(result, 'content-type')).toMatch(/^text\/plain/);
      expect(result.body).toMatch(/signed by Twilio/);
      expect(w.touched()).toBe(false);
    });
  });

  it.each([
    ['MessageSid', { MessageSid: undefined }],
    ['From', { From: undefined }],
    ['Body', { Body: undefined }],
    ['From', { From: 'not-a-number' }],
    ['MessageSid', { MessageSid: 'XX123' }],
  ] as const)('answers 400 naming the field %s for a signed request without it (or with it malformed)', async (field, overrides) => {
    // Arrange
    const w = smsIntake();
    const params = twilioWebhook({ Body: TIP_TEXT, ...overrides });

    // Act
    const result = await w.post(params);

    // Assert
    expect(result.statusCode).toBe(400);
    expect(jsonBody(result)).toMatchObject({ error: 'invalid_request', fields: { [field]: expect.any(String) } });
    expect(w.tips.sent).toEqual([]);
    expect(result.body).not.toContain('mazuko');
  });

  it('answers a signed tip 200 in TwiML with the acknowledgement, having queued it redacted and sealed the address', async () => {
    // Arrange
    const w = smsIntake();
    const params = twilioWebhook({ Body: `${TIP_TEXT}, llamen al 987 111 222`, From: TIPSTER });

    // Act
    const result = await w.post(params);

    // Assert
    expect(result.statusCode).toBe(200);
    expect(headerOf(result, 'content-type')).toMatch(/^text\/xml/);
    expect(result.body).toBe(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${acknowledgement('es', EMERGENCY)}</Message></Response>`);
    expect(w.tips.sent.map((t) => t.text)).toEqual([`${TIP_TEXT}, llamen al [PHONE]`]);
    expect(w.vault.remembered.map((r) => r.address)).toEqual([TIPSTER]);
    expect(w.deletedFromTwilio).toEqual([params.MessageSid]);
  });

  it('answers a signed WhatsApp tip on the whatsapp channel', async () => {
    // Arrange
    const w = smsIntake();

    // Act
    const result = await w.post(twilioWebhook({ Body: TIP_TEXT, From: `whatsapp:${TIPSTER}` }));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(w.tips.sent.map((t) => t.channel)).toEqual(['whatsapp']);
    expect(w.vault.remembered.map((r) => r.address)).toEqual([`whatsapp:${TIPSTER}`]);
  });

  it("answers a responder's ACK with empty TwiML, queuing it for paging and not as a tip", async () => {
    // Arrange
    const w = smsIntake();

    // Act
    const result = await w.post(twilioWebhook({ Body: 'ACK 7K2F', From: RESPONDER_PHONE }));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(w.paging.sent).toEqual([{ type: 'AckReceived', responderId: 'fis-carla', code: '7K2F', receivedAt: NOW }]);
    expect(w.tips.sent).toEqual([]);
  });

  it('answers a stranger\'s "ACK 7K2F" like any tip', async () => {
    // Arrange
    const w = smsIntake();

    // Act
    const result = await w.post(twilioWebhook({ Body: 'ACK 7K2F', From: TIPSTER }));

    // Assert
    expect(result.body).toContain(`<Message>${acknowledgement('es', EMERGENCY)}</Message>`);
    expect(w.paging.sent).toEqual([]);
    expect(w.tips.sent).toHaveLength(1);
  });

  it('answers BORRAR with the confirmation, having forgotten the sender', async () => {
    // Arrange
    const w = smsIntake();

    // Act
    const result = await w.post(twilioWebhook({ Body: 'BORRAR', From: TIPSTER }));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('<Message>Listo: borramos tu número.');
    expect(w.vault.forgotten).toEqual([contactKey(TIPSTER, SECRET)]);
    expect(w.tips.sent).toEqual([]);
  });

  it(`slows down the ${INTAKE_LIMITS.smsPerContact.limit + 1}st message from one phone, and the handler keeps its count between calls`, async () => {
    // Arrange
    const w = smsIntake();
    for (let i = 0; i < INTAKE_LIMITS.smsPerContact.limit; i++) await w.post(twilioWebhook({ Body: `fragmento ${i}`, From: TIPSTER }));

    // Act
    const result = await w.post(twilioWebhook({ Body: 'otro fragmento', From: TIPSTER }));

    // Assert
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain(`<Message>${slowDown('es', EMERGENCY)}</Message>`);
    expect(w.tips.sent).toHaveLength(INTAKE_LIMITS.smsPerContact.limit);
  });

  it.each([
    ['the tips queue', TIP_TEXT, TIPSTER, (w: ReturnType<typeof smsIntake>, e: Error) => w.tips.failWith(e)],
    ['the contact vault', TIP_TEXT, TIPSTER, (w: ReturnType<typeof smsIntake>, e: Error) => w.vault.failRememberWith(e)],
    ['the paging queue', 'ACK 7K2F', RESPONDER_PHONE, (w: ReturnType<typeof smsIntake>, e: Error) => w.paging.failWith(e)],
  ])('rethrows a fault of %s (so Twilio retries) and logs it by name only', async (_, body, from, breakPort) => {
    // Arrange
    const w = smsIntake();
    const failure = Object.assign(new Error(`could not write ${body} from ${from}`), { name: 'ServiceUnavailable' });
    breakPort(w, failure);

    // Act
    const result = w.post(twilioWebhook({ Body: body, From: from }));

    // Assert
    await expect(result).rejects.toBe(failure);
    expect(w.logger.lines).toEqual([{ level: 'error', message: 'request failed', fields: { errorName: 'ServiceUnavailable' } }]);
  });

  it('logs no tip text and no sender number, whatever the outcome', async () => {
    // Arrange
    const w = smsIntake();
    const texts = [TIP_TEXT, 'ACK 7K2F', 'BORRAR', 'hola soy yo'];

    // Act
    for (const body of texts) await w.post(twilioWebhook({ Body: body, From: TIPSTER }));
    await w.post(twilioWebhook({ Body: 'ACK 7K2F', From: RESPONDER_PHONE }));
    await w.post(twilioWebhook({ Body: TIP_TEXT, From: TIPSTER }), { signature: null });
    await w.post(twilioWebhook({ Body: TIP_TEXT, From: TIPSTER, MessageSid: 'bad' }));

    // Assert
    const logged = w.logger.text();
    expect(w.logger.lines.length).toBeGreaterThanOrEqual(7);
    for (const secret of ['mazuko', 'quitaron', 'hola soy', '987654321', '911222333', 'BORRAR', '7K2F']) expect(logged).not.toContain(secret);
  });
});

// ---- web-intake ----------------------------------------------------------------------------

function webIntake() {
  const tips = recordingQueue<TipReceived>('tips');
  const logger = recordingLogger();
  let ids = 0;
  const deps: WebIntakeDeps = {
    tips,
    sealEvidence: recordingSealer(),
    receiptPepper: async () => PEPPER,
    newMessageId: () => `web_test-${++ids}`,
    now: movableClock(NOW).now,
    emergencyNumbers: EMERGENCY,
    logger,
  };
  return { handler: makeWebIntake(deps), tips, logger };
}

const CLIENT_IP = '203.0.113.45';
// The connection's address, as API Gateway reports it; X-Forwarded-For is the client's to write, so it never counts.
const fromClient = (ip = CLIENT_IP) => ({ sourceIp: ip, headers: { 'x-forwarded-for': `10.0.0.1, ${ip}` } });

describe('web-intake handler', () => {
  it("answers 202 with a formatted receipt and the acknowledgement, having queued the tip with the receipt's hash only", async () => {
    // Arrange
    const w = webIntake();

    // Act
    const result = await w.handler(jsonEvent({ text: TIP_TEXT, signals: { minor: 'yes' } }, fromClient()));

    // Assert
    expect(result.statusCode).toBe(202);
    expect(headerOf(result, 'content-type')).toMatch(/^application\/json/);
    const body = jsonBody(result);
    expect(body.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(body.message).toContain(acknowledgement('es', EMERGENCY));
    expect(body.message).toContain(String(body.receipt));
    const [tip] = w.tips.sent;
    expect(tip).toMatchObject({
      channel: 'web',
      messageId: 'web_test-1',
      receivedAt: NOW,
      signals: { minor: 'yes' },
      receiptHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(tip)).not.toContain(String(body.receipt).replace(/ /g, ''));
  });

  it('answers in the language the page gave', async () => {
    // Arrange
    const w = webIntake();

    // Act
    const result = await w.handler(jsonEvent({ text: TIP_TEXT, lang: 'en' }, fromClient()));

    // Assert
    expect(jsonBody(result).message).toContain(acknowledgement('en', EMERGENCY));
    expect(w.tips.sent[0]?.lang).toBe('en');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', undefined])('answers 415 to a body sent as %s, queuing nothing', async (contentType) => {
    // Arrange
    const w = webIntake();
    const event = jsonEvent({ text: TIP_TEXT }, fromClient());
    if (contentType) event.headers['content-type'] = contentType;
    else delete event.headers['content-type'];

    // Act
    const result = await w.handler(event);

    // Assert
    expect(result.statusCode).toBe(415);
    expect(jsonBody(result)).toMatchObject({ error: 'unsupported_media_type' });
    expect(w.tips.sent).toEqual([]);
  });

  it('answers 400 to a body that is not JSON', async () => {
    // Arrange
    const w = webIntake();

    // Act
    const result = await w.handler(jsonEvent(`{"text": "${TIP_TEXT}"`, fromClient()));

    // Assert
    expect(result.statusCode).toBe(400);
    expect(jsonBody(result)).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/not valid JSON/) });
    expect(result.body).not.toContain('mazuko');
    expect(w.tips.sent).toEqual([]);
  });

  it.each([
    ['no text', {}, 'text'],
    ['blank text', { text: '   ' }, 'text'],
    ['a text that is not a string', { text: 42 }, 'text'],
    ['an unknown language', { text: TIP_TEXT, lang: 'fr' }, 'lang'],
    ['an unknown field', { text: TIP_TEXT, phone: TIPSTER }, '(body)'],
  ])('answers 400 to %s, naming the field', async (_, body, field) => {
    // Arrange
    const w = webIntake();

    // Act
    const result = await w.handler(jsonEvent(body, fromClient()));

    // Assert
    expect(result.statusCode).toBe(400);
    expect(jsonBody(result)).toMatchObject({ error: 'invalid_request', fields: { [field]: expect.any(String) } });
    expect(result.body).not.toContain('987654321');
    expect(w.tips.sent).toEqual([]);
  });

  it(`answers 429 to the ${INTAKE_LIMITS.webTipsPerSender.limit + 1}st request from one address, queuing nothing, while another address is served`, async () => {
    // Arrange
    const w = webIntake();
    const limit = INTAKE_LIMITS.webTipsPerSender.limit;
    for (let i = 0; i < limit; i++) expect((await w.handler(jsonEvent({ text: `${TIP_TEXT} ${i}` }, fromClient()))).statusCode).toBe(202);

    // Act
    const limited = await w.handler(jsonEvent({ text: TIP_TEXT }, fromClient()));
    const other = await w.handler(jsonEvent({ text: TIP_TEXT }, fromClient('198.51.100.99')));

    // Assert
    expect(limited.statusCode).toBe(429);
    expect(headerOf(limited, 'retry-after')).toBe('600');
    expect(jsonBody(limited)).toMatchObject({ error: 'too_many_requests' });
    expect(other.statusCode).toBe(202);
    expect(w.tips.sent).toHaveLength(limit + 1);
  }, 60_000);

  it('rethrows a fault of the tips queue (so API Gateway answers 500) and shows no receipt', async () => {
    // Arrange
    const w = webIntake();
    const failure = Object.assign(new Error('queue unavailable'), { name: 'QueueDoesNotExist' });
    w.tips.failWith(failure);

    // Act
    const result = w.handler(jsonEvent({ text: TIP_TEXT }, fromClient()));

    // Assert
    await expect(result).rejects.toBe(failure);
    expect(w.logger.lines).toContainEqual({ level: 'error', message: 'request failed', fields: { errorName: 'QueueDoesNotExist' } });
  });

  it('logs no tip text and no client address, whatever the outcome', async () => {
    // Arrange
    const w = webIntake();

    // Act
    await w.handler(jsonEvent({ text: TIP_TEXT }, fromClient()));
    await w.handler(jsonEvent(`{"text": "${TIP_TEXT}"`, fromClient()));
    await w.handler(jsonEvent({ text: TIP_TEXT, phone: TIPSTER }, fromClient()));

    // Assert
    const logged = w.logger.text();
    expect(w.logger.lines).toHaveLength(3);
    for (const secret of ['mazuko', 'quitaron', '987654321', CLIENT_IP]) expect(logged).not.toContain(secret);
  });
});

// ---- sms-status ----------------------------------------------------------------------------

const STATUS_URL = `${PUBLIC_URL}/sms/status`;

function smsStatus(applied = true) {
  const calls: Array<{ sid: string; status: string; at: Date }> = [];
  let failure: Error | undefined;
  const logger = recordingLogger();
  const deps: SmsStatusDeps = {
    callbackUrl: STATUS_URL,
    twilioAuthToken: async () => AUTH_TOKEN,
    deliveries: {
      applyStatus: async (sid, status, at) => {
        if (failure) throw failure;
        calls.push({ sid, status, at });
        return applied;
      },
    },
    now: movableClock(NOW).now,
    logger,
  };
  const handler = makeSmsStatus(deps);
  const post = (params: TwilioParams, signature?: string | null) =>
    handler(twilioEvent(params, { authToken: AUTH_TOKEN, url: STATUS_URL, path: '/sms/status', ...(signature === undefined ? {} : { signature }) }));
  return { handler, post, calls, logger, failWith: (error: Error) => void (failure = error) };
}

function statusReport(overrides: Partial<TwilioParams> = {}): TwilioParams {
  const report: Partial<TwilioParams> = {
    MessageSid: newMessageSid(),
    MessageStatus: 'delivered',
    To: RESPONDER_PHONE,
    From: '+51900000001',
    AccountSid: `AC${'0'.repeat(32)}`,
    ApiVersion: '2010-04-01',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(report).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

describe('sms-status handler', () => {
  it("answers a signed status report 204 with no body, having applied it at the clock's time", async () => {
    // Arrange
    const w = smsStatus();
    const report = statusReport();

    // Act
    const result = await w.post(report);

    // Assert
    expect(result.statusCode).toBe(204);
    expect(result.body).toBe('');
    expect(w.calls).toEqual([{ sid: report.MessageSid, status: 'delivered', at: new Date(NOW) }]);
    expect(w.logger.lines).toEqual([{ level: 'info', message: 'delivery status', fields: { outcome: 'delivered' } }]);
  });

  it('answers 403 in plain text to an unsigned report, and applies nothing', async () => {
    // Arrange
    const w = smsStatus();

    // Act
    const result = await w.post(statusReport(), null);

    // Assert
    expect(result.statusCode).toBe(403);
    expect(headerOf(result, 'content-type')).toMatch(/^text\/plain/);
    expect(w.calls).toEqual([]);
  });

  it("answers 403 to a report signed for the SMS webhook's URL instead of its own", async () => {
    // Arrange
    const w = smsStatus();
    const report = statusReport();

    // Act
    const result = await w.handler(twilioEvent(report, { authToken: AUTH_TOKEN, url: SMS_URL, path: '/sms/status' }));

    // Assert
    expect(result.statusCode).toBe(403);
    expect(w.calls).toEqual([]);
  });

  it('acknowledges (204) a status it does not track without applying it', async () => {
    // Arrange
    const w = smsStatus();

    // Act
    const result = await w.post(statusReport({ MessageStatus: 'scheduled' }));

    // Assert
    expect(result.statusCode).toBe(204);
    expect(w.calls).toEqual([]);
    expect(w.logger.lines).toEqual([{ level: 'info', message: 'delivery status', fields: { outcome: 'ignored' } }]);
  });

  it('answers 400 to a signed report without a status', async () => {
    // Arrange
    const w = smsStatus();

    // Act
    const result = await w.post(statusReport({ MessageStatus: undefined }));

    // Assert
    expect(result.statusCode).toBe(400);
    expect(jsonBody(result)).toMatchObject({ fields: { MessageStatus: expect.any(String) } });
    expect(w.calls).toEqual([]);
  });

  it('rethrows a fault of the deliveries table (so Twilio retries)', async () => {
    // Arrange
    const w = smsStatus();
    const failure = Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
    w.failWith(failure);

    // Act
    const result = w.post(statusReport());

    // Assert
    await expect(result).rejects.toBe(failure);
    expect(w.logger.lines).toContainEqual({ level: 'error', message: 'request failed', fields: { errorName: 'ProvisionedThroughputExceededException' } });
  });

  it('logs no phone number of the report', async () => {
    // Arrange
    const w = smsStatus();

    // Act
    await w.post(statusReport());
    await w.post(statusReport(), null);

    // Assert
    expect(w.logger.text()).not.toMatch(/911222333|900000001/);
  });
});
