import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { HANDLER_ENTRIES } from '../functions/config/tables';
import { ESBUILD_ALIASES, ESM_REQUIRE_BANNER } from './bundling';
import { acknowledge } from './nag';

/** The repository root: HANDLER_ENTRIES and the lock file are relative to it, not to the cwd of `cdk` or vitest. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export type HandlerName = keyof typeof HANDLER_ENTRIES;

export interface TiplineFunctionProps {
  handler: HandlerName;
  description: string;
  /**
   * 10 s unless set: enough for every handler behind the HTTP API, which verify, read or write a
   * few items and answer (Twilio gives up on a webhook after 15 s). Queue consumers take their
   * queue's (WorkQueue.consumerFunction).
   */
  timeout?: Duration;
  /** 512 MB unless set. */
  memorySize?: number;
}

const DEFAULT_TIMEOUT = Duration.seconds(10);
const DEFAULT_MEMORY_SIZE = 512;

/**
 * The one place where the Lambda defaults live, so that the functions cannot drift apart.
 * Environment and grants are added afterwards through the helpers in `wiring.ts`, never here.
 */
export class TiplineFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: TiplineFunctionProps) {
    // An explicit log group, because the one Lambda creates on its own keeps logs forever and
    // is not part of the stack; created in `scope` since `this` does not exist before super().
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.ONE_MONTH });
    // A role of its own instead of the one with AWSLambdaBasicExecutionRole, which may create
    // log groups and write to any of them: this one writes to its own log group and nowhere else.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    super(scope, id, {
      entry: join(REPO_ROOT, HANDLER_ENTRIES[props.handler]),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      timeout: props.timeout ?? DEFAULT_TIMEOUT,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_SIZE,
      logGroup,
      role,
      description: props.description,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        // Prefer the ESM build of dependencies that ship both, so esbuild can tree-shake them.
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces only need the mappings; embedding the sources would double the bundle.
        sourcesContent: false,
        // CommonJS dependencies (twilio) call `require`, which does not exist in an ES module.
        banner: ESM_REQUIRE_BANNER,
        // The nodejs22.x runtime ships SDK v3: leaving it out keeps the bundles small, which
        // shortens cold starts on the intake path where Twilio waits for the answer. The
        // runtime's SDK version can lag the lock file; bundle it if a newer API is ever needed.
        externalModules: ['@aws-sdk/*', '@smithy/*'],
        // No Docker here or in CI: bundle with the esbuild from node_modules.
        forceDockerBundling: false,
        // See lib/bundling.ts: the same substitutions as the bench and the bundle test.
        esbuildArgs: Object.fromEntries(Object.entries(ESBUILD_ALIASES).map(([from, to]) => [`--alias:${from}`, to])),
      },
    });

    acknowledge(
      this,
      {
        id: 'AwsSolutions-L1',
        reason: RUNTIME_PINNED,
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason: RUNTIME_PINNED,
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Never invoked asynchronously: API Gateway calls it synchronously or an SQS event source polls for it, and a Lambda dead-letter ' +
          "queue only catches asynchronous invocations; failed SQS records go to their queue's own dead-letter queue, which is alarmed.",
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'X-Ray is off on purpose: traces would be a second store of request metadata outside the logs that the canary test scans, ' +
          'and PutTraceSegments can only be granted on Resource "*"; latency is measured by CloudWatch metrics and the load test.',
      },
    );
  }
}

const RUNTIME_PINNED =
  'nodejs22.x is pinned on purpose (STYLE.md): the bundles target node22 and the local stack and CI run Node 22, ' +
  'so a runtime bump is a change of its own, tested end to end; Node 22 stays in maintenance until April 2027.';
