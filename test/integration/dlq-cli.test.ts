// The dead-letter commands of the CLI against the running local stack: a poison message goes
// to the DLQ after five receives, is listed without its body, inspected without its raw phone
// number, and redriven to the tips queue, from where (still poison) it comes back.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { queueUrl, sqs } from '../support/local-aws';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const RAW_PHONE = '+51 987 654 321';
const PHONE_DIGITS = ['987 654 321', '987654321', '51987654321'];

function dlq(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bin/tipline.ts', 'dlq', ...args],
      { cwd: REPO, env: { ...process.env, TIPLINE_SQS_PORT: new URL(stack.sqsEndpoint).port }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const listedIds = (stdout: string): string[] => [...stdout.matchAll(/^\s+([0-9a-f-]{36})\s+receives/gm)].map((m) => m[1]!);

describe('tipline dlq', () => {
  it('lists, inspects (redacted) and redrives a poison message without losing it', async () => {
    // Arrange: a message that is not a TipReceived, carrying raw data that intake never redacted
    const client = sqs(stack.sqsEndpoint);
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: await queueUrl(client, 'tips'),
        MessageBody: JSON.stringify({ type: 'TipReceived', from: RAW_PHONE, text: `llámame al ${RAW_PHONE}`, sealedSid: 'v1.aGVsbG8.aXY.Y2lwaGVy.dGFn' }),
      }),
    );
    const poisonId = sent.MessageId!;
    await waitFor(async () => (await dlq('list', '--queue', 'tips')).stdout.includes(poisonId), { timeoutMs: 45_000, what: 'the poison message in tips-dlq' });

    // Act
    const listed = await dlq('list', '--queue', 'tips');
    const inspected = await dlq('inspect', poisonId);

    // Assert: one line per message, no body; the inspection hides the number and the sealed value
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes(poisonId));
    expect(line).toMatch(/receives\s+\d+\s+age\s+\S+\s+TipReceived\s+\d+ B$/);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain('[PHONE]');
    expect(inspected.stdout).toContain('"sealedSid": "[sealed]"');
    expect(listed.stdout).not.toContain('llámame');
    for (const output of [listed.stdout, inspected.stdout]) {
      for (const digits of PHONE_DIGITS) expect(output.replace(/[0-9a-f-]{36}/g, '')).not.toContain(digits);
    }

    // Act: redrive everything in tips-dlq
    const depthBefore = listedIds(listed.stdout).length;
    const redriven = await dlq('redrive', '--queue', 'tips');

    // Assert: every message counted was moved, ours among them, and the DLQ no longer holds it
    expect(redriven.code).toBe(0);
    expect(redriven.stdout).toMatch(new RegExp(`tips-dlq -> tips: moved ${depthBefore}\\b`));
    const moved = new RegExp(`moved ${poisonId} -> ([0-9a-f-]{36})`).exec(redriven.stdout);
    expect(moved).not.toBeNull();
    const newId = moved![1]!;
    expect(listedIds((await dlq('list', '--queue', 'tips')).stdout)).not.toContain(poisonId);

    // Assert: still poison, it is retried five times and comes back under its new id
    await waitFor(async () => listedIds((await dlq('list', '--queue', 'tips')).stdout).includes(newId), {
      timeoutMs: 45_000,
      what: 'the redriven message back in tips-dlq',
    });
  }, 120_000);

  it('refuses an unknown queue and reports a message it cannot find', async () => {
    // Act
    const unknownQueue = await dlq('list', '--queue', 'nope');
    const missing = await dlq('inspect', '00000000-0000-4000-8000-000000000000', '--queue', 'paging');

    // Assert
    expect(unknownQueue.code).toBe(2);
    expect(unknownQueue.stderr).toContain('--queue must be one of tips, twilio-cleanup, paging');
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('No message 00000000-0000-4000-8000-000000000000 in paging-dlq');
  });
});
