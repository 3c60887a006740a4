// The contract between what CDK gives each function and what the function reads: every
// environment variable a function gets is one its configuration declares (or one the AWS
// platform reads: secret and key ARNs), every variable it requires is given, and with exactly
// that environment the function's own `fromEnv` starts. The local stack hands each function
// only the names its configuration declares, so the two hosts cannot drift apart unseen.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { AWS_PLATFORM_ENV } from '../../functions/adapters/platform';
import { appModuleOf, type FunctionName } from '../../local/functions';
import { localPlatform } from '../../local/platform';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_HANDLERS, inspect } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});
const { envOf } = inspect(() => ({ stack, template }));

interface FunctionModule {
  configShape: z.ZodRawShape;
  fromEnv(env: Record<string, string | undefined>, platform: ReturnType<typeof localPlatform>): unknown;
}

const load = async (name: FunctionName) => (await import(appModuleOf(name))) as FunctionModule;

/** Names the Lambda runtime settings need besides the function's own. */
const RUNTIME = new Set(['NODE_OPTIONS']);

/** A deploy-time token stands for a value CloudFormation fills in; here, a value of the right shape. */
function resolved(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  return /URL|ISSUER|JWKS/.test(name) ? `https://${name.toLowerCase().replace(/_/g, '-')}.example.org/x` : `Token-${name}`;
}

const required = (shape: z.ZodRawShape): string[] => Object.keys(shape).filter((name) => !(shape[name] as z.ZodType).safeParse(undefined).success);

describe('each function and its environment', () => {
  it.each(ALL_HANDLERS)('%s gets only what its configuration declares or the AWS platform reads', async (name) => {
    const { configShape } = await load(name);
    const declared = new Set<string>([...Object.keys(configShape), ...AWS_PLATFORM_ENV, ...RUNTIME]);
    expect(Object.keys(envOf(name)).filter((given) => !declared.has(given))).toEqual([]);
  });

  it.each(ALL_HANDLERS)('%s is given every variable it requires', async (name) => {
    const { configShape } = await load(name);
    const given = new Set(Object.keys(envOf(name)));
    expect(required(configShape).filter((needed) => !given.has(needed))).toEqual([]);
  });

  it.each(ALL_HANDLERS)('%s starts with exactly the environment CDK gives it', async (name) => {
    const { fromEnv } = await load(name);
    const env = Object.fromEntries(Object.entries(envOf(name)).map(([key, value]) => [key, resolved(key, value)]));
    // A platform that connects to nothing: starting builds clients and reads configuration only.
    const platform = localPlatform({
      dynamoDbEndpoint: 'http://127.0.0.1:9',
      sqsEndpoint: 'http://127.0.0.1:9',
      secrets: { contactKeySecret: 'c'.repeat(64), receiptPepper: 'p'.repeat(64), twilioAuthToken: 't'.repeat(32), vaultLocalKey: '0'.repeat(64) },
      twilioApiBaseUrl: 'http://127.0.0.1:9',
    });
    expect(() => fromEnv(env, platform)).not.toThrow();
  });
});
