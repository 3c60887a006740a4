// The CLI contract: `score --jsonl FILE` (one JSON line per tip), `explain`, and `eval`.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { INDICATOR_IDS, LEVELS } from '../../functions/core/tip';

const run = promisify(execFile);
const repoRoot = new URL('../..', import.meta.url);
const devCorpus = new URL('../corpus/dev-tips.jsonl', import.meta.url);
const sharedMetrics = new URL('../support/reference-triage-metrics.mjs', import.meta.url);

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
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
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
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual(['1', 'x']);
    expect(stderr).toContain('line 2');
    expect(stderr).toContain('line 3');
  }, 30_000);

  it('prints its usage for an unknown command', async () => {
    const { code, stderr } = await cli('frobnicate');
    expect(code).toBe(2);
    expect(stderr).toContain('usage:');
  }, 30_000);
});

/** Runs the CLI with `input` on its standard input. */
function cliWithInput(input: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('tipline explain', () => {
  const tip =
    'soy Carmen, mi cel 974 258 136. hace dos años le quitaron el dni a mi hermana. ' +
    'Ahora mi hija de 15 esta en un bar en Mazuko, no la tienen encerrada pero la hacen tomar con los clientes.';

  it('shows level, rule, evidence in context, places with region, and what it set aside', async () => {
    const { code, stdout } = await cli('explain', tip);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^level\s+critical \(score \d+\)/m);
    expect(stdout).toMatch(/^rule\s+critical: minor \+ sexual_exploitation/m);
    expect(stdout).toContain('[tomar con los clientes]');
    expect(stdout).toContain('Mazuko (Madre de Dios)');
    expect(stdout).toMatch(/confinement\s+negated: .*\[encerrada\]/);
    expect(stdout).toMatch(/document_retention\s+past: .*\[quitaron el dni\]/);
    expect(stdout).not.toContain('974 258 136');
    expect(stdout).not.toContain('Carmen');
  }, 30_000);

  it('reads the text from standard input, and tips from --jsonl -', async () => {
    const piped = await cliWithInput('me tienen encerrada en el km 108, ayudenme', 'explain');
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^level\s+critical/m);
    expect(piped.stdout).toContain('Interoceánica km 108 (Madre de Dios)');

    const lines = '{"id": "a", "text": "hola"}\n{"id": "b", "text": "perdí mi DNI"}\n';
    const many = await cliWithInput(lines, 'explain', '--jsonl', '-');
    expect(many.code).toBe(0);
    expect(many.stdout).toContain('── a');
    expect(many.stdout).toContain('── b');
    expect(many.stdout.match(/^level\s+low/gm)).toHaveLength(2);
  }, 30_000);
});

describe('tipline eval', () => {
  it('prints the same metrics as the shared tool on the dev corpus, and the under-triaged ids', async () => {
    const scored = await cli('score', '--jsonl', devCorpus.pathname);
    const file = join(mkdtempSync(join(tmpdir(), 'tipline-eval-')), 'predictions.jsonl');
    writeFileSync(file, scored.stdout);
    const shared = await run('node', [sharedMetrics.pathname, devCorpus.pathname, file]);
    const ours = await cli('eval', devCorpus.pathname);
    expect(ours.code).toBe(0);
    expect(ours.stdout.startsWith(shared.stdout)).toBe(true);
    expect(ours.stdout).toMatch(/under-triaged: /);
  }, 60_000);

  it('names the under-triaged tips, reads standard input, and prints JSON on request', async () => {
    const corpus = [
      { id: 'u1', text: 'hola buenas tardes', level: 'critical', indicators: ['minor'] },
      { id: 'ok', text: 'mi hija de 15 esta en un prostibar', level: 'critical', indicators: ['minor', 'sexual_exploitation'] },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const text = await cliWithInput(corpus, 'eval', '-');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('tips 2, scored 2');
    expect(text.stdout).toContain('under-triaged: u1 critical->low');

    const json = await cliWithInput(corpus, 'eval', '-', '--json');
    const m = JSON.parse(json.stdout) as { tips: number; under_triaged: string[]; critical_recall: number };
    expect(m.tips).toBe(2);
    expect(m.under_triaged).toEqual(['u1 critical->low']);
    expect(m.critical_recall).toBe(0.5);
  }, 30_000);
});
