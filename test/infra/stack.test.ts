import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ENV, LOCAL_ENV } from '../../functions/config/env-names';
import { ALL_TABLES, ROUTES, TIPS_QUEUE } from '../../functions/config/tables';
import { DEFAULT_EMERGENCY_NUMBERS } from '../../functions/config/defaults';
import { REPO_ROOT, type HandlerName } from '../../lib/tipline-function';
import { TiplineStack } from '../../lib/tipline-stack';

// One synth for the whole file: it bundles all four functions with esbuild.
const SYNTH_TIMEOUT_MS = 180_000;

type Json = Record<string, unknown>;
interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: unknown[];
}

let stack: TiplineStack;
let template: Template;
let assemblyDir: string;

const HANDLERS: readonly HandlerName[] = ['smsIntake', 'webIntake', 'triage', 'operatorApi'];
const DYNAMODB_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const DYNAMODB_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:Scan'];
const ESM_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

beforeAll(() => {
  // The same feature flags as `cdk synth`, so the tests see the template that deploys.
  const cdkJson = z.object({ context: z.record(z.string(), z.unknown()) }).parse(JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')));
  const app = new App({ context: cdkJson.context });
  stack = new TiplineStack(app, 'TiplineStack');
  template = Template.fromStack(stack);
  // Stage.synth() caches, so this is the assembly the template came from, not a second synth.
  assemblyDir = app.synth().directory;
}, SYNTH_TIMEOUT_MS);

// The bundles are tens of MB per run; only a temporary assembly is removed, never a CDK_OUTDIR.
afterAll(() => {
  if (assemblyDir?.startsWith(tmpdir())) rmSync(assemblyDir, { recursive: true, force: true });
});

// ---------- helpers ----------

function logicalId(construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function resource(id: string): Json {
  const found = template.toJSON().Resources[id] as Json | undefined;
  if (found === undefined) throw new Error(`no resource ${id}`);
  return found;
}

function props(id: string): Json {
  return resource(id).Properties as Json;
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Logical ids that a resource expression points at, through Ref, Fn::GetAtt and Fn::Join. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Json;
  if (typeof obj.Ref === 'string') return [obj.Ref];
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
  return Object.values(obj).flatMap(referencedIds);
}

function toStatements(document: unknown): Statement[] {
  const raw = asArray((document as { Statement?: Json | Json[] }).Statement);
  return raw.map((s) => ({
    effect: s.Effect as 'Allow' | 'Deny',
    actions: asArray(s.Action as string | string[]),
    resources: asArray(s.Resource as unknown),
  }));
}

function roleIdOf(handler: HandlerName): string {
  const role = stack.functions[handler].role;
  if (role === undefined) throw new Error(`${handler} has no role`);
  return logicalId(role);
}

/** Every statement attached to a function's execution role: its own policies and inline ones. */
function statementsOf(handler: HandlerName): Statement[] {
  const roleId = roleIdOf(handler);
  const attached = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => referencedIds((policy.Properties as Json).Roles).includes(roleId))
    .flatMap((policy) => toStatements((policy.Properties as Json).PolicyDocument));
  const inline = asArray((props(roleId).Policies as Json[] | undefined) ?? []).flatMap((p) => toStatements(p.PolicyDocument));
  return [...attached, ...inline];
}

function allowedActions(handler: HandlerName): string[] {
  return statementsOf(handler)
    .filter((s) => s.effect === 'Allow')
    .flatMap((s) => s.actions);
}

/** Logical ids of the resources on which `handler` is allowed `action`. */
function resourcesAllowed(handler: HandlerName, action: string): string[] {
  const ids = statementsOf(handler)
    .filter((s) => s.effect === 'Allow' && s.actions.includes(action))
    .flatMap((s) => referencedIds(s.resources));
  return [...new Set(ids)].sort();
}

function sorted(ids: string[]): string[] {
  return [...ids].sort();
}

function tableIdByShapeName(name: string): string {
  const tables = { Tips: stack.storage.tips, Messages: stack.storage.messages, Contacts: stack.storage.contacts, Receipts: stack.storage.receipts };
  const table = tables[name as keyof typeof tables];
  if (table === undefined) throw new Error(`no table for shape ${name}`);
  return logicalId(table);
}

function envOf(handler: HandlerName): Json {
  return ((props(logicalId(stack.functions[handler])).Environment as Json).Variables as Json) ?? {};
}

// ---------- tests ----------

describe('functions', () => {
  const expectedTimeout: Record<HandlerName, number> = { smsIntake: 10, webIntake: 10, triage: TIPS_QUEUE.consumerTimeoutSeconds, operatorApi: 10 };

  it('are exactly the four handlers', () => {
    template.resourceCountIs('AWS::Lambda::Function', HANDLERS.length);
  });

  it.each(HANDLERS)('%s runs nodejs22.x on arm64 with an explicit timeout and source maps', (handler) => {
    const fn = props(logicalId(stack.functions[handler]));
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.Timeout).toBe(expectedTimeout[handler]);
    expect(typeof fn.MemorySize).toBe('number');
    expect(envOf(handler).NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it.each(HANDLERS)('%s logs to its own log group with a retention', (handler) => {
    const logGroupId = logicalId(stack.functions[handler].logGroup);
    expect(props(logicalId(stack.functions[handler])).LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    expect(resource(logGroupId).Type).toBe('AWS::Logs::LogGroup');
    expect(props(logGroupId).RetentionInDays).toBe(30);
  });

  it.each(HANDLERS)('%s is bundled as an ES module with the require banner and a source map', (handler) => {
    const code = props(logicalId(stack.functions[handler])).Code as { S3Key: string };
    const assetDir = join(assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle.startsWith(ESM_BANNER)).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(assetDir, 'index.js'))).toBe(false);
  });

  it('get only environment variables named in env-names.ts, and none of the local-only secrets', () => {
    const allowed = new Set<string>([...Object.values(ENV), 'NODE_OPTIONS']);
    const localOnly = new Set<string>([ENV.twilioAuthToken, ENV.contactKeySecret, ENV.receiptPepper, ENV.devOperatorToken, ...Object.values(LOCAL_ENV)]);
    for (const handler of HANDLERS) {
      const names = Object.keys(envOf(handler));
      expect(names.filter((name) => !allowed.has(name)), handler).toEqual([]);
      expect(names.filter((name) => localOnly.has(name)), handler).toEqual([]);
    }
  });

  it('wire each handler to exactly the resources it uses', () => {
    const queueId = logicalId(stack.tipsQueue.queue);
    const tableRef = (name: string) => ({ Ref: tableIdByShapeName(name) });
    expect(envOf('smsIntake')).toMatchObject({
      [ENV.tipsQueueUrl]: { Ref: queueId },
      [ENV.twilioAuthTokenSecretArn]: { Ref: logicalId(stack.secrets.twilioAuthToken) },
      [ENV.contactKeySecretArn]: { Ref: logicalId(stack.secrets.contactKey) },
      [ENV.emergencyNumbers]: DEFAULT_EMERGENCY_NUMBERS,
      [ENV.publicUrl]: { 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] },
    });
    expect(envOf('webIntake')).toMatchObject({
      [ENV.tipsQueueUrl]: { Ref: queueId },
      [ENV.receiptPepperSecretArn]: { Ref: logicalId(stack.secrets.receiptPepper) },
      [ENV.emergencyNumbers]: DEFAULT_EMERGENCY_NUMBERS,
    });
    expect(envOf('triage')).toMatchObject({
      [ENV.tipsTable]: tableRef('Tips'),
      [ENV.messagesTable]: tableRef('Messages'),
      [ENV.contactsTable]: tableRef('Contacts'),
      [ENV.receiptsTable]: tableRef('Receipts'),
    });
    expect(envOf('operatorApi')).toMatchObject({ [ENV.tipsTable]: tableRef('Tips'), [ENV.messagesTable]: tableRef('Messages') });
    for (const handler of ['smsIntake', 'webIntake'] as const) {
      expect(Object.keys(envOf(handler)).some((name) => name.endsWith('_TABLE')), handler).toBe(false);
    }
  });
});

describe('tips queue', () => {
  it('redrives to the DLQ after 5 receives, with a visibility of at least 6 × the consumer timeout', () => {
    const queue = props(logicalId(stack.tipsQueue.queue));
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(stack.tipsQueue.deadLetterQueue), 'Arn'] },
      maxReceiveCount: 5,
    });
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * TIPS_QUEUE.consumerTimeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (props(logicalId(stack.functions.triage)).Timeout as number));
  });

  it('keeps dead letters for 14 days', () => {
    expect(props(logicalId(stack.tipsQueue.deadLetterQueue)).MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it.each(['queue', 'deadLetterQueue'] as const)('%s is encrypted, retained and refuses plain HTTP', (which) => {
    const queueId = logicalId(stack.tipsQueue[which]);
    expect(props(queueId).SqsManagedSseEnabled).toBe(true);
    expect(resource(queueId).DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: { 'Fn::GetAtt': [queueId, 'Arn'] },
          }),
        ]),
      },
    });
  });

  it('feeds triage in batches with partial failures and a concurrency cap', () => {
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [logicalId(stack.tipsQueue.queue), 'Arn'] },
      FunctionName: { Ref: logicalId(stack.functions.triage) },
      BatchSize: TIPS_QUEUE.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });
});

describe('tables', () => {
  it('are exactly the shapes in tables.ts', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', ALL_TABLES.length);
  });

  it.each(ALL_TABLES.map((shape) => [shape.name, shape] as const))('%s matches its shape', (_name, shape) => {
    const id = tableIdByShapeName(shape.name);
    const table = props(id);
    expect(table.KeySchema).toEqual([
      { AttributeName: shape.partitionKey, KeyType: 'HASH' },
      ...(shape.sortKey === undefined ? [] : [{ AttributeName: shape.sortKey, KeyType: 'RANGE' }]),
    ]);
    const indexes = asArray(table.GlobalSecondaryIndexes as Json[] | undefined);
    expect(indexes).toEqual(
      shape.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          ...(index.sortKey === undefined ? [] : [{ AttributeName: index.sortKey, KeyType: 'RANGE' }]),
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(table.TimeToLiveSpecification).toEqual(
      shape.timeToLive === undefined ? undefined : { AttributeName: shape.timeToLive, Enabled: true },
    );
  });

  it.each(ALL_TABLES.map((shape) => shape.name))('%s is on demand, encrypted, recoverable and retained', (name) => {
    const id = tableIdByShapeName(name);
    const table = props(id);
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(resource(id).DeletionPolicy).toBe('Retain');
    expect(resource(id).UpdateReplacePolicy).toBe('Retain');
  });
});

describe('HTTP API', () => {
  const integrationTargetOf = (handler: HandlerName) => {
    const fnId = logicalId(stack.functions[handler]);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration', {
      Properties: { IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } },
    });
    return Object.keys(integrations);
  };

  it('has exactly the routes in tables.ts', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s goes to its handler with its authorization', (routeKey, route) => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } });
    const [found, ...more] = Object.values(routes);
    expect(found).toBeDefined();
    expect(more).toEqual([]);
    const properties = (found as Json).Properties as Json;
    expect(properties.AuthorizationType).toBe(route.auth === 'operator' ? 'AWS_IAM' : 'NONE');
    expect(integrationTargetOf(route.handler)).toEqual(expect.arrayContaining(referencedIds(properties.Target)));
    expect(referencedIds(properties.Target)).toHaveLength(1);
  });

  it('throttles the default stage', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('outputs the URLs and names that tools need', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['ApiUrl', 'TwilioWebhookUrl', 'TipsQueueUrl', 'TipsDeadLetterQueueUrl', 'TipsTableName', 'MessagesTableName', 'ContactsTableName', 'ReceiptsTableName']),
    );
    expect(outputs.TwilioWebhookUrl?.Value).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] }, '/sms/twilio']],
    });
    expect(outputs.TipsQueueUrl?.Value).toEqual({ Ref: logicalId(stack.tipsQueue.queue) });
    expect(outputs.TipsTableName?.Value).toEqual({ Ref: tableIdByShapeName('Tips') });
  });
});

describe('secrets', () => {
  it('are generated by Secrets Manager, never written into the template', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(3);
    for (const secret of Object.values(secrets)) {
      const properties = secret.Properties as Json;
      expect(properties.SecretString).toBeUndefined();
      expect(properties.GenerateSecretString).toBeDefined();
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('"SecretString"');
  });

  it('each hold one plain-text value, and the generated ones outlive the stack', () => {
    for (const secret of [stack.secrets.contactKey, stack.secrets.receiptPepper, stack.secrets.twilioAuthToken]) {
      const generate = props(logicalId(secret)).GenerateSecretString as Json;
      expect(generate.GenerateStringKey).toBeUndefined();
      expect(generate.SecretStringTemplate).toBeUndefined();
    }
    for (const secret of [stack.secrets.contactKey, stack.secrets.receiptPepper]) {
      expect(resource(logicalId(secret)).DeletionPolicy).toBe('Retain');
      expect((props(logicalId(secret)).GenerateSecretString as Json).PasswordLength).toBeGreaterThanOrEqual(64);
    }
  });
});

describe('IAM', () => {
  it('finds statements for every function (the helpers below are not vacuous)', () => {
    for (const handler of HANDLERS) expect(allowedActions(handler).length, handler).toBeGreaterThan(0);
  });

  it.each(['smsIntake', 'webIntake'] as const)('%s may send to the tips queue only, and touch no table', (handler) => {
    const actions = allowedActions(handler);
    expect(resourcesAllowed(handler, 'sqs:SendMessage')).toEqual([logicalId(stack.tipsQueue.queue)]);
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actions).not.toContain('sqs:ReceiveMessage');
    expect(actions).not.toContain('sqs:DeleteMessage');
  });

  it('operator-api reads Tips and Messages, writes nothing, and has no queue or secret rights', () => {
    const actions = allowedActions('operatorApi');
    for (const write of DYNAMODB_WRITE_ACTIONS) expect(actions).not.toContain(write);
    expect(actions.filter((action) => action.startsWith('sqs:') || action.startsWith('secretsmanager:'))).toEqual([]);
    const readable = sorted([tableIdByShapeName('Tips'), tableIdByShapeName('Messages')]);
    for (const read of ['dynamodb:GetItem', 'dynamodb:Query']) expect(resourcesAllowed('operatorApi', read)).toEqual(readable);
  });

  it('triage consumes the tips queue, reads and writes only what it needs, and reads no secret', () => {
    const actions = allowedActions('triage');
    expect(actions.filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
    expect(actions).not.toContain('sqs:SendMessage');
    for (const consume of ['sqs:ReceiveMessage', 'sqs:DeleteMessage']) {
      expect(resourcesAllowed('triage', consume)).toEqual([logicalId(stack.tipsQueue.queue)]);
    }
    const all = sorted(ALL_TABLES.map((shape) => tableIdByShapeName(shape.name)));
    for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) expect(resourcesAllowed('triage', write)).toEqual(all);
    const readable = sorted(['Tips', 'Messages', 'Contacts'].map(tableIdByShapeName));
    for (const read of DYNAMODB_READ_ACTIONS) expect(resourcesAllowed('triage', read)).toEqual(readable);
  });

  it('only the intake functions can read secrets, each only its own', () => {
    const twilio = logicalId(stack.secrets.twilioAuthToken);
    const contactKey = logicalId(stack.secrets.contactKey);
    const pepper = logicalId(stack.secrets.receiptPepper);
    expect(resourcesAllowed('smsIntake', 'secretsmanager:GetSecretValue')).toEqual(sorted([twilio, contactKey]));
    expect(resourcesAllowed('webIntake', 'secretsmanager:GetSecretValue')).toEqual([pepper]);
    expect(resourcesAllowed('triage', 'secretsmanager:GetSecretValue')).toEqual([]);
    expect(resourcesAllowed('operatorApi', 'secretsmanager:GetSecretValue')).toEqual([]);
    // No other policy in the stack (present or future) may read them either.
    const intakeRoles = new Set([roleIdOf('smsIntake'), roleIdOf('webIntake')]);
    for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
      const properties = policy.Properties as Json;
      const readsSecrets = toStatements(properties.PolicyDocument).some(
        (s) => s.effect === 'Allow' && s.actions.some((a) => a === 'secretsmanager:GetSecretValue' || a === 'secretsmanager:*' || a === '*'),
      );
      if (readsSecrets) expect(referencedIds(properties.Roles).every((role) => intakeRoles.has(role)), id).toBe(true);
    }
  });

  it('no function has wildcard actions or resources', () => {
    for (const handler of HANDLERS) {
      for (const statement of statementsOf(handler)) {
        expect(statement.actions.filter((action) => action === '*' || action.endsWith(':*')), handler).toEqual([]);
        expect(statement.resources, handler).not.toContain('*');
      }
    }
  });

  it('execution roles carry only the basic logging managed policy', () => {
    for (const handler of HANDLERS) {
      const managed = props(roleIdOf(handler)).ManagedPolicyArns;
      expect(JSON.stringify(managed), handler).toContain('service-role/AWSLambdaBasicExecutionRole');
      expect(asArray(managed as unknown[]), handler).toHaveLength(1);
    }
  });
});
