// The context values that configure Twilio and the vault, checked on bare stacks: no
// functions, so nothing is bundled and the one real synth stays in stack.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VAULT_TTL_DAYS } from '../../functions/config/defaults';
import { ContactVault } from '../../lib/contact-vault';
import { Dashboard } from '../../lib/dashboard';
import { Operators } from '../../lib/operators';
import { DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES, highUnclaimedPageAfterMinutes } from '../../lib/paging';
import { readTwilioAccount, TWILIO_ACCOUNT_SID_PLACEHOLDER, TWILIO_SENDER_PLACEHOLDER } from '../../lib/twilio-account';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function bareStack(context: Record<string, unknown> = {}): Stack {
  return new Stack(new App({ context }), 'Bare');
}

/** Warnings as recorded on the construct tree, read without a synth. */
function warningsOf(scope: IConstruct): string[] {
  return scope.node.metadata.filter((entry) => entry.type === 'aws:cdk:warning').map((entry) => String(entry.data));
}

function vaultWith(context: Record<string, unknown>): ContactVault {
  const stack = bareStack(context);
  const table = new Table(stack, 'Table', { partitionKey: { name: 'contactKey', type: AttributeType.STRING } });
  return new ContactVault(stack, 'Vault', { table });
}

describe('Twilio account context', () => {
  it('defaults to placeholders, deletion off, and warns at synth', () => {
    const stack = bareStack();

    const account = readTwilioAccount(stack);

    expect(account).toEqual({ accountSid: TWILIO_ACCOUNT_SID_PLACEHOLDER, sender: TWILIO_SENDER_PLACEHOLDER, deleteInbound: false });
    const warnings = warningsOf(stack);
    expect(warnings).toHaveLength(2);
    expect(warnings).toEqual([expect.stringContaining('twilioAccountSid is not set'), expect.stringContaining('twilioSender is not set')]);
  });

  it('takes real values from -c strings or cdk.json booleans, without warnings', () => {
    for (const deleteInboundFromTwilio of ['true', true] as const) {
      const stack = bareStack({ twilioAccountSid: SID, twilioSender: '+51987654321', deleteInboundFromTwilio });

      const account = readTwilioAccount(stack);

      expect(account).toEqual({ accountSid: SID, sender: '+51987654321', deleteInbound: true });
      expect(warningsOf(stack)).toEqual([]);
    }
    expect(readTwilioAccount(bareStack({ twilioSender: `MG${'a'.repeat(32)}` })).sender).toBe(`MG${'a'.repeat(32)}`);
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
    expect(() => readTwilioAccount(bareStack(context))).toThrow(message);
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

describe('high-tip paging context', () => {
  it('defaults to 15 minutes and accepts digits or a number', () => {
    expect(highUnclaimedPageAfterMinutes(bareStack())).toBe(DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES);
    expect(DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES).toBe(15);
    expect(highUnclaimedPageAfterMinutes(bareStack({ highUnclaimedPageAfterMinutes: '30' }))).toBe(30);
    expect(highUnclaimedPageAfterMinutes(bareStack({ highUnclaimedPageAfterMinutes: 5 }))).toBe(5);
  });

  it.each(['0', '-5', '2.5', 'soon', ''])('refuses %j', (highUnclaimedPageAfterMinutesValue) => {
    expect(() => highUnclaimedPageAfterMinutes(bareStack({ highUnclaimedPageAfterMinutes: highUnclaimedPageAfterMinutesValue }))).toThrow(/highUnclaimedPageAfterMinutes/);
  });
});

/** Sign-in and dashboard only: neither needs a function, so nothing is bundled or synthesized. */
function dashboardWith(context: Record<string, unknown>, siteDir?: string): { stack: Stack; operators: Operators; dashboard: Dashboard } {
  const stack = bareStack(context);
  const operators = new Operators(stack, 'Operators');
  const dashboard = new Dashboard(stack, 'Dashboard', { operators, ...(siteDir === undefined ? {} : { siteDir }) });
  return { stack, operators, dashboard };
}

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

describe('Cognito domain prefix context', () => {
  it('defaults to the stack name and the account id, and takes a valid override', () => {
    const prefixOf = (context: Record<string, unknown>): unknown => {
      const { stack, operators } = dashboardWith(context);
      return stack.resolve((operators.domain.node.defaultChild as CfnUserPoolDomain).domain);
    };

    expect(prefixOf({})).toEqual({ 'Fn::Join': ['', ['tipline-bare-', { Ref: 'AWS::AccountId' }]] });
    expect(prefixOf({ cognitoDomainPrefix: 'tipline-peru-ops' })).toBe('tipline-peru-ops');
  });

  it.each(['Tipline', 'tipline_ops', '-tipline', 'tipline-', 'my-cognito-login', 'aws-tips', 'a'.repeat(64), ''])('refuses %j', (cognitoDomainPrefix) => {
    expect(() => dashboardWith({ cognitoDomainPrefix })).toThrow(/cognitoDomainPrefix/);
  });
});

describe('dashboard URL context', () => {
  it('defaults to the distribution domain, without aliases or a certificate of its own', () => {
    const { stack, dashboard } = dashboardWith({});

    expect(stack.resolve(dashboard.url)).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [stack.getLogicalId(dashboard.distribution.node.defaultChild as CfnDistribution), 'DomainName'] }, '/ops/']] });
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
});
