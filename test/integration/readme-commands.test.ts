// The README's "Driving the local stack" commands, run as a newcomer runs them, against a stack
// of this test's own (default settings, so paging's deadlines run on the movable clock) on free
// ports, with the substitution the README describes: the HTTP port in place of 3000 in the curl
// commands, and npm run sms given the stack's TIPLINE_HTTP_PORT and TIPLINE_DATA_DIR. A tip by
// SMS gets its answer and reaches the queue; the clock command makes the page's deadline fire;
// a restart keeps the clock, the outbox and the next pending deadline. And every link resolves.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { freePort } from '../support/free-port';
import { queuedTip } from '../support/operator';
import { twilioOutbox } from '../support/local-twilio';
import { freeStackPorts, stackEnv, type StackPorts } from '../support/stack-ports';
import { waitFor } from '../support/wait';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const phoneOf = (responderId: string) => demoRoster.responders.find((r) => r.responderId === responderId)!.phone;

/** The shell lines of the first sh block under "## Driving the local stack", without comments. */
function newcomerCommands(): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Driving the local stack'));
  if (!section) throw new Error('README.md has no "## Driving the local stack" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('the newcomer section has no sh block');
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

const one = (commands: string[], test: (line: string) => boolean, what: string): string => {
  const found = commands.filter(test);
  if (found.length !== 1) throw new Error(`expected one ${what} in the README's newcomer commands, found ${found.length}`);
  return found[0]!;
};

const dirs: string[] = [];
const running: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of running) await stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startStack(ports: StackPorts, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: repoRoot,
    env: stackEnv(ports, dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    await exited;
  };
  running.push(stop);
  await waitFor(() => output.includes('Press Ctrl-C to stop.') || child.exitCode !== null, { timeoutMs: 90_000, what: 'the start banner' });
  if (!output.includes('Press Ctrl-C to stop.')) throw new Error(`the stack did not start:\n${output}`);
  return { banner: output, stop };
}

/** A README line as a newcomer with these ports runs it. */
function run(line: string, ports: StackPorts, dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = line.replaceAll('localhost:3000', `localhost:${ports.http}`);
  return new Promise((done) => {
    execFile(
      'sh',
      ['-c', command],
      { cwd: repoRoot, env: { ...process.env, TIPLINE_HTTP_PORT: String(ports.http), TIPLINE_DATA_DIR: dataDir }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("README's newcomer commands", () => {
  const commands = newcomerCommands();
  const tipLine = one(commands, (line) => line.startsWith('npm run sms') && !line.includes('--from'), 'tipster SMS');
  const clockLine = one(commands, (line) => line.includes('/local/clock?advanceMinutes='), 'clock command');
  const outboxLine = one(commands, (line) => line.includes('/local/outbox'), 'outbox command');
  const ackLine = one(commands, (line) => line.startsWith('npm run sms') && line.includes('--from responder:'), 'responder ACK');

  it('send a tip by SMS, escalate its page with the clock, keep the deadline across a restart, and ACK it', async () => {
    // Arrange
    const dataDir = mkdtempSync(join(tmpdir(), 'tipline-readme-'));
    dirs.push(dataDir);
    const ports = await freeStackPorts();
    const first = await startStack(ports, dataDir);
    const httpUrl = `http://127.0.0.1:${ports.http}`;
    const twilioApiUrl = `http://127.0.0.1:${ports.twilio}`;
    expect(first.banner).toContain(`local Twilio API ${ports.twilio}`);
    expect(first.banner).toContain(`curl -XPOST 'localhost:${ports.http}/local/clock?advanceMinutes=11'`);
    expect(first.banner).toMatch(/ACK its page .*npm run sms -- --from responder:pol-(rosa|hugo) "ACK <code>"/);

    // Act 1: the tipster's SMS
    const tip = await run(tipLine, ports, dataDir);

    // Assert: a TwiML answer, printed readably; a tip in the queue; a page to the on-call police
    expect(tip.code, tip.stderr).toBe(0);
    expect(tip.stdout).toMatch(/HTTP 200/);
    expect(tip.stdout).toMatch(/answer: Recibimos tu mensaje/);
    const signIn = await fetch(`${httpUrl}/local/sign-in?as=operator`, { redirect: 'manual' });
    const operatorToken = /#id_token=(.+)$/.exec(signIn.headers.get('location') ?? '')![1]!;
    const queued = await queuedTip({ httpUrl, operatorToken }, (t) => t.level === 'critical');
    expect(queued.level).toBe('critical');
    const firstPage = await waitFor(async () => (await twilioOutbox(twilioApiUrl)).find((m) => /CRITICO/.test(m.body)), {
      timeoutMs: 20_000,
      what: 'the first page',
    });
    const code = /ACK ([A-Z0-9]{4})/.exec(firstPage.body)![1]!;
    expect([phoneOf('pol-rosa'), phoneOf('pol-hugo')]).toContain(firstPage.to);

    // Act 2: nobody answers; the clock command
    const clock = await run(clockLine, ports, dataDir);

    // Assert: the clock moved 11 minutes and the deadline fired at once: level 2 is paged
    expect(JSON.parse(clock.stdout).offsetMs).toBe(11 * 60_000);
    const pageTo = async (responderId: string) =>
      waitFor(async () => (await twilioOutbox(twilioApiUrl)).find((m) => m.to === phoneOf(responderId) && m.body.includes(`ACK ${code}`)), {
        timeoutMs: 20_000,
        what: `the escalation page to ${responderId}`,
      });
    await pageTo('fis-marta');
    expect((await run(outboxLine, ports, dataDir)).stdout).toContain(phoneOf('fis-marta'));

    // Act 3: a restart, with the level-2 deadline pending
    await first.stop();
    const held = readFileSync(join(dataDir, 'paging-deadlines.json'), 'utf8');
    expect(held).toContain('"step\\":1');
    await startStack(ports, dataDir);

    // Assert: the clock, the outbox and the pending deadline survived; moving on pages level 3
    expect(((await (await fetch(`${httpUrl}/local/clock`)).json()) as { offsetMs: number }).offsetMs).toBe(11 * 60_000);
    expect((await twilioOutbox(twilioApiUrl)).some((m) => m.to === phoneOf('fis-marta'))).toBe(true);
    await run(clockLine, ports, dataDir);
    await pageTo('alb-luz');

    // Act 4: the ACK, with the page's real code
    const ack = await run(ackLine.replace(/ACK [A-Z0-9]{4}/, `ACK ${code}`), ports, dataDir);

    // Assert: the ACK is confirmed to the responder who sent it
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toMatch(/sent by the stack to you: .*T-/);
  }, 240_000);

  it('says what to do when the stack is not running', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tipline-readme-none-'));
    dirs.push(dataDir);
    const ports = { http: await freePort(), dynamo: 0, sqs: 0, twilio: 0 };

    const result = await run(tipLine, ports, dataDir);

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/start it with npm start/);
  }, 60_000);
});

describe('README.md links', () => {
  it('resolve to files in the repository, and nothing points outside it', () => {
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map(([, target]) => target!);
    const relative = links.filter((target) => !/^(https?:|mailto:|#)/.test(target));

    expect(relative.length).toBeGreaterThan(0);
    for (const target of relative) {
      const path = resolve(repoRoot, decodeURIComponent(target.split('#')[0]!));
      expect(path.startsWith(repoRoot), target).toBe(true);
      expect(existsSync(path), target).toBe(true);
    }
    expect(readme).not.toMatch(/\.\.\/shared|\/work\//);
    expect(readme).not.toMatch(/later issue/i);
  });
});
