// The post-deploy smoke check (bin/smoke.ts) run against the local stack, as it runs against a
// deployment: the same signed webhook call, the same operator API, the same close.
import { describe, expect, inject, it } from 'vitest';
import { runSmoke } from '../../bin/smoke';
import { getTip } from '../support/operator';

const stack = inject('stack');

describe('npm run smoke', () => {
  it('gets a signed test SMS into the operator queue, and closes the tip', async () => {
    const lines: string[] = [];
    const result = await runSmoke(
      {
        webhookUrl: `${stack.publicUrl}/sms/twilio`,
        apiUrl: stack.httpUrl,
        twilioAuthToken: stack.twilioAuthToken,
        idToken: stack.operatorToken,
        timeoutMs: 60_000,
        keep: false,
        from: '+15005550006',
      },
      fetch,
      (line) => lines.push(line),
    );

    expect(result.closed).toBe(true);
    expect(result.level).toBe('low');
    const tip = await getTip(stack, result.tipId);
    expect(tip.status).toBe('closed');
    expect(lines.at(-1)).toContain(`closed tip ${result.tipId}`);
  });

  it('fails on a wrong auth token, saying so', async () => {
    await expect(
      runSmoke({
        webhookUrl: `${stack.publicUrl}/sms/twilio`,
        apiUrl: stack.httpUrl,
        twilioAuthToken: 'not-the-token',
        idToken: stack.operatorToken,
        timeoutMs: 5_000,
        keep: true,
        from: '+15005550006',
      }),
    ).rejects.toThrow(/refused the signature/);
  });
});
