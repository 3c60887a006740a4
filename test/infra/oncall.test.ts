// On-call paging: the paging queue and its consumer, Twilio's status callback, the roster API,
// and exactly what each function (and the ones that feed paging) may touch. One synth for the
// file, with bundling off: stack.test.ts checks the bundles and the settings every function
// and work queue shares.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../functions/config/env-names';
import { PAGING_GUARDS, PAGING_QUEUE, ROUTES } from '../../functions/config/tables';
import { API_PATH_PATTERN } from '../../lib/dashboard';
import type { HandlerName } from '../../lib/tipline-function';
import type { TiplineStack } from '../../lib/tipline-stack';
import { TWILIO_ACCOUNT_SID_PLACEHOLDER, TWILIO_SENDER_PLACEHOLDER } from '../../lib/twilio-account';
import { useSynthesizedStack } from './synth';
import { ALL_HANDLERS, asArray, inspect, noTable, referencedIds, sorted, type Json } from './inspect';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const { logicalId, props, roleIdOf, dataActions, resourcesAllowed, allPolicyStatements, tableIdByShapeName, tableRef, actionsByTable, targetsOf, envOf } =
  inspect(() => ({ stack, template }));

const ON_CALL_TABLES = ['Roster', 'ResponderContacts', 'Paging', 'PageDeliveries'] as const;
const PURPOSE = 'kms:EncryptionContext:purpose';

const pagingQueueId = () => logicalId(stack.paging.work.queue);

/** The AWS services a function may call at all. */
function servicesOf(handler: HandlerName): string[] {
  return sorted([...new Set(dataActions(handler).map((action) => action.split(':')[0] ?? ''))]);
}

/** Roles that any policy in the stack allows `action` on the resource with logical id `id`. */
function rolesAllowed(action: string, id: string): string[] {
  const service = action.split(':')[0];
  const statements = allPolicyStatements().filter(
    (s) => referencedIds(s.resources).includes(id) && s.actions.some((a) => a === action || a === `${service}:*` || a === '*'),
  );
  return sorted([...new Set(statements.flatMap((s) => s.roles))]);
}

function routesTo(handler: HandlerName): Json[] {
  const fnArn = JSON.stringify({ 'Fn::GetAtt': [logicalId(stack.functions[handler]), 'Arn'] });
  const integrations = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration'))
    .filter(([, integration]) => JSON.stringify((integration.Properties as Json).IntegrationUri) === fnArn)
    .map(([id]) => id);
  return Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
    .map((route) => route.Properties as Json)
    .filter((route) => referencedIds(route.Target).some((id) => integrations.includes(id)));
}

describe('on-call tables', () => {
  it('have the keys the paging code reads them by', () => {
    const keysOf = (name: string) => props(tableIdByShapeName(name)).KeySchema;
    expect(keysOf('Roster')).toEqual([
      { AttributeName: 'kind', KeyType: 'HASH' },
      { AttributeName: 'id', KeyType: 'RANGE' },
    ]);
    expect(keysOf('ResponderContacts')).toEqual([{ AttributeName: 'contactKey', KeyType: 'HASH' }]);
    expect(keysOf('Paging')).toEqual([{ AttributeName: 'tipId', KeyType: 'HASH' }]);
    expect(keysOf('PageDeliveries')).toEqual([{ AttributeName: 'idempotencyKey', KeyType: 'HASH' }]);
  });

  it('deliveries can be found by MessageSid, by responder and by tip; the other three tables have no index', () => {
    const indexes = asArray(props(tableIdByShapeName('PageDeliveries')).GlobalSecondaryIndexes as Json[] | undefined);
    expect(indexes).toEqual(
      expect.arrayContaining([
        { IndexName: 'DeliveriesBySid', KeySchema: [{ AttributeName: 'messageSid', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        {
          IndexName: 'PagesByResponder',
          KeySchema: [
            { AttributeName: 'responderId', KeyType: 'HASH' },
            { AttributeName: 'pagedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'DeliveriesByTip',
          KeySchema: [
            { AttributeName: 'tipId', KeyType: 'HASH' },
            { AttributeName: 'pagedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ]),
    );
    for (const name of ['Roster', 'ResponderContacts', 'Paging']) expect(props(tableIdByShapeName(name)).GlobalSecondaryIndexes, name).toBeUndefined();
  });
});

describe('paging queue', () => {
  it('has no queue-level delay: each deadline carries its own, at most SQS’s 900 seconds', () => {
    const queue = props(pagingQueueId());
    expect(queue.DelaySeconds).toBeUndefined();
    expect(queue.VisibilityTimeout).toBe(6 * PAGING_QUEUE.consumerTimeoutSeconds);
    expect(envOf('paging')[ENV.pagingMaxDelaySeconds]).toBe('900');
  });

  it('is paging’s only event source, and only paging consumes it', () => {
    const fnRef = { Ref: logicalId(stack.functions.paging) };
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: fnRef } }));
    expect(mappings).toHaveLength(1);
    expect((mappings[0]?.Properties as Json).EventSourceArn).toEqual({ 'Fn::GetAtt': [pagingQueueId(), 'Arn'] });
    expect(rolesAllowed('sqs:ReceiveMessage', pagingQueueId())).toEqual([roleIdOf('paging')]);
    expect(rolesAllowed('sqs:DeleteMessage', pagingQueueId())).toEqual([roleIdOf('paging')]);
  });

  it('takes work from triage (tips), sms-intake (ACKs), operator-api (raises to critical) and paging itself (deadlines), and nobody else', () => {
    const senders = ['paging', 'triage', 'smsIntake', 'operatorApi'] as const;
    expect(rolesAllowed('sqs:SendMessage', pagingQueueId())).toEqual(sorted(senders.map(roleIdOf)));
    for (const handler of senders) {
      expect(envOf(handler)[ENV.pagingQueueUrl], handler).toEqual({ Ref: pagingQueueId() });
    }
    for (const handler of ALL_HANDLERS.filter((h) => !(senders as readonly string[]).includes(h))) {
      expect(Object.keys(envOf(handler)), handler).not.toContain(ENV.pagingQueueUrl);
    }
  });
});

describe('paging', () => {
  it('gets exactly the environment its handler reads', () => {
    expect(envOf('paging')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.tipsTable]: tableRef('Tips'),
      [ENV.messagesTable]: tableRef('Messages'),
      [ENV.rosterTable]: tableRef('Roster'),
      [ENV.pagingTable]: tableRef('Paging'),
      [ENV.pageDeliveriesTable]: tableRef('PageDeliveries'),
      [ENV.auditTable]: tableRef('Audit'),
      [ENV.casesTable]: tableRef('Cases'),
      [ENV.statisticsTable]: tableRef('Statistics'),
      [ENV.pagingQueueUrl]: { Ref: pagingQueueId() },
      [ENV.pagingMaxDelaySeconds]: String(PAGING_QUEUE.maxDelaySeconds),
      [ENV.pageBudgetPerRegionHour]: String(PAGING_GUARDS.defaultBudgetPerHour),
      [ENV.duplicatePageWindowMinutes]: String(PAGING_GUARDS.defaultDuplicateWindowMinutes),
      [ENV.vaultKeyArn]: { 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] },
      [ENV.twilioAuthTokenSecretArn]: { Ref: logicalId(stack.secrets.twilioAuthToken) },
      [ENV.twilioAccountSid]: TWILIO_ACCOUNT_SID_PLACEHOLDER,
      [ENV.twilioSender]: TWILIO_SENDER_PLACEHOLDER,
      [ENV.publicUrl]: { 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] },
    });
  });

  it("reads the roster and the tip, flags the tip, keeps its state and deliveries, adds responders' notes, appends to the audit trail: nothing else", () => {
    expect(actionsByTable('paging')).toEqual({
      ...noTable(),
      // UpdateItem: paging's marks on the tip (pageUnanswered, nobodyConfirmed, duplicateOf), for
      // the queue's order; never a Put or a Delete.
      Tips: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      // A responder's text joins the thread as a new item; no read, no change of a message.
      Messages: ['dynamodb:PutItem'],
      Roster: ['dynamodb:GetItem', 'dynamodb:Query'],
      Paging: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      PageDeliveries: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      Audit: ['dynamodb:PutItem'],
      // Referrals: one by key, the open ones through their index for the sweep, and the SMS's
      // delivery and the reminders kept on them; no Put: paging makes no case or referral.
      Cases: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
      // Statistics: counts move with the tips and referrals it updates; publishing reads a month's
      // counts and freezes the month with a conditional Put. No Scan, no Delete.
      Statistics: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
    });
    expect(targetsOf('paging', 'dynamodb:Query', 'Cases')).toEqual(['OpenReferralsByUpdate']);
    // Deliveries: claim and update items on the table itself; query only the responder's pages.
    expect(targetsOf('paging', 'dynamodb:Query', 'PageDeliveries')).toEqual(['PagesByResponder']);
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem']) {
      expect(targetsOf('paging', action, 'PageDeliveries'), action).toEqual(['table']);
    }
    expect(servicesOf('paging')).toEqual(['dynamodb', 'kms', 'secretsmanager', 'sqs']);
    expect(resourcesAllowed('paging', 'sqs:SendMessage')).toEqual([pagingQueueId()]);
    expect(resourcesAllowed('paging', 'secretsmanager:GetSecretValue')).toEqual([logicalId(stack.secrets.twilioAuthToken)]);
  });
});

describe('sms-status', () => {
  it('gets exactly the environment its handler reads', () => {
    expect(envOf('smsStatus')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.twilioAuthTokenSecretArn]: { Ref: logicalId(stack.secrets.twilioAuthToken) },
      [ENV.publicUrl]: { 'Fn::GetAtt': [logicalId(stack.httpApi.api), 'ApiEndpoint'] },
      [ENV.pageDeliveriesTable]: tableRef('PageDeliveries'),
    });
  });

  it('finds a delivery by MessageSid and updates it, and can do nothing else', () => {
    expect(actionsByTable('smsStatus')).toEqual({ ...noTable(), PageDeliveries: ['dynamodb:Query', 'dynamodb:UpdateItem'] });
    expect(targetsOf('smsStatus', 'dynamodb:Query', 'PageDeliveries')).toEqual(['DeliveriesBySid']);
    expect(targetsOf('smsStatus', 'dynamodb:UpdateItem', 'PageDeliveries')).toEqual(['table']);
    expect(servicesOf('smsStatus')).toEqual(['dynamodb', 'secretsmanager']);
    expect(resourcesAllowed('smsStatus', 'secretsmanager:GetSecretValue')).toEqual([logicalId(stack.secrets.twilioAuthToken)]);
  });

  it('is reached by POST /sms/status alone, without an authorizer (it checks Twilio’s signature)', () => {
    const routes = routesTo('smsStatus');
    expect(routes.map((route) => route.RouteKey)).toEqual(['POST /sms/status']);
    expect(routes[0]?.AuthorizationType).toBe('NONE');
  });
});

describe('roster-api', () => {
  it('gets exactly the environment its handler reads', () => {
    expect(envOf('rosterApi')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.rosterTable]: tableRef('Roster'),
      [ENV.responderContactsTable]: tableRef('ResponderContacts'),
      [ENV.auditTable]: tableRef('Audit'),
      [ENV.contactKeySecretArn]: { Ref: logicalId(stack.secrets.contactKey) },
      [ENV.vaultKeyArn]: { 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] },
      [ENV.jwtIssuer]: {
        'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: logicalId(stack.operators.userPool) }]],
      },
      [ENV.jwtAudience]: { Ref: logicalId(stack.operators.dashboardClient) },
    });
  });

  it('edits the roster and the responder contacts, appends to the audit trail, and touches no tip', () => {
    expect(actionsByTable('rosterApi')).toEqual({
      ...noTable(),
      Roster: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
      ResponderContacts: ['dynamodb:DeleteItem', 'dynamodb:PutItem'],
      Audit: ['dynamodb:PutItem'],
    });
    expect(servicesOf('rosterApi')).toEqual(['dynamodb', 'kms', 'secretsmanager']);
    expect(resourcesAllowed('rosterApi', 'secretsmanager:GetSecretValue')).toEqual([logicalId(stack.secrets.contactKey)]);
  });

  it("serves the /api/roster routes and a responder's own conflicts, all of them behind the JWT authorizer, and no other route", () => {
    const expected = ROUTES.filter((route) => route.handler === 'rosterApi').map((route) => `${route.method} ${route.path}`);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.filter((key) => !key.split(' ')[1]?.startsWith('/api/roster'))).toEqual(['PUT /api/me/conflicts']);
    const routes = routesTo('rosterApi');
    expect(sorted(routes.map((route) => String(route.RouteKey)))).toEqual(sorted(expected));
    for (const route of routes) expect(route.AuthorizationType, String(route.RouteKey)).toBe('JWT');
    // PUT and DELETE reach the API through the dashboard's CloudFront origin as well.
    const behaviors = asArray(((props(logicalId(stack.dashboard.distribution)).DistributionConfig as Json).CacheBehaviors as Json[] | undefined) ?? []);
    const api = behaviors.find((behavior) => behavior.PathPattern === API_PATH_PATTERN);
    expect(api?.AllowedMethods).toEqual(expect.arrayContaining(['PUT', 'DELETE']));
  });
});

describe('responder phones', () => {
  /** Roles allowed `action` on some key for data keys whose purpose is responder-phone. */
  const rolesFor = (action: string) =>
    sorted([
      ...new Set(
        allPolicyStatements()
          .filter((s) => s.actions.includes(action))
          .filter((s) => asArray((s.conditions?.StringEquals as Json | undefined)?.[PURPOSE] as string | string[]).includes('responder-phone'))
          .flatMap((s) => s.roles),
      ),
    ]);

  it('are sealed by roster-api alone and opened by paging alone, on the vault key', () => {
    expect(rolesFor('kms:GenerateDataKey')).toEqual([roleIdOf('rosterApi')]);
    expect(rolesFor('kms:Decrypt')).toEqual([roleIdOf('paging')]);
    const keyId = logicalId(stack.vault.key);
    // The tables', queues' and secrets' keys aside (through DynamoDB, SQS and Secrets Manager only: hardening.test.ts).
    const dataKeys = new Set([logicalId(stack.keys.tables), logicalId(stack.keys.queues), logicalId(stack.keys.secrets)]);
    expect(resourcesAllowed('rosterApi', 'kms:GenerateDataKey').filter((id) => !dataKeys.has(id))).toEqual([keyId]);
    expect(resourcesAllowed('paging', 'kms:Decrypt').filter((id) => !dataKeys.has(id))).toEqual([keyId]);
    // Neither can do the other's half.
    expect(dataActions('rosterApi').filter((action) => action.startsWith('kms:'))).toEqual(['kms:GenerateDataKey']);
    expect(dataActions('paging').filter((action) => action.startsWith('kms:'))).toEqual(['kms:Decrypt']);
  });
});

describe('the functions that feed paging', () => {
  it('triage is told when a high tip pages, and holds nothing on the on-call tables', () => {
    expect(envOf('triage')[ENV.highUnclaimedPageAfterMinutes]).toBe('15');
    const byTable = actionsByTable('triage');
    for (const name of ON_CALL_TABLES) expect(byTable[name], name).toEqual([]);
  });

  it('sms-intake may only look up one responder contact by its key: no roster, no paging state, no deliveries', () => {
    const byTable = actionsByTable('smsIntake');
    expect(byTable.ResponderContacts).toEqual(['dynamodb:GetItem']);
    expect(targetsOf('smsIntake', 'dynamodb:GetItem', 'ResponderContacts')).toEqual(['table']);
    for (const name of ['Roster', 'Paging', 'PageDeliveries']) expect(byTable[name], name).toEqual([]);
    expect(envOf('smsIntake')[ENV.responderContactsTable]).toEqual(tableRef('ResponderContacts'));
  });

  it('operator-api reads a tip’s paging state and its deliveries by tip, not a responder’s other pages', () => {
    const byTable = actionsByTable('operatorApi');
    // UpdateItem: a closed tip's `expiresAt`, and nothing else (hardening.test.ts).
    expect(byTable.Paging).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    expect(byTable.PageDeliveries).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(targetsOf('operatorApi', 'dynamodb:Query', 'PageDeliveries')).toEqual(['DeliveriesByTip']);
    expect(byTable.ResponderContacts).toEqual([]);
  });

  it("operator-api reads the roster's agency directory alone: no responder, rotation or policy, and no key to open a contact", () => {
    expect(actionsByTable('operatorApi').Roster).toEqual(['dynamodb:Query']);
    const onRoster = allPolicyStatements().filter(
      (s) =>
        s.roles.includes(roleIdOf('operatorApi')) &&
        referencedIds(s.resources).includes(tableIdByShapeName('Roster')) &&
        s.actions.some((a) => a.startsWith('dynamodb:')),
    );
    expect(onRoster.map(({ actions, conditions }) => ({ actions, conditions }))).toEqual([
      { actions: ['dynamodb:Query'], conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['agency', 'region'] } } },
    ]);
    expect(targetsOf('operatorApi', 'dynamodb:Query', 'Roster')).toEqual(['table']);
  });
});

describe('the referral sweep and the statistics publication', () => {
  it('are put on the paging queue every hour by an EventBridge rule, failures to its dead-letter queue', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).map((rule) => rule.Properties as Json);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED' });
    expect(rules[0]?.Targets).toEqual(
      ['ReferralSweep', 'StatisticsPublication'].map((type) =>
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [pagingQueueId(), 'Arn'] },
          Input: JSON.stringify({ type }),
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack.paging.work.deadLetterQueue), 'Arn'] } },
        }),
      ),
    );
  });

  it('is sent by EventBridge for this rule alone, to the paging queue and its dead-letter queue only', () => {
    const ruleId = Object.keys(template.findResources('AWS::Events::Rule'))[0]!;
    const byEvents = Object.values(template.findResources('AWS::SQS::QueuePolicy')).flatMap((policy) =>
      asArray(((policy.Properties as Json).PolicyDocument as { Statement: Json[] }).Statement)
        .filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'events.amazonaws.com' }))
        .map((s) => ({ queues: referencedIds((policy.Properties as Json).Queues), action: s.Action, condition: s.Condition })),
    );
    expect(sorted(byEvents.flatMap((s) => s.queues))).toEqual(sorted([pagingQueueId(), logicalId(stack.paging.work.deadLetterQueue)]));
    for (const statement of byEvents) {
      expect(statement.action).toBe('sqs:SendMessage');
      expect(statement.condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } });
    }
  });
});

describe('Twilio auth token', () => {
  it('is read by the Twilio-facing functions only', () => {
    expect(rolesAllowed('secretsmanager:GetSecretValue', logicalId(stack.secrets.twilioAuthToken))).toEqual(
      sorted((['smsIntake', 'smsStatus', 'paging', 'tipsterReply', 'twilioCleanup'] as const).map(roleIdOf)),
    );
  });
});

describe('local-only settings', () => {
  it('the paging clock offset file is nowhere in the template', () => {
    // Formerly ENV.clockOffsetFile; the local stack's clock is a platform object now (local/clock.ts).
    expect(JSON.stringify(template.toJSON())).not.toContain('TIPLINE_LOCAL_CLOCK_OFFSET_FILE');
  });
});
