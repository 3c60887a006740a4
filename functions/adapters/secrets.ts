// Secrets, fetched once per container. In AWS each lives in its own Secrets Manager secret
// (plain text) and only its ARN is in the function's environment, so a function can read only
// the secrets it was granted; the local stack generates its own and hands them in directly.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../config/env-names';

export class MissingSecret extends Error {
  override name = 'MissingSecret';
  constructor(what: string) {
    super(`${what} is not configured: set it in Secrets Manager (AWS) or let the local stack generate it.`);
  }
}

let client: SecretsManagerClient | undefined;

/** Reads once and keeps the promise, so concurrent first calls share one fetch. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined; // a transient failure must not poison the container
      throw error;
    });
    return pending;
  };
}

function secret(arnEnv: string, localEnv: string, what: string, minLength: number): () => Promise<string> {
  return once(async () => {
    const arn = process.env[arnEnv];
    let value = process.env[localEnv];
    if (arn) {
      client ??= new SecretsManagerClient({});
      value = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString?.trim();
    }
    if (!value || value.length < minLength) throw new MissingSecret(what);
    return value;
  });
}

export const loadContactKeySecret = secret(ENV.contactKeySecretArn, ENV.contactKeySecret, 'The contact-key secret', 32);
export const loadReceiptPepper = secret(ENV.receiptPepperSecretArn, ENV.receiptPepper, 'The receipt pepper', 32);
export const loadTwilioAuthToken = secret(ENV.twilioAuthTokenSecretArn, ENV.twilioAuthToken, 'The Twilio auth token', 16);
