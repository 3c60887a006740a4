// Every context value the app takes (`-c key=value` or cdk.json), read once by bin/app.ts and
// checked here: a value of the wrong type or shape fails the synth with a message that names
// its key, and a missing one becomes its default. The stack and its constructs get the parts
// they need as props; nothing else in lib/ reads context.
import type { Construct } from 'constructs';
import {
  DEFAULT_CLOSED_TIP_RETENTION_DAYS,
  DEFAULT_EMERGENCY_NUMBERS,
  DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
  DEFAULT_QUICK_EXIT_URL,
  DEFAULT_VAULT_TTL_DAYS,
  MAX_CLOSED_TIP_RETENTION_DAYS,
  MAX_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
  MAX_VAULT_TTL_DAYS,
} from '../functions/config/defaults';
import { DASHBOARD_PATH } from './dashboard/paths';

/** What the Twilio-facing functions are told; the placeholders for what is unset are twilio-account.ts's. */
export interface TwilioSettings {
  /** `twilioAccountSid`: `AC` + 32 lowercase hex digits. */
  accountSid: string | undefined;
  /** `twilioSender`: the E.164 number or Messaging Service SID (`MG…`) replies are sent from. */
  sender: string | undefined;
  /** `deleteInboundFromTwilio`: whether sms-intake queues the deletion of each inbound message. */
  deleteInbound: boolean;
}

/** `dashboardUrl` and `dashboardCertificateArn`: the dashboard on a domain of its own. */
export interface CustomDomain {
  host: string;
  /** `https://<host>`. */
  origin: string;
  /** ACM, us-east-1. */
  certificateArn: string;
}

/** `wafEnabled` and `webAclArn`: which WebACL fronts the distribution (edge-firewall.ts). */
export type WafSetting = { kind: 'own' } | { kind: 'imported'; webAclArn: string } | { kind: 'off' };

export interface TiplineSettings {
  /**
   * `stage`: which deployment this is (`prod` by default, `staging`…). It names the stack
   * (stackNameFor), and through it every name that must be unique in an account or region, so
   * that two stages share an account and one stage can live in two regions.
   */
  stage: string;
  /** `vaultTtlDays`: how long an address is kept for replies. */
  vaultTtlDays: number;
  twilio: TwilioSettings;
  /** `emergencyNumbers`: the same numbers on every path a tipster comes in by. */
  emergencyNumbers: string;
  /**
   * `closedTipRetentionDays`: how long a closed tip is kept. Closing sets the tip's `expiresAt`
   * that far ahead and DynamoDB's time-to-live deletes it then; reopening clears it.
   */
  closedTipRetentionDays: number;
  /** `highUnclaimedPageAfterMinutes`: how long a high tip may wait unclaimed before paging. */
  highUnclaimedPageAfterMinutes: number;
  /**
   * `quickExitUrl`: where the quick exit sends a tipster. Must be https (a plain-http page would
   * show on the network what replaced ours) and a full URL, checked here rather than in the browser.
   */
  quickExitUrl: string;
  /** `cognitoDomainPrefix`: the hosted UI's prefix; Operators derives one when unset. */
  cognitoDomainPrefix: string | undefined;
  /** Unset: the distribution's own *.cloudfront.net name. */
  dashboardDomain: CustomDomain | undefined;
  waf: WafSetting;
  /** `publicUrl`: the API's base URL when a custom domain fronts it; the execute-api endpoint otherwise. */
  publicUrl: string | undefined;
  /** `alarmEmail`: who is mailed when an alarm fires. */
  alarmEmail: string | undefined;
  /** `edgeStack`: whether the app also has the edge stack (`tipline-<stage>-edge`, lib/app.ts). */
  edgeStack: boolean;
}

/** The documented keys (bin/app.ts, README), and the only ones readSettings looks up. */
export const SETTING_KEYS = [
  'stage',
  'publicUrl',
  'emergencyNumbers',
  'vaultTtlDays',
  'twilioAccountSid',
  'twilioSender',
  'deleteInboundFromTwilio',
  'highUnclaimedPageAfterMinutes',
  'cognitoDomainPrefix',
  'dashboardUrl',
  'dashboardCertificateArn',
  'quickExitUrl',
  'closedTipRetentionDays',
  'alarmEmail',
  'wafEnabled',
  'webAclArn',
  'edgeStack',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The app's settings from its context: the one place that reads it. */
export function readSettings(app: Construct): TiplineSettings {
  return parseSettings((key) => app.node.tryGetContext(key) as unknown);
}

// The same patterns the handlers check at cold start (Twilio SIDs are lowercase hex), so a
// value that passes here cannot fail there.
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const SENDER = /^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/;

/** Short, because it goes into the stack name, the Cognito prefix and CloudFront's 64-character names. */
const STAGE = /^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/;
export const DEFAULT_STAGE = 'prod';

/** The main stack's id and name: `tipline-<stage>`. */
export function stackNameFor(stage: string): string {
  return `tipline-${stage}`;
}

/** The edge stack's (us-east-1, only with `edgeStack=true`): `tipline-<stage>-edge`. */
export function edgeStackNameFor(stage: string): string {
  return `${stackNameFor(stage)}-edge`;
}

const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const RESERVED_IN_PREFIX = ['aws', 'amazon', 'cognito'];
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/;
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[0-9a-f-]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks every value, in the order the stack uses them (so that of several bad values, the
 * first one it would meet is the one reported).
 */
export function parseSettings(get: (key: SettingKey) => unknown): TiplineSettings {
  // An object literal's properties are evaluated in the order written: the order matters here.
  return {
    stage: stage(get),
    vaultTtlDays: atMost(positiveInteger(get, 'vaultTtlDays') ?? DEFAULT_VAULT_TTL_DAYS, 'vaultTtlDays', MAX_VAULT_TTL_DAYS),
    twilio: twilioSettings(get),
    emergencyNumbers: string(get, 'emergencyNumbers') ?? DEFAULT_EMERGENCY_NUMBERS,
    closedTipRetentionDays: atMost(
      positiveInteger(get, 'closedTipRetentionDays') ?? DEFAULT_CLOSED_TIP_RETENTION_DAYS,
      'closedTipRetentionDays',
      MAX_CLOSED_TIP_RETENTION_DAYS,
    ),
    highUnclaimedPageAfterMinutes: atMost(
      positiveInteger(get, 'highUnclaimedPageAfterMinutes') ?? DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
      'highUnclaimedPageAfterMinutes',
      MAX_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
    ),
    quickExitUrl: httpsUrl(get, 'quickExitUrl') ?? DEFAULT_QUICK_EXIT_URL,
    cognitoDomainPrefix: domainPrefix(get),
    dashboardDomain: customDomain(get),
    waf: wafSetting(get),
    publicUrl: string(get, 'publicUrl'),
    alarmEmail: emailAddress(get, 'alarmEmail'),
    edgeStack: boolean(get, 'edgeStack') ?? false,
  };
}

/** Lowercase letters, digits and inner hyphens, at most 20: every name derived from it stays valid. */
function stage(get: (key: SettingKey) => unknown): string {
  const value = string(get, 'stage') ?? DEFAULT_STAGE;
  if (!STAGE.test(value)) {
    throw new Error(`context value "stage" must be 1-20 lowercase letters, digits and inner hyphens, starting with a letter; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The functions refuse more than their limits (config/defaults): failing the synth is kinder than failing cold starts. */
function atMost(value: number, key: SettingKey, max: number): number {
  if (value > max) throw new Error(`context value "${key}" must be at most ${max}`);
  return value;
}

/** Cognito's rule for prefix domains: lowercase letters, digits and hyphens, and no AWS brand names. */
function domainPrefix(get: (key: SettingKey) => unknown): string | undefined {
  const prefix = string(get, 'cognitoDomainPrefix');
  if (prefix !== undefined && (!DOMAIN_PREFIX.test(prefix) || RESERVED_IN_PREFIX.some((word) => prefix.includes(word)))) {
    throw new Error(
      `context value "cognitoDomainPrefix" must be 1-63 lowercase letters, digits and inner hyphens, without ${RESERVED_IN_PREFIX.join('/')}; ` +
        `got ${JSON.stringify(prefix)}`,
    );
  }
  return prefix;
}

/** A malformed value fails the synth: a typo'd SID would only show up as failed replies. */
function twilioSettings(get: (key: SettingKey) => unknown): TwilioSettings {
  const accountSid = string(get, 'twilioAccountSid');
  const sender = string(get, 'twilioSender');
  const deleteInbound = boolean(get, 'deleteInboundFromTwilio') ?? false;
  if (accountSid !== undefined && !ACCOUNT_SID.test(accountSid)) {
    throw new Error('context value "twilioAccountSid" must be a Twilio account SID (AC followed by 32 lowercase hex digits)');
  }
  if (sender !== undefined && !SENDER.test(sender)) {
    throw new Error('context value "twilioSender" must be an E.164 number (+51…) or a Messaging Service SID (MG…)');
  }
  // Deleting a message is a call on the account's Messages API: without the SID every job
  // would fail five times and pile up in the dead-letter queue.
  if (deleteInbound && accountSid === undefined) {
    throw new Error('context value "deleteInboundFromTwilio" needs "twilioAccountSid" to be set as well');
  }
  return { accountSid, sender, deleteInbound };
}

/**
 * `dashboardUrl` (`https://<host>/ops/`) moves the dashboard to a custom domain; it then needs
 * `dashboardCertificateArn` (ACM, us-east-1). Only with a certificate of our own can CloudFront
 * hold viewers to TLS 1.2: the default *.cloudfront.net certificate is fixed at TLSv1.
 */
function customDomain(get: (key: SettingKey) => unknown): CustomDomain | undefined {
  const dashboardUrl = string(get, 'dashboardUrl');
  const certificateArn = string(get, 'dashboardCertificateArn');
  if (dashboardUrl === undefined) {
    if (certificateArn !== undefined) throw new Error('context value "dashboardCertificateArn" needs "dashboardUrl" as well');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(dashboardUrl);
  } catch {
    throw new Error(`context value "dashboardUrl" must be a URL like https://ops.example.org${DASHBOARD_PATH}`);
  }
  if (url.protocol !== 'https:' || url.pathname !== DASHBOARD_PATH || url.search !== '' || url.hash !== '' || url.port !== '' || url.username !== '') {
    throw new Error(`context value "dashboardUrl" must be https://<host>${DASHBOARD_PATH}, got ${JSON.stringify(dashboardUrl)}`);
  }
  if (certificateArn === undefined) {
    throw new Error('context value "dashboardUrl" needs "dashboardCertificateArn" (an ACM certificate in us-east-1 for its host)');
  }
  if (!CERTIFICATE_ARN.test(certificateArn)) {
    throw new Error('context value "dashboardCertificateArn" must be an ACM certificate ARN in us-east-1');
  }
  return { host: url.hostname, origin: url.origin, certificateArn };
}

/** By default the stack's own WebACL; `webAclArn` one made elsewhere; `wafEnabled=false` none. */
function wafSetting(get: (key: SettingKey) => unknown): WafSetting {
  const enabled = boolean(get, 'wafEnabled') ?? true;
  const webAclArn = string(get, 'webAclArn');
  if (!enabled) {
    if (webAclArn !== undefined) throw new Error('context value "webAclArn" contradicts "wafEnabled=false"');
    return { kind: 'off' };
  }
  if (webAclArn === undefined) return { kind: 'own' };
  if (!WEB_ACL_ARN.test(webAclArn)) {
    throw new Error('context value "webAclArn" must be a CLOUDFRONT-scoped WAFv2 WebACL ARN (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)');
  }
  return { kind: 'imported', webAclArn };
}

/** Loosely an e-mail address: SNS sends a confirmation mail, which is the real check. */
function emailAddress(get: (key: SettingKey) => unknown, key: SettingKey): string | undefined {
  const value = string(get, key);
  if (value !== undefined && !EMAIL.test(value)) throw new Error(`context value "${key}" must be an e-mail address, got ${JSON.stringify(value)}`);
  return value;
}

/** An https URL without credentials, kept as written. */
function httpsUrl(get: (key: SettingKey) => unknown, key: SettingKey): string | undefined {
  const value = string(get, key);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`context value "${key}" must be an https URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') {
    throw new Error(`context value "${key}" must be an https URL, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** An optional string, trimmed; a wrong type or a blank one fails the synth. */
function string(get: (key: SettingKey) => unknown, key: SettingKey): string | undefined {
  const value = get(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`context value "${key}" must be a non-empty string`);
  }
  return value.trim();
}

/**
 * An optional boolean. `-c key=true` arrives as a string and cdk.json may hold a real boolean;
 * anything but true/false fails the synth rather than meaning "off".
 */
function boolean(get: (key: SettingKey) => unknown, key: SettingKey): boolean | undefined {
  const value = get(key);
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`context value "${key}" must be true or false, got ${JSON.stringify(value)}`);
}

/** An optional positive whole number, given as a number (cdk.json) or digits (`-c`). */
function positiveInteger(get: (key: SettingKey) => unknown, key: SettingKey): number | undefined {
  const value = get(key);
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new Error(`context value "${key}" must be a positive whole number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
