// What a function gets from where it runs: SDK clients, the clock, its secrets, the data keys
// that seal contact data, Twilio's API and the issuer's keys. `awsPlatform` is Lambda's; tests
// and the local stack build their own (local/platform.ts) and hand it to the same `fromEnv`, so
// nothing that only exists off AWS is in a function's code.
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import { ENV } from '../config/env-names';
import { InvalidConfiguration, type Env } from '../config/runtime';
import type { Clock, DataKeySource, Secrets, TwilioRest } from '../core/ports';
import { defaultDocumentClient } from './aws-clients';
import { kmsDataKeys } from './envelope';
import { secretsManagerSecrets } from './secrets';
import { twilioRest } from './twilio-rest';

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

export interface Platform {
  dynamo(): DynamoDBDocumentClient;
  sqs(): SQSClient;
  clock: Clock;
  secrets: Secrets;
  /** Built on first use: most functions never seal or open anything. */
  dataKeys(): DataKeySource;
  twilio(account: TwilioAccount): TwilioRest;
  /** Where the token verifier gets the issuer's keys; aws-jwt-verify's HTTPS cache when unset. */
  jwksCache?: JwksCache;
}

/** The environment names the AWS platform reads, besides each function's own configuration. */
export const AWS_PLATFORM_ENV = [ENV.vaultKeyArn, ENV.contactKeySecretArn, ENV.receiptPepperSecretArn, ENV.twilioAuthTokenSecretArn] as const;

export const systemClock: Clock = () => new Date();

export function memo<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** Lambda's: the SDK's default clients (region and credentials from Lambda), KMS, Secrets Manager. */
export function awsPlatform(env: Env): Platform {
  return {
    dynamo: memo(defaultDocumentClient),
    sqs: memo(() => new SQSClient({})),
    clock: systemClock,
    secrets: secretsManagerSecrets(env),
    dataKeys: memo(() => {
      const keyArn = env[ENV.vaultKeyArn];
      if (!keyArn) throw new InvalidConfiguration(`Set ${ENV.vaultKeyArn} to the KMS key that seals contact data.`);
      return kmsDataKeys(new KMSClient({}), keyArn);
    }),
    twilio: (account) => twilioRest(account),
  };
}
