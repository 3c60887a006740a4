// The Twilio client as it ships: bundled by esbuild with the CDK app's substitutions (an empty
// mime-db), then used to send and delete through a local Twilio API. Proves the substitution
// leaves the library's real request path working.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { functionBuildOptions } from '../../lib/bundling';
import { startLocalTwilioApi } from '../../local/twilio-api';
import { freePort } from '../support/free-port';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(root, '.bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled Twilio client', () => {
  it('sends and deletes messages with mime-db substituted', async () => {
    // Arrange
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const out = join(dir, 'twilio-rest.mjs');
    buildSync({ ...functionBuildOptions(join(root, 'functions/adapters/twilio-rest.ts'), out) });
    // The substitution took: none of mime-db's 2,000 media types is in the bundle.
    expect(readFileSync(out, 'utf8')).not.toContain('application/1d-interleaved-parityfec');
    const account = { accountSid: `AC${'1'.repeat(32)}`, authToken: 'a'.repeat(32) };
    const twilio = await startLocalTwilioApi(await freePort(), account);
    try {
      const { twilioRest } = (await import(out)) as typeof import('../../functions/adapters/twilio-rest');
      const client = twilioRest({ ...account, apiBaseUrl: twilio.baseUrl });

      // Act
      const { sid } = await client.sendMessage({ to: '+51900000101', from: '+51900000000', body: 'tipline CRITICO T-ABCD' });
      const deleted = await client.deleteMessage(sid);

      // Assert
      expect(twilio.sent().map((m) => [m.to, m.body, m.params.ContentRetention])).toEqual([['+51900000101', 'tipline CRITICO T-ABCD', 'discard']]);
      expect(deleted).toBe('deleted');
    } finally {
      await twilio.stop();
    }
  });
});
