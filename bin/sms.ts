// `npm run sms -- "text"`: texts the local stack as a phone would through Twilio. The webhook
// (POST /sms/twilio) is called with Twilio's parameters, signed with the twilio library exactly
// as Twilio signs them, with the local stack's auth token; the TwiML answer is printed, and so
// are the SMS the stack sends in the next seconds (a page, an ACK's confirmation).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { LOCAL_TWILIO_NUMBER, readLocalConfig, type LocalConfig } from '../local/config';
import { DEMO_ROSTER } from '../local/seed-roster';

/** A made-up tipster, far from the demo roster's +519000001xx numbers. */
export const DEFAULT_TIPSTER = '+51987654321';

const USAGE = `Usage: npm run sms -- [--from <who>] [--channel sms|whatsapp] [--raw] [--wait <seconds>] "text"

  --from       +51... (a number), responder:<id> or a name from local/demo-roster.json
               (responder:pol-rosa, rosa); default: a tipster, ${DEFAULT_TIPSTER}
  --channel    sms (default) or whatsapp
  --raw        also print the TwiML as the stack answered it
  --wait       seconds to watch the outbox for SMS the stack sends (default 3; 0: none)

The stack is found as npm start finds its settings: TIPLINE_HTTP_PORT,
TIPLINE_DATA_DIR (the auth token in secrets.json), TIPLINE_PUBLIC_URL, TWILIO_AUTH_TOKEN.`;

class Refused extends Error {
  override name = 'Refused';
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A phone number, a responder by id, or a responder by (part of) their name. */
export function senderNumber(from: string | undefined): { number: string; who: string } {
  if (from === undefined) return { number: DEFAULT_TIPSTER, who: 'a tipster' };
  if (/^\+[1-9]\d{6,14}$/.test(from)) {
    const responder = DEMO_ROSTER.responders.find((r) => r.phone === from);
    return { number: from, who: responder ? `responder ${responder.responderId}` : from };
  }
  const wanted = fold(from.replace(/^responder:/, ''));
  const byId = DEMO_ROSTER.responders.find((r) => r.responderId === wanted);
  const matches = byId
    ? [byId]
    : DEMO_ROSTER.responders.filter((r) =>
        fold(r.name)
          .split(/[^a-z]+/)
          .includes(wanted),
      );
  const known = DEMO_ROSTER.responders.map((r) => `${r.responderId} (${r.name})`).join(', ');
  if (matches.length === 0) throw new Refused(`No responder "${from}" in local/demo-roster.json. Known: ${known}. Or give a number: --from +51...`);
  if (matches.length > 1) throw new Refused(`"${from}" names more than one responder: ${matches.map((r) => r.responderId).join(', ')}.`);
  return { number: matches[0]!.phone, who: `responder ${matches[0]!.responderId}` };
}

/** The texts of a TwiML answer's <Message> elements. */
export function twimlTexts(twiml: string): string[] {
  const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return [...twiml.matchAll(/<Message\b[^>]*>([\s\S]*?)<\/Message>/g)].map(([, text]) =>
    (text ?? '').replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name] ?? whole;
    }),
  );
}

function authToken(config: LocalConfig): { token: string; accountSid: string } {
  const path = join(config.dataDir, 'secrets.json');
  const kept = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { twilioAuthToken?: string; twilioAccountSid?: string }) : {};
  const token = config.twilioAuthToken ?? kept.twilioAuthToken;
  if (!token) throw new Refused(`No local secrets in ${config.dataDir}: no stack has started with this data folder yet (start it with npm start).`);
  return { token, accountSid: kept.twilioAccountSid ?? `AC${randomBytes(16).toString('hex')}` };
}

const notRunning = (url: string) =>
  new Refused(`Nothing answers at ${url}: the local stack is not running (start it with npm start, with the same TIPLINE_HTTP_PORT if you changed it).`);

async function call(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw notRunning(url);
  }
}

interface OutboxEntry {
  sid: string;
  to: string;
  body: string;
}

async function outbox(config: LocalConfig): Promise<OutboxEntry[] | undefined> {
  try {
    // The developer route on the HTTP port: one port to know; answered only while dev routes are on.
    const res = await fetch(`http://127.0.0.1:${config.httpPort}/local/outbox`);
    return res.ok ? ((await res.json()) as OutboxEntry[]) : undefined;
  } catch {
    return undefined;
  }
}

const recipient = (to: string, sender: string): string => {
  const number = to.replace(/^whatsapp:/, '');
  if (number === sender) return 'you';
  const responder = DEMO_ROSTER.responders.find((r) => r.phone === number);
  return responder ? `${responder.responderId} (${number})` : number;
};

/** Prints what the stack sends in the next seconds: stops 1.5 s after the last new message. */
async function watchOutbox(config: LocalConfig, before: Set<string>, sender: string, seconds: number, say: (line: string) => void): Promise<void> {
  const until = Date.now() + seconds * 1000;
  let quietUntil = until;
  while (Date.now() < Math.min(until, quietUntil)) {
    await new Promise((r) => setTimeout(r, 250));
    for (const message of (await outbox(config)) ?? []) {
      if (before.has(message.sid)) continue;
      before.add(message.sid);
      say(`sent by the stack to ${recipient(message.to, sender)}: ${message.body}`);
      quietUntil = Date.now() + 1500;
    }
  }
}

export async function main(argv: string[], say: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      channel: { type: 'string', default: 'sms' },
      raw: { type: 'boolean', default: false },
      wait: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const text = positionals.join(' ').trim();
  if (values.help || text === '') {
    say(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.channel !== 'sms' && values.channel !== 'whatsapp') throw new Refused(`--channel is sms or whatsapp, not ${values.channel}.`);
  const wait = Number(values.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new Refused(`--wait takes a number of seconds, not ${values.wait}.`);

  const config = readLocalConfig();
  const { token, accountSid } = authToken(config);
  const sender = senderNumber(values.from);
  const prefix = values.channel === 'whatsapp' ? 'whatsapp:' : '';
  const sid = `SM${randomBytes(16).toString('hex')}`;
  // What Twilio posts for an incoming message (the fields sms-intake drops included).
  const params: Record<string, string> = {
    ToCountry: 'PE',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: text,
    FromCountry: 'PE',
    To: `${prefix}${LOCAL_TWILIO_NUMBER}`,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: accountSid,
    From: `${prefix}${sender.number}`,
    ApiVersion: '2010-04-01',
  };
  // Signed over the configured public URL, which is what sms-intake checks against.
  const signature = getExpectedTwilioSignature(token, `${config.publicUrl}/sms/twilio`, params);
  const webhook = `http://127.0.0.1:${config.httpPort}/sms/twilio`;
  const before = new Set(((await outbox(config)) ?? []).map((m) => m.sid));
  const res = await call(webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  const answer = await res.text();
  say(`${values.channel.toUpperCase()} from ${sender.who} (${params.From}) → ${webhook}: HTTP ${res.status}`);
  if (res.status === 403) {
    say(
      'The stack refused the signature: it runs with another auth token. Use the same TIPLINE_DATA_DIR (or TWILIO_AUTH_TOKEN) and TIPLINE_PUBLIC_URL as npm start.',
    );
    return 1;
  }
  if (!res.ok) {
    say(answer);
    return 1;
  }
  const texts = twimlTexts(answer);
  if (texts.length === 0) say("answer: none (an empty TwiML: nothing is texted back, e.g. to a responder's ACK)");
  for (const reply of texts) say(`answer: ${reply}`);
  if (values.raw) say(answer);
  if (wait > 0) await watchOutbox(config, before, sender.number, wait, say);
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`sms: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
