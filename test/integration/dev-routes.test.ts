// The local stack's developer routes through HTTP: /local/* (outbox, clock, demo sign-in, the
// issuer's keys) and the dashboard's demo sign-in answer this machine only, as a request from
// loopback naming a loopback Host; a tunnel (loopback address, its own Host) gets the 404 of an
// unknown path. Behind a public TIPLINE_PUBLIC_URL they are off, unless opted in. On the wall
// clock (TIPLINE_LOCAL_CLOCK=wall) the clock cannot be moved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLocalConfig } from '../../local/config';
import { startLocalStack, type LocalStack } from '../../local/stack';
import { ownPorts } from '../support/own-ports';
import { rawRequest } from '../support/raw-http';

const shared = inject('stack');
const TUNNEL_HOST = 'quiet-river-1234.trycloudflare.com';
const TUNNEL_URL = `https://${TUNNEL_HOST}`;
const TWILIO_TOKEN = '0123456789abcdef0123456789abcdef';

const DEV_REQUESTS = [
  ['GET', '/local/outbox'],
  ['GET', '/local/clock'],
  ['POST', '/local/clock?advanceMinutes=60'],
  ['GET', '/local/sign-in?as=supervisor'],
  ['GET', '/local/.well-known/jwks.json'],
  ['GET', '/local/anything-else'],
] as const;

const localSignIn = async (httpUrl: string, host?: string) =>
  JSON.parse((await rawRequest(`${httpUrl}/ops/config.json`, host ? { host } : {})).body).localSignIn;

/** A stack of the test's own, in this process, with its own ports and data folder. */
async function stackWith(env: Record<string, string>): Promise<{ stack: LocalStack; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tipline-devroutes-'));
  const config = readLocalConfig({
    ...(await ownPorts()),
    TIPLINE_DATA_DIR: dataDir,
    ...env,
  });
  const stack = await startLocalStack(config);
  return {
    stack,
    stop: async () => {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('on a loopback public URL (the shared stack)', () => {
  it.each(DEV_REQUESTS)('answers %s %s through a tunnel (public Host) exactly as an unknown path', async (method, path) => {
    const unknown = await rawRequest(`${shared.httpUrl}/no-such-path`, { host: TUNNEL_HOST, method });

    const answer = await rawRequest(`${shared.httpUrl}${path}`, { host: TUNNEL_HOST, method });

    expect(answer.status).toBe(404);
    expect(answer.body).toBe(unknown.body);
    expect(answer.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(answer.headers.location).toBeUndefined();
  });

  it('does not move the clock for a tunnelled POST', async () => {
    const before = JSON.parse((await rawRequest(`${shared.httpUrl}/local/clock`)).body).offsetMs;

    await rawRequest(`${shared.httpUrl}/local/clock?advanceMinutes=60`, { host: TUNNEL_HOST, method: 'POST' });

    expect(JSON.parse((await rawRequest(`${shared.httpUrl}/local/clock`)).body).offsetMs).toBe(before);
  });

  it('answers this machine with a loopback Host', async () => {
    for (const host of [new URL(shared.httpUrl).host, `localhost:${new URL(shared.httpUrl).port}`]) {
      const signIn = await rawRequest(`${shared.httpUrl}/local/sign-in?as=operator`, { host });
      expect(signIn.status, host).toBe(302);
      expect(signIn.headers.location).toMatch(/^\/ops\/#id_token=/);
      expect((await rawRequest(`${shared.httpUrl}/local/outbox`, { host })).status).toBe(200);
      expect((await rawRequest(`${shared.httpUrl}/local/.well-known/jwks.json`, { host })).status).toBe(200);
    }
  });

  it("offers the dashboard's demo sign-in to this machine only", async () => {
    expect(await localSignIn(shared.httpUrl)).toBe(true);
    expect(await localSignIn(shared.httpUrl, TUNNEL_HOST)).toBe(false);
  });

  it('still answers the health check through a tunnel', async () => {
    expect((await rawRequest(`${shared.httpUrl}/healthz`, { host: TUNNEL_HOST })).status).toBe(200);
  });
});

describe('behind a public TIPLINE_PUBLIC_URL', () => {
  let tunnelled: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => {
    tunnelled = await stackWith({ TIPLINE_PUBLIC_URL: TUNNEL_URL, TWILIO_AUTH_TOKEN: TWILIO_TOKEN });
  }, 120_000);
  afterAll(() => tunnelled?.stop());

  it('refuses every developer route even to this machine, and says so at start', async () => {
    const { httpUrl } = tunnelled.stack;
    for (const [method, path] of DEV_REQUESTS.filter(([, p]) => !p.startsWith('/local/.well-known'))) {
      expect((await rawRequest(`${httpUrl}${path}`, { method })).status, `${method} ${path}`).toBe(404);
    }
    expect(await localSignIn(httpUrl)).toBe(false);
    expect(tunnelled.stack.devRoutes).toMatch(/^off: TIPLINE_PUBLIC_URL is public/);
    expect(tunnelled.stack.signInUrl('supervisor')).toBeUndefined();
  });

  it("keeps the issuer's public keys for this machine's own functions, not for the tunnel", async () => {
    const { httpUrl } = tunnelled.stack;
    expect((await rawRequest(`${httpUrl}/local/.well-known/jwks.json`)).status).toBe(200);
    expect((await rawRequest(`${httpUrl}/local/.well-known/jwks.json`, { host: TUNNEL_HOST })).status).toBe(404);
  });
});

describe('behind a public URL, opted in with TIPLINE_DEV_ROUTES_ON_PUBLIC_URL=i-understand', () => {
  let optedIn: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => {
    optedIn = await stackWith({ TIPLINE_PUBLIC_URL: TUNNEL_URL, TWILIO_AUTH_TOKEN: TWILIO_TOKEN, TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: 'i-understand' });
  }, 120_000);
  afterAll(() => optedIn?.stop());

  it('answers this machine, never the tunnel, and says so at start', async () => {
    const { httpUrl } = optedIn.stack;
    expect((await rawRequest(`${httpUrl}/local/sign-in?as=operator`)).status).toBe(302);
    expect(await localSignIn(httpUrl)).toBe(true);
    expect((await rawRequest(`${httpUrl}/local/sign-in?as=operator`, { host: TUNNEL_HOST })).status).toBe(404);
    expect(await localSignIn(httpUrl, TUNNEL_HOST)).toBe(false);
    expect(optedIn.stack.devRoutes).toMatch(/^ON although TIPLINE_PUBLIC_URL is public/);
  });
});

describe('on the wall clock (TIPLINE_LOCAL_CLOCK=wall)', () => {
  let wall: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => {
    wall = await stackWith({ TIPLINE_LOCAL_CLOCK: 'wall' });
  }, 120_000);
  afterAll(() => wall?.stop());

  it('refuses to move the clock and says how to get the movable one', async () => {
    const { httpUrl } = wall.stack;

    const moved = await rawRequest(`${httpUrl}/local/clock?advanceMinutes=60`, { method: 'POST' });

    expect(moved.status).toBe(409);
    expect(moved.body).toContain('TIPLINE_LOCAL_CLOCK=wall');
    expect(JSON.parse((await rawRequest(`${httpUrl}/local/clock`)).body).offsetMs).toBe(0);
    expect(wall.stack.clock.movable).toBe(false);
  });
});
