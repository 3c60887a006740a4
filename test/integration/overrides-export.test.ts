// `tipline eval --overrides` against the running local stack: closed tips come out as corpus
// lines with the operator's level (their override, else the final level) beside the scorer's,
// the tipster's words as stored (redacted), and nothing an operator wrote.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const { operator } = stack.tokens as Record<'operator', string>;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TIPLINE_DYNAMODB_PORT: new URL(stack.dynamoDbEndpoint).port };
  delete env.TIPLINE_TIPS_TABLE;
  delete env.TIPLINE_MESSAGES_TABLE;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'bin/tipline.ts', 'eval', ...args],
      { cwd: REPO, env, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface CorpusLine {
  id: string;
  channel: string;
  lang: string;
  text: string;
  level: string;
  indicators: string[];
  scoredLevel: string;
  pii: unknown[];
  keep: unknown[];
}

const linesOf = (stdout: string): CorpusLine[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CorpusLine);

async function newTip(marker: string, from: string, body: string): Promise<QueueItem> {
  await postSignedSms(stack, twilioWebhook({ From: from, Body: `${marker} ${body}` }));
  return queuedTip(stack, (t) => t.preview.startsWith(marker), { what: `the tip "${marker}"` });
}

async function ok(method: 'POST', path: string, body: unknown): Promise<void> {
  const res = await call(stack, operator, method, path, body);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
}

describe('tipline eval --overrides', () => {
  it("exports closed tips as corpus lines: the operator's level, the scorer's, redacted text only", async () => {
    // Arrange: three tips; one raised by an operator, one with a note, two closed, one left open
    const day = new Date().toISOString().slice(0, 10);
    const raised = await newTip('etiquetaalza', '+51944200001', 'me ofrecieron trabajo en un bar de mazuko, llamame al 987 654 321');
    const kept = await newTip('etiquetaigual', '+51944200002', 'a mi esposo le quitaron su dni en el campamento y no lo dejan salir');
    const open = await newTip('etiquetaabierta', '+51944200003', 'hola, cual es el horario de atencion?');
    await ok('POST', `/api/tips/${raised.tipId}/level`, { level: 'critical', reason: 'razonsecreta la chica es menor' });
    const noteRes = await call(stack, operator, 'POST', `/api/tips/${kept.tipId}/notes`, { text: 'notasecreta la hermana se llama Rosa' });
    expect(noteRes.status).toBe(201);
    for (const tip of [raised, kept]) await ok('POST', `/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'referred_to_police' });

    // Act
    const result = await cli('--overrides', '--since', day);

    // Assert: one line per closed tip, ours among them; the open one is not exported
    expect(result.code, result.stderr).toBe(0);
    const lines = linesOf(result.stdout);
    const byId = new Map(lines.map((line) => [line.id, line]));
    expect(byId.has(open.tipId)).toBe(false);
    expect(byId.get(raised.tipId)).toEqual({
      id: raised.tipId,
      channel: 'sms',
      lang: 'es',
      text: expect.stringMatching(/^etiquetaalza me ofrecieron trabajo en un bar de mazuko, llamame al \[PHONE\]$/),
      level: 'critical',
      indicators: [...new Set(raised.indicators)],
      scoredLevel: raised.level,
      pii: [],
      keep: [],
    });
    expect(raised.level).not.toBe('critical');
    expect(byId.get(kept.tipId)).toMatchObject({
      id: kept.tipId,
      level: kept.level,
      scoredLevel: kept.level,
      indicators: [...new Set(kept.indicators)],
      pii: [],
      keep: [],
    });
    expect(byId.get(kept.tipId)!.text).toMatch(/^etiquetaigual a mi esposo le quitaron su dni/);
    // Nothing that storage does not hold redacted: no number, no override reason, no note
    for (const secret of ['987 654 321', '987654321', 'razonsecreta', 'notasecreta', 'Rosa']) expect(result.stdout).not.toContain(secret);
    for (const line of lines) expect(Object.keys(line)).toEqual(['id', 'channel', 'lang', 'text', 'level', 'indicators', 'scoredLevel', 'pii', 'keep']);
  });

  it('--since leaves out tips closed before that day', async () => {
    // Arrange
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

    // Act
    const result = await cli('--overrides', '--since', tomorrow);

    // Assert
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('refuses a --since that is not a date, and --aws without the table names', async () => {
    // Act
    const badDate = await cli('--overrides', '--since', '2026-13-45');
    const noTables = await cli('--overrides', '--aws');

    // Assert
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--since is not a calendar date');
    expect(noTables.code).toBe(2);
    expect(noTables.stderr).toContain('--aws needs $TIPLINE_TIPS_TABLE and $TIPLINE_MESSAGES_TABLE');
  });
});
