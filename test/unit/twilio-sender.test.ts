import { describe, expect, it } from 'vitest';
import { TwilioNotConfigured, twilioSender } from '../../functions/adapters/twilio-sender';
import type { Secrets } from '../../functions/core/ports';

const secrets: Secrets = { contactKeySecret: async () => 'x'.repeat(32), receiptPepper: async () => 'x'.repeat(32), twilioAuthToken: async () => 'token' };

describe('twilioSender', () => {
  it('starts without configuration and explains, on first use, what to set', async () => {
    const twilio = () => {
      throw new Error('no client may be built without an account');
    };
    const sender = twilioSender(
      { accountSid: 'AC_SET_ME', sender: 'SENDER_SET_ME' },
      { clock: () => new Date(), clients: { dynamodb: {}, sqs: {} }, twilio, secrets },
      {},
    );
    const attempt = sender.send({ to: '+51987654321', body: 'hola' });
    await expect(attempt).rejects.toBeInstanceOf(TwilioNotConfigured);
    await expect(attempt).rejects.toThrow(/TIPLINE_TWILIO_SENDER/);
  });

  it('names the account SID when only the sender is set', async () => {
    const sender = twilioSender(
      { sender: '+51900000000' },
      { clock: () => new Date(), clients: { dynamodb: {}, sqs: {} }, twilio: () => ({}) as never, secrets },
      {},
    );
    await expect(sender.send({ to: '+51987654321', body: 'hola' })).rejects.toThrow(/TWILIO_ACCOUNT_SID/);
  });
});
