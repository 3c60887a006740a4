import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import {
  ALL_TABLES,
  AUDIT_TABLE,
  CONTACT_VAULT_TABLE,
  HANDLER_ENTRIES,
  PAGING_QUEUE,
  ROUTES,
  TIPS_QUEUE,
  TWILIO_CLEANUP_QUEUE,
} from '../../functions/config/tables';
import { DEFAULT_EMERGENCY_NUMBERS, DEFAULT_VAULT_TTL_DAYS } from '../../functions/config/defaults';
import type { HandlerName } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';
import { TWILIO_ACCOUNT_SID_PLACEHOLDER, TWILIO_SENDER_PLACEHOLDER } from '../../lib/twilio-account';
import { LOCAL_ENV } from '../../local/config';
import { ALL_HANDLERS, asArray, inspect, noTable, referencedIds, sorted, toStatements, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
let assemblyDir: string;

const _DYNAMODB_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Local-only names env-names.ts no longer holds (the local stack's platform replaced them). */
const LOCAL_ONLY_RETIRED_NAMES = [
  'TIPLINE_CONTACT_KEY_SECRET',
  'TIPLINE_RECEIPT_PEPPER',
  'TIPLINE_VAULT_LOCAL_KEY',
  'TIPLINE_TWILIO_API_BASE_URL',
  'TIPLINE_LOCAL_CLOCK_OFFSET_FILE',
];
const ESM_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

// One synth for the whole file, the only one that bundles all ten functions with esbuild (the
// bundles are tens of MB per run; the temporary assembly is removed afterwards).
useSynthesizedStack(
  (s, t, dir) => {
    stack = s;
    template = t;
    assemblyDir = dir;
  },
  { bundling: true, timeoutMs: 180_000 },
);

// ---------- helpers ----------

const {
  logicalId,
  resource,
  props,
  roleIdOf,
  statementsOf,
  ownStatementsOf,
  dataActions,
  allowedActions,
  resourcesAllowed,
  actionsOn,
  allPolicyStatements,
  everyAllowStatement,
  tableIdByShapeName,
  tableRef,
  actionsByTable,
  queryableIndexesOf,
  targetsOf,
  envOf,
} = inspect(() => ({ stack, template }));

/** IAM's action matching: case-insensitive, `*` and `?` wildcards. */
function actionMatches(pattern: string, action: string): boolean {
  const escaped = pattern.replace(/[.+^$()|[\]{}\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i').test(action);
}

/** What would rewrite history on the audit table. */
const AUDIT_FORBIDDEN = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLInsert',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
  'dynamodb:PartiQLSelect',
  'dynamodb:DeleteTable',
];

// ---------- tests ----------

describe('functions', () => {
  const expectedTimeout: Record<HandlerName, number> = {
    smsIntake: 10,
    webIntake: 10,
    triage: TIPS_QUEUE.consumerTimeoutSeconds,
    operatorApi: 10,
    tipsterReply: 15,
    twilioCleanup: TWILIO_CLEANUP_QUEUE.consumerTimeoutSeconds,
    paging: PAGING_QUEUE.consumerTimeoutSeconds,
    smsStatus: 10,
    rosterApi: 10,
    publicForm: 10,
  };

  it('are exactly the ten handlers, plus the one provider that copies the dashboard and the form files into their bucket', () => {
    expect(ALL_HANDLERS).toHaveLength(10);
    expect(sorted([...ALL_HANDLERS])).toEqual(sorted(Object.keys(HANDLER_ENTRIES)));
    const handlerIds = new Set(ALL_HANDLERS.map((handler) => logicalId(stack.functions[handler])));
    const others = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !handlerIds.has(id));
    expect(others).toHaveLength(1);
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    for (const deployment of deployments) expect(referencedIds((deployment.Properties as Json).ServiceToken)).toEqual(others);
  });

  it.each(ALL_HANDLERS)('%s runs nodejs22.x on arm64 with an explicit timeout and source maps', (handler) => {
    const fn = props(logicalId(stack.functions[handler]));
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(fn.Timeout).toBe(expectedTimeout[handler]);
    expect(typeof fn.MemorySize).toBe('number');
    expect(envOf(handler).NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it.each(ALL_HANDLERS)('%s logs to its own log group with a retention', (handler) => {
    const logGroupId = logicalId(stack.functions[handler].logGroup);
    expect(props(logicalId(stack.functions[handler])).LoggingConfig).toEqual({ LogGroup: { Ref: logGroupId } });
    expect(resource(logGroupId).Type).toBe('AWS::Logs::LogGroup');
    expect(props(logGroupId).RetentionInDays).toBe(30);
  });

  it.each(ALL_HANDLERS)('%s is bundled as an ES module with the require banner and a source map', (handler) => {
    const code = props(logicalId(stack.functions[handler])).Code as { S3Key: string };
    const assetDir = join(assemblyDir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle.startsWith(ESM_BANNER)).toBe(true);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
    expect(existsSync(join(assetDir, 'index.js'))).toBe(false);
  });

  it('get only environment variables named in env-names.ts, and none of the local-only secrets', () => {
    const allowed = new Set<string>([...Object.values(ENV), 'NODE_OPTIONS']);
    const localOnly = new Set<string>([
      // AWS verifies against the issuer's own JWKS; only the local stack points elsewhere.
      ENV.jwtJwksUri,
      // The local stack's own configuration (the Twilio auth token among it), which no function reads.
      ...Object.values(LOCAL_ENV),
      // What the local stack once handed its functions through the environment (secrets in clear, a
      // local master key, the local Twilio API, the paging clock's offset file) and now through its
      // platform (local/platform.ts): names that must never reach AWS either.
      ...LOCAL_ONLY_RETIRED_NAMES,
    ]);
    for (const handler of ALL_HANDLERS) {
      const names = Object.keys(envOf(handler));
      expect(
        names.filter((name) => !allowed.has(name)),
        handler,
      ).toEqual([]);
      expect(
        names.filter((name) => localOnly.has(name)),
        handler,
      ).toEqual([]);
    }
    // Not only absent from the functions: nowhere in the template. (This includes the local
    // cleanup delay: in AWS the queue's own delay applies.)
    const json = JSON.stringify(template.toJSON());
    expect([...localOnly].filter((name) => json.includes(`"${name}"`))).toEqual([]);
  });

  it('wire each handler to exactly the resources it uses', () => {
    const queueId = logicalId(stack.tipsQueue.queue);
    const keyArn = { 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] };
    const twilioToken = { Ref: logicalId(stack.secrets.twilioAuthToken) };
    const issuer = { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: logicalId(stack.operators.userPool) }]] };
    const audience = { Ref: logicalId(stack.operators.dashboardClient) };
    expect(envOf('smsIntake')).toMatchObject({
      [ENV.tipsQueueUrl]: { Ref: queueId },
      [ENV.twilioAuthTokenSecretArn]: twilioToken,
      [ENV.contactKeySecretArn]: { Ref: logicalId(stack.secrets.contactKey) },
      [ENV.emergencyNumbers]: DEFAULT_EMERGENCY_NUMBERS,
      [ENV.publicUrl]: { 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] },
      [ENV.contactVaultTable]: tableRef('ContactVault'),
      [ENV.vaultKeyArn]: keyArn,
      [ENV.vaultTtlDays]: String(DEFAULT_VAULT_TTL_DAYS),
      [ENV.twilioCleanupQueueUrl]: { Ref: logicalId(stack.twilioCleanup.jobs.queue) },
      // Off until an operator has set the account SID and turns it on.
      [ENV.deleteInboundFromTwilio]: 'false',
      [ENV.responderContactsTable]: tableRef('ResponderContacts'),
      [ENV.pagingQueueUrl]: { Ref: logicalId(stack.paging.work.queue) },
      [ENV.intakeMemoryTable]: tableRef('IntakeMemory'),
    });
    expect(envOf('tipsterReply')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.tipsTable]: tableRef('Tips'),
      [ENV.messagesTable]: tableRef('Messages'),
      [ENV.auditTable]: tableRef('Audit'),
      [ENV.jwtIssuer]: issuer,
      [ENV.jwtAudience]: audience,
      [ENV.contactVaultTable]: tableRef('ContactVault'),
      [ENV.vaultKeyArn]: keyArn,
      [ENV.twilioAuthTokenSecretArn]: twilioToken,
      [ENV.twilioAccountSid]: TWILIO_ACCOUNT_SID_PLACEHOLDER,
      [ENV.twilioSender]: TWILIO_SENDER_PLACEHOLDER,
    });
    expect(envOf('twilioCleanup')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.vaultKeyArn]: keyArn,
      [ENV.twilioAuthTokenSecretArn]: twilioToken,
      [ENV.twilioAccountSid]: TWILIO_ACCOUNT_SID_PLACEHOLDER,
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
      [ENV.evidenceTable]: tableRef('Evidence'),
      [ENV.pagingQueueUrl]: { Ref: logicalId(stack.paging.work.queue) },
      [ENV.highUnclaimedPageAfterMinutes]: '15',
    });
    expect(envOf('operatorApi')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.tipsTable]: tableRef('Tips'),
      [ENV.messagesTable]: tableRef('Messages'),
      // Only to give a closed tip's receipt the tip's retention, through the by-tip index.
      [ENV.receiptsTable]: tableRef('Receipts'),
      [ENV.auditTable]: tableRef('Audit'),
      [ENV.pagingTable]: tableRef('Paging'),
      [ENV.pageDeliveriesTable]: tableRef('PageDeliveries'),
      [ENV.evidenceTable]: tableRef('Evidence'),
      [ENV.vaultKeyArn]: keyArn,
      [ENV.jwtIssuer]: issuer,
      [ENV.jwtAudience]: audience,
      [ENV.closedTipRetentionDays]: '365',
      [ENV.pagingQueueUrl]: { Ref: logicalId(stack.paging.work.queue) },
      // The staff a tip can be handed to: the pool's operator and supervisor groups.
      [ENV.staffUserPoolId]: { Ref: logicalId(stack.operators.userPool) },
      // Cases and referrals; the roster for its agency directory alone (its partitions: oncall.test.ts).
      [ENV.casesTable]: tableRef('Cases'),
      [ENV.rosterTable]: tableRef('Roster'),
      [ENV.statisticsTable]: tableRef('Statistics'),
    });
    for (const handler of ALL_HANDLERS.filter((h) => h !== 'operatorApi')) expect(ENV.staffUserPoolId in envOf(handler), handler).toBe(false);
    // Only the functions behind `jwt` routes verify operators' tokens.
    for (const handler of ALL_HANDLERS) {
      const verifies = ROUTES.some((route) => route.auth === 'jwt' && route.handler === handler);
      expect(ENV.jwtIssuer in envOf(handler), handler).toBe(verifies);
      expect(ENV.jwtAudience in envOf(handler), handler).toBe(verifies);
    }
    expect(Object.keys(envOf('webIntake')).filter((name) => name.endsWith('_TABLE'))).toEqual([]);
    const smsIntakeTables = Object.keys(envOf('smsIntake')).filter((name) => name.endsWith('_TABLE'));
    expect(sorted(smsIntakeTables)).toEqual(sorted([ENV.contactVaultTable, ENV.responderContactsTable, ENV.intakeMemoryTable]));
    for (const handler of ['webIntake', 'triage', 'operatorApi', 'smsStatus'] as const) {
      // operator-api holds the key's ARN to open sealed evidence, web-intake to seal it (their one
      // purpose each, asserted in IAM below).
      if (handler !== 'operatorApi' && handler !== 'webIntake') expect(Object.keys(envOf(handler)), handler).not.toContain(ENV.vaultKeyArn);
      expect(Object.keys(envOf(handler)), handler).not.toContain(ENV.contactVaultTable);
    }
  });
});

const WORK_QUEUES = [
  ['tips', () => stack.tipsQueue, TIPS_QUEUE, 'triage'],
  ['twilio-cleanup', () => stack.twilioCleanup.jobs, TWILIO_CLEANUP_QUEUE, 'twilioCleanup'],
  ['paging', () => stack.paging.work, PAGING_QUEUE, 'paging'],
] as const;

describe.each(WORK_QUEUES)('%s queue', (_name, workQueue, shape, consumer) => {
  it(`redrives to its DLQ after ${shape.maxReceiveCount} receives, with a visibility of at least 6 × the consumer timeout`, () => {
    const queue = props(logicalId(workQueue().queue));
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(workQueue().deadLetterQueue), 'Arn'] },
      maxReceiveCount: shape.maxReceiveCount,
    });
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * shape.consumerTimeoutSeconds);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (props(logicalId(stack.functions[consumer])).Timeout as number));
  });

  it('keeps its messages and its dead letters for 14 days, the most SQS allows (not the default 4)', () => {
    expect(props(logicalId(workQueue().queue)).MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
    expect(props(logicalId(workQueue().deadLetterQueue)).MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
  });

  it.each(['queue', 'deadLetterQueue'] as const)('%s is encrypted, retained and refuses plain HTTP', (which) => {
    const queueId = logicalId(workQueue()[which]);
    // The queues' customer-managed key (hardening.test.ts: rotated, retained, who may use it).
    expect(props(queueId).KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [logicalId(stack.keys.queues), 'Arn'] });
    expect(props(queueId).SqsManagedSseEnabled).toBeUndefined();
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

  it(`feeds ${consumer} alone, in batches with partial failures and a concurrency cap`, () => {
    const mappings = Object.values(
      template.findResources('AWS::Lambda::EventSourceMapping', {
        Properties: { EventSourceArn: { 'Fn::GetAtt': [logicalId(workQueue().queue), 'Arn'] } },
      }),
    ).map((mapping) => mapping.Properties as Json);
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      FunctionName: { Ref: logicalId(stack.functions[consumer]) },
      BatchSize: shape.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: consumer === 'triage' ? 5 : 2 },
    });
  });
});

describe('queues', () => {
  it('are the three work queues and their DLQs, each queue with one consumer', () => {
    template.resourceCountIs('AWS::SQS::Queue', 6);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 3);
  });

  it('the tips and paging queues deliver at once (paging delays each deadline message); Twilio cleanup jobs wait for the queue delay', () => {
    expect(props(logicalId(stack.tipsQueue.queue)).DelaySeconds).toBeUndefined();
    expect(props(logicalId(stack.paging.work.queue)).DelaySeconds).toBeUndefined();
    expect(props(logicalId(stack.twilioCleanup.jobs.queue)).DelaySeconds).toBe(TWILIO_CLEANUP_QUEUE.delaySeconds);
    expect(TWILIO_CLEANUP_QUEUE.delaySeconds).toBeGreaterThan(0);
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
    expect(table.TimeToLiveSpecification).toEqual(shape.timeToLive === undefined ? undefined : { AttributeName: shape.timeToLive, Enabled: true });
  });

  it.each(ALL_TABLES.map((shape) => shape.name))('%s is on demand, encrypted, recoverable, retained and protected from deletion', (name) => {
    const id = tableIdByShapeName(name);
    const table = props(id);
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(resource(id).DeletionPolicy).toBe('Retain');
    expect(resource(id).UpdateReplacePolicy).toBe('Retain');
    // Retain covers `cdk destroy`; this covers DeleteTable from the console or the CLI.
    expect(table.DeletionProtectionEnabled).toBe(true);
  });

  it('the contact vault expires entries on expiresAt and is recoverable and encrypted', () => {
    const vault = props(logicalId(stack.storage.contactVault));
    expect(vault.KeySchema).toEqual([{ AttributeName: 'contactKey', KeyType: 'HASH' }]);
    expect(vault.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(CONTACT_VAULT_TABLE.timeToLive).toBe('expiresAt');
    expect(vault.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(vault.SSESpecification).toMatchObject({ SSEEnabled: true });
    expect(vault.GlobalSecondaryIndexes).toBeUndefined();
  });
});

describe('vault key', () => {
  it("is customer managed, rotated and retained, and no other key (hardening.test.ts has the tables', queues', alarms' and secrets' keys)", () => {
    template.resourceCountIs('AWS::KMS::Key', 5);
    expect(logicalId(stack.vault.key)).not.toBe(logicalId(stack.keys.tables));
    const keyId = logicalId(stack.vault.key);
    expect(props(keyId).EnableKeyRotation).toBe(true);
    expect(resource(keyId).DeletionPolicy).toBe('Retain');
    expect(resource(keyId).UpdateReplacePolicy).toBe('Retain');
  });

  it('has an alias and is output by ARN', () => {
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: Match.stringLikeRegexp('^alias/.*vault'),
      TargetKeyId: { 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] },
    });
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.VaultKeyArn?.Value).toEqual({ 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] });
  });

  it('key policy only delegates to the account (IAM decides, per function)', () => {
    const statements = toStatements(props(logicalId(stack.vault.key)).KeyPolicy);
    expect(statements).toHaveLength(1);
    const [root] = asArray((props(logicalId(stack.vault.key)).KeyPolicy as { Statement: Json[] }).Statement);
    expect(JSON.stringify(root?.Principal)).toContain(':root');
    expect(root?.Condition).toBeUndefined();
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

  /** The one JWT authorizer: its logical id. */
  const jwtAuthorizerId = (): string => {
    const ids = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    expect(ids).toHaveLength(1);
    return ids[0] ?? '';
  };

  it('has exactly the routes in tables.ts', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', ROUTES.length);
  });

  it('has one authorizer: a JWT check of the Authorization header against the user pool and the dashboard client', () => {
    expect(props(jwtAuthorizerId())).toEqual({
      ApiId: { Ref: logicalId(stack.httpApi.api) },
      AuthorizerType: 'JWT',
      Name: expect.any(String),
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: logicalId(stack.operators.userPool) }]] },
        Audience: [{ Ref: logicalId(stack.operators.dashboardClient) }],
      },
    });
  });

  it('answers no cross-origin browser: the dashboard reaches it through its own origin', () => {
    expect(props(logicalId(stack.httpApi.api)).CorsConfiguration).toBeUndefined();
  });

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('%s goes to its handler with its authorization', (routeKey, route) => {
    const routes = template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } });
    const [found, ...more] = Object.values(routes);
    expect(found).toBeDefined();
    expect(more).toEqual([]);
    const properties = (found as Json).Properties as Json;
    if (route.auth === 'jwt') {
      expect(properties.AuthorizationType).toBe('JWT');
      expect(properties.AuthorizerId).toEqual({ Ref: jwtAuthorizerId() });
      // Groups are the handler's check (ROUTES' roles); ID tokens carry no OAuth scopes.
      expect(properties.AuthorizationScopes).toBeUndefined();
    } else {
      expect(properties.AuthorizationType).toBe('NONE');
      expect(properties.AuthorizerId).toBeUndefined();
    }
    expect(integrationTargetOf(route.handler)).toEqual(expect.arrayContaining(referencedIds(properties.Target)));
    expect(referencedIds(properties.Target)).toHaveLength(1);
  });

  it('sends replies to tipster-reply, behind the JWT authorizer', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'POST /api/tips/{id}/replies' } })).map(
      (route) => route.Properties as Json,
    );
    expect(routes).toHaveLength(1);
    expect(routes[0]?.AuthorizationType).toBe('JWT');
    expect(integrationTargetOf('tipsterReply')).toEqual(referencedIds(routes[0]?.Target));
    // No other route reaches the function that can open the vault.
    const toReply = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((route) =>
      integrationTargetOf('tipsterReply').includes(referencedIds((route.Properties as Json).Target)[0] ?? ''),
    );
    expect(toReply).toHaveLength(1);
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
      expect.arrayContaining([
        'ApiUrl',
        'TwilioWebhookUrl',
        'TipsQueueUrl',
        'TipsDeadLetterQueueUrl',
        'TipsTableName',
        'MessagesTableName',
        'ContactsTableName',
        'ReceiptsTableName',
        'ContactVaultTableName',
        'AuditTableName',
        'VaultKeyArn',
        'TwilioCleanupQueueUrl',
        'TwilioCleanupDeadLetterQueueUrl',
        'PagingQueueUrl',
        'PagingDeadLetterQueueUrl',
        'RosterTableName',
        'ResponderContactsTableName',
        'PagingTableName',
        'PageDeliveriesTableName',
        'AlarmTopicArn',
        'TwilioAuthTokenSecretArn',
        'ContactKeySecretArn',
        'UserPoolId',
        'UserPoolClientId',
        'CognitoDomain',
        'DashboardUrl',
        'PublicFormUrl',
        'Stage',
      ]),
    );
    expect(outputs.Stage?.Value).toBe('prod');
    expect(outputs.PagingQueueUrl?.Value).toEqual({ Ref: logicalId(stack.paging.work.queue) });
    expect(outputs.PageDeliveriesTableName?.Value).toEqual({ Ref: tableIdByShapeName('PageDeliveries') });
    expect(outputs.TwilioCleanupQueueUrl?.Value).toEqual({ Ref: logicalId(stack.twilioCleanup.jobs.queue) });
    expect(outputs.TwilioWebhookUrl?.Value).toEqual({
      'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] }, '/sms/twilio']],
    });
    expect(outputs.TipsQueueUrl?.Value).toEqual({ Ref: logicalId(stack.tipsQueue.queue) });
    expect(outputs.TipsTableName?.Value).toEqual({ Ref: tableIdByShapeName('Tips') });
    expect(outputs.AuditTableName?.Value).toEqual({ Ref: tableIdByShapeName(AUDIT_TABLE.name) });
  });
});

describe('secrets', () => {
  it('are generated by Secrets Manager, never written into the template', () => {
    const secrets = template.findResources('AWS::SecretsManager::Secret');
    expect(Object.keys(secrets)).toHaveLength(4);
    for (const secret of Object.values(secrets)) {
      const properties = secret.Properties as Json;
      expect(properties.SecretString).toBeUndefined();
      expect(properties.GenerateSecretString).toBeDefined();
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('"SecretString"');
  });

  it('each hold one plain-text value, and the generated ones outlive the stack', () => {
    for (const secret of [stack.secrets.contactKey, stack.secrets.receiptPepper, stack.secrets.twilioAuthToken, stack.secrets.originVerify]) {
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
  const vaultId = () => tableIdByShapeName('ContactVault');
  const keyId = () => logicalId(stack.vault.key);
  const cleanupQueueId = () => logicalId(stack.twilioCleanup.jobs.queue);
  const PURPOSE = 'kms:EncryptionContext:purpose';

  /** The KMS statements of a function, each with the purposes its condition allows. */
  function kmsGrants(handler: HandlerName): Array<{ actions: string[]; resources: string[]; purposes: string[] | undefined; conditions: Json | undefined }> {
    return ownStatementsOf(handler)
      .filter((s) => s.effect === 'Allow' && s.actions.some((action) => action.startsWith('kms:')))
      .map((s) => {
        const equals = (s.conditions?.StringEquals as Json | undefined)?.[PURPOSE];
        return {
          actions: s.actions,
          resources: referencedIds(s.resources),
          purposes: equals === undefined ? undefined : asArray(equals as string | string[]),
          conditions: s.conditions,
        };
      });
  }

  it('finds statements for every function (the helpers below are not vacuous)', () => {
    for (const handler of ALL_HANDLERS) expect(allowedActions(handler).length, handler).toBeGreaterThan(0);
    expect(allPolicyStatements().length).toBeGreaterThan(ALL_HANDLERS.length);
  });

  it('web-intake may send to the tips queue only, and touch no table', () => {
    const actions = dataActions('webIntake');
    expect(resourcesAllowed('webIntake', 'sqs:SendMessage')).toEqual([logicalId(stack.tipsQueue.queue)]);
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actions).not.toContain('sqs:ReceiveMessage');
    expect(actions).not.toContain('sqs:DeleteMessage');
  });

  it('sms-intake may send to the tips, cleanup and paging queues, only update and delete in the vault, and only look up responder contacts', () => {
    const actions = dataActions('smsIntake');
    expect(resourcesAllowed('smsIntake', 'sqs:SendMessage')).toEqual(
      sorted([logicalId(stack.tipsQueue.queue), cleanupQueueId(), logicalId(stack.paging.work.queue)]),
    );
    expect(actions).not.toContain('sqs:ReceiveMessage');
    expect(actions).not.toContain('sqs:DeleteMessage');
    // It remembers and forgets a number; it can never read one back.
    expect(actionsOn('smsIntake', vaultId())).toEqual(['dynamodb:DeleteItem', 'dynamodb:UpdateItem']);
    // Its reads: whether a contact key is a responder's, and its own short-lived notes, one item at a time.
    expect(resourcesAllowed('smsIntake', 'dynamodb:GetItem')).toEqual(sorted([tableIdByShapeName('ResponderContacts'), tableIdByShapeName('IntakeMemory')]));
    for (const read of ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem']) {
      expect(actions, read).not.toContain(read);
    }
    // UpdateItem only on the vault, to keep `contactSince` across refreshes. It could ask for the
    // old item back, but that is ciphertext it has no right to open (kms:Decrypt, asserted below).
    expect(resourcesAllowed('smsIntake', 'dynamodb:UpdateItem')).toEqual([vaultId()]);
    // And no other table at all (the roster and paging state included).
    expect(actionsByTable('smsIntake')).toEqual({
      ...noTable(),
      ContactVault: ['dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
      ResponderContacts: ['dynamodb:GetItem'],
      // Seen MessageSids, a number left open, an erasure: keyed names only.
      IntakeMemory: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
    });
  });

  it('operator-api updates tips, adds to threads, appends to the audit trail, works the evidence reveal, and nothing else', () => {
    expect(actionsByTable('operatorApi')).toEqual({
      ...noTable(),
      Tips: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      // UpdateItem on Messages, Receipts, Paging and PageDeliveries sets the closed tip's
      // `expiresAt` and nothing else (hardening.test.ts: the condition on the attributes).
      Messages: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      Receipts: ['dynamodb:Query', 'dynamodb:UpdateItem'],
      Audit: ['dynamodb:PutItem', 'dynamodb:Query'],
      // The pages view: one paging state, the deliveries listed by tip (oncall.test.ts: which index).
      Paging: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      PageDeliveries: ['dynamodb:Query', 'dynamodb:UpdateItem'],
      // Requests beside the spans, decisions and the tip's retention, shredding after it: no Scan, no batch.
      Evidence: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      // A new case or referral (conditional Puts), changes on their version, a case's referrals and the overdue list.
      Cases: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      // The agency directory: its two partitions only (oncall.test.ts).
      Roster: ['dynamodb:Query'],
      // Counts move with the tips and referrals it changes; published months read by key. It never publishes.
      Statistics: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
    });
    // No vault or secret, no action outside those per-table grants, on the key only Decrypt for
    // evidence (below), and one queue: an operator's raise to critical is sent to paging.
    expect(sorted([...new Set(dataActions('operatorApi'))])).toEqual([
      'cognito-idp:ListUsersInGroup',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'kms:Decrypt',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    expect(resourcesAllowed('operatorApi', 'sqs:SendMessage')).toEqual([logicalId(stack.paging.work.queue)]);
    // The staff list reads the members of the staff pool's groups and changes no account.
    expect(resourcesAllowed('operatorApi', 'cognito-idp:ListUsersInGroup')).toEqual([logicalId(stack.operators.userPool)]);
    expect(actionsOn('operatorApi', logicalId(stack.operators.userPool))).toEqual(['cognito-idp:ListUsersInGroup']);
    // The queue and thread views query the indexes.
    for (const name of ['Tips', 'Messages']) expect(queryableIndexesOf('operatorApi', name), name).toBe(true);
  });

  it('triage consumes the tips queue, hands urgent tips to paging, reads and writes only what it needs, and reads no secret', () => {
    const actions = dataActions('triage');
    expect(actions.filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
    expect(resourcesAllowed('triage', 'sqs:SendMessage')).toEqual([logicalId(stack.paging.work.queue)]);
    for (const consume of ['sqs:ReceiveMessage', 'sqs:DeleteMessage']) {
      expect(resourcesAllowed('triage', consume)).toEqual([logicalId(stack.tipsQueue.queue)]);
    }
    // Exactly what its code does: GetItem by key, one Query (a tip's thread, through its index),
    // and the transaction's conditional Puts. Nothing that updates, deletes, scans or batches:
    // a consumer bug or a poisoned message cannot erase or rewrite a report.
    expect(actionsByTable('triage')).toEqual({
      ...noTable(),
      Tips: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      Messages: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      Contacts: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      // Only records the hash web-intake computed: looking receipts up is the inbox's job.
      Receipts: ['dynamodb:PutItem'],
      // Sealed evidence is only put, with its message: triage can neither read nor change it.
      Evidence: ['dynamodb:PutItem'],
      // The statistics' live counts, ADDed with the tip: the one update triage may make, on counts.
      Statistics: ['dynamodb:UpdateItem'],
    });
    expect(targetsOf('triage', 'dynamodb:UpdateItem', 'Statistics')).toEqual(['table']);
    expect(resourcesAllowed('triage', 'dynamodb:UpdateItem')).toEqual([tableIdByShapeName('Statistics')]);
    expect(targetsOf('triage', 'dynamodb:Query', 'Messages')).toEqual(['MessagesByTip']);
    for (const action of ['dynamodb:GetItem', 'dynamodb:PutItem']) {
      for (const name of ['Tips', 'Messages', 'Contacts']) expect(targetsOf('triage', action, name), `${action} ${name}`).toEqual(['table']);
    }
    expect(sorted([...new Set(dataActions('triage').filter((action) => action.startsWith('dynamodb:')))])).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const readable = sorted(['Tips', 'Messages', 'Contacts'].map(tableIdByShapeName));
    expect(resourcesAllowed('triage', 'dynamodb:GetItem')).toEqual(readable);
    for (const read of ['dynamodb:BatchGetItem', 'dynamodb:Scan']) expect(resourcesAllowed('triage', read)).toEqual([]);
  });

  it('tipster-reply reads one tip and one vault entry, adds its reply to the thread and the trail, and sends nothing to a queue', () => {
    expect(actionsByTable('tipsterReply')).toEqual({
      ...noTable(),
      Tips: ['dynamodb:GetItem'],
      Messages: ['dynamodb:PutItem'],
      ContactVault: ['dynamodb:GetItem'],
      Audit: ['dynamodb:PutItem'],
    });
    const actions = dataActions('tipsterReply');
    expect(sorted([...new Set(actions.filter((action) => action.startsWith('dynamodb:')))])).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(actions.filter((action) => action.startsWith('sqs:'))).toEqual([]);
  });

  it('the audit trail is append-only: no policy in the stack allows changing or deleting what is in it', () => {
    const auditId = tableIdByShapeName(AUDIT_TABLE.name);
    // Any statement that names the table, or a wildcard that could cover it, in any kind of policy.
    const couldTouch = everyAllowStatement().filter(
      (s) => referencedIds(s.resources).includes(auditId) || s.resources.some((r) => typeof r === 'string' && r.includes('*')),
    );
    expect(couldTouch.length).toBeGreaterThan(0);
    for (const statement of couldTouch) {
      const forbidden = AUDIT_FORBIDDEN.filter((action) => statement.actions.some((pattern) => actionMatches(pattern, action)));
      expect(forbidden, statement.where).toEqual([]);
    }
    // Only the functions that record actions hold any right on it at all.
    const holders = allPolicyStatements().filter((s) => referencedIds(s.resources).includes(auditId));
    expect(sorted([...new Set(holders.flatMap((s) => s.roles))])).toEqual(
      sorted((['operatorApi', 'tipsterReply', 'paging', 'rosterApi'] as const).map(roleIdOf)),
    );
  });

  it('the append-only check would catch a wildcard or a PartiQL grant (it is not vacuous)', () => {
    expect(actionMatches('dynamodb:*', 'dynamodb:UpdateItem')).toBe(true);
    expect(actionMatches('*', 'dynamodb:DeleteItem')).toBe(true);
    expect(actionMatches('dynamodb:PartiQL*', 'dynamodb:PartiQLDelete')).toBe(true);
    expect(actionMatches('DynamoDB:batchwrite*', 'dynamodb:BatchWriteItem')).toBe(true);
    expect(actionMatches('dynamodb:PutItem', 'dynamodb:UpdateItem')).toBe(false);
    expect(actionMatches('dynamodb:Query', 'dynamodb:Query2')).toBe(false);
  });

  it('twilio-cleanup consumes its queue only and has no DynamoDB right', () => {
    const actions = dataActions('twilioCleanup');
    expect(actions.filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
    expect(actions).not.toContain('sqs:SendMessage');
    for (const consume of ['sqs:ReceiveMessage', 'sqs:DeleteMessage']) {
      expect(resourcesAllowed('twilioCleanup', consume)).toEqual([cleanupQueueId()]);
    }
  });

  it('only sms-intake can send to the cleanup queue', () => {
    for (const handler of ALL_HANDLERS) {
      expect(resourcesAllowed(handler, 'sqs:SendMessage').includes(cleanupQueueId()), handler).toBe(handler === 'smsIntake');
    }
    const senders = allPolicyStatements().filter(
      (s) => referencedIds(s.resources).includes(cleanupQueueId()) && s.actions.some((a) => a === 'sqs:SendMessage' || a === 'sqs:*' || a === '*'),
    );
    expect([...new Set(senders.flatMap((s) => s.roles))]).toEqual([roleIdOf('smsIntake')]);
  });

  it('only tipster-reply can read the vault; only it and sms-intake have any right on it', () => {
    for (const handler of ALL_HANDLERS) {
      expect(resourcesAllowed(handler, 'dynamodb:GetItem').includes(vaultId()), handler).toBe(handler === 'tipsterReply');
    }
    expect(actionsOn('tipsterReply', vaultId())).toEqual(['dynamodb:GetItem']);
    for (const handler of ['webIntake', 'triage', 'operatorApi', 'twilioCleanup', 'paging', 'smsStatus', 'rosterApi', 'publicForm'] as const) {
      expect(actionsOn(handler, vaultId()), handler).toEqual([]);
    }
    // Any policy in the stack, present or future, not only the six execution roles.
    const onVault = allPolicyStatements().filter((s) => referencedIds(s.resources).includes(vaultId()));
    expect(sorted([...new Set(onVault.flatMap((s) => s.roles))])).toEqual(sorted([roleIdOf('smsIntake'), roleIdOf('tipsterReply')]));
  });

  it('sms-intake can only generate data keys, for the vault, cleanup jobs and evidence, never decrypt', () => {
    const grants = kmsGrants('smsIntake');
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) {
      expect(grant.actions).toEqual(['kms:GenerateDataKey']);
      expect(grant.resources).toEqual([keyId()]);
      expect(Object.keys(grant.conditions ?? {})).toEqual(['StringEquals']);
    }
    expect(sorted(grants.flatMap((grant) => grant.purposes ?? ['<unconditioned>']))).toEqual(['contact-vault', 'evidence', 'twilio-cleanup']);
  });

  it.each(['webIntake', 'publicForm'] as const)('%s can only generate data keys for evidence, never decrypt', (handler) => {
    expect(kmsGrants(handler)).toEqual([
      { actions: ['kms:GenerateDataKey'], resources: [keyId()], purposes: ['evidence'], conditions: { StringEquals: { [PURPOSE]: 'evidence' } } },
    ]);
  });

  it.each([
    ['tipsterReply', 'contact-vault'],
    ['twilioCleanup', 'twilio-cleanup'],
    ['operatorApi', 'evidence'],
  ] as const)('%s can only decrypt, and only data keys whose purpose is %s', (handler, purpose) => {
    expect(kmsGrants(handler)).toEqual([
      { actions: ['kms:Decrypt'], resources: [keyId()], purposes: [purpose], conditions: { StringEquals: { [PURPOSE]: purpose } } },
    ]);
  });

  it("paging can only decrypt, and only data keys whose purpose is a responder's phone or an agency's contact", () => {
    const purposes = ['responder-phone', 'agency-contact'];
    expect(kmsGrants('paging')).toEqual([{ actions: ['kms:Decrypt'], resources: [keyId()], purposes, conditions: { StringEquals: { [PURPOSE]: purposes } } }]);
  });

  it('only the intakes and roster-api generate data keys, only tipster-reply, twilio-cleanup, paging and operator-api decrypt, nobody else touches the key', () => {
    for (const handler of ['triage', 'smsStatus'] as const) {
      expect(
        dataActions(handler).filter((action) => action.startsWith('kms:')),
        handler,
      ).toEqual([]);
    }
    // On the vault key: the tables' and queues' keys are hardening.test.ts's.
    const kmsRoles = (action: string) =>
      sorted([
        ...new Set(
          allPolicyStatements()
            .filter((s) => referencedIds(s.resources).includes(keyId()) || s.resources.includes('*'))
            .filter((s) => s.actions.some((a) => a === action || a === 'kms:*' || a === '*'))
            .flatMap((s) => s.roles),
        ),
      ]);
    expect(kmsRoles('kms:GenerateDataKey')).toEqual(sorted((['smsIntake', 'webIntake', 'publicForm', 'rosterApi'] as const).map(roleIdOf)));
    expect(kmsRoles('kms:Decrypt')).toEqual(sorted((['tipsterReply', 'twilioCleanup', 'paging', 'operatorApi'] as const).map(roleIdOf)));
    // Every statement on the key, in any policy, carries a purpose condition.
    const onKey = allPolicyStatements().filter((s) => referencedIds(s.resources).includes(keyId()));
    expect(onKey.length).toBe(10);
    for (const statement of onKey) expect(statement.conditions?.StringEquals, statement.policy).toHaveProperty([PURPOSE]);
    // No role holds a KMS right on every key ("*"), which would include this one.
    for (const statement of allPolicyStatements().filter((s) => s.actions.some((a) => a.startsWith('kms:') || a === '*'))) {
      expect(statement.resources, statement.policy).not.toContain('*');
    }
  });

  it('only operator-api may decrypt sealed evidence, and only evidence', () => {
    // Any policy in the stack that could unwrap a data key whose purpose is evidence.
    const opensEvidence = allPolicyStatements().filter((s) => {
      const onKey = referencedIds(s.resources).includes(keyId()) || s.resources.includes('*');
      const decrypts = s.actions.some((a) => a === 'kms:Decrypt' || a === 'kms:*' || a === '*');
      const purposes = asArray((s.conditions?.StringEquals as Json | undefined)?.[PURPOSE] as string | string[] | undefined);
      return onKey && decrypts && (purposes.length === 0 || purposes.includes('evidence'));
    });
    expect(sorted([...new Set(opensEvidence.flatMap((s) => s.roles))])).toEqual([roleIdOf('operatorApi')]);
    // And operator-api opens nothing else sealed with that key.
    expect(kmsGrants('operatorApi').flatMap((grant) => grant.purposes ?? ['<unconditioned>'])).toEqual(['evidence']);
  });

  it('only the Twilio-facing functions and the intake functions can read secrets, each only its own', () => {
    const twilio = logicalId(stack.secrets.twilioAuthToken);
    const contactKey = logicalId(stack.secrets.contactKey);
    const pepper = logicalId(stack.secrets.receiptPepper);
    // Behind CloudFront, the two web functions tell its requests by this secret (origin-trust.test.ts).
    const originVerify = logicalId(stack.secrets.originVerify);
    expect(resourcesAllowed('smsIntake', 'secretsmanager:GetSecretValue')).toEqual(sorted([twilio, contactKey]));
    expect(resourcesAllowed('webIntake', 'secretsmanager:GetSecretValue')).toEqual(sorted([pepper, originVerify]));
    // Hashes a receipt code the way web-intake did when it issued it.
    expect(resourcesAllowed('publicForm', 'secretsmanager:GetSecretValue')).toEqual(sorted([pepper, originVerify]));
    expect(resourcesAllowed('tipsterReply', 'secretsmanager:GetSecretValue')).toEqual([twilio]);
    expect(resourcesAllowed('twilioCleanup', 'secretsmanager:GetSecretValue')).toEqual([twilio]);
    expect(resourcesAllowed('paging', 'secretsmanager:GetSecretValue')).toEqual([twilio]);
    expect(resourcesAllowed('smsStatus', 'secretsmanager:GetSecretValue')).toEqual([twilio]);
    // Hashes a responder's phone into the same contact key that sms-intake computes.
    expect(resourcesAllowed('rosterApi', 'secretsmanager:GetSecretValue')).toEqual([contactKey]);
    expect(resourcesAllowed('triage', 'secretsmanager:GetSecretValue')).toEqual([]);
    expect(resourcesAllowed('operatorApi', 'secretsmanager:GetSecretValue')).toEqual([]);
    // No other policy in the stack (present or future) may read them either.
    const secretReaders = ['smsIntake', 'webIntake', 'tipsterReply', 'twilioCleanup', 'paging', 'smsStatus', 'rosterApi', 'publicForm'] as const;
    const secretRoles = new Set(secretReaders.map(roleIdOf));
    for (const [id, policy] of Object.entries(template.findResources('AWS::IAM::Policy'))) {
      const properties = policy.Properties as Json;
      const readsSecrets = toStatements(properties.PolicyDocument).some(
        (s) => s.effect === 'Allow' && s.actions.some((a) => a === 'secretsmanager:GetSecretValue' || a === 'secretsmanager:*' || a === '*'),
      );
      if (readsSecrets)
        expect(
          referencedIds(properties.Roles).every((role) => secretRoles.has(role)),
          id,
        ).toBe(true);
    }
  });

  it('no function has wildcard actions or resources', () => {
    for (const handler of ALL_HANDLERS) {
      for (const statement of statementsOf(handler)) {
        expect(
          statement.actions.filter((action) => action === '*' || action.endsWith(':*')),
          handler,
        ).toEqual([]);
        expect(statement.resources, handler).not.toContain('*');
      }
    }
  });

  it('the dashboard deployment provider may write the dashboard bucket, read staged assets and invalidate the CDN: nothing else', () => {
    const handlerIds = new Set(ALL_HANDLERS.map((handler) => logicalId(stack.functions[handler])));
    const [providerId, ...more] = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !handlerIds.has(id));
    expect(more).toEqual([]);
    const roleId = referencedIds(props(providerId ?? '').Role)[0] ?? '';
    const statements = allPolicyStatements().filter((s) => s.roles.includes(roleId));
    expect(statements.length).toBeGreaterThan(0);
    const siteId = logicalId(stack.dashboard.bucket);
    for (const statement of statements) {
      const services = [...new Set(statement.actions.map((action) => action.split(':')[0]))];
      if (services.includes('cloudfront')) {
        expect(sorted(statement.actions)).toEqual(['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']);
        continue;
      }
      expect(services, statement.policy).toEqual(['s3']);
      for (const target of statement.resources) {
        const onSite = referencedIds(target).includes(siteId);
        const onAssets = JSON.stringify(target).includes('cdk-hnb659fds-assets');
        expect(onSite || onAssets, JSON.stringify(target)).toBe(true);
      }
    }
  });

  it('execution roles carry no managed policy: each may write its own log group and no other', () => {
    for (const handler of ALL_HANDLERS) {
      expect(props(roleIdOf(handler)).ManagedPolicyArns, handler).toBeUndefined();
      const logGroupId = logicalId(stack.functions[handler].logGroup);
      const logs = statementsOf(handler).filter((s) => s.actions.some((action) => action.startsWith('logs:')));
      expect(
        logs.map((s) => ({ actions: sorted(s.actions), resources: s.resources })),
        handler,
      ).toEqual([{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [{ 'Fn::GetAtt': [logGroupId, 'Arn'] }] }]);
    }
  });
});
