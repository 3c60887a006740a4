// The local stack's secrets: generated on first start and kept in the data folder (mode 600),
// so that contact keys and receipts stay valid across restarts. Never committed.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { SECRET_RULES, secretProblem } from '../functions/config/secret-rules';

/** The rule every host of these secrets applies (functions/config/secret-rules.ts), as a zod check. */
const meets = (name: 'twilioAuthToken' | 'contactKeySecret' | 'receiptPepper') =>
  z.string().superRefine((value, context) => {
    const problem = secretProblem(name, value, 'local');
    if (problem !== undefined) context.addIssue({ code: 'custom', message: `${SECRET_RULES[name].what} ${problem}` });
  });

const localSecrets = z.object({
  twilioAuthToken: meets('twilioAuthToken'),
  contactKeySecret: meets('contactKeySecret'),
  receiptPepper: meets('receiptPepper'),
  /** The local issuer's signing key, standing in for Cognito's. */
  identityPrivateKey: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
  /** Stands in for the KMS key that wraps the contact vault's data keys. */
  vaultLocalKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** The local Twilio API's account; replies and deletions are recorded there. */
  twilioAccountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
});
export type LocalSecrets = z.infer<typeof localSecrets>;

const fresh = (bytes: number) => randomBytes(bytes).toString('hex');

/** Each secret is generated only when missing (an RSA key takes a moment). */
const GENERATORS: Record<keyof LocalSecrets, () => string> = {
  twilioAuthToken: () => fresh(16),
  contactKeySecret: () => fresh(32),
  receiptPepper: () => fresh(32),
  identityPrivateKey: () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  vaultLocalKey: () => fresh(32),
  twilioAccountSid: () => `AC${fresh(16)}`,
};

export function loadOrCreateSecrets(dataDir: string, twilioAuthTokenFromEnv?: string): { secrets: LocalSecrets; path: string } {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, 'secrets.json');
  let secrets: LocalSecrets;
  let existing: unknown = {};
  // Deleting the file is the way out, but not a light one: tips already stored would no longer
  // match their contact keys, receipts or vault entries.
  const recover = 'Restore it from a backup, or delete it to generate new local secrets (stored contact keys, receipts and vault entries will stop matching).';
  try {
    if (existsSync(path)) existing = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new Error(`${path} is not valid JSON. ${recover}`);
  }
  // Secrets added by a newer version are generated; the ones already there are kept, so that
  // stored contact keys, receipts and vault entries stay valid.
  const current = (existing ?? {}) as Record<string, unknown>;
  const filled: Record<string, unknown> = { ...current };
  for (const [name, generate] of Object.entries(GENERATORS)) if (filled[name] === undefined) filled[name] = generate();
  const parsed = localSecrets.safeParse(filled);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`${path} holds a secret the stack cannot use (${problems}). ${recover}`);
  }
  secrets = parsed.data;
  if (JSON.stringify(existing) !== JSON.stringify(secrets)) {
    writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  // A real Twilio number needs the account's own token; the generated one only works for
  // requests signed locally.
  const tokenProblem = twilioAuthTokenFromEnv === undefined ? undefined : secretProblem('twilioAuthToken', twilioAuthTokenFromEnv, 'local');
  if (tokenProblem !== undefined) throw new Error(`TWILIO_AUTH_TOKEN ${tokenProblem}.`);
  return { secrets: twilioAuthTokenFromEnv ? { ...secrets, twilioAuthToken: twilioAuthTokenFromEnv } : secrets, path };
}
