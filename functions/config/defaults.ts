// Every default and limit that more than one place needs: the CDK app (lib/), the handlers'
// configuration, the local stack and the tests read them from here. Side-effect free, and it
// imports nothing, so lib/ can use it without pulling in any handler code.

/** Told to every tipster. Labels stay neutral: someone else may read the phone. */
export const DEFAULT_EMERGENCY_NUMBERS = '105:Policía,1818';

/** Minutes in which a sender's messages thread into one tip. */
export const DEFAULT_THREAD_WINDOW_MINUTES = 30;

/** Days a sender's address is kept in the contact vault for replies, and the most allowed. */
export const DEFAULT_VAULT_TTL_DAYS = 30;
export const MAX_VAULT_TTL_DAYS = 365;

/** Days a closed tip is kept before DynamoDB's time-to-live deletes it, and the most allowed. */
export const DEFAULT_CLOSED_TIP_RETENTION_DAYS = 365;
export const MAX_CLOSED_TIP_RETENTION_DAYS = 3650;

/** Minutes a high tip may wait unclaimed before its region's on-call is paged, and the most allowed. */
export const DEFAULT_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES = 15;
export const MAX_HIGH_UNCLAIMED_PAGE_AFTER_MINUTES = 240;

/**
 * Days an open referral may go without an update before supervisors are reminded of it (and
 * again each such period), and the most allowed: a week is how long an agency usually takes to
 * say it received a case; a quarter is past any follow-up worth the name.
 */
export const DEFAULT_REFERRAL_REMINDER_DAYS = 7;
export const MAX_REFERRAL_REMINDER_DAYS = 90;

/**
 * A queue's visibility timeout is this many times its consumer's timeout, as AWS advises for
 * Lambda event sources, so that a message is not handed out again while a retry still runs.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** A site nobody would remark on in a browser's history. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.google.com/search?q=clima';

/** The limits of intake (in memory, per sender): generous for a frightened tipster, tight for a flood. */
export const INTAKE_LIMITS = {
  /** A frightened tipster sends many short fragments; a flood from one phone is abuse. */
  smsPerContact: { limit: 30, windowMs: 10 * 60_000 },
  webTipsPerSender: { limit: 20, windowMs: 10 * 60_000 },
  /**
   * Wrong receipt codes from one address (a right one does not count): guessing 16 digits slower
   * still, while tipsters sharing a carrier's address (CG-NAT) can read their inbox as often as they like.
   */
  inboxFailuresPerSender: { limit: 10, windowMs: 10 * 60_000 },
  /** Every attempt at one receipt code, from any address and any instance (stored, keyed): a tipster refreshing often is well under it. */
  inboxAttemptsPerCode: { limit: 30, windowMs: 10 * 60_000 },
} as const;

/** The longest tip text taken in one message or form (characters). */
export const MAX_TIP_TEXT = 5000;

/** The public form: what it takes in each field (characters); an inbox answer is a message, not a letter. */
export const FORM_LIMITS = { text: MAX_TIP_TEXT, where: 200, reply: 2000 } as const;

/** An operator's reply to a tipster: two SMS segments' worth of plain text. */
export const MAX_REPLY_TEXT = 320;

/**
 * Identifiers sealed as evidence per message at most: each is one more item in triage's
 * transaction (DynamoDB allows 100). A message with more (spam, a pasted list) keeps the first
 * ones sealed; the rest are redacted and dropped like the writer's own.
 */
export const MAX_SEALED_SPANS = 40;

/**
 * How long sms-intake remembers a MessageSid it has seen (keyed), so that a replayed or retried
 * message can never seal its sender's address again after an erasure. Longer than a tip is kept.
 */
export const SEEN_MESSAGE_DAYS = 400;

/** How long a number left open at the end of a message waits for its next part. */
export const NUMBER_OPEN_MINUTES = 30;

/**
 * Statistics (functions/core/statistics): a month is published this many days after it ends,
 * once late triage (duplicates marked, levels overridden) has settled, and frozen then; and the
 * months are those of Peru (UTC−5 all year, no daylight saving), where the tips are counted.
 */
export const STATISTICS_SETTLE_DAYS = 7;
export const STATISTICS_TIME_ZONE = 'America/Lima';
/** The longest period one export may cover (ten years of months). */
export const MAX_STATISTICS_MONTHS = 120;
