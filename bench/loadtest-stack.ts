// The load test's own local stack: `npm start`'s entry in a child process on free ports with a
// throwaway data folder, as the integration tests start theirs. Its own process group, so that
// a forced stop also takes DynamoDB Local's Java process with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/free-port';

export interface LoadTarget {
  httpUrl: string;
  /** The URL Twilio signatures are computed over (the stack's TIPLINE_PUBLIC_URL). */
  publicUrl: string;
  twilioAuthToken: string;
  dynamoDbEndpoint?: string;
  logPath?: string;
}

export interface OwnStack extends LoadTarget {
  /** `keep` leaves the data folder and the stack's log for a post-mortem. */
  stop(keep?: boolean): Promise<void>;
  dir: string;
  /** Synchronous last resort for process exit: kill the group, remove the folder. */
  killNow(): void;
}

const REPO = fileURLToPath(new URL('..', import.meta.url));

/**
 * `onSpawned` receives the stack's stop and kill as soon as the process exists, so that a
 * Ctrl-C during start-up does not leave it behind.
 */
export async function startOwnStack(
  onSpawned: (handle: Pick<OwnStack, 'stop' | 'killNow' | 'dir'>) => void,
  /** Deployment settings for the stack (TIPLINE_PAGE_BUDGET_PER_REGION_HOUR…), over this process's. */
  settings: Record<string, string> = {},
): Promise<OwnStack> {
  const dir = mkdtempSync(join(tmpdir(), 'tipline-load-'));
  const logPath = join(dir, 'stack.log');
  const [httpPort, dynamoPort, sqsPort, twilioPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const log = createWriteStream(logPath);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: REPO,
    // Everything else as `npm start` has it (visibility timeouts, cleanup delay, pollers), so the
    // figures are the local stack's own; TIPLINE_LOCAL_POLLERS and the like pass through.
    env: {
      ...process.env,
      ...settings,
      TIPLINE_HTTP_PORT: String(httpPort),
      TIPLINE_DYNAMODB_PORT: String(dynamoPort),
      TIPLINE_SQS_PORT: String(sqsPort),
      TIPLINE_TWILIO_PORT: String(twilioPort),
      TIPLINE_DATA_DIR: join(dir, 'data'),
      TIPLINE_PUBLIC_URL: httpUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = child.exitCode !== null;
  child.once('exit', () => (exited = true));

  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    rmSync(dir, { recursive: true, force: true });
  };
  const killGroup = (signal: NodeJS.Signals) => {
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async (keep = false) => {
    if (!exited) {
      const done = new Promise((resolve) => child.once('exit', resolve));
      // SIGINT first: the stack finishes what is queued and stops its own children.
      killGroup('SIGINT');
      const timer = setTimeout(() => killGroup('SIGKILL'), 20_000);
      await done;
      clearTimeout(timer);
    }
    log.end();
    if (!keep) remove();
  };
  const killNow = () => {
    killGroup('SIGKILL');
    remove();
  };

  onSpawned({ stop, killNow, dir });
  try {
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (exited) throw new Error(`The local stack exited during start-up:\n${readFileSync(logPath, 'utf8')}`);
      if (Date.now() > deadline) throw new Error(`The local stack did not become healthy in 90 s:\n${readFileSync(logPath, 'utf8')}`);
      const ok = await fetch(`${httpUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const secrets = JSON.parse(readFileSync(join(dir, 'data', 'secrets.json'), 'utf8')) as { twilioAuthToken?: unknown };
    if (typeof secrets.twilioAuthToken !== 'string') throw new Error('The local stack wrote no Twilio auth token.');
    return {
      httpUrl,
      publicUrl: httpUrl,
      twilioAuthToken: secrets.twilioAuthToken,
      dynamoDbEndpoint: `http://127.0.0.1:${dynamoPort}`,
      logPath,
      dir,
      stop,
      killNow,
    };
  } catch (error: unknown) {
    await stop();
    throw error;
  }
}
