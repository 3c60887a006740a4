// The local stack's static dashboard serves no source map, even from a dist/ built before the
// build stopped emitting them, and answers a malformed percent-encoding with 400, not 500.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticSite } from '../../local/static-site';
import { freePort } from '../support/free-port';
import { rawRequest } from '../support/raw-http';

let dist: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'tipline-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>ops</title>');
  writeFileSync(join(dist, 'assets', 'main-abc123.js'), 'console.log(1);\n//# sourceMappingURL=main-abc123.js.map');
  writeFileSync(join(dist, 'assets', 'main-abc123.js.map'), '{"version":3,"sources":["../src/secret-comments.ts"]}');
  const site = staticSite('/ops/', dist, { 'config.json': (req) => ({ localSignIn: req.headers.host?.startsWith('127.0.0.1') === true }) });
  server = createServer((req, res) => {
    if (!site.handle(req, res)) res.writeHead(404).end();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${port}`;
});

afterAll(() => {
  server?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the local static site', () => {
  it('serves the bundle but never its source map', async () => {
    expect((await rawRequest(`${base}/ops/assets/main-abc123.js`)).status).toBe(200);

    for (const path of ['/ops/assets/main-abc123.js.map', '/ops/assets/MAIN-ABC123.JS.MAP', '/ops/assets/missing.js.map', '/ops/assets/main-abc123.js%2Emap']) {
      const answer = await rawRequest(`${base}${path}`);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('sources');
    }
  });

  it('answers a malformed percent-encoding with 400', async () => {
    const answer = await rawRequest(`${base}/ops/%E0%A4%A`);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('malformed percent-encoding');
  });

  it('generates config.json per request', async () => {
    expect(JSON.parse((await rawRequest(`${base}/ops/config.json`)).body)).toEqual({ localSignIn: true });
    expect(JSON.parse((await rawRequest(`${base}/ops/config.json`, { host: 'tunnel.example' })).body)).toEqual({ localSignIn: false });
  });
});
