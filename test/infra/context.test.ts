// The context values that configure Twilio and the vault, read into settings the way bin/app.ts
// reads them and checked on bare stacks: no functions, so nothing is bundled and the one real
// synth stays in stack.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Distribution, ResponseHeadersPolicy, type CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { CfnUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES, DEFAULT_QUICK_EXIT_URL, DEFAULT_VAULT_TTL_DAYS } from '../../functions/config/defaults';
import { ContactVault } from '../../lib/contact-vault';
import { Dashboard } from '../../lib/dashboard';
import { withConnectOrigin } from '../../lib/dashboard/deployment';
import { DEFAULT_STAGE, edgeStackNameFor, stackNameFor } from '../../lib/settings';
import { attachEdgeFirewall, EdgeFirewall, TiplineEdgeStack } from '../../lib/edge-firewall';
import { Operators } from '../../lib/operators';
import { twilioAccount, TWILIO_ACCOUNT_SID_PLACEHOLDER, TWILIO_SENDER_PLACEHOLDER } from '../../lib/twilio-account';
import { settingsFor } from './synth';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function bareStack(): Stack {
  return new Stack(new App(), 'Bare');
}

/** Warnings as recorded on the construct tree, read without a synth. */
function warningsOf(scope: IConstruct): string[] {
  return scope.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
}

function vaultWith(context: Record<string, unknown>): ContactVault {
  const { vaultTtlDays } = settingsFor(context);
  const stack = bareStack();
  const table = new Table(stack, 'Table', { partitionKey: { name: 'contactKey', type: AttributeType.STRING } });
  return new ContactVault(stack, 'Vault', { table, ttlDays: vaultTtlDays });
}

/** The Twilio account a stack gets from these context values, and the stack it warned on. */
function twilioWith(context: Record<string, unknown>): { stack: Stack; account: ReturnType<typeof twilioAccount> } {
  const { twilio } = settingsFor(context);
  const stack = bareStack();
  return { stack, account: twilioAccount(stack, twilio) };
}

describe('Twilio account context', () => {
  it('defaults to placeholders, deletion off, and warns at synth', () => {
    const { stack, account } = twilioWith({});

    expect(account).toEqual({ accountSid: TWILIO_ACCOUNT_SID_PLACEHOLDER, sender: TWILIO_SENDER_PLACEHOLDER, deleteInbound: false });
    const warnings = warningsOf(stack);
    expect(warnings).toHaveLength(2);
    expect(warnings).toEqual([expect.stringContaining('twilioAccountSid is not set'), expect.stringContaining('twilioSender is not set')]);
  });

  it('takes real values from -c strings or cdk.json booleans, without warnings', () => {
    for (const deleteInboundFromTwilio of ['true', true] as const) {
      const { stack, account } = twilioWith({ twilioAccountSid: SID, twilioSender: '+51987654321', deleteInboundFromTwilio });

      expect(account).toEqual({ accountSid: SID, sender: '+51987654321', deleteInbound: true });
      expect(warningsOf(stack)).toEqual([]);
    }
    expect(twilioWith({ twilioSender: `MG${'a'.repeat(32)}` }).account.sender).toBe(`MG${'a'.repeat(32)}`);
  });

  it.each([
    [{ twilioAccountSid: 'AC123' }, /twilioAccountSid/],
    // The handlers accept lowercase hex only; synth must not pass what a cold start refuses.
    [{ twilioAccountSid: SID.toUpperCase() }, /twilioAccountSid/],
    [{ twilioAccountSid: TWILIO_ACCOUNT_SID_PLACEHOLDER }, /twilioAccountSid/],
    [{ twilioSender: '987654321' }, /twilioSender/],
    [{ deleteInboundFromTwilio: 'yes' }, /deleteInboundFromTwilio/],
    // Deleting needs the account: without it every job would end in the DLQ.
    [{ deleteInboundFromTwilio: 'true' }, /needs "twilioAccountSid"/],
  ])('refuses %j', (context, message) => {
    expect(() => twilioWith(context)).toThrow(message);
  });
});

describe('vault TTL context', () => {
  it('defaults to DEFAULT_VAULT_TTL_DAYS and accepts digits or a number', () => {
    expect(vaultWith({}).ttlDays).toBe(DEFAULT_VAULT_TTL_DAYS);
    expect(vaultWith({ vaultTtlDays: '7' }).ttlDays).toBe(7);
    expect(vaultWith({ vaultTtlDays: 14 }).ttlDays).toBe(14);
  });

  it.each(['0', '-1', '1.5', 'thirty', 366])('refuses %j', (vaultTtlDays) => {
    expect(() => vaultWith({ vaultTtlDays })).toThrow(/vaultTtlDays/);
  });
});

describe('closed-tip retention context', () => {
  it('refuses more than the operator API accepts, so a deploy cannot start functions that refuse to start', () => {
    expect(settingsFor({ closedTipRetentionDays: 3650 }).closedTipRetentionDays).toBe(3650);
    expect(() => settingsFor({ closedTipRetentionDays: 3651 })).toThrow(/closedTipRetentionDays" must be at most 3650/);
  });
});

describe('high-tip paging context', () => {
  it('defaults to 15 minutes and accepts digits or a number', () => {
    const highUnclaimedPageAfterMinutes = (value?: unknown) => settingsFor({ highUnclaimedPageAfterMinutes: value }).highUnclaimedPageAfterMinutes;
    expect(highUnclaimedPageAfterMinutes()).toBe(DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES);
    expect(DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES).toBe(15);
    expect(highUnclaimedPageAfterMinutes('30')).toBe(30);
    expect(highUnclaimedPageAfterMinutes(5)).toBe(5);
  });

  it.each(['0', '-5', '2.5', 'soon', '', 241])('refuses %j', (highUnclaimedPageAfterMinutesValue) => {
    expect(() => settingsFor({ highUnclaimedPageAfterMinutes: highUnclaimedPageAfterMinutesValue })).toThrow(/highUnclaimedPageAfterMinutes/);
  });
});

/** Sign-in and dashboard only: neither needs a function, so nothing is bundled or synthesized. */
function dashboardWith(context: Record<string, unknown>, siteDir?: string): { stack: Stack; operators: Operators; dashboard: Dashboard } {
  const settings = settingsFor(context);
  const stack = bareStack();
  const operators = new Operators(stack, 'Operators', { stage: settings.stage, domainPrefix: settings.cognitoDomainPrefix });
  const publicForm = { responseHeaders: new ResponseHeadersPolicy(stack, 'FormHeaders') };
  const dashboard = new Dashboard(stack, 'Dashboard', {
    operators,
    publicForm,
    domain: settings.dashboardDomain,
    ...(siteDir === undefined ? {} : { siteDir }),
    originVerify: new Secret(stack, 'OriginVerify'),
  });
  dashboard.proxyApi(new HttpApi(stack, 'Api'));
  return { stack, operators, dashboard };
}

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('Cognito domain prefix context', () => {
  it('defaults to the stage and the account id, and takes a valid override', () => {
    const prefixOf = (context: Record<string, unknown>): unknown => {
      const { stack, operators } = dashboardWith(context);
      return stack.resolve((operators.domain.node.defaultChild as CfnUserPoolDomain).domain);
    };

    expect(prefixOf({})).toEqual({ 'Fn::Join': ['', ['tipline-prod-', { Ref: 'AWS::AccountId' }]] });
    expect(prefixOf({ stage: 'staging' })).toEqual({ 'Fn::Join': ['', ['tipline-staging-', { Ref: 'AWS::AccountId' }]] });
    expect(prefixOf({ cognitoDomainPrefix: 'tipline-peru-ops' })).toBe('tipline-peru-ops');
  });

  it.each(['Tipline', 'tipline_ops', '-tipline', 'tipline-', 'my-cognito-login', 'aws-tips', 'a'.repeat(64), ''])('refuses %j', (cognitoDomainPrefix) => {
    expect(() => dashboardWith({ cognitoDomainPrefix })).toThrow(/cognitoDomainPrefix/);
  });
});

describe('dashboard URL context', () => {
  it('defaults to the distribution domain, without aliases or a certificate of its own', () => {
    const { stack, dashboard } = dashboardWith({});

    const distributionId = stack.getLogicalId(dashboard.distribution.node.defaultChild as CfnDistribution);
    expect(stack.resolve(dashboard.url)).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/ops/']] });
    const config = stack.resolve((dashboard.distribution.node.defaultChild as CfnDistribution).distributionConfig) as Record<string, unknown>;
    expect(config.aliases).toBeUndefined();
    expect(config.viewerCertificate).toBeUndefined();
  });

  it('moves sign-in and the distribution to a custom domain, with its certificate and TLS 1.2', () => {
    const { stack, dashboard } = dashboardWith({ dashboardUrl: 'https://ops.example.org/ops/', dashboardCertificateArn: CERTIFICATE });

    expect(dashboard.url).toBe('https://ops.example.org/ops/');
    expect(dashboard.config.redirectUri).toBe('https://ops.example.org/ops/');
    expect(dashboard.config.apiUrl).toBe('https://ops.example.org');
    const config = stack.resolve((dashboard.distribution.node.defaultChild as CfnDistribution).distributionConfig) as Record<string, unknown>;
    expect(config.aliases).toEqual(['ops.example.org']);
    expect(config.viewerCertificate).toMatchObject({ acmCertificateArn: CERTIFICATE, minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' });
  });

  it.each([
    [{ dashboardUrl: 'http://ops.example.org/ops/', dashboardCertificateArn: CERTIFICATE }, /dashboardUrl/],
    [{ dashboardUrl: 'https://ops.example.org/', dashboardCertificateArn: CERTIFICATE }, /dashboardUrl/],
    [{ dashboardUrl: 'https://ops.example.org/ops/?x=1', dashboardCertificateArn: CERTIFICATE }, /dashboardUrl/],
    [{ dashboardUrl: 'ops.example.org', dashboardCertificateArn: CERTIFICATE }, /dashboardUrl/],
    [{ dashboardUrl: 'https://ops.example.org/ops/' }, /dashboardCertificateArn/],
    [{ dashboardUrl: 'https://ops.example.org/ops/', dashboardCertificateArn: CERTIFICATE.replace('us-east-1', 'sa-east-1') }, /us-east-1/],
    [{ dashboardCertificateArn: CERTIFICATE }, /needs "dashboardUrl"/],
  ])('refuses %j', (context, message) => {
    expect(() => dashboardWith(context)).toThrow(message);
  });
});

describe('dashboard build', () => {
  it('a clean clone (no web build) still synthesizes: a placeholder page and a warning that says what to run', () => {
    const { dashboard } = dashboardWith({}, join(tmpdir(), 'tipline-no-such-build'));

    expect(dashboard.built).toBe(false);
    expect(warningsOf(dashboard)).toEqual([expect.stringContaining('Run npm run build:web first')]);
  });

  it('a built dashboard deploys without the warning', () => {
    const site = mkdtempSync(join(tmpdir(), 'tipline-site-'));
    try {
      writeFileSync(join(site, 'index.html'), '<!doctype html>');

      const { dashboard } = dashboardWith({}, site);

      expect(dashboard.built).toBe(true);
      expect(warningsOf(dashboard)).toEqual([]);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it("writes the hosted UI's origin into the built page's CSP at deploy time: no build variable to set", () => {
    const site = mkdtempSync(join(tmpdir(), 'tipline-site-'));
    try {
      writeFileSync(join(site, 'index.html'), BUILT_PAGE);

      const { stack, operators } = dashboardWith({}, site);

      const deployments = Object.values(Template.fromStack(stack).findResources('Custom::CDKBucketDeployment'));
      expect(deployments).toHaveLength(1);
      // Sources: the build without its index.html, the rewritten index.html, config.json. The
      // origin holds deploy-time values (the prefix has the account id in it, the region):
      // markers that the deployment replaces in the page it writes.
      const markers = (deployments[0]?.Properties as { SourceMarkers: unknown[] }).SourceMarkers;
      expect(markers).toHaveLength(3);
      expect(markers[1]).toEqual({
        '<<marker:0xbaba:0>>': { Ref: stack.getLogicalId(operators.domain.node.defaultChild as CfnUserPoolDomain) },
        '<<marker:0xbaba:1>>': { Ref: 'AWS::Region' },
      });
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });
});

const BUILT_PAGE =
  "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'\" /></head></html>";

describe('the dashboard page CSP', () => {
  it("replaces connect-src with the page's own origin and the hosted UI's, keeping every other directive", () => {
    expect(withConnectOrigin(BUILT_PAGE, 'https://tipline-prod-1.auth.sa-east-1.amazoncognito.com')).toBe(
      "<!doctype html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; base-uri 'none'; " +
        "connect-src 'self' https://tipline-prod-1.auth.sa-east-1.amazoncognito.com\" /></head></html>",
    );
  });

  it('adds connect-src where the policy had none, and leaves a page without a meta CSP alone', () => {
    expect(withConnectOrigin('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">', 'https://a.example')).toBe(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; connect-src \'self\' https://a.example">',
    );
    expect(withConnectOrigin('<!doctype html><p>no policy</p>', 'https://a.example')).toBe('<!doctype html><p>no policy</p>');
  });
});

describe('stage context', () => {
  it('defaults to prod and names the stacks after the stage', () => {
    expect(settingsFor().stage).toBe(DEFAULT_STAGE);
    expect(DEFAULT_STAGE).toBe('prod');
    expect(settingsFor({ stage: 'staging' }).stage).toBe('staging');
    expect(stackNameFor('staging')).toBe('tipline-staging');
    expect(edgeStackNameFor('staging')).toBe('tipline-staging-edge');
  });

  it.each(['Prod', 'pre_prod', '-x', 'x-', '1st', 'a'.repeat(21), '', 'pre prod'])('refuses %j', (stage) => {
    expect(() => settingsFor({ stage })).toThrow(/stage/);
  });
});

describe('quick exit URL context', () => {
  it('defaults to a neutral site and takes another https URL', () => {
    expect(settingsFor().quickExitUrl).toBe(DEFAULT_QUICK_EXIT_URL);
    expect(settingsFor({ quickExitUrl: 'https://www.example.org/weather?city=lima' }).quickExitUrl).toBe('https://www.example.org/weather?city=lima');
  });

  it.each(['http://www.example.org/', 'www.example.org', 'javascript:alert(1)', 'https://user:pw@example.org/', ''])('refuses %j', (quickExitUrl) => {
    expect(() => settingsFor({ quickExitUrl })).toThrow(/quickExitUrl/);
  });
});

describe('edge firewall context', () => {
  const ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/tipline-edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

  function distributionWith(context: Record<string, unknown>): { stack: Stack; distribution: Distribution; choice: ReturnType<typeof attachEdgeFirewall> } {
    const { waf } = settingsFor(context);
    const stack = bareStack();
    const distribution = new Distribution(stack, 'Distribution', { defaultBehavior: { origin: new HttpOrigin('example.org') } });
    const choice = attachEdgeFirewall(stack, distribution, waf);
    return { stack, distribution, choice };
  }
  const webAclIdOf = (stack: Stack, distribution: Distribution): unknown =>
    (stack.resolve((distribution.node.defaultChild as CfnDistribution).distributionConfig) as Record<string, unknown>).webAclId;
  const webAclsIn = (stack: Stack) => stack.node.findAll().filter((c) => c instanceof CfnWebACL);

  it('by default builds its own WebACL, attaches it, and holds the stack to us-east-1', () => {
    const { stack, distribution, choice } = distributionWith({});

    expect(choice.kind).toBe('own');
    const acls = webAclsIn(stack);
    expect(acls).toHaveLength(1);
    expect(webAclIdOf(stack, distribution)).toEqual(stack.resolve((acls[0] as CfnWebACL).attrArn));
    expect(stack.node.tryFindChild('EdgeFirewallNeedsUsEast1')).toBeDefined();
    expect(warningsOf(distribution)).toEqual([]);
  });

  it('attaches a WebACL made elsewhere (TiplineEdgeStack) when given its ARN, with no region rule', () => {
    const { stack, distribution, choice } = distributionWith({ webAclArn: ARN });

    expect(choice).toEqual({ kind: 'imported', webAclArn: ARN });
    expect(webAclsIn(stack)).toEqual([]);
    expect(webAclIdOf(stack, distribution)).toBe(ARN);
    expect(stack.node.tryFindChild('EdgeFirewallNeedsUsEast1')).toBeUndefined();
  });

  it('can be turned off, with a warning, and then attaches nothing', () => {
    for (const wafEnabled of ['false', false] as const) {
      const { stack, distribution, choice } = distributionWith({ wafEnabled });

      expect(choice.kind).toBe('off');
      expect(webAclsIn(stack)).toEqual([]);
      expect(webAclIdOf(stack, distribution)).toBeUndefined();
      expect(stack.node.tryFindChild('EdgeFirewallNeedsUsEast1')).toBeUndefined();
      expect(warningsOf(distribution)).toEqual([expect.stringContaining('no WAF rate limit')]);
    }
  });

  it.each([
    [{ webAclArn: ARN.replace('us-east-1', 'sa-east-1') }, /webAclArn/],
    [{ webAclArn: ARN.replace('global/', 'regional/') }, /webAclArn/],
    [{ webAclArn: 'tipline-edge' }, /webAclArn/],
    [{ webAclArn: ARN, wafEnabled: 'false' }, /contradicts/],
    [{ wafEnabled: 'no' }, /wafEnabled/],
  ])('refuses %j', (context, message) => {
    expect(() => distributionWith(context)).toThrow(message);
  });

  it('TiplineEdgeStack is pinned to us-east-1, outputs the ARN, and carries the same rules', () => {
    const edge = new TiplineEdgeStack(new App(), 'Edge');
    const main = bareStack();
    const own = new EdgeFirewall(main, 'EdgeFirewall');

    expect(edge.region).toBe('us-east-1');
    expect(edge.resolve(edge.firewall.webAcl.scope)).toBe('CLOUDFRONT');
    expect(edge.resolve(edge.firewall.webAcl.rules)).toEqual(main.resolve(own.webAcl.rules));
    expect(edge.node.tryFindChild('WebAclArn')).toBeDefined();
  });
});
