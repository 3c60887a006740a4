// Secrets, fetched once per container. In AWS each lives in its own Secrets Manager secret
// (plain text) and only its ARN is in the function's environment, so a function can read only
// the secrets it was granted.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../config/env-names';
import type { Env } from '../config/runtime';
import type { Secrets } from '../core/ports';
import { perPlatform, type Platform } from './platform';

export class MissingSecret extends Error {
  override name = 'MissingSecret';
  constructor(what: string) {
    super(`${what} is not configured: set it in Secrets Manager and give this function its ARN (see README "Deploying").`);
  }
}

/** Reads once and keeps the promise, so concurrent first calls share one fetch. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined; // a transient failure must not poison the container
      throw error;
    });
    return pending;
  };
}

/** The minimum lengths every source of secrets must meet. */
export const SECRET_RULES = {
  contactKeySecret: { what: 'The contact-key secret', minLength: 32 },
  receiptPepper: { what: 'The receipt pepper', minLength: 32 },
  twilioAuthToken: { what: 'The Twilio auth token', minLength: 16 },
} as const satisfies Record<keyof Secrets, { what: string; minLength: number }>;

/** Each value checked against its rule, each read once: the shape every Secrets source shares. */
export function checkedSecrets(read: (name: keyof Secrets) => Promise<string | undefined>): Secrets {
  const secret = (name: keyof Secrets) =>
    once(async () => {
      const value = (await read(name))?.trim();
      if (!value || value.length < SECRET_RULES[name].minLength) throw new MissingSecret(SECRET_RULES[name].what);
      return value;
    });
  return { contactKeySecret: secret('contactKeySecret'), receiptPepper: secret('receiptPepper'), twilioAuthToken: secret('twilioAuthToken') };
}

const ARN_NAMES = {
  contactKeySecret: ENV.contactKeySecretArn,
  receiptPepper: ENV.receiptPepperSecretArn,
  twilioAuthToken: ENV.twilioAuthTokenSecretArn,
} as const satisfies Record<keyof Secrets, string>;

export function secretsManagerSecrets(env: Env): Secrets {
  let client: SecretsManagerClient | undefined;
  return checkedSecrets(async (name) => {
    const arn = env[ARN_NAMES[name]];
    if (!arn) return undefined;
    client ??= new SecretsManagerClient({});
    return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  });
}

const fromSecretsManager = perPlatform((_platform, env: Env) => secretsManagerSecrets(env));

/** The platform's secrets, or Secrets Manager's by the ARNs in this function's environment. */
export function secretsOf(platform: Platform, env: Env): Secrets {
  return platform.secrets ?? fromSecretsManager(platform, env);
}
