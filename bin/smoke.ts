// The smoke check after a deploy: one SMS, signed as Twilio signs it, to the deployed webhook, and
// the tip it makes, waited for in the operator queue. It proves the path a tip takes (signature
// and secret, sms-intake, the tips queue, triage, the tables, the JWT authorizer, operator-api)
// without a phone, then closes the tip so that nobody works it.
//
//   npm run --silent smoke -- --webhook <TwilioWebhookUrl> --api <https://<dashboard host>> \
//     [--timeout 90] [--keep]     with TWILIO_AUTH_TOKEN and TIPLINE_ID_TOKEN in the environment
//
// The auth token is the one put into the TwilioAuthTokenSecretArn secret; the ID token is a
// staff member's (operator or supervisor), from the dashboard: see docs/operations.md.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getExpectedTwilioSignature, validateRequest } from 'twilio/lib/webhooks/webhooks.js';

export const SMOKE_USAGE = `usage: npm run --silent smoke -- --webhook URL --api URL [--timeout SECONDS] [--keep] [--from +E164]
  --webhook   the stack output TwilioWebhookUrl (the exact URL the signature is computed over)
  --api       where /api/* answers: the dashboard's origin (https://<host>) or the stack output ApiUrl
  --timeout   how long to wait for the tip in the queue (90 s)
  --keep      leave the test tip open (it is closed with outcome "other" otherwise)
  --from      the sender the test SMS claims (+15005550006, Twilio's test number, by default)
  environment: TWILIO_AUTH_TOKEN (the account's auth token), TIPLINE_ID_TOKEN (a staff ID token)`;

export interface SmokeOptions {
  webhookUrl: string;
  apiUrl: string;
  twilioAuthToken: string;
  idToken: string;
  timeoutMs: number;
  keep: boolean;
  from: string;
}

export interface SmokeResult {
  tipId: string;
  level: string;
  /** From sending the SMS to seeing its tip in the queue. */
  elapsedMs: number;
  closed: boolean;
}

export class SmokeFailure extends Error {
  override name = 'SmokeFailure';
}

/**
 * Letters only, no digits: the marker must survive intake's redaction unchanged (a run of digits
 * could be read as a phone or an ID) and be unlikely in any real tip.
 */
export function smokeMarker(random: () => Buffer = () => randomBytes(8)): string {
  return `humo${[...random()].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;
}

/** The form fields Twilio posts for an inbound SMS, the ones sms-intake reads among them. */
export function smokeSms(marker: string, from: string, messageSid = `SM${randomBytes(16).toString('hex')}`): Record<string, string> {
  return {
    MessageSid: messageSid,
    SmsMessageSid: messageSid,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: from,
    To: '+15005550006',
    // A low-level text, so that the test tip pages nobody.
    Body: `prueba tecnica del sistema ${marker}`,
    NumMedia: '0',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
}

/** Signed exactly as Twilio signs (HMAC-SHA1 over the URL and the sorted fields), and checked with Twilio's own validator. */
export function signSms(authToken: string, webhookUrl: string, params: Record<string, string>): string {
  const signature = getExpectedTwilioSignature(authToken, webhookUrl, params);
  if (!validateRequest(authToken, signature, webhookUrl, params)) throw new SmokeFailure('the signature does not validate with the twilio library');
  return signature;
}

interface QueueItem {
  tipId: string;
  preview: string;
  level: string;
}

/** The open tip whose preview holds the marker, reading every page of the queue. */
export async function findInQueue(apiUrl: string, idToken: string, marker: string, fetchImpl: typeof fetch = fetch): Promise<QueueItem | undefined> {
  let cursor: string | undefined;
  do {
    const url = new URL('/api/queue', apiUrl);
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetchImpl(url, { headers: { authorization: `Bearer ${idToken}` } });
    if (res.status === 401 || res.status === 403) {
      throw new SmokeFailure(`GET /api/queue answered ${res.status}: the ID token is expired, or not an operator's or supervisor's`);
    }
    if (!res.ok) throw new SmokeFailure(`GET /api/queue answered ${res.status}`);
    const page = (await res.json()) as { tips: QueueItem[]; cursor?: string };
    const found = page.tips.find((tip) => tip.preview.includes(marker));
    if (found) return found;
    cursor = page.cursor;
  } while (cursor);
  return undefined;
}

export async function runSmoke(options: SmokeOptions, fetchImpl: typeof fetch = fetch, log: (line: string) => void = () => {}): Promise<SmokeResult> {
  const marker = smokeMarker();
  const params = smokeSms(marker, options.from);
  const signature = signSms(options.twilioAuthToken, options.webhookUrl, params);
  const started = Date.now();
  log(`sending a signed test SMS (${marker}) to ${options.webhookUrl}`);
  const sent = await fetchImpl(options.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  const answer = await sent.text();
  if (sent.status === 403) {
    throw new SmokeFailure(
      'the webhook refused the signature (403): the auth token differs from the TwilioAuthTokenSecretArn secret, or --webhook is not the URL the stack verifies against (publicUrl)',
    );
  }
  if (!sent.ok) throw new SmokeFailure(`the webhook answered ${sent.status}: see the SmsIntakeErrors alarm and sms-intake's logs`);
  if (!/<Response>[\s\S]*<Message>/.test(answer))
    throw new SmokeFailure('the webhook answered without a TwiML message: the tipster would get no acknowledgement');
  log('accepted; waiting for triage to put it in the queue');

  let found: QueueItem | undefined;
  while (!found) {
    found = await findInQueue(options.apiUrl, options.idToken, marker, fetchImpl);
    if (found) break;
    if (Date.now() - started > options.timeoutMs) {
      throw new SmokeFailure(
        `no tip in the queue after ${Math.round(options.timeoutMs / 1000)} s: look at the TipsOldestMessage, TriageErrors and TipsDeadLetters alarms (docs/operations.md)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const elapsedMs = Date.now() - started;
  log(`tip ${found.tipId} is in the queue (${found.level}) after ${elapsedMs} ms`);

  let closed = false;
  if (!options.keep) {
    const res = await fetchImpl(new URL(`/api/tips/${found.tipId}/status`, options.apiUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${options.idToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed', outcome: 'other' }),
    });
    closed = res.ok;
    log(closed ? `closed tip ${found.tipId} (outcome "other")` : `could not close tip ${found.tipId} (${res.status}): close it in the dashboard`);
  }
  return { tipId: found.tipId, level: found.level, elapsedMs, closed };
}

/** The command line's options, or a usage error naming what is missing. */
export function parseSmokeArgs(argv: string[], env: NodeJS.ProcessEnv): SmokeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      webhook: { type: 'string' },
      api: { type: 'string' },
      timeout: { type: 'string', default: '90' },
      keep: { type: 'boolean', default: false },
      from: { type: 'string', default: '+15005550006' },
    },
    strict: true,
  });
  const missing = [
    ...(values.webhook ? [] : ['--webhook']),
    ...(values.api ? [] : ['--api']),
    ...(env.TWILIO_AUTH_TOKEN ? [] : ['TWILIO_AUTH_TOKEN']),
    ...(env.TIPLINE_ID_TOKEN ? [] : ['TIPLINE_ID_TOKEN']),
  ];
  if (missing.length > 0) throw new SmokeFailure(`missing ${missing.join(', ')}\n${SMOKE_USAGE}`);
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new SmokeFailure(`--timeout must be a number of seconds\n${SMOKE_USAGE}`);
  return {
    webhookUrl: values.webhook as string,
    apiUrl: values.api as string,
    twilioAuthToken: env.TWILIO_AUTH_TOKEN as string,
    idToken: env.TIPLINE_ID_TOKEN as string,
    timeoutMs: timeout * 1000,
    keep: values.keep,
    from: values.from,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const result = await runSmoke(parseSmokeArgs(process.argv.slice(2), process.env), fetch, (line) => console.log(line));
    console.log(`ok: tip ${result.tipId} reached the queue in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  } catch (error: unknown) {
    console.error(`smoke check failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
