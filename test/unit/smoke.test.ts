// The post-deploy smoke check's pieces (bin/smoke.ts); test/integration/smoke.test.ts runs the
// whole of it against the local stack.
import { describe, expect, it } from 'vitest';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import { scoreUrgency } from '../../functions/core/triage/score';
import { parseSmokeArgs, runSmoke, signSms, SmokeFailure, smokeMarker, smokeSms, type SmokeOptions } from '../../bin/smoke';

const WEBHOOK = 'https://abc123.execute-api.sa-east-1.amazonaws.com/sms/twilio';
const API = 'https://d111111abcdef8.cloudfront.net';
const TOKEN = 'f'.repeat(32);
const OPTIONS: SmokeOptions = {
  webhookUrl: WEBHOOK,
  apiUrl: API,
  twilioAuthToken: TOKEN,
  idToken: 'id.token.x',
  timeoutMs: 5000,
  keep: false,
  from: '+15005550006',
};

describe('the test SMS', () => {
  it('carries a marker of letters that intake keeps as written, in a text that pages nobody', () => {
    for (let i = 0; i < 20; i++) {
      const marker = smokeMarker();
      expect(marker).toMatch(/^humo[a-z]{8}$/);
      const { Body } = smokeSms(marker, '+15005550006');
      expect(redactIdentifiers(Body ?? '').text).toBe(Body);
      expect(scoreUrgency(Body ?? '').level).toBe('low');
    }
  });

  it('is signed as Twilio signs: over the exact webhook URL and every field, so that another URL or a changed field fails', () => {
    const params = smokeSms('humoabcdefgh', '+15005550006');
    const signature = signSms(TOKEN, WEBHOOK, params);
    expect(validateRequest(TOKEN, signature, WEBHOOK, params)).toBe(true);
    expect(validateRequest(TOKEN, signature, WEBHOOK.replace('sa-east-1', 'us-east-1'), params)).toBe(false);
    expect(validateRequest(TOKEN, signature, WEBHOOK, { ...params, Body: 'otro' })).toBe(false);
    expect(validateRequest('e'.repeat(32), signature, WEBHOOK, params)).toBe(false);
  });
});

describe('the command line', () => {
  it('takes the URLs as flags and the two secrets from the environment only', () => {
    expect(parseSmokeArgs(['--webhook', WEBHOOK, '--api', API, '--timeout', '5'], { TWILIO_AUTH_TOKEN: TOKEN, TIPLINE_ID_TOKEN: 'id.token.x' })).toEqual(
      OPTIONS,
    );
  });

  it('names everything that is missing', () => {
    expect(() => parseSmokeArgs([], {})).toThrow(/missing --webhook, --api, TWILIO_AUTH_TOKEN, TIPLINE_ID_TOKEN/);
    expect(() => parseSmokeArgs(['--webhook', WEBHOOK, '--api', API, '--timeout', 'soon'], { TWILIO_AUTH_TOKEN: TOKEN, TIPLINE_ID_TOKEN: 'x' })).toThrow(
      /--timeout/,
    );
  });
});

/** A deployment that answers the webhook with `webhookStatus` and shows the tip after `pagesBefore` polls. */
function fakeDeployment(webhookStatus: number, pagesBefore = 1, queueStatus = 200) {
  const calls: string[] = [];
  let polls = 0;
  let marker = '';
  const fetchImpl = (async (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname === '/sms/twilio') {
      marker = /humo[a-z]+/.exec(String(init?.body))?.[0] ?? '';
      return new Response('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Recibido.</Message></Response>', { status: webhookStatus });
    }
    if (url.pathname === '/api/queue') {
      polls++;
      const tips = polls > pagesBefore ? [{ tipId: 'SM0KE123', preview: `prueba tecnica del sistema ${marker}`, level: 'low' }] : [];
      return new Response(JSON.stringify({ tips }), { status: queueStatus });
    }
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

describe('a run', () => {
  it('sends the signed SMS, waits for its tip in the queue, and closes it', async () => {
    const { fetchImpl, calls } = fakeDeployment(200);
    const result = await runSmoke(OPTIONS, fetchImpl);
    expect(result).toMatchObject({ tipId: 'SM0KE123', level: 'low', closed: true });
    expect(calls).toEqual(['POST /sms/twilio', 'GET /api/queue', 'GET /api/queue', 'POST /api/tips/SM0KE123/status']);
  });

  it('leaves the tip open with --keep', async () => {
    const { fetchImpl, calls } = fakeDeployment(200, 0);
    expect((await runSmoke({ ...OPTIONS, keep: true }, fetchImpl)).closed).toBe(false);
    expect(calls).toEqual(['POST /sms/twilio', 'GET /api/queue']);
  });

  it('says which step failed and where to look', async () => {
    await expect(runSmoke(OPTIONS, fakeDeployment(403).fetchImpl)).rejects.toThrow(/refused the signature.*TwilioAuthTokenSecretArn/);
    await expect(runSmoke(OPTIONS, fakeDeployment(500).fetchImpl)).rejects.toThrow(/SmsIntakeErrors/);
    await expect(runSmoke(OPTIONS, fakeDeployment(200, 0, 401).fetchImpl)).rejects.toThrow(/ID token/);
    await expect(runSmoke({ ...OPTIONS, timeoutMs: 1 }, fakeDeployment(200, 1000).fetchImpl)).rejects.toBeInstanceOf(SmokeFailure);
  });
});
