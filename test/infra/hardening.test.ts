// Issue 8's AWS hardening, as the template has it: customer-managed keys and who may use them,
// point-in-time recovery, log retention, access logs that name no one, retention (a tip and everything it holds) and
// the alarms. (API throttling and the consumers' concurrency caps: stack.test.ts; the WAF rate
// rule: public-form.test.ts; cdk-nag: nag.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLOSED_TIP_RETENTION_DAYS } from '../../functions/config/defaults';
import { ENV } from '../../functions/config/env-names';
import {
  ALL_TABLES,
  AUDIT_TABLE,
  MESSAGES_TABLE,
  PAGE_DELIVERIES_TABLE,
  PAGING_QUEUE,
  PAGING_TABLE,
  RECEIPTS_TABLE,
  TIP_RETENTION_TABLES,
  TIPS_QUEUE,
  TWILIO_CLEANUP_QUEUE,
} from '../../functions/config/tables';
import { Alarms } from '../../lib/alarms';
import { ACCESS_LOG_FIELDS } from '../../lib/http-api';
import { REPO_ROOT } from '../../lib/tipline-function';
import type { HandlerName } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_HANDLERS, asArray, inspect, referencedIds, sorted, type Json } from './inspect';
import { settingsFor, useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
// No bundling: nothing here looks inside a function's code.
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const { logicalId, resource, props, statementsOf, actionsByTable, allPolicyStatements, tableIdByShapeName, envOf } = inspect(() => ({ stack, template }));

const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const viaService = (service: string) => ({ 'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]] });
const keyIds = () => ({
  tables: logicalId(stack.keys.tables),
  queues: logicalId(stack.keys.queues),
  alarms: logicalId(stack.keys.alarms),
  secrets: logicalId(stack.keys.secrets),
  vault: logicalId(stack.vault.key),
});

/** A function's KMS statements on one key, as { actions, condition }. */
function grantsOnKey(handler: HandlerName, keyId: string): Array<{ actions: string[]; conditions: Json | undefined }> {
  return statementsOf(handler)
    .filter((s) => s.effect === 'Allow' && s.actions.some((a) => a.startsWith('kms:')) && referencedIds(s.resources).includes(keyId))
    .map((s) => ({ actions: sorted(s.actions), conditions: s.conditions }));
}

const TABLE_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('customer-managed keys', () => {
  it.each(['tables', 'queues', 'alarms', 'secrets'] as const)('the %s key is rotated, retained, aliased and delegates to IAM', (which) => {
    const id = keyIds()[which];
    expect(props(id).EnableKeyRotation).toBe(true);
    expect(resource(id).DeletionPolicy).toBe('Retain');
    expect(resource(id).UpdateReplacePolicy).toBe('Retain');
    const aliases = Object.values(template.findResources('AWS::KMS::Alias')).filter(
      (a) => JSON.stringify((a.Properties as Json).TargetKeyId) === JSON.stringify(arnOf(id)),
    );
    expect(aliases).toHaveLength(1);
    const statements = asArray((props(id).KeyPolicy as { Statement: Json[] }).Statement);
    expect(JSON.stringify(statements[0]?.Principal)).toContain(':root');
    // Only the alarms key names anyone else, and only CloudWatch, to publish alarms to the topic;
    // and the queues key EventBridge, to put the hourly referral sweep on the paging queue.
    const others = statements.slice(1);
    if (which === 'alarms') {
      expect(others).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        }),
      ]);
    } else if (which === 'secrets') {
      // CDK's statement for any Secret with a key of its own: the account, through Secrets Manager only.
      expect(others).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Principal: { AWS: expect.anything() },
          Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['secretsmanager.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
        }),
      ]);
      expect(JSON.stringify(others[0]?.Principal)).toContain(':root');
    } else if (which === 'queues') {
      expect(others).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ]);
    } else {
      expect(others).toEqual([]);
    }
  });

  it('are five, each for one thing: the vault key is not the tables key', () => {
    template.resourceCountIs('AWS::KMS::Key', 5);
    expect(new Set(Object.values(keyIds())).size).toBe(5);
  });

  it('every secret is encrypted with the secrets key, not the AWS-managed aws/secretsmanager', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(4);
    for (const [id, secret] of Object.entries(secrets)) expect((secret.Properties as Json).KmsKeyId, id).toEqual(arnOf(keyIds().secrets));
  });

  it.each(ALL_HANDLERS)('%s may decrypt with the secrets key exactly when it reads a secret, and only through Secrets Manager', (handler) => {
    const readsSecret = statementsOf(handler).some((s) => s.effect === 'Allow' && s.actions.includes('secretsmanager:GetSecretValue'));
    expect(grantsOnKey(handler, keyIds().secrets)).toEqual(
      readsSecret ? [{ actions: ['kms:Decrypt'], conditions: { StringEquals: { 'kms:ViaService': viaService('secretsmanager') } } }] : [],
    );
  });

  it.each(ALL_TABLES.map((shape) => shape.name))('table %s is encrypted with the tables key and recoverable to any point in time', (name) => {
    const table = props(tableIdByShapeName(name));
    expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: arnOf(keyIds().tables) });
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it.each(ALL_HANDLERS)('%s uses the tables key exactly for the tables it touches, through DynamoDB only', (handler) => {
    const dynamo = Object.values(actionsByTable(handler)).flat();
    const grants = grantsOnKey(handler, keyIds().tables);
    if (dynamo.length === 0) {
      expect(grants).toEqual([]);
      return;
    }
    const writes = dynamo.some((action) => TABLE_WRITES.includes(action));
    const expected = writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'];
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) {
      expect(grant.conditions).toEqual({ StringEquals: { 'kms:ViaService': viaService('dynamodb') } });
      expect(
        grant.actions.every((action) => expected.includes(action)),
        JSON.stringify(grant),
      ).toBe(true);
    }
    expect(sorted([...new Set(grants.flatMap((g) => g.actions))])).toEqual(expected);
  });

  // operatorApi: an operator's raise to critical is a paging job (issue 15).
  const PRODUCERS: HandlerName[] = ['smsIntake', 'webIntake', 'publicForm', 'triage', 'paging', 'operatorApi'];
  const CONSUMERS: HandlerName[] = ['triage', 'twilioCleanup', 'paging'];

  it.each(ALL_HANDLERS)('%s uses the queues key only if it sends (GenerateDataKey, Decrypt, through SQS) or consumes (Decrypt)', (handler) => {
    const grants = grantsOnKey(handler, keyIds().queues);
    const expected = [
      ...(PRODUCERS.includes(handler)
        ? [{ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], conditions: { StringEquals: { 'kms:ViaService': viaService('sqs') } } }]
        : []),
      // CDK's grantConsumeMessages, added by the SQS event source.
      ...(CONSUMERS.includes(handler) ? [{ actions: ['kms:Decrypt'], conditions: undefined }] : []),
    ];
    expect(grants).toEqual(expect.arrayContaining(expected));
    expect(grants).toHaveLength(expected.length);
  });

  it('the producers and consumers above are the functions that send to or receive from a queue', () => {
    const senders = ALL_HANDLERS.filter((h) => statementsOf(h).some((s) => s.actions.includes('sqs:SendMessage')));
    const receivers = ALL_HANDLERS.filter((h) => statementsOf(h).some((s) => s.actions.includes('sqs:ReceiveMessage')));
    expect(sorted(senders)).toEqual(sorted(PRODUCERS));
    expect(sorted(receivers)).toEqual(sorted(CONSUMERS));
  });

  it('every KMS right in the stack is one of: the vault key for a purpose, the tables key through DynamoDB, the queues key through SQS or to consume, the secrets key through Secrets Manager', () => {
    const { tables, queues, vault, secrets } = keyIds();
    const kms = allPolicyStatements().filter((s) => s.actions.some((a) => a.startsWith('kms:') || a === '*'));
    expect(kms.length).toBeGreaterThan(0);
    for (const s of kms) {
      const on = referencedIds(s.resources);
      const where = `${s.policy}: ${JSON.stringify(s.actions)} on ${on.join(',')}`;
      expect(on, where).toHaveLength(1);
      expect(
        s.actions.every((a) => a.startsWith('kms:') && !a.includes('*')),
        where,
      ).toBe(true);
      const equals = s.conditions?.StringEquals as Json | undefined;
      switch (on[0]) {
        case vault:
          expect(equals, where).toHaveProperty(['kms:EncryptionContext:purpose']);
          break;
        case tables:
          expect(s.conditions, where).toEqual({ StringEquals: { 'kms:ViaService': viaService('dynamodb') } });
          break;
        case queues:
          if (s.conditions === undefined) expect(s.actions, where).toEqual(['kms:Decrypt']);
          else expect(s.conditions, where).toEqual({ StringEquals: { 'kms:ViaService': viaService('sqs') } });
          break;
        case secrets:
          expect(s.actions, where).toEqual(['kms:Decrypt']);
          expect(s.conditions, where).toEqual({ StringEquals: { 'kms:ViaService': viaService('secretsmanager') } });
          break;
        default:
          throw new Error(`unexpected KMS right: ${where}`);
      }
    }
    // Nobody holds a right on the alarms key: only CloudWatch, through its key policy.
    expect(kms.filter((s) => referencedIds(s.resources).includes(keyIds().alarms))).toEqual([]);
  });
});

describe('logs', () => {
  it('every Lambda function in the stack (CDK deployment provider included) logs to a log group of the stack', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions).length).toBe(ALL_HANDLERS.length + 1);
    for (const [id, fn] of Object.entries(functions)) {
      const logGroup = referencedIds(((fn.Properties as Json).LoggingConfig as Json | undefined)?.LogGroup);
      expect(logGroup, id).toHaveLength(1);
      expect(resource(logGroup[0] ?? '').Type, id).toBe('AWS::Logs::LogGroup');
    }
  });

  it('every log group has an explicit retention, and none is left to a LogRetention custom resource', () => {
    const groups = template.findResources('AWS::Logs::LogGroup');
    expect(Object.keys(groups).length).toBeGreaterThanOrEqual(ALL_HANDLERS.length + 2);
    for (const [id, group] of Object.entries(groups)) expect((group.Properties as Json).RetentionInDays, id).toBe(30);
    expect(Object.keys(template.findResources('Custom::LogRetention'))).toEqual([]);
  });
});

describe('API access logs', () => {
  const stage = () => {
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    return stages[0]?.Properties as Json;
  };
  const format = () => (stage().AccessLogSettings as Json).Format as string;

  it('go to a log group of the stack with a retention', () => {
    const settings = stage().AccessLogSettings as Json;
    expect(settings.DestinationArn).toEqual(arnOf(logicalId(stack.httpApi.accessLogs)));
    expect(props(logicalId(stack.httpApi.accessLogs)).RetentionInDays).toBe(30);
  });

  it('record the request id, route, status, latency and integration error, and the time', () => {
    expect(JSON.parse(format())).toEqual(ACCESS_LOG_FIELDS);
    const recorded = [
      '$context.requestId',
      '$context.routeKey',
      '$context.status',
      '$context.responseLatency',
      '$context.integrationErrorMessage',
      '$context.requestTimeEpoch',
    ];
    for (const variable of recorded) {
      expect(format()).toContain(variable);
    }
  });

  it('record no source IP, User-Agent, path, query string or caller identity', () => {
    const variables = format().match(/\$context\.[A-Za-z.]+/g) ?? [];
    expect(variables.length).toBe(Object.keys(ACCESS_LOG_FIELDS).length);
    const forbiddenNames = [
      'sourceIp',
      'userAgent',
      'identity',
      'path',
      'querystring',
      'queryString',
      'requestOverride',
      'authorizer',
      'domainName',
      'customDomain',
    ];
    for (const forbidden of forbiddenNames) {
      expect(format().toLowerCase(), forbidden).not.toContain(forbidden.toLowerCase());
    }
    // Nor any request input at all.
    expect(format()).not.toMatch(/\$input|\$request|\$stageVariables/);
  });
});

describe('retention', () => {
  it.each(TIP_RETENTION_TABLES.map((shape) => shape.name))('%s expires items on expiresAt: a tip and everything it holds go together', (name) => {
    expect(props(tableIdByShapeName(name)).TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('every table keyed or indexed by tip is one of them, but the audit trail (append-only, kept beyond the tip)', () => {
    const byTip = ALL_TABLES.filter((shape) => shape.partitionKey === 'tipId' || shape.indexes.some((index) => index.partitionKey === 'tipId'));
    expect(sorted(byTip.map((shape) => shape.name))).toEqual(sorted([...TIP_RETENTION_TABLES.map((shape) => shape.name), AUDIT_TABLE.name]));
  });

  it('operator-api, which closes tips, is told how many days to keep them (365 by default)', () => {
    expect(DEFAULT_CLOSED_TIP_RETENTION_DAYS).toBe(365);
    expect(envOf('operatorApi')[ENV.closedTipRetentionDays]).toBe('365');
    for (const handler of ALL_HANDLERS.filter((h) => h !== 'operatorApi')) expect(envOf(handler)[ENV.closedTipRetentionDays], handler).toBeUndefined();
  });

  it.each([
    [MESSAGES_TABLE, ['messageId', 'expiresAt']],
    [RECEIPTS_TABLE, ['receiptHash', 'expiresAt']],
    [PAGING_TABLE, ['tipId', 'expiresAt']],
    [PAGE_DELIVERIES_TABLE, ['idempotencyKey', 'expiresAt']],
  ] as const)("operator-api may change %s's items in expiresAt alone (the closed tip's, set on closing)", (shape, attributes) => {
    const tableArn = arnOf(tableIdByShapeName(shape.name));
    const updates = statementsOf('operatorApi').filter(
      (s) => s.effect === 'Allow' && s.actions.includes('dynamodb:UpdateItem') && referencedIds(s.resources).includes(tableIdByShapeName(shape.name)),
    );
    expect(updates).toEqual([
      {
        effect: 'Allow',
        actions: ['dynamodb:UpdateItem'],
        resources: [tableArn],
        conditions: {
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...attributes] },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
        },
      },
    ]);
    // It finds a tip's items through the by-tip indexes only.
    expect(ALL_TABLES.find((t) => t.name === shape.name)?.timeToLive).toBe('expiresAt');
  });

  it("operator-api finds a closed tip's receipt through the receipts' by-tip index alone, and reads nothing there", () => {
    expect(actionsByTable('operatorApi').Receipts).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    const queries = statementsOf('operatorApi').filter((s) => s.effect === 'Allow' && s.actions.includes('dynamodb:Query'));
    const onReceipts = queries.flatMap((s) => s.resources).filter((r) => referencedIds(r).includes(tableIdByShapeName(RECEIPTS_TABLE.name)));
    expect(onReceipts).toEqual([{ 'Fn::Join': ['', [arnOf(tableIdByShapeName(RECEIPTS_TABLE.name)), '/index/ReceiptsByTip']] }]);
  });

  it('takes closedTipRetentionDays from context and refuses anything but a positive whole number', () => {
    const withContext = (value: unknown) => settingsFor({ closedTipRetentionDays: value }).closedTipRetentionDays;
    expect(withContext(90)).toBe(90);
    expect(withContext('730')).toBe(730);
    for (const bad of [0, -1, '1.5', 'a year', '']) expect(() => withContext(bad), String(bad)).toThrow(/closedTipRetentionDays/);
  });
});

describe('alarms', () => {
  const alarm = (name: string): Json => {
    const found = stack.alarms.alarms.get(name);
    if (found === undefined) throw new Error(`no alarm ${name}`);
    return props(logicalId(found));
  };
  const topicRef = () => ({ Ref: logicalId(stack.alarms.topic) });
  const capitalized = (handler: string) => handler.charAt(0).toUpperCase() + handler.slice(1);
  const WORK = ['Tips', 'TwilioCleanup', 'Paging'] as const;

  it('are one per dead-letter queue, one per queue on its oldest message, an error and a throttle alarm per function, and one on API 5xx', () => {
    expect(sorted([...stack.alarms.alarms.keys()])).toEqual(
      sorted([
        ...WORK.flatMap((name) => [`${name}DeadLetters`, `${name}OldestMessage`]),
        ...ALL_HANDLERS.flatMap((handler) => [`${capitalized(handler)}Errors`, `${capitalized(handler)}Throttles`]),
        'Api5xx',
      ]),
    );
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 * 2 + ALL_HANDLERS.length * 2 + 1);
  });

  it('are named <stack name>-<alarm>, so a mail says which stage and what broke', () => {
    for (const [name, found] of stack.alarms.alarms) expect(props(logicalId(found)).AlarmName).toBe(`tipline-prod-${name}`);
  });

  it.each([
    ['TipsDeadLetters', () => stack.tipsQueue.deadLetterQueue],
    ['TwilioCleanupDeadLetters', () => stack.twilioCleanup.jobs.deadLetterQueue],
    ['PagingDeadLetters', () => stack.paging.work.deadLetterQueue],
  ] as const)('%s fires on the first message visible in its dead-letter queue', (name, queue) => {
    expect(alarm(name)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(queue()), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 60,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicRef()],
      OKActions: [topicRef()],
    });
  });

  it.each([
    // Delay (the queue's, or the longest a producer puts on a message) + one visibility timeout + 2 minutes.
    ['Tips', () => stack.tipsQueue, 0 + TIPS_QUEUE.consumerTimeoutSeconds * 6 + 120],
    ['TwilioCleanup', () => stack.twilioCleanup.jobs, TWILIO_CLEANUP_QUEUE.delaySeconds + TWILIO_CLEANUP_QUEUE.consumerTimeoutSeconds * 6 + 120],
    ['Paging', () => stack.paging.work, PAGING_QUEUE.maxDelaySeconds + PAGING_QUEUE.consumerTimeoutSeconds * 6 + 120],
  ] as const)('%sOldestMessage fires when a message waited longer than its delay and one visibility timeout: a stalled consumer', (name, work, seconds) => {
    expect(work().maxExpectedAge.toSeconds()).toBe(seconds);
    // Minutes, far inside the 14 days the queue keeps a message.
    expect(seconds).toBeLessThan(60 * 60);
    expect(alarm(`${name}OldestMessage`)).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateAgeOfOldestMessage',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalId(work().queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: seconds,
      TreatMissingData: 'notBreaching',
      AlarmActions: [topicRef()],
      OKActions: [topicRef()],
    });
  });

  it.each(ALL_HANDLERS)('%s alarms on any error and any throttle', (handler) => {
    for (const metric of ['Errors', 'Throttles'] as const) {
      expect(alarm(`${capitalized(handler)}${metric}`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(stack.functions[handler]) } }],
        Statistic: 'Sum',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        AlarmActions: [topicRef()],
      });
    }
  });

  it('Api5xx fires on any 5xx the HTTP API answers', () => {
    expect(alarm('Api5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(stack.httpApi.api) } }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [topicRef()],
    });
  });

  it('notify one topic, encrypted with the alarms key and refusing plain HTTP, with no subscriber unless alarmEmail is set', () => {
    expect(props(logicalId(stack.alarms.topic)).KmsMasterKeyId).toEqual(arnOf(keyIds().alarms));
    expect(props(logicalId(stack.alarms.topic)).DisplayName).toBe('tipline prod alarms');
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')).map((p) => p.Properties as Json);
    const denyHttp = policies.filter((p) =>
      asArray((p.PolicyDocument as { Statement: Json[] }).Statement).some(
        (s) => s.Effect === 'Deny' && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }),
      ),
    );
    expect(denyHttp.map((p) => p.Topics)).toEqual([[topicRef()]]);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.AlarmTopicArn?.Value).toEqual(topicRef());
  });

  it("let CloudWatch publish: the topic's own policy replaces SNS's default, so without this no alarm would reach anyone", () => {
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')).map((p) => p.Properties as Json);
    expect(policies).toHaveLength(1);
    const statements = asArray((policies[0]?.PolicyDocument as { Statement: Json[] }).Statement);
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'CloudWatchAlarmsPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicRef(),
        // Only this account's alarms, and only this stack's (their names start with the stack name).
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:tipline-prod-*'],
              ],
            },
          },
        },
      },
    ]);
  });

  it('subscribe the alarmEmail address, and refuse one that is not an address', () => {
    const withEmail = (alarmEmail: string) => settingsFor({ alarmEmail }).alarmEmail;
    const s = new Stack(new App(), 'S');
    new Alarms(s, 'Alarms', { key: new Key(s, 'Key'), stage: 'prod', email: withEmail('alerts@example.org') });
    Template.fromStack(s).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alerts@example.org' });
    expect(() => withEmail('alerts at example.org')).toThrow(/alarmEmail/);
  });

  it('are each explained in docs/operations.md: what it means, what to do', () => {
    const runbook = readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
    const entry = (name: string) => (name.endsWith('Throttles') ? '`<Function>Throttles`' : `\`${name}\``);
    expect([...stack.alarms.alarms.keys()].filter((name) => !runbook.includes(entry(name)))).toEqual([]);
  });

  it('give no execution role any right on the topic: only CloudWatch publishes', () => {
    const topicId = logicalId(stack.alarms.topic);
    for (const handler of ALL_HANDLERS) {
      expect(
        statementsOf(handler).filter((s) => referencedIds(s.resources).includes(topicId)),
        handler,
      ).toEqual([]);
    }
  });
});
