// In-memory ports for the intake use cases and the HTTP handlers: each records what it was given
// (and, through a shared journal, in what order), and any of them can be made to fail.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { LogFields, TiplineLogger } from '../../functions/adapters/logger';
import type { ContactVaultWriter } from '../../functions/core/contact-vault';
import type { EncryptionContext, IntakeMemory, JobQueue, ResponderLookup, Sealer } from '../../functions/core/ports';
import { signTwilio, type TwilioParams } from './twilio';

/** The order in which ports were called, across all fakes that share it. */
export type Journal = string[];

/** A clock that stands still until moved. */
export function movableClock(start: string | Date) {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advance: (ms: number) => void (current = new Date(current.getTime() + ms)),
  };
}

export interface RecordingQueue<T> extends JobQueue<T> {
  readonly sent: T[];
  /** Makes every later send throw this error (nothing recorded). */
  failWith(error: Error): void;
}

export function recordingQueue<T>(name: string, journal: Journal = []): RecordingQueue<T> {
  const sent: T[] = [];
  let failure: Error | undefined;
  return {
    sent,
    failWith: (error) => void (failure = error),
    async send(job) {
      journal.push(`${name}.send`);
      if (failure) throw failure;
      sent.push(structuredClone(job));
    },
  };
}

export interface RecordingVault extends ContactVaultWriter {
  readonly remembered: Array<{ contactKey: string; address: string; now: Date }>;
  readonly forgotten: string[];
  failRememberWith(error: Error | undefined): void;
}

export function recordingVault(journal: Journal = []): RecordingVault {
  const remembered: RecordingVault['remembered'] = [];
  const forgotten: string[] = [];
  let failure: Error | undefined;
  return {
    remembered,
    forgotten,
    failRememberWith: (error) => void (failure = error),
    async remember(contactKey, address, now) {
      journal.push('vault.remember');
      if (failure) throw failure;
      remembered.push({ contactKey, address, now });
    },
    async forget(contactKey) {
      journal.push('vault.forget');
      forgotten.push(contactKey);
    },
  };
}

/** Knows the responders it is given, by contact key; records every key it was asked about. */
export function responderDirectory(byContactKey: Record<string, string> = {}, journal: Journal = []): ResponderLookup & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async responderFor(contactKey) {
      journal.push('responders.responderFor');
      asked.push(contactKey);
      return byContactKey[contactKey];
    },
  };
}

/** IntakeMemory in a Map, with expiry read from the `now` each call is given. */
export function memoryOfIntake(journal: Journal = []): IntakeMemory & { readonly keys: () => string[] } {
  const items = new Map<string, number>();
  const live = (key: string, now: Date): boolean => (items.get(key) ?? 0) > now.getTime();
  return {
    keys: () => [...items.keys()],
    async claimMessage(messageId, now) {
      journal.push('memory.claimMessage');
      if (live(`seen#${messageId}`, now)) return false;
      items.set(`seen#${messageId}`, now.getTime() + 400 * 86_400_000);
      return true;
    },
    async releaseMessage(messageId) {
      items.delete(`seen#${messageId}`);
    },
    async recall(contactKey, now) {
      return { numberOpen: live(`open#${contactKey}`, now), erased: live(`erased#${contactKey}`, now), acknowledged: live(`acked#${contactKey}`, now) };
    },
    async noteAcknowledged(contactKey, until) {
      items.set(`acked#${contactKey}`, until.getTime());
    },
    async noteNumberOpen(contactKey, open, now) {
      if (open) items.set(`open#${contactKey}`, now.getTime() + 30 * 60_000);
      else items.delete(`open#${contactKey}`);
    },
    async noteErased(contactKey, now) {
      journal.push('memory.noteErased');
      items.set(`erased#${contactKey}`, now.getTime() + 30 * 86_400_000);
      items.delete(`open#${contactKey}`);
      items.delete(`acked#${contactKey}`);
    },
    async clearErased(contactKey) {
      items.delete(`erased#${contactKey}`);
    },
  };
}

/**
 * A Sealer that records what it sealed and "seals" as an opaque token, so that a test can show
 * the value went to the sealer and nowhere else.
 */
export function recordingSealer(): Sealer & { readonly sealed: Array<{ plaintext: string; context: EncryptionContext }> } {
  const sealed: Array<{ plaintext: string; context: EncryptionContext }> = [];
  const seal = (async (plaintext: string, context: EncryptionContext) => {
    sealed.push({ plaintext, context });
    return `sealed-${sealed.length}`;
  }) as Sealer & { sealed: typeof sealed };
  seal.sealed = sealed;
  return seal;
}

/** A secret getter that counts how often it was read. */
export function countingSecret(value: string, name: string, journal: Journal = []) {
  const reads = { count: 0 };
  const get = async () => {
    journal.push(name);
    reads.count += 1;
    return value;
  };
  return Object.assign(get, { reads });
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: LogFields;
}

export function recordingLogger(): TiplineLogger & { readonly lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const log = (level: LogLine['level']) => (message: string, fields?: LogFields) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: log('info'), warn: log('warn'), error: log('error'), text: () => lines.map((line) => JSON.stringify(line)).join('\n') };
}

// ---- API Gateway HTTP API (payload 2.0) events, shaped as local/http-gateway.ts toEvent builds them

export interface EventOptions {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  rawQueryString?: string;
  sourceIp?: string;
}

export function apiEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/';
  const at = new Date('2026-11-27T07:00:00.000Z');
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: options.rawQueryString ?? '',
    headers: { host: 'tips.example.org', 'user-agent': 'test', ...options.headers },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'tips.example.org',
      domainPrefix: 'tips',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: options.sourceIp ?? '198.51.100.7', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: at.toISOString(),
      timeEpoch: at.getTime(),
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
  };
}

/** A Twilio callback as Twilio posts it: form-encoded, signed over `url` unless told otherwise. */
export function twilioEvent(
  params: TwilioParams,
  signing: { authToken: string; url: string; path: string; signature?: string | null },
): APIGatewayProxyEventV2 {
  const signature = signing.signature === undefined ? signTwilio(signing.authToken, signing.url, params) : signing.signature;
  return apiEvent({
    path: signing.path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(params).toString(),
  });
}

export function jsonEvent(body: unknown, options: EventOptions = {}): APIGatewayProxyEventV2 {
  return apiEvent({
    path: '/api/tips',
    ...options,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
