// The operator API's shapes, as docs/operator-api.md states them. Kept here rather than
// imported from functions/ so the browser bundle never reaches into server code.
export const LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

export const STATUSES = ['new', 'in_review', 'escalated', 'referred', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const OUTCOMES = [
  'referred_to_police',
  'referred_to_prosecutor',
  'referred_to_shelter',
  'victim_safe',
  'no_trafficking',
  'duplicate',
  'unreachable',
  'false_report',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Channel = 'sms' | 'whatsapp' | 'web';

export interface Person {
  id: string;
  name: string;
}

export interface QueueItem {
  tipId: string;
  level: Level;
  score: number;
  status: Status;
  outcome: Outcome | null;
  channel: Channel;
  region: string | null;
  indicators: string[];
  preview: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  claimedBy: Person | null;
  levelOverride: { level: Level; scoredLevel: Level; reason: string; by: Person; at: string } | null;
}

export interface Evidence {
  id: string;
  evidence: string;
  start: number;
  tense?: 'past';
}

export interface ThreadEntry {
  id: string;
  kind: 'in' | 'out' | 'note';
  at: string;
  text: string;
  channel?: Channel;
  offset?: number;
  author?: Person;
}

export interface TipDetail extends QueueItem {
  rule: string;
  text: string;
  evidence: Evidence[];
  places: Array<{ text: string; place: string; region: string }>;
  thread: ThreadEntry[];
}

export interface Me extends Person {
  roles: string[];
}

export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
  claimedBy?: Person;
}

/** Queue filter: `open` is the API's default (everything not closed). */
export type StatusFilter = 'open' | Status;

/**
 * `GET /api/tips/{id}/pages`. `step` and `cycle` are 0-based, as the escalation core counts
 * them (functions/core/paging/escalation.ts); people read "level 1" and "round 1".
 */
export interface PagingState {
  level: 'critical' | 'high';
  /** The 4 characters a responder replies with (`ACK 7K2F`); shown as T-7K2F. */
  code: string;
  step: number;
  cycle: number;
  open: boolean;
  acknowledged: { by: Person; at: string } | null;
  stoppedAt: string | null;
  deadlineAt: string | null;
}

export const PAGE_STATUSES = ['queued', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

export interface PageSent {
  /** `role` is the responder's agency (police, prosecutor, shelter…), not a sign-in role. */
  responder: Person & { role: string };
  step: number;
  cycle: number;
  pagedAt: string;
  /** Twilio's delivery status; typed loosely so a status Twilio adds later still shows. */
  status: PageStatus | (string & {});
}

export interface TipPages {
  state: PagingState | null;
  pages: PageSent[];
}

export interface AgreementCounts {
  reviewed: number;
  /** An operator set a higher level than the scorer's: the scorer under-triaged. */
  raised: number;
  /** An operator set a lower level: over-triage. */
  lowered: number;
}

/**
 * `GET /api/reports/agreement` (supervisors): the tips closed in the last `days` days, per
 * scorer level (most urgent first) and per language (es, en, qu, pt). Counts only.
 */
export interface AgreementReport {
  from: string;
  to: string;
  days: number;
  byLevel: Array<{ level: Level } & AgreementCounts>;
  byLang: Array<{ lang: string } & AgreementCounts>;
  total: AgreementCounts;
}

/** `GET /local/outbox` on the local stack only: what its stand-in for Twilio was asked to send. */
export interface OutboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  at: string;
}
