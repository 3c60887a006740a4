// A weak or unfilled secret stops the start, naming what to set: the shared rules, the Lambda
// cold-start check against Secrets Manager, and the local stack's configuration.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { coldStart } from '../../functions/adapters/cold-start';
import { clientAddress, trustViewerAddressFrom } from '../../functions/adapters/http';
import { checkedSecrets, MissingSecret, UnusableSecret, verifiedSecrets } from '../../functions/adapters/secrets';
import { ENV } from '../../functions/config/env-names';
import { HANDLER_ENTRIES } from '../../functions/config/tables';
import { InvalidConfiguration } from '../../functions/config/runtime';
import { isUnfilledTwilioPlaceholder, ORIGIN_VERIFY_HEADER, secretProblem, SECRET_RULES } from '../../functions/config/secret-rules';
import { LocalConfigInvalid, readLocalConfig, REPO_ROOT } from '../../local/config';
import { loadOrCreateSecrets } from '../../local/secrets';
import { apiEvent } from '../support/fakes';
import { captureOutput } from '../support/faults';

const REAL_TWILIO_TOKEN = '0123456789abcdef0123456789abcdef';
/** The shape Secrets Manager generates for the Twilio secret at deploy (lib/secrets.ts). */
const GENERATED_PLACEHOLDER = 'Xk3vQm9TzR2pLw7NbY4sHd8JcF6gUe1A';
const ARNS = {
  contactKeySecret: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ContactKeySecret-AbCdEf',
  receiptPepper: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ReceiptPepper-AbCdEf',
  twilioAuthToken: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:TwilioAuthToken-AbCdEf',
  originVerify: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:OriginVerify-AbCdEf',
};
const GOOD = { contactKeySecret: 'c'.repeat(64), receiptPepper: 'p'.repeat(64), twilioAuthToken: REAL_TWILIO_TOKEN, originVerify: 'o'.repeat(64) };

/** A Secrets Manager stand-in: ARN → value. */
const store = (values: Record<string, string | undefined>) => vi.fn(async (arn: string) => values[arn]);
const envWith = (names: Array<keyof typeof ARNS>) => Object.fromEntries(names.map((name) => [SECRET_RULES[name].arnVariable, ARNS[name]]));

afterEach(() => trustViewerAddressFrom(undefined));

describe('the rules', () => {
  it('takes strong values, a trailing newline trimmed', () => {
    expect(secretProblem('twilioAuthToken', `${REAL_TWILIO_TOKEN}\n`, 'secrets-manager')).toBeUndefined();
    expect(secretProblem('contactKeySecret', 'c'.repeat(32), 'local')).toBeUndefined();
  });

  it.each([
    ['twilioAuthToken', 'short-token', /is 11 characters long; it must be at least 16/],
    ['twilioAuthToken', '', /is missing or empty/],
    ['twilioAuthToken', undefined, /is missing or empty/],
    ['contactKeySecret', 'c'.repeat(31), /it must be at least 32/],
    ['receiptPepper', 'pepper with spaces in it, 32 chars!', /white space/],
  ] as const)('refuses %s = %j', (name, value, problem) => {
    expect(secretProblem(name, value, 'local')).toMatch(problem);
  });

  it('recognises the Twilio placeholder Secrets Manager generated, and never a real token', () => {
    expect(isUnfilledTwilioPlaceholder(GENERATED_PLACEHOLDER)).toBe(true);
    expect(isUnfilledTwilioPlaceholder(REAL_TWILIO_TOKEN)).toBe(false);
    expect(secretProblem('twilioAuthToken', GENERATED_PLACEHOLDER, 'secrets-manager')).toMatch(/still holds the placeholder generated at deploy/);
    // Locally a value of that shape is just a token someone chose.
    expect(secretProblem('twilioAuthToken', GENERATED_PLACEHOLDER, 'local')).toBeUndefined();
  });
});

describe('the cold-start check in Lambda', () => {
  it('reads only the secrets this function was given, and returns them trimmed', async () => {
    const read = store({ [ARNS.receiptPepper]: `${GOOD.receiptPepper}\n`, [ARNS.originVerify]: GOOD.originVerify });

    const secrets = await verifiedSecrets(envWith(['receiptPepper', 'originVerify']), read);

    expect(secrets).toEqual({ values: { receiptPepper: GOOD.receiptPepper, originVerify: GOOD.originVerify }, warnings: [] });
    expect(read.mock.calls.map(([arn]) => arn).sort()).toEqual([ARNS.originVerify, ARNS.receiptPepper]);
  });

  it('refuses the unfilled Twilio placeholder, naming the secret, its variable and the command that fills it', async () => {
    const read = store({ [ARNS.twilioAuthToken]: GENERATED_PLACEHOLDER, [ARNS.contactKeySecret]: GOOD.contactKeySecret });

    const started = verifiedSecrets(envWith(['twilioAuthToken', 'contactKeySecret']), read);

    await expect(started).rejects.toThrow(UnusableSecret);
    await expect(started).rejects.toThrow(ARNS.twilioAuthToken);
    await expect(started).rejects.toThrow(ENV.twilioAuthTokenSecretArn);
    await expect(started).rejects.toThrow(/aws secretsmanager put-secret-value --secret-id <the stack output TwilioAuthTokenSecretArn>/);
  });

  it('refuses the placeholder in a function that sends with a real account SID', async () => {
    const env = { ...envWith(['twilioAuthToken']), [ENV.twilioAccountSid]: `AC${'0a'.repeat(16)}` };

    await expect(verifiedSecrets(env, store({ [ARNS.twilioAuthToken]: GENERATED_PLACEHOLDER }))).rejects.toThrow(UnusableSecret);
  });

  it('lets a sending function start while Twilio is not set up at all (account SID still the placeholder), saying so', async () => {
    const env = { ...envWith(['twilioAuthToken', 'contactKeySecret']), [ENV.twilioAccountSid]: 'AC_SET_ME' };
    const read = store({ [ARNS.twilioAuthToken]: GENERATED_PLACEHOLDER, [ARNS.contactKeySecret]: GOOD.contactKeySecret });

    const { warnings } = await verifiedSecrets(env, read);

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(ARNS.twilioAuthToken);
    expect(warnings[0]).toMatch(/still holds the placeholder.*Starting anyway: TWILIO_ACCOUNT_SID is not set either/);
    // A weak token is refused all the same: only the untouched placeholder waits for Twilio.
    await expect(verifiedSecrets(env, store({ [ARNS.twilioAuthToken]: 'short', [ARNS.contactKeySecret]: GOOD.contactKeySecret }))).rejects.toThrow(
      UnusableSecret,
    );
  });

  it('names every unusable secret at once', async () => {
    const read = store({ [ARNS.contactKeySecret]: 'too-short', [ARNS.receiptPepper]: '' });

    const started = verifiedSecrets(envWith(['contactKeySecret', 'receiptPepper']), read);

    await expect(started).rejects.toThrow(/ContactKeySecret-AbCdEf .*is 9 characters long.*ReceiptPepper-AbCdEf .*is missing or empty/s);
  });

  it('stops the start with a log line naming the secret, and is an InvalidConfiguration', async () => {
    const output = captureOutput();
    try {
      const started = coldStart(envWith(['twilioAuthToken']), store({ [ARNS.twilioAuthToken]: GENERATED_PLACEHOLDER }));
      await expect(started).rejects.toBeInstanceOf(InvalidConfiguration);
    } finally {
      output.restore();
    }
    const line = output.lines().find((l) => l.includes(ARNS.twilioAuthToken));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'ERROR', service: 'cold-start', errorName: 'UnusableSecret' });
  });

  it('refuses a vault key that is not a KMS key ARN', async () => {
    await expect(coldStart({ [ENV.vaultKeyArn]: 'my-key' }, store({}))).rejects.toThrow(/TIPLINE_VAULT_KEY_ARN is not a KMS key ARN/);
    await expect(
      coldStart({ [ENV.vaultKeyArn]: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, store({})),
    ).resolves.toBeUndefined();
  });

  it('starts without any secret when it was given none (the functions that read none)', async () => {
    const read = store({});
    await expect(coldStart({}, read)).resolves.toBeUndefined();
    expect(read).not.toHaveBeenCalled();
  });

  it("with the origin-verification secret, trusts CloudFront's viewer address on requests carrying it", async () => {
    await coldStart(envWith(['originVerify']), store({ [ARNS.originVerify]: GOOD.originVerify }));

    const viaCloudFront = apiEvent({
      sourceIp: '130.176.1.1',
      headers: { [ORIGIN_VERIFY_HEADER]: GOOD.originVerify, 'cloudfront-viewer-address': '203.0.113.9:51234' },
    });
    expect(clientAddress(viaCloudFront)).toBe('203.0.113.9');
  });
});

describe('every Lambda entry', () => {
  it.each(Object.entries(HANDLER_ENTRIES))('%s awaits the cold-start check before it wires its handler', (_name, entry) => {
    const source = readFileSync(join(REPO_ROOT, entry), 'utf8');
    const check = source.indexOf('await coldStart(process.env);');
    expect(check).toBeGreaterThan(0);
    expect(source.indexOf('makeHandler(fromEnv(process.env))')).toBeGreaterThan(check);
  });
});

describe('a Secrets source on first read', () => {
  it('refuses a weak value with a message naming the variable and the fix', async () => {
    const secrets = checkedSecrets(async () => 'short', 'secrets-manager');

    const read = secrets.twilioAuthToken();

    await expect(read).rejects.toBeInstanceOf(MissingSecret);
    await expect(read).rejects.toThrow(/the Twilio auth token in the secret named by TIPLINE_TWILIO_AUTH_TOKEN_SECRET_ARN is 5 characters long/);
  });
});

describe('the local stack configuration', () => {
  const base = { TIPLINE_DATA_DIR: '/tmp/tipline-unit' };

  it.each([
    ['short', /TWILIO_AUTH_TOKEN is 5 characters long; it must be at least 16: set it to your Twilio account's auth token/],
    ['', /TWILIO_AUTH_TOKEN is set but empty/],
    ['has spaces in the middle!', /TWILIO_AUTH_TOKEN has white space inside it/],
  ])('refuses TWILIO_AUTH_TOKEN=%j, saying what to set', (token, message) => {
    expect(() => readLocalConfig({ ...base, TWILIO_AUTH_TOKEN: token })).toThrow(LocalConfigInvalid);
    expect(() => readLocalConfig({ ...base, TWILIO_AUTH_TOKEN: token })).toThrow(message);
  });

  it('needs the real Twilio token when the public URL is not loopback', () => {
    expect(() => readLocalConfig({ ...base, TIPLINE_PUBLIC_URL: 'https://quiet-river-1234.trycloudflare.com' })).toThrow(
      /TIPLINE_PUBLIC_URL is https:\/\/quiet-river-1234\.trycloudflare\.com.*set TWILIO_AUTH_TOKEN/s,
    );
    const config = readLocalConfig({ ...base, TIPLINE_PUBLIC_URL: 'https://quiet-river-1234.trycloudflare.com', TWILIO_AUTH_TOKEN: REAL_TWILIO_TOKEN });
    expect(config.twilioAuthToken).toBe(REAL_TWILIO_TOKEN);
    expect(config.devRoutes).toEqual({ on: false, why: 'public-url', publicUrl: 'https://quiet-river-1234.trycloudflare.com' });
  });

  it('takes the opt-in only as its exact value', () => {
    const tunnel = { ...base, TIPLINE_PUBLIC_URL: 'https://t.example.org', TWILIO_AUTH_TOKEN: REAL_TWILIO_TOKEN };
    expect(readLocalConfig({ ...tunnel, TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: 'i-understand' }).devRoutes.on).toBe(true);
    expect(() => readLocalConfig({ ...tunnel, TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: 'yes' })).toThrow(
      /TIPLINE_DEV_ROUTES_ON_PUBLIC_URL: set it to exactly i-understand/,
    );
  });

  it('starts on loopback without a Twilio token, with the developer routes on', () => {
    const config = readLocalConfig(base);
    expect(config.twilioAuthToken).toBeUndefined();
    expect(config.devRoutes).toEqual({ on: true, why: 'loopback-public-url' });
  });
});

describe('the local secrets file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipline-secrets-'));
    dirs.push(dir);
    return dir;
  };

  it('refuses a weak entry, naming the file, the entry and the rule', () => {
    const dir = dataDir();
    loadOrCreateSecrets(dir);
    const path = join(dir, 'secrets.json');
    const current = JSON.parse(JSON.stringify(loadOrCreateSecrets(dir).secrets)) as Record<string, string>;
    writeFileSync(path, JSON.stringify({ ...current, contactKeySecret: 'weak' }));

    expect(() => loadOrCreateSecrets(dir)).toThrow(
      new RegExp(
        `${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} holds a secret the stack cannot use \\(contactKeySecret: the contact-key secret .*is 4 characters long`,
      ),
    );
  });
});
