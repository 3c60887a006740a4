// Each function's bundle as the CDK app builds it (esbuild, ESM, minified, the AWS SDK left to
// the runtime) and its cold init: a fresh Node process importing the bundle, which builds its
// clients and reads its configuration at module scope, timed from spawn to the import done.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { HANDLER_ENTRIES } from '../functions/config/tables';
import { functionBuildOptions } from '../lib/bundling';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COLD_RUNS = 9;

/** Enough configuration for every handler's cold-start validation; nothing is called. */
const FAKE_ENV: Record<string, string> = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  TIPLINE_TIPS_TABLE: 'Tips',
  TIPLINE_MESSAGES_TABLE: 'Messages',
  TIPLINE_CONTACTS_TABLE: 'Contacts',
  TIPLINE_RECEIPTS_TABLE: 'Receipts',
  TIPLINE_CONTACT_VAULT_TABLE: 'ContactVault',
  TIPLINE_AUDIT_TABLE: 'Audit',
  TIPLINE_ROSTER_TABLE: 'Roster',
  TIPLINE_RESPONDER_CONTACTS_TABLE: 'ResponderContacts',
  TIPLINE_PAGING_TABLE: 'Paging',
  TIPLINE_PAGE_DELIVERIES_TABLE: 'PageDeliveries',
  TIPLINE_EVIDENCE_TABLE: 'Evidence',
  TIPLINE_INTAKE_MEMORY_TABLE: 'IntakeMemory',
  TIPLINE_CASES_TABLE: 'Cases',
  TIPLINE_STATISTICS_TABLE: 'Statistics',
  TIPLINE_TIPS_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/tips',
  TIPLINE_PAGING_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/paging',
  TIPLINE_TWILIO_CLEANUP_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/twilio-cleanup',
  TIPLINE_PUBLIC_URL: 'https://tips.example.org',
  TIPLINE_VAULT_KEY_ARN: 'arn:aws:kms:us-east-1:000000000000:key/bench',
  TIPLINE_JWT_ISSUER: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_bench',
  TIPLINE_JWT_AUDIENCE: 'bench',
  TIPLINE_STAFF_USER_POOL_ID: 'us-east-1_bench',
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TIPLINE_TWILIO_SENDER: '+51900000000',
};

function bundle(entry: string, outfile: string): number {
  buildSync({ ...functionBuildOptions(join(ROOT, entry), outfile) });
  return statSync(outfile).size;
}

function coldInitMs(bundlePath: string): number[] {
  const probe = `const t=performance.now();await import(${JSON.stringify(`file://${bundlePath}`)});process.stdout.write(String(performance.now()-t));`;
  const samples: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, env: { ...process.env, ...FAKE_ENV }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`cold start of ${bundlePath} failed: ${run.stderr.slice(-600)}`);
    samples.push(Number(run.stdout));
  }
  return samples.sort((a, b) => a - b);
}

export function benchFunctions(print: (line?: string) => void): void {
  // Inside the repository, so that the bundles resolve the AWS SDK from node_modules as the
  // Lambda runtime resolves it from its own copy.
  const dir = mkdtempSync(join(ROOT, '.bench-bundles-'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  try {
    print('functions: bundle (minified, AWS SDK external) and cold init (import in a fresh process)');
    print(`  ${'function'.padEnd(16)} ${'bundle'.padStart(10)}   ${'init p50'.padStart(9)} ${'init max'.padStart(9)}   (n=${COLD_RUNS})`);
    for (const [name, entry] of Object.entries(HANDLER_ENTRIES)) {
      const out = join(dir, `${name}.mjs`);
      const size = bundle(entry, out);
      const samples = coldInitMs(out);
      const p50 = samples[Math.floor(samples.length / 2)]!;
      print(
        `  ${name.padEnd(16)} ${`${(size / 1024).toFixed(0)} KB`.padStart(10)}   ${`${p50.toFixed(0)} ms`.padStart(9)} ${`${samples.at(-1)!.toFixed(0)} ms`.padStart(9)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The load test at issue 9's steady rate, on its own local stack; its report, as printed. */
export function benchLocalStack(print: (line?: string) => void): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/loadtest.ts', '--rate', '20', '--seconds', '30'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const lines = run.stdout.split('\n').filter((line) => /^\s+(sent|accepted|stored|critical|intake answer|tip-to-stored|tip-to-page|load)\b/.test(line));
  for (const line of lines) print(line);
  if (run.status !== 0) print(`  (the load test exited with ${run.status}: see npm run loadtest)`);
}

/** The statistics' cost against the tips of a month (bench/statistics.ts), in a process of its own: it starts a DynamoDB Local. */
export function benchStatistics(print: (line?: string) => void): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/statistics.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  for (const line of run.stdout.split('\n').filter(Boolean)) print(line);
  if (run.status !== 0) print(`  (the statistics bench exited with ${run.status}: run node --import tsx bench/statistics.ts)`);
}
