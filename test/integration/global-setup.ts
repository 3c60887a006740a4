// Starts the real local stack (`npm start`'s entry) in a child process on free ports with a
// throwaway data folder, and records everything it prints so that tests can scan the logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_USERS, localIdentity } from '../../local/identity';
import { freePort } from '../support/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: {
      httpUrl: string;
      publicUrl: string;
      dynamoDbEndpoint: string;
      sqsEndpoint: string;
      twilioApiUrl: string;
      dataDir: string;
      logPath: string;
      twilioAuthToken: string;
      /** An ID token for the demo operator, signed by the local issuer. */
      operatorToken: string;
      /** ID tokens for every demo user (operator, operator2, supervisor, responder). */
      tokens: Record<string, string>;
      /** The local issuer's key, so that tests can forge bad tokens as an attacker would try. */
      identityPrivateKey: string;
      contactKeySecret: string;
    };
  }
}

let child: ChildProcess | undefined;
let dataDir: string | undefined;

async function waitForHealth(url: string, exited: () => boolean, logPath: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`The local stack exited during start-up:\n${readFileSync(logPath, 'utf8')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The local stack did not become healthy in 90 s:\n${readFileSync(logPath, 'utf8')}`);
}

export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'tipline-it-'));
  const logPath = join(dataDir, 'stack.log');
  const [httpPort, dynamoPort, sqsPort, twilioPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const log = createWriteStream(logPath);
  child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: {
      ...process.env,
      TIPLINE_HTTP_PORT: String(httpPort),
      TIPLINE_DYNAMODB_PORT: String(dynamoPort),
      TIPLINE_SQS_PORT: String(sqsPort),
      TIPLINE_TWILIO_PORT: String(twilioPort),
      // Twilio's copy is deleted after a second instead of a minute.
      TIPLINE_TWILIO_CLEANUP_DELAY_SECONDS: '1',
      // Deadlines are re-checked every second, so moving the paging clock (POST /local/clock)
      // makes them fall due at once instead of after minutes.
      TIPLINE_PAGING_MAX_DELAY_SECONDS: '1',
      TIPLINE_DATA_DIR: join(dataDir, 'data'),
      // Failed messages come back in 2 s instead of 3 minutes, so redrive is testable.
      TIPLINE_LOCAL_VISIBILITY_TIMEOUT: '2',
      // Every file pages Madre de Dios on one stack and one clock: the deployment's budget of 6
      // page SMS per region and hour would hold one file's pages because of another's. The
      // budget's own test (paging-guards) gives its region's policy the default budget.
      TIPLINE_PAGE_BUDGET_PER_REGION_HOUR: '200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitForHealth(httpUrl, () => exited, logPath);

  const secrets = JSON.parse(readFileSync(join(dataDir, 'data', 'secrets.json'), 'utf8')) as {
    twilioAuthToken: string;
    identityPrivateKey: string;
    contactKeySecret: string;
  };
  const identity = localIdentity(httpUrl, secrets.identityPrivateKey);
  const tokens = Object.fromEntries(DEMO_USERS.map((user) => [user, identity.idToken(user)]));
  project.provide('stack', {
    httpUrl,
    publicUrl: httpUrl,
    dynamoDbEndpoint: `http://127.0.0.1:${dynamoPort}`,
    sqsEndpoint: `http://127.0.0.1:${sqsPort}`,
    twilioApiUrl: `http://127.0.0.1:${twilioPort}`,
    dataDir,
    logPath,
    twilioAuthToken: secrets.twilioAuthToken,
    operatorToken: tokens.operator!,
    tokens,
    identityPrivateKey: secrets.identityPrivateKey,
    // Only so that tests can compute a contact key and check the vault, as an auditor would.
    contactKeySecret: secrets.contactKeySecret,
  });
}

export async function teardown(): Promise<void> {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGINT');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
