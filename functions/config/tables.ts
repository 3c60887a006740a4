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
  indexes: [
    // Sparse: only open tips carry `openQueue`; `queueOrder` sorts by level, then oldest first.
    { name: 'QueueByUrgency', partitionKey: 'openQueue', sortKey: 'queueOrder' },
  ],
} as const satisfies TableShape;

/** One item per received message, keyed by its idempotency key (MessageSid or web id). */
export const MESSAGES_TABLE = {
  name: 'Messages',
  partitionKey: 'messageId',
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
  indexes: [],
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

export const ALL_TABLES: readonly TableShape[] = [TIPS_TABLE, MESSAGES_TABLE, CONTACTS_TABLE, RECEIPTS_TABLE, CONTACT_VAULT_TABLE];

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

/** Handler entry files, relative to the repository root (CDK bundles them, the local stack imports them). */
export const HANDLER_ENTRIES = {
  smsIntake: 'functions/sms-intake/handler.ts',
  webIntake: 'functions/web-intake/handler.ts',
  triage: 'functions/triage/handler.ts',
  operatorApi: 'functions/operator-api/handler.ts',
  tipsterReply: 'functions/tipster-reply/handler.ts',
  twilioCleanup: 'functions/twilio-cleanup/handler.ts',
} as const;

/** HTTP routes of the API, shared by the CDK HTTP API and the local gateway. */
export const ROUTES = [
  { method: 'POST', path: '/sms/twilio', handler: 'smsIntake', auth: 'twilio-signature' },
  { method: 'POST', path: '/api/tips', handler: 'webIntake', auth: 'none' },
  { method: 'GET', path: '/api/queue', handler: 'operatorApi', auth: 'operator' },
  { method: 'GET', path: '/api/tips/{id}', handler: 'operatorApi', auth: 'operator' },
  // Its own function: the only one that can read the contact vault and decrypt it.
  { method: 'POST', path: '/api/tips/{id}/replies', handler: 'tipsterReply', auth: 'operator' },
] as const;
