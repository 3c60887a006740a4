// How a function is bundled: esbuild's settings and substitutions, in one place so that the CDK
// app, the bench and the bundle test build exactly the same thing.
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * mime-db (137 KB of media types) is pulled in by axios's form-data, which only multipart
 * uploads use. The Twilio client sends url-encoded forms, so an empty database changes nothing
 * for us and keeps the sending functions under 500 KB. test/integration/twilio-bundle.test.ts
 * sends through a bundle built this way.
 */
export const ESBUILD_ALIASES: Record<string, string> = {
  'mime-db': join(ROOT, 'functions', 'bundling', 'mime-db-stub.json'),
};

/** ESM needs `require` for the CommonJS dependencies esbuild inlines. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** esbuild's build options for one function, as `NodejsFunction` passes them (see tipline-function.ts). */
export function functionBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*', '@smithy/*'],
    banner: { js: ESM_REQUIRE_BANNER },
    alias: ESBUILD_ALIASES,
    outfile,
    logLevel: 'error',
  };
}
