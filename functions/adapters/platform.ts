// What a function gets from where it runs. In Lambda that is the defaults: the SDK's own
// clients (region and credentials from Lambda), Secrets Manager by ARN, KMS by ARN, Twilio's API
// and the system clock, each built by the adapter that uses it, so that a function bundles and
// loads only what it uses. Tests and the local stack hand `fromEnv` a platform that replaces
// them (local/platform.ts), so nothing that only exists off AWS is in a function's code.
import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import { ENV } from '../config/env-names';
import type { Env } from '../config/runtime';
import type { StaffDirectory } from '../core/operator-actions';
import type { Clock, DataKeySource, Secrets, TwilioRest } from '../core/ports';

/** SDK middleware, in the SDK's own plugin form (`client.middlewareStack.use(plugin)`). */
export interface ClientMiddleware {
  dynamodb?: Parameters<DynamoDBClient['middlewareStack']['use']>[0];
  sqs?: Parameters<SQSClient['middlewareStack']['use']>[0];
}

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
}

export interface Platform {
  clock: Clock;
  /** SDK client settings (endpoint, region, credentials) and middleware; `{}` takes the SDK's defaults. */
  clients: { dynamodb: DynamoDBClientConfig; sqs: SQSClientConfig; middleware?: ClientMiddleware };
  /** Secrets Manager, by the ARNs in the function's environment, when unset. */
  secrets?: Secrets;
  /** KMS, by the key ARN in the function's environment, when unset. */
  dataKeys?: () => DataKeySource;
  /** Twilio's REST API when unset. */
  twilio?: (account: TwilioAccount) => TwilioRest;
  /** Where the token verifier gets the issuer's keys; aws-jwt-verify's HTTPS cache when unset. */
  jwksCache?: JwksCache;
  /** Who works the line; the Cognito user pool's groups (adapters/cognito-staff.ts) when unset. */
  staffDirectory?: StaffDirectory;
}

/** The environment names the AWS defaults read, besides each function's own configuration. */
export const AWS_PLATFORM_ENV = [
  ENV.vaultKeyArn,
  ENV.contactKeySecretArn,
  ENV.receiptPepperSecretArn,
  ENV.twilioAuthTokenSecretArn,
  ENV.originVerifySecretArn,
] as const;

export const systemClock: Clock = () => new Date();

/** Lambda's: every default. `env` is the function's own, read by the adapters that need it. */
export function awsPlatform(_env: Env): Platform {
  return { clock: systemClock, clients: { dynamodb: {}, sqs: {} } };
}

/** One value per platform (the first call's arguments build it): a function's container builds each client once. */
export function perPlatform<A extends unknown[], T>(build: (platform: Platform, ...args: A) => T): (platform: Platform, ...args: A) => T {
  const built = new WeakMap<Platform, T>();
  return (platform, ...args) => {
    if (!built.has(platform)) built.set(platform, build(platform, ...args));
    return built.get(platform)!;
  };
}
