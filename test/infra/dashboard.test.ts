// Staff sign-in (Cognito) and the dashboard's hosting (S3 + CloudFront). One synth for the file,
// with bundling switched off: stack.test.ts checks the bundles, this file only the template.
import type { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../functions/config/tables';
import { API_PATH_PATTERN, CONFIG_PATH, DASHBOARD_PATH_PATTERN } from '../../lib/dashboard';
import type { TiplineStack } from '../../lib/tipline-stack';
import { ALL_VIEWER_EXCEPT_HOST_HEADER, CACHING_DISABLED, CACHING_OPTIMIZED, inspect, render, type Json } from './inspect';
import { useSynthesizedStack } from './synth';

let stack: TiplineStack;
let template: Template;
useSynthesizedStack((s, t) => {
  stack = s;
  template = t;
});

const { logicalId, resource, props, only, distributionConfig, behavior } = inspect(() => ({ stack, template }));

const poolId = () => logicalId(stack.operators.userPool);
const clientId = () => logicalId(stack.operators.dashboardClient);
const distributionId = () => logicalId(stack.dashboard.distribution);
const dashboardUrl = () => `https://<${distributionId()}.DomainName>/ops/`;
const cognitoUrl = () => `https://<${logicalId(stack.operators.domain)}>.auth.<AWS::Region>.amazoncognito.com`;

describe('user pool', () => {
  it('is the only one: admin-created accounts, email sign-in, TOTP required and nothing else, retained', () => {
    const [id, pool] = only('AWS::Cognito::UserPool');
    expect(id).toBe(poolId());
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.MfaConfiguration).toBe('ON');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    // No SMS anywhere: no MFA by text, no recovery by text, no SNS role to send it.
    expect(pool.SmsConfiguration).toBeUndefined();
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(pool.DeletionProtection).toBe('ACTIVE');
    expect(resource(id).DeletionPolicy).toBe('Retain');
    expect(resource(id).UpdateReplacePolicy).toBe('Retain');
  });

  it('asks for long passwords with every character class', () => {
    const policy = (only('AWS::Cognito::UserPool')[1].Policies as Json).PasswordPolicy as Json;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true });
  });

  it('has exactly one group per role in ROLES', () => {
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => (g as Json).Properties as Json);
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES].sort());
    for (const group of groups) expect(group.UserPoolId).toEqual({ Ref: poolId() });
  });

  it('has a hosted UI prefix domain, unique per stage and account', () => {
    const [id, domain] = only('AWS::Cognito::UserPoolDomain');
    expect(id).toBe(logicalId(stack.operators.domain));
    expect(render(domain.Domain)).toBe('tipline-prod-<AWS::AccountId>');
    expect(domain.UserPoolId).toEqual({ Ref: poolId() });
  });
});

describe('dashboard app client', () => {
  it('is public and uses the code grant only, back to the dashboard', () => {
    const [id, client] = only('AWS::Cognito::UserPoolClient');
    expect(id).toBe(clientId());
    expect(client.UserPoolId).toEqual({ Ref: poolId() });
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    // The code grant (with PKCE from the dashboard); no implicit grant that would put tokens in URLs.
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect([...(client.AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
    expect((client.CallbackURLs as unknown[]).map(render)).toEqual([dashboardUrl()]);
    expect((client.LogoutURLs as unknown[]).map(render)).toEqual([dashboardUrl()]);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
  });

  it('signs in only through the hosted UI, hides which accounts exist, and keeps tokens short-lived', () => {
    const client = only('AWS::Cognito::UserPoolClient')[1];
    expect(client.ExplicitAuthFlows).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' });
    expect(client.IdTokenValidity).toBeLessThanOrEqual(60);
    expect(client.AccessTokenValidity).toBeLessThanOrEqual(60);
    expect(client.RefreshTokenValidity).toBeLessThanOrEqual(12 * 60);
  });
});

describe('dashboard bucket', () => {
  const bucketId = () => logicalId(stack.dashboard.bucket);

  it('is private, encrypted, and retained', () => {
    const bucket = props(bucketId());
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(resource(bucketId()).DeletionPolicy).toBe('Retain');
    // No auto-delete custom resource (a Lambda allowed to empty the bucket).
    expect(template.findResources('Custom::S3AutoDeleteObjects')).toEqual({});
  });

  it('refuses plain HTTP and lets only this distribution read objects, through OAC', () => {
    const [, policy] = only('AWS::S3::BucketPolicy');
    expect(policy.Bucket).toEqual({ Ref: bucketId() });
    const statements = (policy.PolicyDocument as { Statement: Json[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' });
    const sourceArn = ((allows[0]?.Condition as Json).StringEquals as Json)['AWS:SourceArn'];
    expect(render(sourceArn)).toBe(`arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distributionId()}>`);
  });

  it('receives the build, its index.html with the sign-in origin, and a generated config.json under ops/, and invalidates the cache', () => {
    // The other one copies the public form's files under form/ (public-form.test.ts).
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment', { Properties: { DestinationBucketKeyPrefix: 'ops/' } }));
    expect(deployments).toHaveLength(1);
    const deployment = (deployments[0] as Json).Properties as Json;
    expect(deployment.DestinationBucketName).toEqual({ Ref: bucketId() });
    expect(deployment.DestinationBucketKeyPrefix).toBe('ops/');
    // Without a build, the placeholder page stands for both the build and its index.html.
    expect(deployment.SourceObjectKeys).toHaveLength(stack.dashboard.built ? 3 : 2);
    expect(deployment.DistributionId).toEqual({ Ref: distributionId() });
    expect(deployment.DistributionPaths).toEqual(['/ops/*']);
  });

  it('config.json tells the dashboard where to sign in and where the API is', () => {
    const config = stack.resolve(stack.dashboard.config) as Record<string, unknown>;
    const rendered = Object.fromEntries(Object.entries(config).map(([key, value]) => [key, render(value)]));
    expect(rendered).toEqual({
      issuer: `https://cognito-idp.<AWS::Region>.amazonaws.com/<${poolId()}>`,
      clientId: `<${clientId()}>`,
      authorizeUrl: `${cognitoUrl()}/oauth2/authorize`,
      tokenUrl: `${cognitoUrl()}/oauth2/token`,
      logoutUrl: `${cognitoUrl()}/logout`,
      redirectUri: dashboardUrl(),
      // Same origin: the distribution proxies /api/*.
      apiUrl: `https://<${distributionId()}.DomainName>`,
    });
  });

  it('deploys a placeholder, with a warning, only when the web build is missing', () => {
    const warnings = stack.dashboard.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
    expect(warnings.some((warning) => warning.includes('npm run build:web'))).toBe(!stack.dashboard.built);
  });
});

describe('distribution', () => {
  const securityId = () => logicalId(stack.dashboard.securityHeaders);
  const noStoreId = () => logicalId(stack.dashboard.noStoreHeaders);
  // The bucket's root; the public form's files come from the same bucket under /form (public-form.test.ts).
  const siteOriginId = () => {
    const origins = (distributionConfig().Origins as Json[]).filter((o) => o.S3OriginConfig !== undefined && o.OriginPath === undefined);
    expect(origins).toHaveLength(1);
    return origins[0]?.Id;
  };

  it('reads the bucket through Origin Access Control, not a public website endpoint', () => {
    const [oacId, oac] = only('AWS::CloudFront::OriginAccessControl');
    expect(oac.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const [site] = (distributionConfig().Origins as Json[]).filter((o) => o.Id === siteOriginId());
    expect(site?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(site?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(site?.DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.dashboard.bucket), 'RegionalDomainName'] });
  });

  it.each([DASHBOARD_PATH_PATTERN, '/ops'])('serves %s from the bucket over HTTPS only, with the security headers and the index rewrite', (pattern) => {
    const ops = behavior(pattern);
    expect(ops.TargetOriginId).toBe(siteOriginId());
    expect(ops.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(ops.AllowedMethods).toEqual(['GET', 'HEAD']);
    expect(ops.CachePolicyId).toBe(CACHING_OPTIMIZED);
    expect(ops.ResponseHeadersPolicyId).toEqual({ Ref: securityId() });
    expect(ops.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [logicalId(stack.dashboard.node.findChild('IndexRewrite')), 'FunctionARN'] } },
    ]);
  });

  it('redirects /ops to /ops/ and serves index.html for a directory', () => {
    const code = String(props(logicalId(stack.dashboard.node.findChild('IndexRewrite'))).FunctionCode);
    const handler = new Function(`${code}; return handler;`)() as (event: { request: { uri: string } }) => Json;
    expect(handler({ request: { uri: '/ops' } })).toMatchObject({ statusCode: 302, headers: { location: { value: '/ops/' } } });
    expect(handler({ request: { uri: '/ops/' } })).toEqual({ uri: '/ops/index.html' });
    expect(handler({ request: { uri: '/ops/assets/app.js' } })).toEqual({ uri: '/ops/assets/app.js' });
  });

  it('matches config.json before the rest of /ops/, and the operator API after the public inbox', () => {
    const patterns = (distributionConfig().CacheBehaviors as Json[]).map((b) => b.PathPattern);
    expect(patterns.indexOf(CONFIG_PATH)).toBeLessThan(patterns.indexOf(DASHBOARD_PATH_PATTERN));
    expect(patterns.indexOf('/api/inbox*')).toBeLessThan(patterns.indexOf(API_PATH_PATTERN));
    expect(patterns.at(-1)).toBe(API_PATH_PATTERN);
  });

  it('sends every path to HTTPS', () => {
    const defaults = distributionConfig().DefaultCacheBehavior as Json;
    // Every behavior is HTTPS-only or redirects to it.
    for (const b of [defaults, ...(distributionConfig().CacheBehaviors as Json[])]) {
      expect(['redirect-to-https', 'https-only'], String(b.PathPattern ?? 'default')).toContain(b.ViewerProtocolPolicy);
    }
  });

  it('never caches config.json', () => {
    const config = behavior(CONFIG_PATH);
    expect(config.TargetOriginId).toBe(siteOriginId());
    expect(config.CachePolicyId).toBe(CACHING_DISABLED);
    expect(config.ResponseHeadersPolicyId).toEqual({ Ref: noStoreId() });
  });

  it('proxies /api/* to the HTTP API over TLS 1.2, uncached, with the Authorization header and without Host', () => {
    const api = behavior(API_PATH_PATTERN);
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect(api.ResponseHeadersPolicyId).toEqual({ Ref: noStoreId() });
    const [origin] = (distributionConfig().Origins as Json[]).filter((o) => o.Id === api.TargetOriginId);
    expect(render(origin?.DomainName)).toBe(`<${logicalId(stack.httpApi.api)}>.execute-api.<AWS::Region>.<AWS::URLSuffix>`);
    expect(origin?.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('keeps no access logs (they would hold viewer IPs) and rewrites no error responses (they would mask API errors)', () => {
    const config = distributionConfig();
    expect(config.Logging).toBeUndefined();
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(template.findResources('AWS::Logs::DeliverySource')).toEqual({});
  });

  it('sends a strict CSP, HSTS, no referrer, nosniff and DENY framing on every response', () => {
    const csp =
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${cognitoUrl()}; ` +
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    for (const id of [securityId(), noStoreId()]) {
      const headers = (props(id).ResponseHeadersPolicyConfig as Json).SecurityHeadersConfig as Json;
      const policy = headers.ContentSecurityPolicy as Json;
      expect(render(policy.ContentSecurityPolicy), id).toBe(csp);
      expect(policy.Override, id).toBe(true);
      const hsts = headers.StrictTransportSecurity as Json;
      expect(hsts.AccessControlMaxAgeSec, id).toBeGreaterThanOrEqual(365 * 24 * 60 * 60);
      expect(hsts.Override, id).toBe(true);
      expect(headers.ReferrerPolicy, id).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
      expect(headers.ContentTypeOptions, id).toEqual({ Override: true });
      expect(headers.FrameOptions, id).toEqual({ FrameOption: 'DENY', Override: true });
    }
  });

  it('adds Cache-Control: no-store only where the no-store policy applies', () => {
    const custom = (id: string) => ((props(id).ResponseHeadersPolicyConfig as Json).CustomHeadersConfig as Json | undefined)?.Items;
    expect(custom(noStoreId())).toEqual([{ Header: 'Cache-Control', Value: 'no-store', Override: true }]);
    expect(custom(securityId())).toBeUndefined();
  });
});

describe('account-wide names', () => {
  // CloudFront is global: a name without the stage and the region collides with another stage in
  // the account, or with this stage deployed in a second region.
  const named = (type: string, read: (properties: Json) => unknown): string[] =>
    Object.values(template.findResources(type)).map((r) => render(read((r as Json).Properties as Json)));

  it('response headers policies, the origin access control and the index function carry the stack name (the stage) and the region', () => {
    expect(named('AWS::CloudFront::ResponseHeadersPolicy', (p) => (p.ResponseHeadersPolicyConfig as Json).Name).sort()).toEqual([
      'tipline-prod-<AWS::Region>-dashboard-headers',
      'tipline-prod-<AWS::Region>-dashboard-no-store',
      'tipline-prod-<AWS::Region>-form-headers',
    ]);
    expect(named('AWS::CloudFront::OriginAccessControl', (p) => (p.OriginAccessControlConfig as Json).Name)).toEqual([
      'tipline-prod-<AWS::Region>-site-access',
    ]);
    expect(named('AWS::CloudFront::Function', (p) => p.Name)).toEqual(['tipline-prod-<AWS::Region>-index-rewrite']);
  });

  it("stay within CloudFront's limits for the longest stage and region names", () => {
    const longest = `tipline-${'s'.repeat(20)}-ap-southeast-2-`;
    expect(`${longest}site-access`.length).toBeLessThanOrEqual(64);
    expect(`${longest}index-rewrite`.length).toBeLessThanOrEqual(64);
    expect(`${longest}dashboard-no-store`.length).toBeLessThanOrEqual(128);
  });
});

describe('outputs', () => {
  it('name the dashboard, the pool, its client and the hosted UI', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(render(outputs.DashboardUrl?.Value)).toBe(dashboardUrl());
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: poolId() });
    expect(outputs.UserPoolClientId?.Value).toEqual({ Ref: clientId() });
    expect(render(outputs.CognitoDomain?.Value)).toBe(cognitoUrl());
  });
});
