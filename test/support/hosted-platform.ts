// The platform a test gives a function it hosts itself (hostFunction) against the shared local
// stack: the stack's tables and queues and its contact-key secret, so that contact keys match
// the stack's, with a fresh receipt pepper and vault key unless the test needs its own. Twilio
// points at a closed port: nothing these tests host may send or delete.
import { randomBytes } from 'node:crypto';
import type { inject } from 'vitest';
import { localPlatform } from '../../local/platform';

type Stack = ReturnType<typeof inject<'stack'>>;

export function hostedPlatform(stack: Stack, secrets: { receiptPepper?: string } = {}) {
  return localPlatform({
    dynamoDbEndpoint: stack.dynamoDbEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
    secrets: {
      twilioAuthToken: stack.twilioAuthToken,
      contactKeySecret: stack.contactKeySecret,
      receiptPepper: secrets.receiptPepper ?? randomBytes(32).toString('hex'),
      vaultLocalKey: randomBytes(32).toString('hex'),
    },
    twilioApiBaseUrl: 'http://127.0.0.1:9',
  });
}
