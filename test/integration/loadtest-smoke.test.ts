// `npm run loadtest`, briefly, against the shared integration stack: the script runs, signs its
// SMS webhooks so the stack accepts them, finds every accepted tip stored once, and ends with
// its report as one JSON line. Counts only; the figures are for docs/performance.md.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');
const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run loadtest', () => {
  it('drives a running stack at a small rate and reports what it sent and stored', async () => {
    // Act
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/loadtest.ts',
          '--rate',
          '5',
          '--seconds',
          '3',
          '--drain',
          '20',
          '--url',
          stack.httpUrl,
          '--public-url',
          stack.publicUrl,
          '--dynamodb',
          stack.dynamoDbEndpoint,
          '--twilio-token',
          stack.twilioAuthToken,
        ],
        { cwd: REPO, timeout: 45_000 },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
      );
    });

    // Assert
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(report).toMatchObject({ tool: 'tipline-loadtest', planned: 15, sent: 15, accepted: 15, server5xx: 0, client4xx: 0, lost: 0, duplicated: 0 });
    expect(report.stored).toBe(report.acceptedTips);
    expect(stdout).toMatch(/tip-to-stored\s+p50/);
  }, 60_000);
});
