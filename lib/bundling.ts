// Substitutions esbuild makes when it bundles a function. Kept in one place so that the CDK
// app, the bench and the bundle test build exactly the same thing.
import { join } from 'node:path';
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
