// Key schemas of the tables and queues, shared by the CDK app and the local stack so that
// both create exactly the same shapes. Side-effect free.

export interface TableShape {
  /** Logical name: the CDK construct id and, locally, the table name. */
  name: string;
  partitionKey: string;
  sortKey?: string;
  /** Attribute that DynamoDB's time-to-live reads (epoch seconds). */
  timeToLive?: string;
  indexes: Array<{ name: string; partitionKey: string; sortKey?: string }>;
}

/** One item per tip: its current level, status and the fields the queue shows. */
export const TIPS_TABLE = {
  name: 'Tips',
  partitionKey: 'tipId',
  // Set when a tip is closed (closedTipRetentionDays later), cleared when it is reopened.
  timeToLive: 'expiresAt',
  indexes: [
    // Sparse: only open tips carry `openQueue`; `queueOrder` sorts by level, then imminent
    // danger, an unanswered page, score and age (functions/core/queue-order.ts).
    { name: 'QueueByUrgency', partitionKey: 'openQueue', sortKey: 'queueOrder' },
    // Sparse as well: only closed tips carry `closedQueue`; newest closures first.
    { name: 'ClosedByTime', partitionKey: 'closedQueue', sortKey: 'closedAt' },
  ],
} as const satisfies TableShape;

/** One item per received message, keyed by its idempotency key (MessageSid or web id). */
export const MESSAGES_TABLE = {
  name: 'Messages',
  partitionKey: 'messageId',
  // The tip's own `expiresAt`, set on its items when it is closed (TIP_RETENTION_TABLES).
  timeToLive: 'expiresAt',
  indexes: [{ name: 'MessagesByTip', partitionKey: 'tipId', sortKey: 'receivedAt' }],
} as const satisfies TableShape;

/** Contact key -> the tip its recent messages thread into. */
export const CONTACTS_TABLE = {
  name: 'Contacts',
  partitionKey: 'contactKey',
  timeToLive: 'expiresAt',
  indexes: [],
} as const satisfies TableShape;

/** Slow hash of a web receipt code -> its tip. */
export const RECEIPTS_TABLE = {
  name: 'Receipts',
  partitionKey: 'receiptHash',
  timeToLive: 'expiresAt',
  // Only so that closing a tip can find its receipt and give it the tip's retention.
  indexes: [{ name: 'ReceiptsByTip', partitionKey: 'tipId' }],
} as const satisfies TableShape;

/**
 * Contact key -> the sender's address, sealed (envelope encryption), with a time-to-live.
 * Written by sms-intake (it cannot read it back), read only by the reply path.
 */
export const CONTACT_VAULT_TABLE = {
  name: 'ContactVault',
  partitionKey: 'contactKey',
  timeToLive: 'expiresAt',
  indexes: [],
} as const satisfies TableShape;

/**
 * Every read of a tip and every action on it: append-only (no function may update or delete
 * an item; asserted on the IAM policies). Sort key `at#eventId` keeps a tip's trail in order.
 */
export const AUDIT_TABLE = {
  name: 'Audit',
  partitionKey: 'tipId',
  sortKey: 'eventKey',
  indexes: [],
} as const satisfies TableShape;

/**
 * The on-call roster: responders (their phone sealed, as tipsters' are), rotations, overrides
 * and escalation policies, one item each under `kind` ('responder' | 'rotation' | 'override' |
 * 'policy'). Small enough to read whole.
 */
export const ROSTER_TABLE = {
  name: 'Roster',
  partitionKey: 'kind',
  sortKey: 'id',
  indexes: [],
} as const satisfies TableShape;

/** The roster's partitions that make the agency directory: what the operator API may read of it. */
export const AGENCY_DIRECTORY_KINDS = ['agency', 'region'] as const;

/**
 * Contact key (the HMAC of a phone number) -> responder: how sms-intake knows an ACK comes
 * from a responder without ever holding the roster or a number.
 */
export const RESPONDER_CONTACTS_TABLE = {
  name: 'ResponderContacts',
  partitionKey: 'contactKey',
  indexes: [],
} as const satisfies TableShape;

/**
 * One paging state machine per tip (versioned, like tips), and one ledger per region
 * (`ledger#<region>`: the hour's pages and the recent starts a duplicate is covered by), which
 * expires when the region has been quiet for a while. Paging states carry no `expiresAt`.
 */
export const PAGING_TABLE = {
  name: 'Paging',
  partitionKey: 'tipId',
  timeToLive: 'expiresAt',
  indexes: [],
} as const satisfies TableShape;

/**
 * The guards on automatic pages (core/paging/ledger.ts), set on the paging function
 * (ENV.pageBudgetPerRegionHour, ENV.duplicatePageWindowMinutes). At most `budgetPerHour`
 * automatic page SMS per region in any 60 minutes: 6 is a few real critical tips acknowledged
 * at once, or one nobody answers for an hour (Madre de Dios pages 3 levels, 10 minutes each,
 * twice an hour). Critical tips are a few a day there, so a seventh page in an hour is far more
 * likely a flood than a second emergency; and if it is one, supervisors have been told by then
 * and an operator's raise to critical pages at once. A tip like one paged in its region within
 * `duplicateWindowMinutes` (30, the threading window) is covered by that page.
 */
export const PAGING_GUARDS = {
  defaultBudgetPerHour: 6,
  maxBudgetPerHour: 200,
  defaultDuplicateWindowMinutes: 30,
  maxDuplicateWindowMinutes: 24 * 60,
} as const;

/**
 * One item per page (or supervisor notice) sent, keyed by its idempotency key, so that a page
 * is sent once whatever the retries; Twilio's status callbacks find it by MessageSid.
 */
export const PAGE_DELIVERIES_TABLE = {
  name: 'PageDeliveries',
  partitionKey: 'idempotencyKey',
  timeToLive: 'expiresAt',
  indexes: [
    { name: 'DeliveriesBySid', partitionKey: 'messageSid' },
    { name: 'PagesByResponder', partitionKey: 'responderId', sortKey: 'pagedAt' },
    // Who was paged for a tip, for the operators' view of it.
    { name: 'DeliveriesByTip', partitionKey: 'tipId', sortKey: 'pagedAt' },
  ],
} as const satisfies TableShape;

/**
 * Identifiers a tip attributes to someone else (a recruiter's number, a bar's page), sealed
 * per span: `spanId` is `messageId#ordinal`, the ordinal counting placeholders in that message's
 * text. Reveal requests for a span live beside it (`request#<id>`). Shredded with the tip.
 */
export const EVIDENCE_TABLE = {
  name: 'Evidence',
  partitionKey: 'tipId',
  sortKey: 'itemKey',
  timeToLive: 'expiresAt',
  indexes: [],
} as const satisfies TableShape;

/**
 * What sms-intake must remember for a while and nothing else may read: MessageSids it has
 * already seen (keyed, so that a replay cannot re-seal an address) and a thread whose last
 * message ended where a number was being given. Keys are HMACs; nothing here is reversible.
 * The public form keeps its own items here under its own prefixes, the only ones it may touch:
 * spent one-time form tokens (`formToken#`, so that a post sent again by Back does nothing) and
 * attempts at a receipt code per window (`inboxCode#`, counted whichever instance answers).
 */
export const INTAKE_MEMORY_TABLE = {
  name: 'IntakeMemory',
  partitionKey: 'memoryKey',
  timeToLive: 'expiresAt',
  indexes: [],
} as const satisfies TableShape;

/**
 * Cases (tips linked as one) and their referrals to agencies: one `case` item per case (its tips,
 * versioned) and one `referral#<referralId>` item per referral beside it (versioned too). Open
 * referrals carry `openReferral` and sort by their last update in a sparse index: the supervisors'
 * overdue list and paging's reminder sweep read it, and a closed referral leaves it.
 */
export const CASES_TABLE = {
  name: 'Cases',
  partitionKey: 'caseId',
  sortKey: 'itemKey',
  indexes: [{ name: 'OpenReferralsByUpdate', partitionKey: 'openReferral', sortKey: 'lastUpdateAt' }],
} as const satisfies TableShape;

/**
 * The statistics (functions/core/statistics), one partition per month (YYYY-MM, Peru): live counts
 * under `live#<category>`, kept in the same transaction as each tip or referral write, and the
 * month as published under `published`, written once and never changed. A `months` partition
 * remembers which months are published. Only categories and counts: no text, no id, no tip.
 */
export const STATISTICS_TABLE = {
  name: 'Statistics',
  partitionKey: 'month',
  sortKey: 'cell',
  indexes: [],
} as const satisfies TableShape;

/** The public form's prefixes of IntakeMemory's keys; its IAM grant is conditioned on them (lib/public-form.ts). */
export const FORM_MEMORY_PREFIXES = ['formToken#', 'inboxCode#'] as const;

export const ALL_TABLES: readonly TableShape[] = [
  TIPS_TABLE,
  MESSAGES_TABLE,
  CONTACTS_TABLE,
  RECEIPTS_TABLE,
  CONTACT_VAULT_TABLE,
  AUDIT_TABLE,
  ROSTER_TABLE,
  RESPONDER_CONTACTS_TABLE,
  PAGING_TABLE,
  PAGE_DELIVERIES_TABLE,
  EVIDENCE_TABLE,
  INTAKE_MEMORY_TABLE,
  CASES_TABLE,
  STATISTICS_TABLE,
];

/**
 * The tables that hold a tip's items. Closing a tip gives every one of them the tip's
 * `expiresAt` (closedTipRetentionDays ahead), reopening clears it, and each table's time-to-live
 * deletes them with the tip: nothing of a tip outlives it. The audit trail is not among them: it
 * is append-only (no function may change an item), and who read a tip is kept beyond the tip.
 * Nor are cases (CASES_TABLE): a referral holds only the operator's redacted summary, what kinds
 * of facts were shared and counts, never a tip's text or its tipster, and it outlives its tips so
 * that referrals and their outcomes can still be counted once the tips are gone.
 */
export const TIP_RETENTION_TABLES = [TIPS_TABLE, MESSAGES_TABLE, RECEIPTS_TABLE, PAGING_TABLE, PAGE_DELIVERIES_TABLE, EVIDENCE_TABLE] as const;

export const TIPS_QUEUE = {
  name: 'tips',
  deadLetterName: 'tips-dlq',
  maxReceiveCount: 5,
  /** The triage consumer's timeout; the queue's visibility timeout is six times this. */
  consumerTimeoutSeconds: 30,
  batchSize: 10,
} as const;

/**
 * Jobs that delete an inbound message's record from Twilio once the tip is safely queued.
 * Delayed, because Twilio cannot delete a message whose webhook is still being answered.
 */
export const TWILIO_CLEANUP_QUEUE = {
  name: 'twilio-cleanup',
  deadLetterName: 'twilio-cleanup-dlq',
  maxReceiveCount: 5,
  consumerTimeoutSeconds: 20,
  batchSize: 10,
  delaySeconds: 60,
} as const;

/**
 * Work for the paging function: start paging a tip, a deadline falling due, a high tip to
 * check once its unclaimed time is up, an acknowledgement. Deadlines are per-message delays
 * (at most 15 minutes in SQS; longer ones are re-delayed when they arrive early).
 */
export const PAGING_QUEUE = {
  name: 'paging',
  deadLetterName: 'paging-dlq',
  maxReceiveCount: 5,
  consumerTimeoutSeconds: 30,
  batchSize: 10,
  /** SQS's own limit on a message's delay. */
  maxDelaySeconds: 900,
} as const;

/** Lambda entry files, relative to the repository root: CDK bundles them; the local stack hosts the app.ts beside each. */
export const HANDLER_ENTRIES = {
  smsIntake: 'functions/sms-intake/handler.ts',
  webIntake: 'functions/web-intake/handler.ts',
  triage: 'functions/triage/handler.ts',
  operatorApi: 'functions/operator-api/handler.ts',
  tipsterReply: 'functions/tipster-reply/handler.ts',
  twilioCleanup: 'functions/twilio-cleanup/handler.ts',
  paging: 'functions/paging/handler.ts',
  smsStatus: 'functions/sms-status/handler.ts',
  rosterApi: 'functions/roster-api/handler.ts',
  publicForm: 'functions/public-form/handler.ts',
} as const;

/** Cognito groups, and what each may do. */
export const ROLES = ['operator', 'supervisor', 'responder'] as const;
export type Role = (typeof ROLES)[number];

const STAFF = ['operator', 'supervisor'] as const satisfies readonly Role[];
const EVERYONE = ROLES;

/**
 * HTTP routes of the API, shared by the CDK HTTP API, the local gateway and the handlers'
 * authorization. `auth: 'jwt'` routes need a verified token AND one of `roles`; a route not in
 * this table does not exist (deny by default).
 */
export const ROUTES = [
  { method: 'POST', path: '/sms/twilio', handler: 'smsIntake', auth: 'twilio-signature', roles: [] },
  { method: 'POST', path: '/api/tips', handler: 'webIntake', auth: 'none', roles: [] },
  // The public tip form: rendered on the server so that it works with JavaScript off; every
  // step posts back to the same URL, so the address bar never changes.
  { method: 'GET', path: '/', handler: 'publicForm', auth: 'none', roles: [] },
  { method: 'POST', path: '/', handler: 'publicForm', auth: 'none', roles: [] },
  // The receipt inbox for the enhanced (JavaScript) form: read the operators' questions, answer.
  { method: 'POST', path: '/api/inbox', handler: 'publicForm', auth: 'none', roles: [] },
  { method: 'POST', path: '/api/inbox/reply', handler: 'publicForm', auth: 'none', roles: [] },
  // Twilio's delivery reports for pages; signed like the inbound webhook.
  { method: 'POST', path: '/sms/status', handler: 'smsStatus', auth: 'twilio-signature', roles: [] },
  { method: 'GET', path: '/api/me', handler: 'operatorApi', auth: 'jwt', roles: EVERYONE },
  { method: 'GET', path: '/api/queue', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Responders open the case they were paged for, while paged and a day after (any other tip is
  // a 404, as an unknown id: core/responder-access); they do not browse the queue.
  { method: 'GET', path: '/api/tips/{id}', handler: 'operatorApi', auth: 'jwt', roles: EVERYONE },
  // With `{ takeOver: true, reason }`: a supervisor takes over a tip someone else holds. Every
  // change below is the holder's alone while a tip is claimed (core/operator-actions).
  { method: 'POST', path: '/api/tips/{id}/claim', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/tips/{id}/release', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/tips/{id}/status', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/tips/{id}/notes', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/tips/{id}/level', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Hand a tip to a colleague (the holder, or anyone while nobody holds it; a supervisor always).
  { method: 'POST', path: '/api/tips/{id}/assign', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Paging that follows the case: stop a tip's escalation, or record an ACK taken by phone.
  { method: 'POST', path: '/api/tips/{id}/paging/stop', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/tips/{id}/paging/ack', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Mark a tip as a duplicate of (merge it into) an earlier one: closed, linked, paged no more.
  { method: 'POST', path: '/api/tips/{id}/duplicate', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // The colleagues a tip can be assigned to; the summary a shift hands to the next.
  { method: 'GET', path: '/api/staff', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'GET', path: '/api/handover', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Cases (issue 17): a tip joins another's case (a claim holds); a case with its tips, timeline
  // and referrals; a referral to an agency of the directory, its status and outcome.
  { method: 'POST', path: '/api/tips/{id}/link', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'GET', path: '/api/cases/{caseId}', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/cases/{caseId}/referrals', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/cases/{caseId}/referrals/{referralId}/status', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'POST', path: '/api/cases/{caseId}/referrals/{referralId}/outcome', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  // Where a case can be referred (never an agency's contact), and the referrals nobody updated.
  { method: 'GET', path: '/api/agencies', handler: 'operatorApi', auth: 'jwt', roles: STAFF },
  { method: 'GET', path: '/api/referrals/overdue', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'GET', path: '/api/statistics', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  // Its own function: the only one that can read the contact vault and decrypt it.
  { method: 'POST', path: '/api/tips/{id}/replies', handler: 'tipsterReply', auth: 'jwt', roles: STAFF },
  // Who read what is itself sensitive: supervisors only.
  { method: 'GET', path: '/api/tips/{id}/audit', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  // Who was paged for a tip and who acknowledged: staff; a responder paged for it, their own pages.
  { method: 'GET', path: '/api/tips/{id}/pages', handler: 'operatorApi', auth: 'jwt', roles: EVERYONE },
  // Sealed evidence (identifiers the tip attributes to someone else): supervisors only, and two
  // of them per value: one asks with a reason, another approves, the first reads it for 30 minutes.
  { method: 'GET', path: '/api/tips/{id}/evidence', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'POST', path: '/api/tips/{id}/evidence/{spanId}/reveal-requests', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'POST', path: '/api/tips/{id}/reveal-requests/{requestId}/approve', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'POST', path: '/api/tips/{id}/reveal-requests/{requestId}/refuse', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'GET', path: '/api/tips/{id}/reveal-requests/{requestId}', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  // How often operators raised or lowered the scorer's level (counts only): supervisors only.
  { method: 'GET', path: '/api/reports/agreement', handler: 'operatorApi', auth: 'jwt', roles: ['supervisor'] },
  // The on-call roster: its own function, the only staff one that can seal a phone number.
  { method: 'GET', path: '/api/roster', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'PUT', path: '/api/roster/responders/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'PUT', path: '/api/roster/rotations/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'PUT', path: '/api/roster/overrides/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'DELETE', path: '/api/roster/overrides/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'PUT', path: '/api/roster/policies/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  // The agency directory (contacts sealed like phones) and, per region, which agency kinds are its
  // local authority: passed over when a tip implicates officials (core/paging/routing.ts).
  { method: 'PUT', path: '/api/roster/agencies/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  { method: 'PUT', path: '/api/roster/regions/{id}', handler: 'rosterApi', auth: 'jwt', roles: ['supervisor'] },
  // A responder's own declared conflicts (places, venues): never paged for a tip that names one.
  { method: 'PUT', path: '/api/me/conflicts', handler: 'rosterApi', auth: 'jwt', roles: ['responder'] },
] as const satisfies ReadonlyArray<{
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: keyof typeof HANDLER_ENTRIES;
  auth: 'twilio-signature' | 'none' | 'jwt';
  roles: readonly Role[];
}>;

type RouteOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** "GET /api/queue" and so on: API Gateway's routeKey for each route. */
export type RouteKey = RouteOf<(typeof ROUTES)[number]>;
/** The routes one function serves. */
export type RouteKeyFor<H extends keyof typeof HANDLER_ENTRIES> = RouteOf<Extract<(typeof ROUTES)[number], { handler: H }>>;
