import { describe, expect, it } from 'vitest';
import { TwilioNotConfigured, twilioSenderFromEnv } from '../../functions/adapters/twilio-sender';

describe('twilioSenderFromEnv', () => {
  it('starts without configuration and explains, on first use, what to set', async () => {
    const sender = twilioSenderFromEnv(async () => 'token', { TWILIO_ACCOUNT_SID: 'AC_SET_ME', TIPLINE_TWILIO_SENDER: 'SENDER_SET_ME' });
    const attempt = sender.send({ to: '+51987654321', body: 'hola' });
    await expect(attempt).rejects.toBeInstanceOf(TwilioNotConfigured);
    await expect(attempt).rejects.toThrow(/TIPLINE_TWILIO_SENDER/);
  });
});
