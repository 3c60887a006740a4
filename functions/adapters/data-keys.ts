// Which data-key source a function uses: KMS in AWS, the local master key in the local stack.
// Chosen once from the environment at cold start.
import { KMSClient } from '@aws-sdk/client-kms';
import { ENV } from '../config/env-names';
import { InvalidConfiguration } from '../config/runtime';
import { kmsDataKeys, localDataKeys, type DataKeySource } from './envelope';

export function dataKeySourceFromEnv(env: NodeJS.ProcessEnv = process.env): DataKeySource {
  const keyArn = env[ENV.vaultKeyArn];
  if (keyArn) return kmsDataKeys(new KMSClient({}), keyArn);
  const localKey = env[ENV.vaultLocalKey];
  if (localKey) return localDataKeys(localKey);
  throw new InvalidConfiguration(`Set ${ENV.vaultKeyArn} (AWS) or ${ENV.vaultLocalKey} (local stack) to seal contact data.`);
}
