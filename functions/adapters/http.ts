// API Gateway HTTP API (payload 2.0) in and out: body decoding with a size limit, content
// types, JSON responses, and the one mapping from domain errors to status codes.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ORIGIN_VERIFY_HEADER } from '../config/secret-rules';
import { ClientError, InvalidRequest, NotSignedByTwilio, UnsupportedMediaType, PayloadTooLarge } from '../core/errors';
import { errorName, type LogFields, type TiplineLogger } from './logger';
import { TwilioNotConfigured, TwilioRequestFailed } from './twilio-errors';

export type HttpResult = APIGatewayProxyStructuredResultV2;

/**
 * Headers on every answer: nothing is cached (a shared phone keeps no copy), nothing leaks
 * through a Referer, nothing can frame or script the answer, no device feature is offered.
 */
export const SAFE_HEADERS = {
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
} as const;

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function requireContentType(event: APIGatewayProxyEventV2, expected: string): void {
  const type = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== expected) throw new UnsupportedMediaType(expected);
}

export function bodyText(event: APIGatewayProxyEventV2, limitBytes: number): string {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > limitBytes) throw new PayloadTooLarge(limitBytes);
  // Strict decoding: a body that is not UTF-8 is a client error, not something to guess at.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidRequest('The body is not valid UTF-8 text.');
  }
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SAFE_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

/** Maps the errors a client can cause (each carries its own answer); anything else is a server fault. */
export function clientErrorResponse(error: unknown): HttpResult | undefined {
  if (error instanceof NotSignedByTwilio) return text(403, error.message);
  if (error instanceof ClientError) return json(error.status, { error: error.code, message: error.message, ...error.body() }, error.headers());
  return undefined;
}

export function text(statusCode: number, body: string): HttpResult {
  return { statusCode, headers: { ...SAFE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body };
}

/** Field-level messages from a zod error, without echoing the input. */
export function fieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '(body)';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Faults of the deployment or of Twilio that an operator can act on, said plainly. */
function serviceErrorResponse(error: unknown): HttpResult | undefined {
  if (error instanceof TwilioNotConfigured) return json(503, { error: 'not_configured', message: error.message });
  if (error instanceof TwilioRequestFailed) {
    return json(502, {
      error: 'twilio_failed',
      message: `Twilio did not accept the message (HTTP ${error.status}); ${error.retryable ? 'try again in a minute' : 'check the Twilio account settings (docs/twilio.md)'}.`,
    });
  }
  return undefined;
}

/**
 * The one catch of an HTTP handler: a client's mistake becomes its 4xx, logged by name only;
 * anything else is a server fault, logged and rethrown so that API Gateway answers 500 and
 * Twilio retries.
 */
export function answerError(error: unknown, logger: TiplineLogger, fields: LogFields = {}): HttpResult {
  const response = clientErrorResponse(error);
  if (response) {
    logger.warn('rejected request', { ...fields, status: response.statusCode ?? 400, errorName: errorName(error) });
    return response;
  }
  const service = serviceErrorResponse(error);
  logger.error('request failed', { ...fields, errorName: errorName(error), ...(service ? { status: service.statusCode ?? 500 } : {}) });
  if (service) return service;
  throw error;
}

/** A JSON body read against its schema: 415, 413 or a field-level 400 otherwise. */
export function parseJsonBody<T>(
  event: APIGatewayProxyEventV2,
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
  },
  limitBytes: number,
  example: string,
): T {
  requireContentType(event, 'application/json');
  let body: unknown;
  try {
    body = JSON.parse(bodyText(event, limitBytes));
  } catch (error: unknown) {
    if (error instanceof SyntaxError) throw new InvalidRequest(`The body is not valid JSON; send ${example}.`);
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new InvalidRequest('The request could not be read; see the fields below.', fieldErrors(parsed.error.issues));
  return parsed.data;
}

/** Added by CloudFront (the AllViewerExceptHostHeader origin request policy forwards it): the viewer's `address:port`. */
const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
let edgeSecretDigest: Buffer | undefined;

/**
 * Set at cold start (adapters/cold-start.ts) from the secret CloudFront sends; unset (the local
 * stack, a function not behind CloudFront) no request is taken for CloudFront's.
 */
export function trustViewerAddressFrom(secret: string | undefined): void {
  edgeSecretDigest = secret ? digest(secret) : undefined;
}

/** Whether CloudFront sent this request: the verification header matches, compared in constant time. */
function sentByOurEdge(event: APIGatewayProxyEventV2): boolean {
  const presented = header(event, ORIGIN_VERIFY_HEADER);
  if (edgeSecretDigest === undefined || presented === undefined) return false;
  // Digests are of equal length whatever was presented, so the comparison leaks nothing.
  return timingSafeEqual(digest(presented), edgeSecretDigest);
}

/** `198.51.100.7:46532` or `2001:db8::7:46532` (IPv6 without brackets) → the address. */
export function viewerAddressOf(value: string | undefined): string | undefined {
  const at = value?.lastIndexOf(':') ?? -1;
  if (value === undefined || at <= 0) return undefined;
  const address = value.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return /^\d{1,5}$/.test(value.slice(at + 1)) && isIP(address) !== 0 ? address : undefined;
}

/**
 * The address abuse limits key on (in memory, hashed; never stored or logged): the address of the
 * connection API Gateway saw, never X-Forwarded-For, which the client writes itself (rotating it
 * would dodge every per-address limit). Behind CloudFront that connection comes from an edge
 * server, and keying on it would make every tipster near one edge share a limit; so the viewer
 * address CloudFront reports is taken instead, but only from a request carrying the secret
 * CloudFront adds, since the execute-api endpoint is public and anyone can send that header.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  if (sentByOurEdge(event)) {
    const viewer = viewerAddressOf(header(event, VIEWER_ADDRESS_HEADER));
    if (viewer !== undefined) return viewer;
  }
  return event.requestContext.http.sourceIp;
}
