// The platform the local stack (and the tests) hand to every function's `fromEnv`, in place of
// Lambda's: SDK clients pointed at DynamoDB Local and the local SQS server, the generated
// secrets as plain values, a local master key instead of KMS, the local Twilio API, the movable
// clock, and the local issuer's keys fetched over plain HTTP on the loopback interface.
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { systemClock, type ClientMiddleware, type Platform } from '../functions/adapters/platform';
import { checkedSecrets } from '../functions/adapters/secrets';
import { twilioRest } from '../functions/adapters/twilio-rest';
import type { Clock, Secrets } from '../functions/core/ports';
import { localDataKeys } from './data-keys';
import { demoStaffDirectory } from './staff-directory';

export type { ClientMiddleware };

export interface LocalPlatformOptions {
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  secrets: { [K in keyof Secrets]: string } & { vaultLocalKey: string };
  /** Base URL of the local Twilio API, which records what it is asked to send or delete. */
  twilioApiBaseUrl: string;
  clock?: Clock;
  middleware?: ClientMiddleware;
}

const LOCAL_AWS = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } as const;

/**
 * aws-jwt-verify fetches keys over HTTPS only. The local issuer serves them over plain HTTP on the
 * loopback interface, so here they are fetched with Node's own fetch; the verification itself is
 * the library's, unchanged.
 */
const loopbackFetcher: Fetcher = {
  async fetch(uri) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(uri)) throw new Error('The local issuer serves its keys on the loopback interface only.');
    const response = await fetch(uri);
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    return response.arrayBuffer();
  },
};

export function localPlatform(options: LocalPlatformOptions): Platform {
  const { vaultLocalKey, ...plain } = options.secrets;
  const dataKeys = localDataKeys(vaultLocalKey);
  return {
    clock: options.clock ?? systemClock,
    clients: {
      dynamodb: { ...LOCAL_AWS, endpoint: options.dynamoDbEndpoint },
      sqs: { ...LOCAL_AWS, endpoint: options.sqsEndpoint },
      ...(options.middleware ? { middleware: options.middleware } : {}),
    },
    secrets: checkedSecrets(async (name) => plain[name]),
    dataKeys: () => dataKeys,
    twilio: (account) => twilioRest({ ...account, apiBaseUrl: options.twilioApiBaseUrl }),
    jwksCache: new SimpleJwksCache({ fetcher: loopbackFetcher }),
    staffDirectory: demoStaffDirectory(),
  };
}
