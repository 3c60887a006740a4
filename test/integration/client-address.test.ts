// Rate limits key on the connection's address, not on X-Forwarded-For: a sender who writes a new
// X-Forwarded-For on every request is still one sender. The real web-intake module, behind the
// local gateway (which sets sourceIp from the socket, as API Gateway does), with its own limiter
// and its own tips queue, so that the shared stack's limits and queue are left alone.
import type { Server } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import { INTAKE_LIMITS } from '../../functions/config/defaults';
import { hostFunction } from '../../local/functions';
import { startGateway, toEvent, type HttpHandler } from '../../local/http-gateway';
import { hostedPlatform } from '../support/hosted-platform';
import { createQueuePair, deleteQueuePair, drainBodies, letterTag, type QueuePair } from '../support/faults';
import { freePort } from '../support/free-port';
import { sqs } from '../support/local-aws';

const stack = inject('stack');
const admin = sqs(stack.sqsEndpoint);
const LIMIT = INTAKE_LIMITS.webTipsPerSender.limit;

let server: Server;
let baseUrl: string;
let tipsQueue: QueuePair;
const seenSourceIps: string[] = [];

beforeAll(async () => {
  tipsQueue = await createQueuePair(admin, `client-address-${letterTag(6)}`, 60);
  const platform = hostedPlatform(stack);
  const webIntake = await hostFunction<HttpHandler>('webIntake', { [ENV.tipsQueueUrl]: tipsQueue.url }, platform);
  const recording: HttpHandler = (event: APIGatewayProxyEventV2, context) => {
    seenSourceIps.push(event.requestContext.http.sourceIp);
    return webIntake(event, context);
  };
  const elsewhere: HttpHandler = async () => ({ statusCode: 503 });
  const port = await freePort();
  server = await startGateway({
    port,
    handlers: {
      webIntake: recording,
      smsIntake: elsewhere,
      operatorApi: elsewhere,
      tipsterReply: elsewhere,
      smsStatus: elsewhere,
      rosterApi: elsewhere,
      publicForm: elsewhere,
    },
  });
  baseUrl = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (tipsQueue) await deleteQueuePair(admin, tipsQueue);
});

const postTip = (i: number, forwardedFor: string) =>
  fetch(`${baseUrl}/api/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, 'x-real-ip': forwardedFor },
    body: JSON.stringify({ text: `client-address ${i}: le quitaron el dni a mi prima en La Pampa` }),
  });

describe('the per-sender limit of web intake', () => {
  it(`answers 429 to the ${LIMIT + 1}st tip from one connection however X-Forwarded-For is rotated`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await postTip(i, `198.51.100.${i + 1}, 203.0.113.${i + 1}`)).status);

    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(202));
    expect(statuses[LIMIT]).toBe(429);
    expect((await drainBodies(admin, tipsQueue.url)).length).toBe(LIMIT);
  });

  it("hands the handler the socket's address as sourceIp, never a forwarded one", () => {
    expect(new Set(seenSourceIps)).toEqual(new Set(['127.0.0.1']));
  });

  it('builds sourceIp from the socket in the gateway itself', () => {
    const req = { headers: { 'x-forwarded-for': '198.51.100.1' }, method: 'POST', httpVersion: '1.1', socket: { remoteAddress: '192.0.2.44' } };
    const route = { method: 'POST', pattern: /^\/api\/tips$/, params: [], routeKey: 'POST /api/tips', handler: 'webIntake' as const };
    const event = toEvent(req as never, new URL('http://localhost/api/tips'), route, /x/.exec('x')!, Buffer.alloc(0));
    expect(event.requestContext.http.sourceIp).toBe('192.0.2.44');
  });
});
