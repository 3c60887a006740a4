// The cost model behind `npm run cost`: what the synthesized template holds (keys, secrets,
// alarms, the WAF, the functions' memory), times the list prices in prices.json, gives the fixed
// monthly cost; what one tip makes the system do (activity.json), times the same prices, gives
// the cost per thousand tips. Pure: the command (bin/cost.ts) reads the files and prints.
import { acknowledgement, parseEmergencyNumbers } from '../../functions/core/acknowledgement';
import { DEFAULT_EMERGENCY_NUMBERS } from '../../functions/config/defaults';
import { isGsm7 } from '../../functions/core/paging/gsm7';
import type { Lang } from '../../functions/core/tip';
import type activityFile from './activity.json';
import type pricesFile from './prices.json';

export type Prices = typeof pricesFile;
export type Activity = typeof activityFile;
type Json = Record<string, unknown>;

/** The handlers, by the construct id their function has in the template's `aws:cdk:path`. */
const HANDLER_IDS = {
  SmsIntake: 'smsIntake',
  WebIntake: 'webIntake',
  Triage: 'triage',
  OperatorApi: 'operatorApi',
  TipsterReply: 'tipsterReply',
  TwilioCleanup: 'twilioCleanup',
  Paging: 'paging',
  SmsStatus: 'smsStatus',
  RosterApi: 'rosterApi',
  PublicForm: 'publicForm',
} as const;
export type Handler = (typeof HANDLER_IDS)[keyof typeof HANDLER_IDS];

/** What the template holds that costs money by itself, every month. */
export interface Inventory {
  kmsKeys: number;
  secrets: number;
  alarms: number;
  /** 0 with wafEnabled=false; a WebACL imported from the edge stack counts as one (it is paid there). */
  webAcls: number;
  wafRules: number;
  workQueues: number;
  userPools: number;
  distributions: number;
  memoryMb: Record<Handler, number>;
}

export function inventoryOf(template: Json): Inventory {
  const resources = Object.values((template.Resources ?? {}) as Record<string, { Type: string; Properties?: Json; Metadata?: Json }>);
  const ofType = (type: string) => resources.filter((r) => r.Type === type);
  const memoryMb = {} as Record<Handler, number>;
  for (const [logicalId, fn] of Object.entries((template.Resources ?? {}) as Record<string, { Type: string; Properties?: Json; Metadata?: Json }>)) {
    if (fn.Type !== 'AWS::Lambda::Function') continue;
    // The construct id: from the path metadata `cdk synth` writes, else from the logical id
    // (`<parent id><id><8 hex digits>`, e.g. PagingSmsStatus1A2B3C4D).
    const path = fn.Metadata?.['aws:cdk:path'];
    const id =
      typeof path === 'string'
        ? /\/([A-Za-z]+)\/Resource$/.exec(path)?.[1]
        : Object.keys(HANDLER_IDS).find((candidate) => new RegExp(`${candidate}[0-9A-F]{8}$`).test(logicalId));
    if (id !== undefined && id in HANDLER_IDS) memoryMb[HANDLER_IDS[id as keyof typeof HANDLER_IDS]] = Number(fn.Properties?.MemorySize ?? 128);
  }
  const missing = Object.values(HANDLER_IDS).filter((handler) => memoryMb[handler] === undefined);
  if (missing.length > 0) throw new Error(`the template has no function for ${missing.join(', ')}: is it the main stack's (tipline-<stage>)?`);
  const ownAcls = ofType('AWS::WAFv2::WebACL');
  const importedAcl = ofType('AWS::CloudFront::Distribution').some((d) => typeof (d.Properties?.DistributionConfig as Json | undefined)?.WebACLId === 'string');
  return {
    kmsKeys: ofType('AWS::KMS::Key').length,
    secrets: ofType('AWS::SecretsManager::Secret').length,
    alarms: ofType('AWS::CloudWatch::Alarm').length,
    webAcls: ownAcls.length + (importedAcl ? 1 : 0),
    // An imported WebACL is the edge stack's, built from the same rules (three).
    wafRules: ownAcls.reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0) + (importedAcl ? 3 : 0),
    // Main queues: the ones with a redrive policy (each has one consumer polling it).
    workQueues: ofType('AWS::SQS::Queue').filter((q) => q.Properties?.RedrivePolicy !== undefined).length,
    userPools: ofType('AWS::Cognito::UserPool').length,
    distributions: ofType('AWS::CloudFront::Distribution').length,
    memoryMb,
  };
}

export interface Line {
  item: string;
  /** USD for the period of the table (a month, or a thousand tips). */
  usd: number;
  how: string;
}

const MONTH_SECONDS = 30 * 24 * 3600;
const usd = (n: number) => Math.round(n * 1_000_000) / 1_000_000;

export function fixedMonthly(inventory: Inventory, prices: Prices, activity: Activity): Line[] {
  const p = prices.aws;
  const idlePolls = inventory.workQueues * activity.idle.sqsPollersPerQueue * (MONTH_SECONDS / activity.idle.sqsLongPollSeconds);
  return [
    { item: 'KMS customer-managed keys', usd: inventory.kmsKeys * p.kmsKeyPerMonth, how: `${inventory.kmsKeys} keys × $${p.kmsKeyPerMonth}` },
    {
      item: 'KMS requests while idle',
      usd: (activity.idle.kmsRequestsPerMonth / 10_000) * p.kmsPer10kRequests,
      how: `~${activity.idle.kmsRequestsPerMonth} data-key refreshes (DynamoDB, SQS) × $${p.kmsPer10kRequests}/10k`,
    },
    { item: 'WAF web ACL and rules', usd: inventory.webAcls * p.wafWebAclPerMonth + inventory.wafRules * p.wafRulePerMonth, how: wafHow(inventory, prices) },
    { item: 'Secrets Manager secrets', usd: inventory.secrets * p.secretPerMonth, how: `${inventory.secrets} secrets × $${p.secretPerMonth}` },
    {
      item: 'CloudWatch alarms',
      usd: inventory.alarms * p.alarmPerMonth,
      how: `${inventory.alarms} alarms × $${p.alarmPerMonth} (the free tier's 10 not counted)`,
    },
    {
      item: 'SQS polling of empty queues',
      usd: (idlePolls / 1e6) * p.sqsPerMillionRequests,
      how: `${inventory.workQueues} queues × ${activity.idle.sqsPollersPerQueue} long polls of ${activity.idle.sqsLongPollSeconds} s`,
    },
    { item: 'Cognito (Essentials)', usd: 0, how: `${inventory.userPools} user pool; staff are far below the ${p.cognitoFreeMau} free monthly active users` },
    { item: 'CloudFront distribution', usd: 0, how: `${inventory.distributions} distribution: no monthly fee, requests are counted per tip` },
    { item: 'Twilio phone number', usd: prices.twilio.numberPerMonth, how: 'one number (not AWS)' },
  ].map((line) => ({ ...line, usd: usd(line.usd) }));
}

function wafHow(inventory: Inventory, prices: Prices): string {
  if (inventory.webAcls === 0) return 'none (wafEnabled=false)';
  return `${inventory.webAcls} web ACL × $${prices.aws.wafWebAclPerMonth} + ${inventory.wafRules} rules × $${prices.aws.wafRulePerMonth}`;
}

/** Billed SMS segments of a text: 160/153 characters in GSM-7, 70/67 as soon as one character is not. */
export function smsSegments(text: string): number {
  const [single, part] = isGsm7(text) ? [160, 153] : [70, 67];
  const length = [...text].length;
  return length <= single ? 1 : Math.ceil(length / part);
}

/**
 * What Twilio's Smart Encoding does to a text before counting (accents that GSM-7 lacks dropped:
 * "leerá" becomes "leera"), so that the saving it would bring can be shown.
 */
export function smartEncoded(text: string): string {
  return [...text].map((char) => (isGsm7(char) ? char : char.normalize('NFD').replace(/\p{M}/gu, ''))).join('');
}

/** Segments of the acknowledgement an inbound SMS gets, weighted by the languages tipsters write in. */
export function ackSegments(activity: Activity, options: { smartEncoding?: boolean; emergencyNumbers?: string } = {}): number {
  const numbers = parseEmergencyNumbers(options.emergencyNumbers ?? DEFAULT_EMERGENCY_NUMBERS);
  return Object.entries(activity.ackLanguages)
    .filter(([lang]) => lang !== '_why')
    .reduce((sum, [lang, share]) => {
      const text = acknowledgement(lang as Lang, numbers);
      return sum + Number(share) * smsSegments(options.smartEncoding ? smartEncoded(text) : text);
    }, 0);
}

/** What a part of a tip's life costs in each kind of request; summed over a tip by `perTip`. */
interface Work {
  invocations: Partial<Record<Handler, number>>;
  apiRequests: number;
  /** Through CloudFront, and so through the WAF when there is one. */
  edgeRequests: number;
  sqsRequests: number;
  writeUnits: number;
  readUnits: number;
  kmsRequests: number;
  smsOut: number;
  smsIn: number;
}

const none = (): Work => ({
  invocations: {},
  apiRequests: 0,
  edgeRequests: 0,
  sqsRequests: 0,
  writeUnits: 0,
  readUnits: 0,
  kmsRequests: 0,
  smsOut: 0,
  smsIn: 0,
});

function add(total: Work, times: number, part: Partial<Work>): void {
  for (const [handler, count] of Object.entries(part.invocations ?? {})) {
    total.invocations[handler as Handler] = (total.invocations[handler as Handler] ?? 0) + times * count;
  }
  for (const key of ['apiRequests', 'edgeRequests', 'sqsRequests', 'writeUnits', 'readUnits', 'kmsRequests', 'smsOut', 'smsIn'] as const) {
    total[key] += times * (part[key] ?? 0);
  }
}

/**
 * One tip, on average. DynamoDB units follow the shapes: a message item is about 1 KB and has one
 * index, a tip about 3 KB with its open-queue index, and triage's transaction counts twice. A
 * message queued is sent, received and deleted (3 SQS requests) and may cost its producer and its
 * consumer a data key each.
 */
export function perTip(activity: Activity, acknowledgementSegments: number): Work {
  const w = none();
  const { tipMix, operators, paging } = activity;
  const webShare = 1 - tipMix.smsShare;
  const queued = (extra: Partial<Work> = {}): Partial<Work> => ({ sqsRequests: 3, kmsRequests: 2, ...extra });
  const triage: Partial<Work> = { invocations: { triage: 1 }, readUnits: 3.5, writeUnits: 18 };
  const staff: Partial<Work> = { apiRequests: 1, edgeRequests: 1 };

  // An SMS: sms-intake seals the address, remembers the MessageSid, queues; triage stores. The
  // first message of a thread gets the acknowledgement, later ones its one-word follow-up: one
  // GSM-7 segment either way (test/unit/acknowledgement.test.ts), counted as the first's.
  const smsMessages = tipMix.smsShare * tipMix.messagesPerSmsTip;
  add(w, smsMessages, {
    invocations: { smsIntake: 1 },
    apiRequests: 1,
    readUnits: 1,
    writeUnits: 2,
    kmsRequests: 1,
    smsIn: 1,
    smsOut: acknowledgementSegments,
  });
  add(w, smsMessages, queued());
  add(w, smsMessages, triage);
  if (activity.deleteInboundFromTwilio) add(w, smsMessages, queued({ invocations: { twilioCleanup: 1 }, kmsRequests: 4 }));

  // A web tip: the form's steps, the submit (queued, triaged with its receipt), an inbox check.
  add(w, webShare * tipMix.webRequestsPerWebTip, { invocations: { publicForm: 1 }, apiRequests: 1, edgeRequests: 1 });
  add(w, webShare, queued());
  add(w, webShare, { ...triage, writeUnits: 20 });
  add(w, webShare * tipMix.inboxChecksPerWebTip, { invocations: { publicForm: 1 }, apiRequests: 1, edgeRequests: 1, readUnits: 1.5 });

  // Operators: reads (each audited), actions on the tip's version, the close that gives its
  // items the tip's retention, notes, replies through the vault.
  add(w, operators.viewsPerTip, { ...staff, invocations: { operatorApi: 1 }, readUnits: 3.5, writeUnits: 1 });
  add(w, operators.actionsPerTip, { ...staff, invocations: { operatorApi: 1 }, readUnits: 1, writeUnits: 7 });
  add(w, 1, { readUnits: 2, writeUnits: 8 });
  add(w, operators.notesPerTip, { ...staff, invocations: { operatorApi: 1 }, readUnits: 1, writeUnits: 3 });
  add(w, operators.repliesPerTip, { ...staff, invocations: { tipsterReply: 1 }, readUnits: 1.5, writeUnits: 3, kmsRequests: 1 });
  add(w, operators.repliesPerTip * tipMix.smsShare, { smsOut: operators.replySegments });

  // Paging: jobs on the paging queue, the pages sent, Twilio's status callbacks for each.
  add(w, paging.pagedShare * paging.jobsPerPagedTip, queued({ invocations: { paging: 1 }, readUnits: 4, writeUnits: 7, kmsRequests: 3 }));
  add(w, paging.pagedShare * paging.smsPerPagedTip, { smsOut: 1 });
  add(w, paging.pagedShare * paging.smsPerPagedTip * paging.statusCallbacksPerSms, {
    invocations: { smsStatus: 1 },
    apiRequests: 1,
    readUnits: 0.5,
    writeUnits: 4,
  });
  return w;
}

/** The functions that read a secret (and so decrypt it) at each cold start. */
const READS_A_SECRET: ReadonlySet<Handler> = new Set([
  'smsIntake',
  'webIntake',
  'publicForm',
  'tipsterReply',
  'twilioCleanup',
  'paging',
  'smsStatus',
  'rosterApi',
]);

/** Lambda: requests and GB-seconds (arm64), cold starts included; the log lines they write; the secrets read at cold start. */
function lambdaCost(invocations: Partial<Record<Handler, number>>, inventory: Inventory, activity: Activity, prices: Prices) {
  let requests = 0;
  let gbSeconds = 0;
  let secretReads = 0;
  for (const [handler, count] of Object.entries(invocations) as Array<[Handler, number]>) {
    const ms = activity.durationsMs[handler] + activity.coldStartShare * activity.coldStartMs;
    requests += count;
    gbSeconds += count * (inventory.memoryMb[handler] / 1024) * (ms / 1000);
    if (READS_A_SECRET.has(handler)) secretReads += count * activity.coldStartShare;
  }
  const logsGb = (requests * activity.logBytesPerInvocation) / 1e9;
  return {
    requests,
    lambdaUsd: (requests / 1e6) * prices.aws.lambdaPerMillionRequests + gbSeconds * prices.aws.lambdaArmPerGbSecond,
    gbSeconds,
    logsUsd: logsGb * prices.aws.logsIngestPerGb,
    secretReads,
  };
}

/** The cost of `work` done `times` times, line by line. */
export function costOf(work: Work, times: number, inventory: Inventory, prices: Prices, activity: Activity): Line[] {
  const p = prices.aws;
  const lambda = lambdaCost(work.invocations, inventory, activity, prices);
  const wafRequests = inventory.webAcls > 0 ? work.edgeRequests : 0;
  const { secretReads } = lambda;
  const n = (x: number) => Math.round(x * times * 10) / 10;
  return [
    { item: 'Lambda', usd: lambda.lambdaUsd * times, how: `${n(lambda.requests)} invocations, ${n(lambda.gbSeconds)} GB-s (arm64)` },
    { item: 'API Gateway (HTTP API)', usd: (work.apiRequests / 1e6) * p.httpApiPerMillionRequests * times, how: `${n(work.apiRequests)} requests` },
    {
      item: 'CloudFront and WAF requests',
      usd: ((work.edgeRequests / 10_000) * p.cloudfrontPer10kHttpsRequestsSouthAmerica + (wafRequests / 1e6) * p.wafPerMillionRequests) * times,
      how: `${n(work.edgeRequests)} requests (South America edge; the free tier's 10 M not counted)`,
    },
    { item: 'SQS', usd: (work.sqsRequests / 1e6) * p.sqsPerMillionRequests * times, how: `${n(work.sqsRequests)} requests` },
    {
      item: 'DynamoDB (on demand)',
      usd: ((work.writeUnits / 1e6) * p.dynamoPerMillionWriteUnits + (work.readUnits / 1e6) * p.dynamoPerMillionReadUnits) * times,
      how: `${n(work.writeUnits)} write units, ${n(work.readUnits)} read units`,
    },
    {
      item: 'KMS requests',
      usd: ((work.kmsRequests + secretReads) / 10_000) * p.kmsPer10kRequests * times,
      how: `${n(work.kmsRequests + secretReads)} requests (sealing, opening, SQS data keys, secrets at cold start)`,
    },
    { item: 'Secrets Manager calls', usd: (secretReads / 10_000) * p.secretsPer10kCalls * times, how: `${n(secretReads)} reads at cold start` },
    { item: 'CloudWatch Logs', usd: lambda.logsUsd * times, how: `${activity.logBytesPerInvocation} bytes a invocation` },
    {
      item: 'Twilio SMS (Peru)',
      usd: (work.smsOut * prices.twilio.outboundSmsPerSegment + work.smsIn * prices.twilio.inboundSmsPerSegment) * times,
      how: `${n(work.smsOut)} segments out (acknowledgements, replies, pages), ${n(work.smsIn)} in`,
    },
  ].map((line) => ({ ...line, usd: usd(line.usd) }));
}

/** An operator dashboard left open for an hour: it polls the queue every few seconds. */
export function dashboardHour(activity: Activity): Work {
  const w = none();
  add(w, 3600 / activity.dashboard.pollSeconds, {
    invocations: { operatorApi: 1 },
    apiRequests: 1,
    edgeRequests: 1,
    readUnits: activity.dashboard.readUnitsPerPoll,
  });
  return w;
}

export const total = (lines: Line[]): number => usd(lines.reduce((sum, line) => sum + line.usd, 0));

export interface Scenario {
  name: string;
  tipsPerMonth: number;
  /** Hours a month that a dashboard is open (one screen 8 h × 22 days is 176). */
  dashboardHours: number;
}

export const SCENARIOS: Scenario[] = [
  { name: 'small hotline: 30 tips a month, one dashboard open 8 h on 22 days', tipsPerMonth: 30, dashboardHours: 176 },
  { name: 'large hotline: 3,000 tips a month, three dashboards open around the clock', tipsPerMonth: 3000, dashboardHours: 3 * 720 },
];

export interface CostReport {
  fixed: Line[];
  perThousandTips: Line[];
  perDashboardHour: Line[];
  scenarios: Array<Scenario & { monthlyUsd: number }>;
  acknowledgementSegments: number;
  /** The same with Twilio's Smart Encoding on: the acknowledgements in GSM-7. */
  smartEncoding: { acknowledgementSegments: number; perThousandTipsUsd: number };
}

export function costReport(template: Json, prices: Prices, activity: Activity): CostReport {
  const inventory = inventoryOf(template);
  const segments = ackSegments(activity);
  const smartSegments = ackSegments(activity, { smartEncoding: true });
  const fixed = fixedMonthly(inventory, prices, activity);
  const perThousandTips = costOf(perTip(activity, segments), 1000, inventory, prices, activity);
  // A dashboard that polls every few seconds stays warm: no cold starts.
  const perDashboardHour = costOf(dashboardHour(activity), 1, inventory, prices, { ...activity, coldStartShare: 0 });
  return {
    fixed,
    perThousandTips,
    perDashboardHour,
    acknowledgementSegments: segments,
    smartEncoding: {
      acknowledgementSegments: smartSegments,
      perThousandTipsUsd: total(costOf(perTip(activity, smartSegments), 1000, inventory, prices, activity)),
    },
    scenarios: SCENARIOS.map((s) => ({
      ...s,
      monthlyUsd: usd(total(fixed) + (total(perThousandTips) * s.tipsPerMonth) / 1000 + total(perDashboardHour) * s.dashboardHours),
    })),
  };
}
