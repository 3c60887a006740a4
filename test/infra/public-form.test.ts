// The public tip form in AWS: its function and exactly what it may touch, its routes, how the
// distribution serves it (page, static files, inbox API, headers), and the WAF in front. One
// synth for the file, with bundling off: stack.test.ts checks the bundles.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGENCY_NUMBERS, DEFAULT_QUICK_EXIT_URL } from '../../functions/config/defaults';
import { ENV } from '../../functions/config/env-names';
import { ROUTES } from '../../functions/config/tables';
import { API_PATH_PATTERN, DASHBOARD_PATH_PATTERN, FORM_ASSET_PATHS, INBOX_PATH_PATTERN } from '../../lib/dashboard';
import { PUBLIC_RATE_LIMIT, PUBLIC_RATE_WINDOW_SECONDS } from '../../lib/edge-firewall';
import { FORM_ASSET_FILES, FORM_KEY_PREFIX } from '../../lib/public-form';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_VIEWER_EXCEPT_HOST_HEADER, CACHING_DISABLED, CACHING_OPTIMIZED, inspect, noTable, referencedIds, render, sorted, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const {
  logicalId,
  resource,
  props,
  only,
  statementsOf,
  dataActions,
  resourcesAllowed,
  tableIdByShapeName,
  actionsByTable,
  targetsOf,
  envOf,
  distributionConfig,
  behavior,
  originOf,
} = inspect(() => ({ stack, template }));

const distributionId = () => logicalId(stack.dashboard.distribution);
const formHeadersId = () => logicalId(stack.publicForm.responseHeaders);

describe('public-form function', () => {
  it('has the memory for the receipt hash and an explicit timeout', () => {
    const fn = props(logicalId(stack.functions.publicForm));
    // scrypt is CPU-bound; Lambda gives CPU by memory (as for web-intake).
    expect(fn.MemorySize).toBe(1024);
    expect(fn.MemorySize).toBe(props(logicalId(stack.functions.webIntake)).MemorySize);
    expect(fn.Timeout).toBe(10);
  });

  it('gets exactly the environment it reads: queue, pepper, origin-verification secret, three tables, the key it seals evidence with, numbers and the quick exit', () => {
    expect(envOf('publicForm')).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      [ENV.tipsQueueUrl]: { Ref: logicalId(stack.tipsQueue.queue) },
      [ENV.receiptPepperSecretArn]: { Ref: logicalId(stack.secrets.receiptPepper) },
      [ENV.originVerifySecretArn]: { Ref: logicalId(stack.secrets.originVerify) },
      [ENV.receiptsTable]: { Ref: tableIdByShapeName('Receipts') },
      [ENV.messagesTable]: { Ref: tableIdByShapeName('Messages') },
      [ENV.intakeMemoryTable]: { Ref: tableIdByShapeName('IntakeMemory') },
      [ENV.emergencyNumbers]: DEFAULT_EMERGENCY_NUMBERS,
      [ENV.quickExitUrl]: DEFAULT_QUICK_EXIT_URL,
      [ENV.vaultKeyArn]: { 'Fn::GetAtt': [logicalId(stack.vault.key), 'Arn'] },
    });
    // The same numbers as the intakes tell tipsters.
    expect(envOf('publicForm')[ENV.emergencyNumbers]).toBe(envOf('webIntake')[ENV.emergencyNumbers]);
  });

  it('may GetItem on Receipts, Query the MessagesByTip index, write its own notes in IntakeMemory, and no other table, index or action', () => {
    expect(actionsByTable('publicForm')).toEqual({
      ...noTable(),
      Receipts: ['dynamodb:GetItem'],
      Messages: ['dynamodb:Query'],
      // Spent form tokens and attempts per receipt code; it reads nothing there (below: only its prefixes).
      IntakeMemory: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
    });
    expect(targetsOf('publicForm', 'dynamodb:GetItem', 'Receipts')).toEqual(['table']);
    expect(targetsOf('publicForm', 'dynamodb:Query', 'Messages')).toEqual(['MessagesByTip']);
    // Every DynamoDB resource it names is one of those three tables (no wildcard, no other ARN).
    const dynamoTargets = statementsOf('publicForm')
      .filter((s) => s.actions.some((a) => a.startsWith('dynamodb:')))
      .flatMap((s) => referencedIds(s.resources));
    expect(sorted([...new Set(dynamoTargets)])).toEqual(
      sorted([tableIdByShapeName('Receipts'), tableIdByShapeName('Messages'), tableIdByShapeName('IntakeMemory')]),
    );
  });

  it("writes in IntakeMemory only under its own prefixes, never sms-intake's (seen MessageSids, open numbers, erasures)", () => {
    const onMemory = statementsOf('publicForm').filter((s) => referencedIds(s.resources).includes(tableIdByShapeName('IntakeMemory')));
    expect(onMemory).toHaveLength(1);
    expect(sorted(onMemory[0]!.actions)).toEqual(['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(onMemory[0]!.conditions).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['formToken#*', 'inboxCode#*'] } });
  });

  it('sends to the tips queue, reads the receipt pepper, seals evidence, and holds nothing else', () => {
    expect(resourcesAllowed('publicForm', 'sqs:SendMessage')).toEqual([logicalId(stack.tipsQueue.queue)]);
    // And the origin-verification secret, to tell CloudFront's requests (origin-trust.test.ts).
    expect(resourcesAllowed('publicForm', 'secretsmanager:GetSecretValue')).toEqual(
      sorted([logicalId(stack.secrets.receiptPepper), logicalId(stack.secrets.originVerify)]),
    );
    expect(sorted([...new Set(dataActions('publicForm'))])).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      'kms:GenerateDataKey',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    // Spelled out, though the list above already excludes them: no Decrypt, no vault, no Tips, no Audit.
    expect(dataActions('publicForm').filter((a) => a.startsWith('kms:'))).toEqual(['kms:GenerateDataKey']);
    for (const table of ['ContactVault', 'Tips', 'Audit']) expect(actionsByTable('publicForm')[table], table).toEqual([]);
    // The only conditions keep the tables' and queues' keys behind their services, the vault
    // key to sealing evidence, and IntakeMemory to the form's own prefixes.
    for (const statement of statementsOf('publicForm')) {
      expect(statement.effect).toBe('Allow');
      const equals = statement.conditions?.StringEquals as Record<string, unknown> | undefined;
      const via = equals?.['kms:ViaService'];
      const purpose = equals?.['kms:EncryptionContext:purpose'];
      const ownPrefixes = statement.conditions?.['ForAllValues:StringLike'] !== undefined;
      expect(
        statement.conditions === undefined || (Object.keys(statement.conditions).length === 1 && (via !== undefined || purpose === 'evidence' || ownPrefixes)),
        JSON.stringify(statement),
      ).toBe(true);
    }
  });

  it('serves exactly its four routes in tables.ts, with no authorizer, and no other route reaches it', () => {
    const fnArn = { 'Fn::GetAtt': [logicalId(stack.functions.publicForm), 'Arn'] };
    const integrations = Object.keys(template.findResources('AWS::ApiGatewayV2::Integration', { Properties: { IntegrationUri: fnArn } }));
    expect(integrations).toHaveLength(1);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties as Json)
      .filter((r) => referencedIds(r.Target).some((id) => integrations.includes(id)));
    const expected = ROUTES.filter((route) => route.handler === 'publicForm').map((route) => `${route.method} ${route.path}`);
    expect(sorted(expected)).toEqual(sorted(['GET /', 'POST /', 'POST /api/inbox', 'POST /api/inbox/reply']));
    expect(sorted(routes.map((r) => String(r.RouteKey)))).toEqual(sorted(expected));
    for (const route of routes) {
      expect(route.AuthorizationType, String(route.RouteKey)).toBe('NONE');
      expect(route.AuthorizerId, String(route.RouteKey)).toBeUndefined();
    }
  });
});

describe('the distribution serves the form', () => {
  const apiDomain = () => `<${logicalId(stack.httpApi.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`;

  it('sends / (the default behaviour) to the HTTP API, uncached, with every viewer header but Host, under the form headers', () => {
    const defaults = distributionConfig().DefaultCacheBehavior as Json;
    const origin = originOf(defaults);
    expect(render(origin.DomainName)).toBe(apiDomain());
    expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(defaults.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'HEAD', 'POST']));
    expect(defaults.CachePolicyId).toBe(CACHING_DISABLED);
    expect(defaults.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(defaults.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(defaults.ResponseHeadersPolicyId).toEqual({ Ref: formHeadersId() });
    // The dashboard's index rewrite used to redirect / to /ops/; / is the form's now.
    expect(defaults.FunctionAssociations).toBeUndefined();
  });

  it('sends the receipt inbox to the same API origin, uncached, HTTPS only, under the form headers and ahead of /api/*', () => {
    const inbox = behavior(INBOX_PATH_PATTERN);
    const api = behavior(API_PATH_PATTERN);
    expect(inbox.TargetOriginId).toBe((distributionConfig().DefaultCacheBehavior as Json).TargetOriginId);
    expect(inbox.TargetOriginId).toBe(api.TargetOriginId);
    expect(inbox.AllowedMethods).toEqual(expect.arrayContaining(['POST']));
    expect(inbox.CachePolicyId).toBe(CACHING_DISABLED);
    expect(inbox.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(inbox.ViewerProtocolPolicy).toBe('https-only');
    expect(inbox.ResponseHeadersPolicyId).toEqual({ Ref: formHeadersId() });
    const patterns = (distributionConfig().CacheBehaviors as Json[]).map((b) => b.PathPattern);
    expect(patterns.indexOf(INBOX_PATH_PATTERN)).toBeLessThan(patterns.indexOf(API_PATH_PATTERN));
    // Every inbox route falls under the pattern (CloudFront's `*` matches `/` too).
    for (const route of ROUTES.filter((r) => r.handler === 'publicForm' && r.path !== '/')) expect(route.path.startsWith('/api/inbox'), route.path).toBe(true);
  });

  it.each(FORM_ASSET_PATHS.map((path) => [path]))('serves %s from the bucket under form/, through the shared OAC, under the form headers', (path) => {
    const asset = behavior(path);
    const origin = originOf(asset);
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.dashboard.bucket), 'RegionalDomainName'] });
    expect(origin.OriginPath).toBe(`/${FORM_KEY_PREFIX.slice(0, -1)}`);
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [only('AWS::CloudFront::OriginAccessControl')[0], 'Id'] });
    expect(asset.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(asset.CachePolicyId).toBe(CACHING_OPTIMIZED);
    expect(asset.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(asset.ResponseHeadersPolicyId).toEqual({ Ref: formHeadersId() });
  });

  it('leaves /ops/* to the dashboard, under its own headers', () => {
    const ops = behavior(DASHBOARD_PATH_PATTERN);
    expect(ops.ResponseHeadersPolicyId).toEqual({ Ref: logicalId(stack.dashboard.securityHeaders) });
    expect(originOf(ops).OriginPath).toBeUndefined();
    expect(originOf(ops).S3OriginConfig).toBeDefined();
  });

  it('sends the form headers: strict CSP, HSTS preload, no referrer, nosniff, DENY, no powerful features, no-store', () => {
    const config = props(formHeadersId()).ResponseHeadersPolicyConfig as Json;
    const security = config.SecurityHeadersConfig as Json;
    expect(security).toEqual({
      ContentSecurityPolicy: {
        ContentSecurityPolicy:
          "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; " +
          "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        Override: true,
      },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 2 * 365 * 24 * 60 * 60, IncludeSubdomains: true, Preload: true, Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
    expect((config.CustomHeadersConfig as Json).Items).toEqual([
      { Header: 'Permissions-Policy', Value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()', Override: true },
      // Overrides the origin's own Cache-Control.
      { Header: 'Cache-Control', Value: 'no-store', Override: true },
    ]);
  });

  it('copies the form files under form/ of the site bucket, prunes only there, and invalidates them', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment', { Properties: { DestinationBucketKeyPrefix: FORM_KEY_PREFIX } }));
    expect(deployments).toHaveLength(1);
    const deployment = (deployments[0] as Json).Properties as Json;
    expect(deployment.DestinationBucketName).toEqual({ Ref: logicalId(stack.dashboard.bucket) });
    expect(deployment.Prune).toBe(true);
    expect(deployment.DistributionId).toEqual({ Ref: distributionId() });
    expect(deployment.DistributionPaths).toEqual([...FORM_ASSET_PATHS]);
    expect(FORM_ASSET_PATHS).toEqual(FORM_ASSET_FILES.map((name) => `/${name}`));
  });

  it('deploys placeholders, with a warning, only when a form file is missing', () => {
    const warnings = stack.publicForm.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
    expect(warnings.some((warning) => warning.includes('placeholders are deployed'))).toBe(!stack.publicForm.built);
  });

  it('outputs the form URL at the root of the distribution', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(render(outputs.PublicFormUrl?.Value)).toBe(`https://<${distributionId()}.DomainName>/`);
  });
});

// ---------- WAF ----------

type Statement = Json;

interface Request {
  method: string;
  path: string;
}

/** Just enough of WAF's evaluation to run the scope-down statement on sample requests. */
function transform(value: string, transformations: Json[]): string {
  return [...transformations]
    .sort((a, b) => (a.Priority as number) - (b.Priority as number))
    .reduce((current, t) => {
      switch (t.Type) {
        case 'NONE':
          return current;
        case 'URL_DECODE':
          return decodeURIComponent(current);
        case 'NORMALIZE_PATH':
          return current.replace(/\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '');
        default:
          throw new Error(`transformation ${String(t.Type)} not modelled`);
      }
    }, value);
}

function matches(statement: Statement, request: Request): boolean {
  if (statement.OrStatement !== undefined) return ((statement.OrStatement as Json).Statements as Statement[]).some((s) => matches(s, request));
  if (statement.AndStatement !== undefined) return ((statement.AndStatement as Json).Statements as Statement[]).every((s) => matches(s, request));
  const byteMatch = statement.ByteMatchStatement as Json | undefined;
  if (byteMatch === undefined) throw new Error(`statement not modelled: ${JSON.stringify(statement)}`);
  const field = byteMatch.FieldToMatch as Json;
  const raw = field.UriPath !== undefined ? request.path : field.Method !== undefined ? request.method : undefined;
  if (raw === undefined) throw new Error(`field not modelled: ${JSON.stringify(field)}`);
  const value = transform(raw, byteMatch.TextTransformations as Json[]);
  const search = byteMatch.SearchString as string;
  switch (byteMatch.PositionalConstraint) {
    case 'EXACTLY':
      return value === search;
    case 'STARTS_WITH':
      return value.startsWith(search);
    default:
      throw new Error(`constraint ${String(byteMatch.PositionalConstraint)} not modelled`);
  }
}

describe('WAF', () => {
  const webAcl = () => only('AWS::WAFv2::WebACL');
  const rules = () => webAcl()[1].Rules as Json[];
  const rateRule = () => {
    const found = rules().filter((r) => (r.Statement as Json).RateBasedStatement !== undefined);
    expect(found).toHaveLength(1);
    return found[0] ?? {};
  };
  const scopeDown = () => ((rateRule().Statement as Json).RateBasedStatement as Json).ScopeDownStatement as Statement;

  it('is one CloudFront-scoped WebACL that allows by default, attached to the distribution', () => {
    const [id, acl] = webAcl();
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(distributionConfig().WebACLId).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
  });

  it('blocks an address past the rate limit with 429, counted per viewer IP', () => {
    const rule = rateRule();
    expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 429 } } });
    expect((rule.Statement as Json).RateBasedStatement).toMatchObject({
      Limit: PUBLIC_RATE_LIMIT,
      EvaluationWindowSec: PUBLIC_RATE_WINDOW_SECONDS,
      AggregateKeyType: 'IP',
    });
    expect(PUBLIC_RATE_LIMIT).toBe(300);
    expect(PUBLIC_RATE_WINDOW_SECONDS).toBe(300);
  });

  it.each([
    ['POST', '/'],
    ['POST', '/api/tips'],
    ['POST', '/api/inbox'],
    ['POST', '/api/inbox/reply'],
    ['POST', '//api/inbox'],
    ['POST', '/api/%69nbox/reply'],
  ])('counts %s %s toward the limit', (method, path) => {
    expect(matches(scopeDown(), { method, path })).toBe(true);
  });

  it.each([
    // Reading the form costs nothing worth limiting; the stage throttle still caps it.
    ['GET', '/'],
    ['GET', '/form.js'],
    // Twilio's shared addresses; and it calls execute-api directly.
    ['POST', '/sms/twilio'],
    ['POST', '/sms/status'],
    // Operators behind one office address.
    ['GET', '/api/queue'],
    ['POST', '/api/tips/t-1/claim'],
    ['GET', '/ops/'],
  ])('does not count %s %s', (method, path) => {
    expect(matches(scopeDown(), { method, path })).toBe(false);
  });

  const managed = (name: string) => {
    const found = rules().filter((r) => {
      const group = (r.Statement as Json).ManagedRuleGroupStatement as Json | undefined;
      return group?.VendorName === 'AWS' && group.Name === name && Object.keys(group).length === 2;
    });
    expect(found, name).toHaveLength(1);
    return found[0] ?? {};
  };

  it('counts (does not enforce) the AWS common rule set', () => {
    expect(managed('AWSManagedRulesCommonRuleSet').OverrideAction).toEqual({ Count: {} });
  });

  it('blocks known bad inputs (exploit payloads no tip contains)', () => {
    expect(managed('AWSManagedRulesKnownBadInputsRuleSet').OverrideAction).toEqual({ None: {} });
  });

  it('has exactly those three rules, the rate limit first', () => {
    expect(rules().map((r) => [r.Name, r.Priority])).toEqual([
      ['PublicWriteRateLimit', 0],
      ['AWSManagedRulesCommonRuleSet', 1],
      ['AWSManagedRulesKnownBadInputsRuleSet', 2],
    ]);
  });

  it('logs nothing that holds an IP: no logging configuration, no sampled requests', () => {
    expect(template.findResources('AWS::WAFv2::LoggingConfiguration')).toEqual({});
    const configs = [webAcl()[1].VisibilityConfig as Json, ...rules().map((r) => r.VisibilityConfig as Json)];
    expect(configs).toHaveLength(4);
    for (const config of configs) expect(config.SampledRequestsEnabled, String(config.MetricName)).toBe(false);
  });

  it('refuses, before creating anything, a deploy outside us-east-1 (where the WebACL cannot exist)', () => {
    const rules = template.toJSON().Rules as Record<string, { Assertions: Json[] }>;
    const assertions = rules.EdgeFirewallNeedsUsEast1?.Assertions ?? [];
    expect(assertions).toHaveLength(1);
    expect(assertions[0]?.Assert).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
    expect(String(assertions[0]?.AssertDescription)).toMatch(/webAclArn.*wafEnabled=false/);
  });

  it('outputs the WebACL ARN', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.WebAclArn?.Value).toEqual({ 'Fn::GetAtt': [webAcl()[0], 'Arn'] });
    expect(resource(webAcl()[0]).Type).toBe('AWS::WAFv2::WebACL');
  });
});
