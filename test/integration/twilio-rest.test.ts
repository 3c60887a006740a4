// The Twilio REST adapter against the local Twilio API: every request goes through the twilio
// library's real path (its RequestClient, axios, Basic auth, form encoding) to a server on this
// machine. This file starts its own server and needs nothing from the shared local stack.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TwilioRequestFailed, twilioRest } from '../../functions/adapters/twilio-rest';
import type { OutboundMessage, TwilioRest } from '../../functions/core/ports';
import { startLocalTwilioApi, type LocalTwilioApi } from '../../local/twilio-api';
import { freePort } from '../support/free-port';
import { newMessageSid } from '../support/twilio';

const account = { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') };

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    to: '+51987654321',
    from: '+51900000001',
    body: 'Recibimos tu mensaje. Emergencias: 105 (Policía), 1818.',
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<TwilioRequestFailed> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TwilioRequestFailed)) throw new Error(`expected TwilioRequestFailed, got ${String(error)}`);
  return error;
}

describe('twilioRest against the local Twilio API', () => {
  let api: LocalTwilioApi;
  let twilio: TwilioRest;

  beforeEach(async () => {
    api = await startLocalTwilioApi(await freePort(), account);
    twilio = twilioRest({ ...account, apiBaseUrl: api.baseUrl });
  });

  afterEach(async () => {
    await api.stop();
  });

  it('sends a message with the recipient, sender and text, asking Twilio to discard the text and obfuscate the number', async () => {
    // Arrange
    const message = outbound({ to: 'whatsapp:+51987654321', from: 'whatsapp:+14155238886' });

    // Act
    const { sid } = await twilio.sendMessage(message);

    // Assert
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    const [recorded, ...others] = api.sent();
    expect(others).toHaveLength(0);
    expect(recorded).toMatchObject({ sid, accountSid: account.accountSid, to: message.to, from: message.from, body: message.body });
    expect(recorded?.params).toEqual({
      To: message.to,
      From: message.from,
      Body: message.body,
      ContentRetention: 'discard',
      AddressRetention: 'obfuscate',
    });
  });

  it('sends from a Messaging Service when the sender is an MG… SID', async () => {
    // Arrange
    const service = `MG${randomBytes(16).toString('hex')}`;

    // Act
    await twilio.sendMessage(outbound({ from: service }));

    // Assert
    const params = api.sent()[0]?.params;
    expect(params?.MessagingServiceSid).toBe(service);
    expect(params).not.toHaveProperty('From');
  });

  it('deletes an inbound message that Twilio holds', async () => {
    // Arrange
    const sid = newMessageSid();
    api.registerInbound(sid);

    // Act
    const result = await twilio.deleteMessage(sid);

    // Assert
    expect(result).toBe('deleted');
    expect(api.deleted()).toEqual([sid]);
  });

  it('deletes a message it sent', async () => {
    // Arrange
    const { sid } = await twilio.sendMessage(outbound());

    // Act
    const result = await twilio.deleteMessage(sid);

    // Assert
    expect(result).toBe('deleted');
    expect(api.deleted()).toEqual([sid]);
  });

  it("answers 'not_found' for a message Twilio does not hold, including one already deleted", async () => {
    // Arrange
    const deletedBefore = newMessageSid();
    api.registerInbound(deletedBefore);
    await twilio.deleteMessage(deletedBefore);

    // Act
    const unknown = await twilio.deleteMessage(newMessageSid());
    const again = await twilio.deleteMessage(deletedBefore);

    // Assert
    expect(unknown).toBe('not_found');
    expect(again).toBe('not_found');
    expect(api.deleted()).toEqual([deletedBefore]);
  });

  it('fails without retry when the auth token is wrong, and records nothing', async () => {
    // Arrange
    const wrongToken = twilioRest({ ...account, authToken: randomBytes(16).toString('hex'), apiBaseUrl: api.baseUrl });

    // Act
    const failure = await failureOf(wrongToken.sendMessage(outbound()));

    // Assert
    expect(failure).toMatchObject({ name: 'TwilioRequestFailed', status: 401, code: 20003, retryable: false });
    expect(api.sent()).toHaveLength(0);
  });

  it('fails without retry when the account in the path is not the authenticated one', async () => {
    // Arrange
    const otherAccount = twilioRest({ accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: account.authToken, apiBaseUrl: api.baseUrl });

    // Act
    const failure = await failureOf(otherAccount.deleteMessage(newMessageSid()));

    // Assert
    expect(failure).toMatchObject({ status: 401, retryable: false });
  });

  it.each([503, 500, 429])('marks HTTP %i as retryable, and the next request goes through', async (status) => {
    // Arrange
    api.failNext(1, status);

    // Act
    const failure = await failureOf(twilio.sendMessage(outbound()));
    const retried = await twilio.sendMessage(outbound());

    // Assert
    expect(failure).toMatchObject({ status, retryable: true });
    expect(api.sent().map((message) => message.sid)).toEqual([retried.sid]);
  });

  it('marks other 4xx answers as not retryable, on delete as on send', async () => {
    // Arrange
    api.failNext(2, 400);

    // Act
    const onSend = await failureOf(twilio.sendMessage(outbound()));
    const onDelete = await failureOf(twilio.deleteMessage(newMessageSid()));

    // Assert
    expect(onSend).toMatchObject({ status: 400, code: 20400, retryable: false });
    expect(onDelete).toMatchObject({ status: 400, retryable: false });
  });

  it('marks an unreachable API as retryable (a network failure)', async () => {
    // Arrange
    const nobodyListening = twilioRest({ ...account, apiBaseUrl: `http://127.0.0.1:${await freePort()}` });

    // Act
    const failure = await failureOf(nobodyListening.sendMessage(outbound()));

    // Assert
    expect(failure).toMatchObject({ status: 0, retryable: true });
  });

  it('never puts the number or the text in an error', async () => {
    // Arrange
    const message = outbound({ to: '+051911122233', body: 'le quitaron su DNI en La Pampa' });

    // Act: Twilio's answer to an invalid number quotes the number.
    const failure = await failureOf(twilio.sendMessage(message));

    // Assert
    expect(failure).toMatchObject({ status: 400, code: 21211, retryable: false });
    const seen = `${failure.message} ${failure.stack ?? ''} ${JSON.stringify(failure)} ${String(failure.cause)}`;
    expect(seen).not.toContain('911122233');
    expect(seen).not.toContain('DNI');
  });

  it('refuses a malformed message SID without asking Twilio', async () => {
    // Act
    const failure = await failureOf(twilio.deleteMessage('SM123/../Calls'));

    // Assert
    expect(failure).toMatchObject({ status: 0, retryable: false });
    expect(api.requests()).toHaveLength(0);
  });

  it('sends every request to the local API and none to api.twilio.com, even with a Twilio region set', async () => {
    // Arrange: the library rewrites the host to api.<edge>.<region>.twilio.com from these.
    const saved = { edge: process.env.TWILIO_EDGE, region: process.env.TWILIO_REGION };
    process.env.TWILIO_EDGE = 'sao-paulo';
    process.env.TWILIO_REGION = 'us1';
    let regional: TwilioRest;
    try {
      regional = twilioRest({ ...account, apiBaseUrl: api.baseUrl });
    } finally {
      for (const [name, value] of [
        ['TWILIO_EDGE', saved.edge],
        ['TWILIO_REGION', saved.region],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    const inbound = newMessageSid();
    api.registerInbound(inbound);

    // Act
    const sent = await regional.sendMessage(outbound());
    await regional.deleteMessage(sent.sid);
    await regional.deleteMessage(inbound);
    await regional.deleteMessage(newMessageSid());

    // Assert: four calls, four requests here, each authenticated and answered.
    expect(api.requests()).toEqual([
      { method: 'POST', path: `/2010-04-01/Accounts/${account.accountSid}/Messages.json`, status: 201 },
      { method: 'DELETE', path: `/2010-04-01/Accounts/${account.accountSid}/Messages/${sent.sid}.json`, status: 204 },
      { method: 'DELETE', path: `/2010-04-01/Accounts/${account.accountSid}/Messages/${inbound}.json`, status: 204 },
      { method: 'DELETE', path: expect.stringMatching(/\/Messages\/SM[0-9a-f]{32}\.json$/), status: 404 },
    ]);
  });

  it('shows what was sent at GET /local/outbox', async () => {
    // Arrange
    const { sid } = await twilio.sendMessage(outbound());

    // Act
    const response = await fetch(`${api.baseUrl}/local/outbox`);

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(api.sent());
    expect(api.sent()[0]?.sid).toBe(sid);
  });
});
