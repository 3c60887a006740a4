// Secrets, fetched once per container. In AWS each lives in its own Secrets Manager secret
// (plain text) and only its ARN is in the function's environment, so a function can read only
// the secrets it was granted. The rules a value must meet are in config/secret-rules.ts.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV } from '../config/env-names';
import { InvalidConfiguration, type Env } from '../config/runtime';
import { normaliseSecret, SECRET_RULES, secretProblem, secretsManagerProblem, type SecretName } from '../config/secret-rules';
import type { Secrets } from '../core/ports';
import { perPlatform, type Platform } from './platform';

export { SECRET_RULES } from '../config/secret-rules';

/** A secret that cannot be used, found on first read (the cold-start check should have found it first). */
export class MissingSecret extends Error {
  override name = 'MissingSecret';
  constructor(name: SecretName, problem: string, source: 'local' | 'secrets-manager') {
    const rule = SECRET_RULES[name];
    const where = source === 'local' ? 'in the local secrets' : `in the secret named by ${rule.arnVariable}`;
    super(`${rule.what} ${where} ${problem}. ${source === 'local' ? 'See README "Configuration".' : `Fix: ${rule.fix}.`}`);
  }
}

/** Secrets that stop a function's start: every problem at once, each naming the secret to fill in. */
export class UnusableSecret extends InvalidConfiguration {
  override name = 'UnusableSecret';
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

/** Each value checked against its rule, each read once: the shape every Secrets source shares. */
export function checkedSecrets(read: (name: keyof Secrets) => Promise<string | undefined>, source: 'local' | 'secrets-manager' = 'local'): Secrets {
  const secret = (name: keyof Secrets) =>
    once(async () => {
      const value = await read(name);
      const problem = secretProblem(name, value, source);
      if (problem !== undefined) throw new MissingSecret(name, problem, source);
      return normaliseSecret(value)!;
    });
  return { contactKeySecret: secret('contactKeySecret'), receiptPepper: secret('receiptPepper'), twilioAuthToken: secret('twilioAuthToken') };
}

export type SecretReader = (arn: string) => Promise<string | undefined>;

let client: SecretsManagerClient | undefined;
/** Per container and ARN: the cold-start check and the first request share one fetch. */
const fetched = new Map<string, () => Promise<string | undefined>>();

export const readSecretsManager: SecretReader = (arn) => {
  let read = fetched.get(arn);
  if (read === undefined) {
    read = once(async () => {
      client ??= new SecretsManagerClient({});
      return (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
    });
    fetched.set(arn, read);
  }
  return read();
};

export function secretsManagerSecrets(env: Env, read: SecretReader = readSecretsManager): Secrets {
  return checkedSecrets(async (name) => {
    const arn = env[SECRET_RULES[name].arnVariable];
    return arn ? read(arn) : undefined;
  }, 'secrets-manager');
}

/** A real account SID, as against the placeholder CDK deploys until `-c twilioAccountSid=…` (lib/twilio-account.ts). */
const TWILIO_ACCOUNT_SID = /^AC[0-9a-f]{32}$/;

export interface VerifiedSecrets {
  values: Partial<Record<SecretName, string>>;
  /** Problems that do not stop this function's start, each a sentence naming the secret. */
  warnings: string[];
}

/**
 * At cold start in Lambda: every secret this function was given an ARN for, read and checked.
 * Any problem stops the start (UnusableSecret names each secret and how to fill it in), so a
 * placeholder Twilio token fails loudly rather than every webhook quietly. One exception keeps
 * "a deployment without Twilio still starts": a function that sends through Twilio while its
 * account SID is still CDK's placeholder starts with the placeholder token, and says so (its
 * sends answer "not configured"); the webhook functions, which have no SID, always refuse.
 */
export async function verifiedSecrets(env: Env, read: SecretReader = readSecretsManager): Promise<VerifiedSecrets> {
  const names = (Object.keys(SECRET_RULES) as SecretName[]).filter((name) => env[SECRET_RULES[name].arnVariable]);
  const values = await Promise.all(
    names.map(async (name) => [name, env[SECRET_RULES[name].arnVariable]!, await read(env[SECRET_RULES[name].arnVariable]!)] as const),
  );
  const accountSid = env[ENV.twilioAccountSid];
  const twilioUnset = accountSid !== undefined && !TWILIO_ACCOUNT_SID.test(accountSid);
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const [name, arn, value] of values) {
    const problem = secretsManagerProblem(name, arn, value);
    if (problem === undefined) continue;
    const placeholderOnly = name === 'twilioAuthToken' && secretProblem(name, value, 'local') === undefined;
    if (placeholderOnly && twilioUnset)
      warnings.push(
        `${problem.replace(/ The function refuses to start until then\.$/, '')} Starting anyway: ${ENV.twilioAccountSid} is not set either, so Twilio is not in use yet.`,
      );
    else problems.push(problem);
  }
  if (problems.length > 0) throw new UnusableSecret(problems.join(' '));
  return { values: Object.fromEntries(values.map(([name, , value]) => [name, normaliseSecret(value)])), warnings };
}

const fromSecretsManager = perPlatform((_platform, env: Env) => secretsManagerSecrets(env));

/** The platform's secrets, or Secrets Manager's by the ARNs in this function's environment. */
export function secretsOf(platform: Platform, env: Env): Secrets {
  return platform.secrets ?? fromSecretsManager(platform, env);
}
