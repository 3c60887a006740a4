// `npm start` as a newcomer runs it: it prints where everything is (every port, who is on call,
// the commands that drive paging), refuses a busy port with a clear message, stops cleanly on
// Ctrl-C, and keeps its data across restarts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getQueue, postWebTip, queuedTip } from '../support/operator';
import { freeStackPorts, stackEnv, type StackPorts } from '../support/stack-ports';
import { waitFor } from '../support/wait';

const repoRoot = new URL('../..', import.meta.url);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function startStack(ports: StackPorts, dataDir: string) {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    env: stackEnv(ports, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that an interrupt reaches npm and the stack as Ctrl-C would.
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // 'close' waits for every process holding the pipes (npm, its shell, the stack) to end.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const interrupt = () => process.kill(-child.pid!, 'SIGINT');
  return { child, exited, interrupt, output: () => output };
}

describe('npm start', () => {
  it('prints its URLs, stops cleanly on SIGINT, and keeps tips across a restart', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'tipline-start-'));
    dirs.push(dataDir);
    const ports = await freeStackPorts();

    // Act: first run
    const first = startStack(ports, dataDir);
    await waitFor(() => first.output().includes('Press Ctrl-C to stop.'), { timeoutMs: 90_000, what: 'the start banner' });
    const http = `http://127.0.0.1:${ports.http}`;

    // Assert: the banner tells a newcomer where everything is
    const banner = first.output();
    expect(banner).toContain(`HTTP API            ${http}`);
    expect(banner).toContain(`Twilio webhook      ${http}/sms/twilio`);
    expect(banner).toContain(join(dataDir, 'secrets.json'));
    expect(banner).toContain(`sign in as operator    ${http}/local/sign-in?as=operator`);
    expect(banner).toContain(`operator dashboard  ${http}/ops/`);
    // ...every port, the responder's sign-in, who is on call and how to drive paging
    expect(banner).toContain(
      `ports               HTTP ${ports.http} (API, webhook, form, dashboard) · DynamoDB Local ${ports.dynamo} · SQS ${ports.sqs} · local Twilio API ${ports.twilio}`,
    );
    expect(banner).toContain(`sign in as responder   ${http}/local/sign-in?as=responder`);
    expect(banner).toMatch(/ {4}Madre de Dios {5}pol-(rosa|hugo) .*, then fis-marta .* after 10 min/);
    expect(banner).toMatch(/npm run sms -- --from responder:pol-(rosa|hugo) "ACK <code>"/);
    expect(banner).toContain(`curl -XPOST 'localhost:${ports.http}/local/clock?advanceMinutes=11'`);
    expect(banner).toContain(`TIPLINE_HTTP_PORT=${ports.http} TIPLINE_DATA_DIR=${dataDir} npm run sms --`);
    const signIn = async () => {
      const res = await fetch(`${http}/local/sign-in?as=operator`, { redirect: 'manual' });
      return /#id_token=(.+)$/.exec(res.headers.get('location') ?? '')![1]!;
    };
    const token = await signIn();

    expect((await postWebTip({ httpUrl: http }, { text: 'persiste-reinicio: le quitaron el dni a mi prima' })).status).toBe(202);
    await queuedTip({ httpUrl: http, operatorToken: token }, 'persiste-reinicio');

    first.interrupt();
    await first.exited; // npm itself dies of the SIGINT; what matters is that the stack finished
    expect(first.output()).toContain('[tipline] SIGINT: finishing queued tips and stopping');
    expect(first.output()).toContain('[tipline] stopped.');

    // Act: second run on the same data folder
    const second = startStack(ports, dataDir);
    try {
      await waitFor(() => second.output().includes('Press Ctrl-C to stop.'), { timeoutMs: 90_000, what: 'the second start' });
      // Assert: same secrets (a token from the first run is still valid), same tips
      const queue = await getQueue({ httpUrl: http, operatorToken: token });
      expect(queue.some((t) => t.preview.includes('persiste-reinicio'))).toBe(true);
    } finally {
      second.interrupt();
      await second.exited;
      expect(second.output()).toContain('[tipline] stopped.');
    }
  }, 180_000);

  it('refuses a port in use with a message that says what to do', async () => {
    // Arrange
    const ports = await freeStackPorts();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(ports.http, '127.0.0.1', resolve));
    const dataDir = mkdtempSync(join(tmpdir(), 'tipline-busy-'));
    dirs.push(dataDir);

    try {
      // Act
      const run = startStack(ports, dataDir);
      const code = await run.exited;

      // Assert
      expect(code).toBe(1);
      expect(run.output()).toContain(`Port ${ports.http} (HTTP) is already in use`);
      expect(run.output()).toContain('TIPLINE_HTTP_PORT');
    } finally {
      blocker.close();
    }
  }, 60_000);
});
