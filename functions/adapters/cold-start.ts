// What every Lambda entry awaits before it takes a request (handler.ts, top-level await): the
// secrets it was granted, read and checked, and the vault key's ARN, checked. A problem fails the
// container's start with a log line that names what to fill in; Lambda reports the init error
// on the invocation, instead of each request answering 500 with nothing said.
import { ENV } from '../config/env-names';
import { InvalidConfiguration, type Env } from '../config/runtime';
import { trustViewerAddressFrom } from './http';
import { createLogger, errorName } from './logger';
import { readSecretsManager, verifiedSecrets, type SecretReader } from './secrets';

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/;

export async function coldStart(env: Env, read: SecretReader = readSecretsManager): Promise<void> {
  try {
    const vaultKey = env[ENV.vaultKeyArn];
    if (vaultKey !== undefined && !KMS_KEY_ARN.test(vaultKey)) {
      throw new InvalidConfiguration(
        `${ENV.vaultKeyArn} is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>); CDK sets it to the stack's vault key.`,
      );
    }
    const { values, warnings } = await verifiedSecrets(env, read);
    for (const warning of warnings) createLogger('cold-start').error(warning, { errorName: 'UnusableSecret' });
    trustViewerAddressFrom(values.originVerify);
  } catch (error: unknown) {
    // Configuration messages name variables and ARNs only; any other error is logged by name.
    const logger = createLogger('cold-start');
    if (error instanceof InvalidConfiguration) logger.error(error.message, { errorName: error.name });
    else logger.error('could not read the secrets this function was granted', { errorName: errorName(error) });
    throw error;
  }
}
