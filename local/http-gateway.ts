// A local stand-in for API Gateway's HTTP API: each request becomes a payload 2.0 event for
// the route's handler, and the handler's result becomes the response. Routes come from the
// same table as the CDK app's.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { ROUTES } from '../functions/config/tables';
import { lambdaContext } from './lambda-context';
import { readBody } from './read-body';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2 | string>;

export interface GatewayOptions {
  port: number;
  handlers: Record<(typeof ROUTES)[number]['handler'], HttpHandler>;
  /** Extra local-only routes (health check). */
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean;
  onError?: (error: unknown) => void;
}

/** API Gateway's own limit is 10 MB; nothing this API accepts comes near 1 MB. */
const MAX_BODY_BYTES = 1024 * 1024;
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml))/i;

interface CompiledRoute {
  method: string;
  pattern: RegExp;
  params: string[];
  routeKey: string;
  handler: (typeof ROUTES)[number]['handler'];
}

const compiled: CompiledRoute[] = ROUTES.map((route) => {
  const params: string[] = [];
  const pattern = new RegExp(
    `^${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      params.push(name);
      return '([^/]+)';
    })}$`,
  );
  return { method: route.method, pattern, params, routeKey: `${route.method} ${route.path}`, handler: route.handler };
});

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  res.writeHead(status, headers);
  res.end(body);
}

/** A path segment such as `%E0%A4%A` cannot be decoded: the client's mistake, answered 400 before any handler runs. */
export class MalformedPath extends Error {
  override name = 'MalformedPath';
}

export const MALFORMED_PATH_ANSWER = {
  message: 'Bad Request: the path has a malformed percent-encoding (each % must start a valid UTF-8 escape such as %C3%B1; send a literal % as %25).',
} as const;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new MalformedPath();
  }
}

export function toEvent(req: IncomingMessage, url: URL, route: CompiledRoute, match: RegExpExecArray, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const pathParameters = Object.fromEntries(route.params.map((name, i) => [name, decodeSegment(match[i + 1] ?? '')]));
  const textual = TEXT_TYPES.test(headers['content-type'] ?? '') && isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(route.params.length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        // The connection's address, as API Gateway's sourceIp is: never X-Forwarded-For, which
        // the client writes (per-sender limits key on this, adapters/http.ts clientAddress).
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}

export function startGateway(options: GatewayOptions): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      if (options.extra?.(req, res)) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      const candidates = compiled.filter((route) => route.pattern.test(url.pathname));
      if (candidates.length === 0) return send(res, 404, JSON.stringify({ message: 'Not Found' }));
      const route = candidates.find((r) => r.method === req.method);
      if (!route) return send(res, 405, JSON.stringify({ message: 'Method Not Allowed' }));
      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too-large') return send(res, 413, JSON.stringify({ message: 'Request Entity Too Large' }));
      const event = toEvent(req, url, route, route.pattern.exec(url.pathname)!, body);
      const result = await options.handlers[route.handler](event, lambdaContext(route.handler, 30_000));
      if (typeof result === 'string') return send(res, 200, result);
      const headers: Record<string, string> = { ...(result.headers as Record<string, string> | undefined) };
      const responseBody = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(responseBody);
    } catch (error: unknown) {
      if (error instanceof MalformedPath || error instanceof URIError) {
        if (!res.headersSent) send(res, 400, JSON.stringify(MALFORMED_PATH_ANSWER));
        else res.end();
        return;
      }
      // What API Gateway answers when the integration fails.
      options.onError?.(error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ message: 'Internal Server Error' }));
      else res.end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve(server));
  });
}
