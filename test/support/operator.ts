import { request as httpRequest } from 'node:http';
import type { QueueItem, TipDetail } from '../../functions/core/operator-views';
import { waitFor } from './wait';

export interface StackRef {
  httpUrl: string;
  operatorToken: string;
}

export async function getQueue(stack: StackRef): Promise<QueueItem[]> {
  const tips: QueueItem[] = [];
  let cursor: string | undefined;
  do {
    const url = new URL('/api/queue', stack.httpUrl);
    url.searchParams.set('limit', '100');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url, { headers: { authorization: `Bearer ${stack.operatorToken}` } });
    if (res.status !== 200) throw new Error(`GET /api/queue answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { tips: QueueItem[]; cursor?: string };
    tips.push(...page.tips);
    cursor = page.cursor;
  } while (cursor);
  return tips;
}

/**
 * The first open tip that `match` accepts (a marker its preview contains, or a test), waiting
 * until triage has put it in the queue.
 */
export function queuedTip(
  stack: StackRef,
  match: string | ((tip: QueueItem) => boolean),
  options: { timeoutMs?: number; what?: string } = {},
): Promise<QueueItem> {
  const accepts = typeof match === 'string' ? (tip: QueueItem) => tip.preview.includes(match) : match;
  const what = options.what ?? (typeof match === 'string' ? `the tip "${match}" in the operator queue` : 'the tip in the operator queue');
  return waitFor(async () => (await getQueue(stack)).find(accepts), { what, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
}

export async function getTip(stack: StackRef, tipId: string): Promise<TipDetail> {
  const res = await fetch(new URL(`/api/tips/${tipId}`, stack.httpUrl), {
    headers: { authorization: `Bearer ${stack.operatorToken}` },
  });
  if (res.status !== 200) throw new Error(`GET /api/tips/${tipId} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as TipDetail;
}

let nextSender = 0;

/**
 * A web tip, sent from a loopback address of its own (127.0.0.2 to 127.0.0.250, in turn): the form
 * allows 20 tips per sender in 10 minutes, and the test files that share one stack send more
 * than that from this machine. The gateway reads the sender from the connection, as API Gateway does.
 */
export async function postWebTip(stack: { httpUrl: string }, body: unknown): Promise<Response> {
  const localAddress = `127.0.0.${2 + (nextSender++ % 249)}`;
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL('/api/tips', stack.httpUrl),
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: res.headers as Record<string, string> })));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function postReply(stack: StackRef, tipId: string, text: string): Promise<Response> {
  return fetch(new URL(`/api/tips/${tipId}/replies`, stack.httpUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
  });
}

export async function call(
  stack: { httpUrl: string },
  token: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(new URL(path, stack.httpUrl), {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
