// Bad configuration fails fast and says what to set: `npm start`'s entry refuses a weak or
// missing secret before it starts anything, and a malformed percent-encoding in a path is the
// client's mistake (400), not a server fault (500).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ownPorts } from '../support/own-ports';
import { rawRequest } from '../support/raw-http';

const stack = inject('stack');
const repoRoot = new URL('../..', import.meta.url);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** `npm start`'s entry (local/start.ts), on free ports and a throwaway data folder; resolves when it exits. */
async function start(env: Record<string, string>, dataDir = mkdtempSync(join(tmpdir(), 'tipline-badcfg-'))): Promise<{ code: number | null; output: string }> {
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ...(await ownPorts()),
      TIPLINE_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // A stack that did start would never exit by itself: stop it, so the test fails on the code.
  const timer = setTimeout(() => child.kill('SIGINT'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  return { code, output };
}

describe('npm start refuses a weak or missing secret', () => {
  it('exits 1 on a Twilio auth token shorter than 16 characters, naming the variable and the rule', async () => {
    const { code, output } = await start({ TWILIO_AUTH_TOKEN: 'abc123' });

    expect(code).toBe(1);
    expect(output).toContain('tipline: could not start: TWILIO_AUTH_TOKEN is 6 characters long; it must be at least 16');
    expect(output).toContain("set it to your Twilio account's auth token");
    expect(output).not.toContain('tipline is running');
  }, 60_000);

  it('exits 1 on a public URL without the Twilio auth token that real webhooks are signed with', async () => {
    const { code, output } = await start({ TIPLINE_PUBLIC_URL: 'https://quiet-river-1234.trycloudflare.com' });

    expect(code).toBe(1);
    expect(output).toMatch(/TIPLINE_PUBLIC_URL is https:\/\/quiet-river-1234\.trycloudflare\.com.*set TWILIO_AUTH_TOKEN/);
  }, 60_000);

  it('exits 1 on an opt-in that is not exactly its value', async () => {
    const { code, output } = await start({ TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: 'yes' });

    expect(code).toBe(1);
    expect(output).toContain('TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: set it to exactly i-understand');
  }, 60_000);

  it('exits 1 on a weak secret in the data folder, naming the file and the entry', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tipline-badcfg-'));
    writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ receiptPepper: 'short' }), { mode: 0o600 });

    const { code, output } = await start({}, dataDir);

    expect(code).toBe(1);
    expect(output).toContain(`${join(dataDir, 'secrets.json')} holds a secret the stack cannot use (receiptPepper: the receipt pepper is 5 characters long`);
  }, 60_000);
});

describe('a malformed percent-encoding in a path', () => {
  const operator = { authorization: `Bearer ${stack.operatorToken}` };

  it.each([
    ['GET', '/api/tips/%E0%A4%A', operator],
    ['GET', '/api/tips/%ZZ', operator],
    ['POST', '/api/tips/%E0%A4%A/notes', { ...operator, 'content-type': 'application/json' }],
    ['PUT', '/api/roster/responders/%E0%A4%A', { authorization: `Bearer ${stack.tokens.supervisor}`, 'content-type': 'application/json' }],
  ] as const)('%s %s answers 400 with a message that says what is wrong', async (method, path, headers) => {
    const answer = await rawRequest(`${stack.httpUrl}${path}`, { method, headers, ...(method === 'GET' ? {} : { body: '{}' }) });

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/malformed percent-encoding.*%25/);
  });

  it('answers 400 under the dashboard too', async () => {
    const answer = await rawRequest(`${stack.httpUrl}/ops/%E0%A4%A`);

    expect(answer.status).toBe(400);
    expect(answer.body).toContain('malformed percent-encoding');
  });

  it('still decodes a well-formed one (a tip id that does not exist is 404, not 400)', async () => {
    expect((await rawRequest(`${stack.httpUrl}/api/tips/%41BCDEFGH`, { headers: operator })).status).toBe(404);
  });
});
