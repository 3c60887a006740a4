// The operators' dashboard as a phone on a weak signal downloads it: the built JavaScript and CSS,
// raw and gzipped (CloudFront compresses them). Builds it first with the project's own command.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const DIST = join(import.meta.dirname, '..', 'web', 'ops', 'dist', 'assets');

export function benchDashboard(print: (line?: string) => void): void {
  execFileSync('npm', ['run', '--silent', 'build:web'], { cwd: join(import.meta.dirname, '..'), stdio: 'ignore' });
  print('dashboard bundle (web/ops, npm run build:web): bytes raw / gzip');
  for (const kind of ['js', 'css']) {
    const files = readdirSync(DIST).filter((f) => f.endsWith(`.${kind}`));
    const raw = files.reduce((sum, f) => sum + readFileSync(join(DIST, f)).length, 0);
    const gzip = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f)), { level: 9 }).length, 0);
    print(`  ${kind.padEnd(4)} ${String(raw).padStart(8)} / ${String(gzip).padStart(7)}   (${files.length} file${files.length === 1 ? '' : 's'})`);
  }
}
