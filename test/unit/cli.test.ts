// The CLI contract: `npm run --silent cli -- score --jsonl FILE`, one JSON line per tip.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, LEVELS } from '../../functions/core/tip';

const run = promisify(execFile);
const repoRoot = new URL('../..', import.meta.url);
const devCorpus = new URL('../../../shared/corpus/dev-tips.jsonl', import.meta.url);

async function cli(...args: string[]) {
  return run('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot }).then(
    (out) => ({ code: 0, ...out }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('tipline score --jsonl', () => {
  it('prints one prediction per tip of the dev corpus, with evidence from the redacted text', async () => {
    const { code, stdout } = await cli('score', '--jsonl', devCorpus.pathname);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(40);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['id', 'level', 'score', 'indicators', 'redacted']);
      expect(LEVELS).toContain(line.level);
      for (const finding of line.indicators as Array<{ id: string; evidence: string }>) {
        expect(INDICATOR_IDS).toContain(finding.id);
        expect(line.redacted as string).toContain(finding.evidence);
      }
    }
    const d007 = lines.find((l) => l.id === 'd007')!;
    expect(d007.redacted).not.toContain('974 258 136');
    expect(d007.redacted).not.toContain('Carmen Apaza');
  }, 30_000);

  it('reports lines it cannot read on stderr and exits 1, still scoring the rest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tipline-cli-')), 'tips.jsonl');
    writeFileSync(file, '{"id": 1, "text": "hola"}\nnot json\n{"text": "sin id"}\n\n{"id": "x", "text": "mi hija de 15 esta en un prostibar"}\n');
    const { code, stdout, stderr } = await cli('score', '--jsonl', file);
    expect(code).toBe(1);
    expect(stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['1', 'x']);
    expect(stderr).toContain('line 2');
    expect(stderr).toContain('line 3');
  }, 30_000);

  it('prints its usage for an unknown command', async () => {
    const { code, stderr } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  }, 30_000);
});
