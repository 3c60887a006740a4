// What makes a secret usable, in one place. `npm start` checks the local secrets against these
// rules before it starts anything, each Lambda checks the secrets it was given at cold start, and
// the Secrets source checks again on first read: a weak or unfilled secret stops the start with
// a message naming what to set, instead of every webhook answering 500 later.
// Side-effect free: the local stack, the functions and the tests import it.
import { ENV } from './env-names';

/** The custom origin header CloudFront adds to every request it sends the API, holding the origin-verification secret. */
export const ORIGIN_VERIFY_HEADER = 'x-tipline-origin-verify';

export type SecretName = 'contactKeySecret' | 'receiptPepper' | 'twilioAuthToken' | 'originVerify';

export interface SecretRule {
  /** How a person would call it. */
  what: string;
  minLength: number;
  /** In AWS: the variable holding the Secrets Manager ARN a function reads it from. */
  arnVariable: string;
  /** In AWS: how to fill it in. */
  fix: string;
}

export const SECRET_RULES: Record<SecretName, SecretRule> = {
  contactKeySecret: {
    what: 'the contact-key secret (HMAC key of contact keys)',
    minLength: 32,
    arnVariable: ENV.contactKeySecretArn,
    fix: 'CDK generates it (64 letters and digits); restore the value the contact keys were made with, or put a new random one of at least 32 characters before any tip is stored',
  },
  receiptPepper: {
    what: 'the receipt pepper',
    minLength: 32,
    arnVariable: ENV.receiptPepperSecretArn,
    fix: 'CDK generates it (64 letters and digits); restore the value the receipt hashes were made with, or put a new random one of at least 32 characters before any receipt is issued',
  },
  twilioAuthToken: {
    what: 'the Twilio auth token',
    minLength: 16,
    arnVariable: ENV.twilioAuthTokenSecretArn,
    fix: "aws secretsmanager put-secret-value --secret-id <the stack output TwilioAuthTokenSecretArn> --secret-string <your Twilio account's auth token>",
  },
  originVerify: {
    what: 'the CloudFront origin-verification secret',
    minLength: 32,
    arnVariable: ENV.originVerifySecretArn,
    fix: 'CDK generates it; put a random value of at least 32 letters and digits, then deploy again so that CloudFront sends the same value',
  },
};

/**
 * CDK creates the Twilio token's secret with a random value Secrets Manager generates (32
 * letters and digits, lib/secrets.ts), so that no guessable value ever exists. A Twilio auth
 * token is 32 lowercase hexadecimal characters: a value of the generated shape that is not hex
 * is the placeholder nobody replaced (the chance that a generated one is all lowercase hex is
 * about 1 in 10^19).
 */
export function isUnfilledTwilioPlaceholder(value: string): boolean {
  return /^[A-Za-z0-9]{32}$/.test(value) && !/^[0-9a-f]{32}$/.test(value);
}

/** The value as every reader takes it: a trailing newline from `--secret-string file://…` is not part of it. */
export function normaliseSecret(value: string | undefined): string | undefined {
  return value?.trim();
}

/**
 * Why the value cannot be used, as the end of a sentence that starts with the secret's name, or
 * undefined when it can. `source` 'secrets-manager' also refuses the deploy-time placeholder.
 */
export function secretProblem(name: SecretName, raw: string | undefined, source: 'local' | 'secrets-manager'): string | undefined {
  const value = normaliseSecret(raw);
  const rule = SECRET_RULES[name];
  if (value === undefined || value === '') return 'is missing or empty';
  if (/\s/.test(value)) return 'has white space inside it (a copy-paste mistake?)';
  if (value.length < rule.minLength) return `is ${value.length} characters long; it must be at least ${rule.minLength}`;
  if (name === 'twilioAuthToken' && source === 'secrets-manager' && isUnfilledTwilioPlaceholder(value)) {
    return "still holds the placeholder generated at deploy (a Twilio auth token is 32 lowercase hexadecimal characters): put your Twilio account's auth token in it";
  }
  return undefined;
}

/** The whole sentence for a secret read from Secrets Manager at cold start. */
export function secretsManagerProblem(name: SecretName, arn: string, raw: string | undefined): string | undefined {
  const problem = secretProblem(name, raw, 'secrets-manager');
  if (problem === undefined) return undefined;
  const rule = SECRET_RULES[name];
  return `The secret ${arn} (${rule.arnVariable}: ${rule.what}) ${problem}. Fix: ${rule.fix}. The function refuses to start until then.`;
}
