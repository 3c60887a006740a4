// Builds the dashboard before the stack starts serving it, so the browser always tests the
// source as it is now and never a stale dist/ from an earlier build.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export async function setup(): Promise<void> {
  await build({ configFile: fileURLToPath(new URL('../../web/ops/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}
