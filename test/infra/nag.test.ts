// cdk-nag over the app as `cdk synth` builds it (bin/app.ts registers the same packs): no
// unacknowledged error or warning, and every acknowledgement on a resource, with a reason.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { App, Duration, Stack, Validations, type Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTiplineApp } from '../../lib/app';
import { acknowledge, MIN_ACKNOWLEDGEMENT_REASON, nagPacks } from '../../lib/nag';
import { cdkJsonContext } from './synth';

const SYNTH_TIMEOUT_MS = 240_000;
const ACKNOWLEDGED = Validations.ACKNOWLEDGED_RULES_METADATA_KEY;
/** A new waiver changes this number, so that it is seen in review. */
const ACKNOWLEDGEMENT_COUNT = 75; // + AwsSolutions-SMG4 on the origin-verification secret (rotated by redeploying)

interface Checked {
  app: App;
  stacks: Stack[];
  packs: NagPack[];
  assemblyDir: string;
}

/** The app as bin/app.ts builds it (lib/app.ts); the packs are run by the test, not by synth. */
function checkedApp(extraContext: Record<string, unknown>): Checked {
  const app = new App({ context: { ...cdkJsonContext(), ...extraContext } });
  const { main, edge } = buildTiplineApp(app);
  const stacks: Stack[] = [main, ...(edge === undefined ? [] : [edge])];
  const packs = nagPacks(app);
  // Runs the aspects (the `cdk_nag` metadata among them) exactly once, as `cdk synth` does.
  const assemblyDir = app.synth().directory;
  return { app, stacks, packs, assemblyDir };
}

/** Every finding of both packs as "<rule> <severity> <construct path>". */
function findings({ app, packs }: Checked): string[] {
  return packs.flatMap((pack) =>
    pack
      .validateScope(app)
      .violations.flatMap((violation) => violation.violatingResources.map((r) => `${violation.ruleName} ${violation.severity} ${r.constructPath}`)),
  );
}

/** Every acknowledgement recorded anywhere in the tree, with the construct it was made on. */
function acknowledgements(root: IConstruct): Array<{ on: IConstruct; id: string; reason: unknown }> {
  return root.node
    .findAll()
    .flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === ACKNOWLEDGED)
        .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ on: construct, id, reason }))),
    );
}

/** The `cdk_nag` metadata of every resource of a synthesized template. */
function templateSuppressions(stack: Stack): Array<{ resource: string; id: unknown; reason: unknown }> {
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Metadata?: { cdk_nag?: { rules_to_suppress?: unknown[] } } }>;
  return Object.entries(resources).flatMap(([resource, r]) =>
    (r.Metadata?.cdk_nag?.rules_to_suppress ?? []).map((rule) => ({ resource, ...(rule as { id: unknown; reason: unknown }) })),
  );
}

let defaults: Checked;

beforeAll(() => {
  defaults = checkedApp({ edgeStack: true });
}, SYNTH_TIMEOUT_MS);

afterAll(() => {
  if (defaults?.assemblyDir.startsWith(tmpdir())) rmSync(defaults.assemblyDir, { recursive: true, force: true });
});

describe('cdk-nag (AwsSolutions and Serverless)', () => {
  it('checks both stacks of the app', () => {
    expect(defaults.packs.map((pack) => pack.readPackName).sort()).toEqual(['AwsSolutions', 'Serverless']);
    expect(defaults.stacks.map((stack) => stack.stackName)).toEqual(['tipline-prod', 'tipline-prod-edge']);
  });

  it('reports no unacknowledged error or warning', () => {
    expect(findings(defaults)).toEqual([]);
  });

  it('leaves no cdk-nag error or warning among the construct annotations', () => {
    for (const stack of defaults.stacks) {
      const annotations = Annotations.fromStack(stack);
      expect(annotations.findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      const nagWarnings = annotations.findWarning('*', Match.stringLikeRegexp('(AwsSolutions|Serverless)-'));
      expect(nagWarnings, stack.stackName).toEqual([]);
    }
  });

  it('acknowledges rules only on resources, each with a reason of at least 20 characters', () => {
    const acks = acknowledgements(defaults.app);
    expect(acks.length).toBeGreaterThan(10);
    for (const { on, id, reason } of acks) {
      expect(Stack.isStack(on) || on === defaults.app, `${id} on ${on.node.path}`).toBe(false);
      expect(id, on.node.path).toMatch(/^Annotation::(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[.+\])?$/);
      expect(typeof reason, `${id} on ${on.node.path}`).toBe('string');
      expect((reason as string).trim().length, `${id} on ${on.node.path}`).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGEMENT_REASON);
    }
  });

  it("writes each acknowledgement into the resource's cdk_nag metadata, every reason at least 20 characters", () => {
    const suppressions = defaults.stacks.flatMap((stack) => templateSuppressions(stack));
    expect(suppressions.length).toBeGreaterThan(10);
    for (const { resource, id, reason } of suppressions) {
      expect(typeof id, resource).toBe('string');
      expect(typeof reason, `${String(id)} on ${resource}`).toBe('string');
      expect((reason as string).trim().length, `${String(id)} on ${resource}`).toBeGreaterThanOrEqual(MIN_ACKNOWLEDGEMENT_REASON);
    }
  });

  it('waives only these rules: the list is part of the review', () => {
    const rules = [...new Set(acknowledgements(defaults.app).map(({ id }) => id.replace(/^Annotation::/, '').replace(/\[.*\]$/, '')))].sort();
    expect(rules).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'Serverless-LambdaDLQ',
      'Serverless-LambdaEventSourceMappingDestination',
      'Serverless-LambdaLatestVersion',
      'Serverless-LambdaTracing',
      'Serverless-SQSRedrivePolicy',
    ]);
    // Per resource, not per rule: how many waivers the default app carries.
    expect(acknowledgements(defaults.app)).toHaveLength(ACKNOWLEDGEMENT_COUNT);
    // Wildcards (IAM4/IAM5) are waived on CDK's deployment provider only, never on a handler.
    const iam = acknowledgements(defaults.app).filter(({ id }) => /AwsSolutions-IAM[45]/.test(id));
    expect([...new Set(iam.map(({ on }) => on.node.path))]).toEqual([expect.stringMatching(/^tipline-prod\/Custom::CDKBucketDeployment/)]);
  });

  it(
    'is also clean with a custom domain (TLS 1.2, no CFR4 waiver), an alarm address and a closed-tip retention',
    () => {
      const custom = checkedApp({
        dashboardUrl: 'https://ops.example.org/ops/',
        dashboardCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
        alarmEmail: 'alerts@example.org',
        closedTipRetentionDays: 90,
      });
      try {
        expect(findings(custom)).toEqual([]);
        expect(acknowledgements(custom.app).filter(({ id }) => id.includes('CFR4'))).toEqual([]);
      } finally {
        if (custom.assemblyDir.startsWith(tmpdir())) rmSync(custom.assemblyDir, { recursive: true, force: true });
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('cdk-nag on the options the app offers', () => {
  it(
    'wafEnabled=false synthesizes: CFR2 (no WAF) is acknowledged on the distribution only then, with the warning that says what is lost',
    () => {
      const off = checkedApp({ wafEnabled: 'false' });
      try {
        expect(findings(off)).toEqual([]);
        const cfr2 = acknowledgements(off.app).filter(({ id }) => id.includes('AwsSolutions-CFR2'));
        expect(cfr2.map(({ on }) => on.node.path)).toEqual(['tipline-prod/Dashboard/Distribution']);
        expect(acknowledgements(defaults.app).filter(({ id }) => id.includes('CFR2'))).toEqual([]);
      } finally {
        if (off.assemblyDir.startsWith(tmpdir())) rmSync(off.assemblyDir, { recursive: true, force: true });
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});

describe('the cdk-nag check is not vacuous', () => {
  function probe(): { app: App; stack: Stack; fn: LambdaFunction; packs: NagPack[] } {
    const app = new App();
    const stack = new Stack(app, 'Probe');
    new Queue(stack, 'Plain');
    const fn = new LambdaFunction(stack, 'Old', {
      runtime: Runtime.NODEJS_18_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => {}'),
      timeout: Duration.seconds(3),
    });
    return { app, stack, fn, packs: nagPacks(app) };
  }

  it('reports a plain queue and an outdated function', () => {
    const { app, packs } = probe();
    app.synth();
    const rules = packs.flatMap((pack) => pack.validateScope(app).violations.map((v) => v.ruleName));
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-SQS3', 'AwsSolutions-SQS4', 'AwsSolutions-L1', 'Serverless-LambdaDLQ']));
  });

  it('an acknowledgement silences exactly its rule on its resource', () => {
    const { app, fn, packs } = probe();
    acknowledge(fn, { id: 'AwsSolutions-L1', reason: 'probe: the runtime is outdated on purpose here' });
    app.synth();
    const rules = packs.flatMap((pack) => pack.validateScope(app).violations.map((v) => v.ruleName));
    expect(rules).not.toContain('AwsSolutions-L1');
    expect(rules).toContain('Serverless-LambdaLatestVersion');
  });

  it('refuses a short reason, and a waiver on a stack or the app', () => {
    const { app, stack, fn } = probe();
    expect(() => acknowledge(fn, { id: 'AwsSolutions-L1', reason: 'not needed' })).toThrow(/at least 20/);
    expect(() => acknowledge(stack, { id: 'AwsSolutions-L1', reason: 'every function in this stack is old' })).toThrow(/on resources/);
    expect(() => acknowledge(app as unknown as Stage, { id: 'AwsSolutions-L1', reason: 'every function in this app is old' })).toThrow(/on resources/);
  });
});
