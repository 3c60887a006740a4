// A local stand-in for the part of Twilio's REST API that tipline calls (create and delete a
// Message), answering in Twilio's shapes so that the twilio library parses it as it would the real
// thing. It records what it was asked and never forwards anything. Given a journal file, it
// appends each message created, deleted or received there and reads it back at start, so that
// the outbox survives a restart of the local stack.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { readBody } from './read-body';

export interface RecordedMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  params: Record<string, string>;
  at: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

export interface LocalTwilioApi {
  /** e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  /** Messages created, oldest first. */
  sent(): RecordedMessage[];
  /** SIDs deleted. */
  deleted(): string[];
  /** Every request received (method, path, the status answered), oldest first; no bodies. */
  requests(): RecordedRequest[];
  /** A message that reached the account inbound (through the webhook) and so can be deleted. */
  registerInbound(sid: string): void;
  /** The next n requests answer with this HTTP status (fault injection for tests). */
  failNext(n: number, status: number): void;
  stop(): Promise<void>;
}

const API_VERSION = '2010-04-01';
const CREATE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const DELETE_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/;
const ADDRESS = /^(whatsapp:)?\+[1-9]\d{6,14}$/;
/** Twilio's own message size limit is 1,600 characters; no legitimate request comes near this. */
const MAX_BODY_BYTES = 64 * 1024;

/** Twilio's error codes for the statuses this server answers with. */
const ERROR_CODES: Record<number, number> = { 401: 20003, 404: 20404, 405: 20004, 413: 20413, 429: 20429, 500: 20500, 503: 20503 };

function twilioError(status: number, message: string, code = ERROR_CODES[status] ?? 20000 + status) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

/** Twilio's RFC 2822 form, e.g. "Thu, 24 Aug 2023 05:01:45 +0000". */
const rfc2822 = (date: Date): string => date.toUTCString().replace('GMT', '+0000');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function basicAuthUser(req: IncomingMessage, accounts: { accountSid: string; authToken: string }): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  return user === accounts.accountSid && sameSecret(decoded.slice(colon + 1), accounts.authToken) ? user : undefined;
}

const newMessageSid = (): string => `SM${randomBytes(16).toString('hex')}`;

/** Called after a message is created, as Twilio would then report its delivery. */
export type OnMessageCreated = (message: RecordedMessage) => void;

/** One line of the journal: what changed on the account. */
type JournalEntry = { sent: RecordedMessage } | { deleted: string } | { inbound: string };

/** The account as the journal left it; a line cut short by a crash is skipped. */
function replay(journal: string | undefined): { sent: RecordedMessage[]; deleted: string[]; existing: Set<string> } {
  const state = { sent: [] as RecordedMessage[], deleted: [] as string[], existing: new Set<string>() };
  if (journal === undefined || !existsSync(journal)) return state;
  for (const line of readFileSync(journal, 'utf8').split('\n')) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    if ('sent' in entry && typeof entry.sent?.sid === 'string') {
      state.sent.push(entry.sent);
      state.existing.add(entry.sent.sid);
    } else if ('deleted' in entry && typeof entry.deleted === 'string') {
      state.deleted.push(entry.deleted);
      state.existing.delete(entry.deleted);
    } else if ('inbound' in entry && typeof entry.inbound === 'string') state.existing.add(entry.inbound);
  }
  return state;
}

export interface LocalTwilioApiOptions {
  /** A JSON-lines file the account's changes are appended to and read back from at start (mode 600: it holds phone numbers). */
  journal?: string;
}

export function startLocalTwilioApi(
  port: number,
  accounts: { accountSid: string; authToken: string },
  onMessageCreated?: OnMessageCreated,
  options: LocalTwilioApiOptions = {},
): Promise<LocalTwilioApi> {
  /** SIDs that exist on the account: created here or registered as inbound. */
  const { sent, deleted, existing } = replay(options.journal);
  const requests: RecordedRequest[] = [];
  const record = (entry: JournalEntry) => {
    if (options.journal !== undefined) appendFileSync(options.journal, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  };
  const faults: { remaining: number; status: number } = { remaining: 0, status: 500 };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const answer = (status: number, body?: unknown) => {
      requests.push({ method, path: url.pathname, status });
      if (body === undefined) res.writeHead(status).end();
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    try {
      if (faults.remaining > 0) {
        faults.remaining -= 1;
        req.resume();
        return answer(faults.status, twilioError(faults.status, 'Injected failure'));
      }
      if (method === 'GET' && url.pathname === '/local/outbox') return answer(200, sent);
      if (method === 'GET' && url.pathname === '/local/deleted') return answer(200, deleted);

      const create = CREATE_PATH.exec(url.pathname);
      const remove = DELETE_PATH.exec(url.pathname);
      if (!create && !remove) return answer(404, twilioError(404, `The requested resource ${url.pathname} was not found`));
      // Twilio answers a wrong account in the path as it does wrong credentials.
      const user = basicAuthUser(req, accounts);
      if (!user || (create ?? remove)?.[1] !== user) {
        req.resume();
        return answer(401, twilioError(401, 'Authenticate'));
      }

      if (create) {
        if (method !== 'POST') return answer(405, twilioError(405, 'Method not allowed'));
        const raw = await readBody(req, MAX_BODY_BYTES);
        if (raw === 'too-large') return answer(413, twilioError(413, 'Request entity too large'));
        const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
        if (!params.To) return answer(400, twilioError(400, "A 'To' phone number is required.", 21604));
        // Quoting the number back, as Twilio does, lets tests check that it goes no further.
        if (!ADDRESS.test(params.To)) return answer(400, twilioError(400, `The 'To' number ${params.To} is not a valid phone number.`, 21211));
        if (!params.From && !params.MessagingServiceSid) return answer(400, twilioError(400, "A 'From' phone number is required.", 21603));
        if (!params.Body) return answer(400, twilioError(400, 'Message body is required.', 21602));
        if (params.ContentRetention && !['retain', 'discard'].includes(params.ContentRetention))
          return answer(400, twilioError(400, 'Invalid ContentRetention', 30029));
        if (params.AddressRetention && !['retain', 'obfuscate'].includes(params.AddressRetention))
          return answer(400, twilioError(400, 'Invalid AddressRetention', 30030));

        const sid = newMessageSid();
        const now = new Date();
        existing.add(sid);
        const recorded: RecordedMessage = {
          sid,
          accountSid: user,
          to: params.To,
          from: params.From ?? params.MessagingServiceSid ?? '',
          body: params.Body,
          params,
          at: now.toISOString(),
        };
        sent.push(recorded);
        record({ sent: recorded });
        if (onMessageCreated) setImmediate(() => onMessageCreated(recorded));
        const uri = `/${API_VERSION}/Accounts/${user}/Messages/${sid}.json`;
        return answer(201, {
          account_sid: user,
          api_version: API_VERSION,
          body: params.Body,
          date_created: rfc2822(now),
          date_sent: null,
          date_updated: rfc2822(now),
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from: params.From ?? null,
          messaging_service_sid: params.MessagingServiceSid ?? null,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: 'USD',
          sid,
          // What Twilio answers: a Messaging Service without a From picks the sender later.
          status: params.From ? 'queued' : 'accepted',
          subresource_uris: { media: uri.replace(/\.json$/, '/Media.json') },
          to: params.To,
          uri,
        });
      }

      const sid = remove?.[2] ?? '';
      if (method !== 'DELETE') return answer(405, twilioError(405, 'Method not allowed'));
      if (!existing.delete(sid)) return answer(404, twilioError(404, `The requested resource ${url.pathname} was not found`));
      deleted.push(sid);
      record({ deleted: sid });
      return answer(204);
    } catch {
      if (!res.headersSent) answer(500, twilioError(500, 'Internal Server Error'));
      else res.end();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        baseUrl: `http://127.0.0.1:${port}`,
        sent: () => sent.map((message) => ({ ...message, params: { ...message.params } })),
        deleted: () => [...deleted],
        requests: () => requests.map((request) => ({ ...request })),
        registerInbound: (sid) => {
          if (existing.has(sid)) return;
          existing.add(sid);
          record({ inbound: sid });
        },
        failNext: (n, status) => {
          faults.remaining = n;
          faults.status = status;
        },
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
