// What is stored about a tip and its messages, and the store port the use cases talk to.
import type { SealedSpan } from './evidence/model';
import type { Counter } from './statistics/counting';
import type { TipId } from './tip-id';
import type { Assessment, Channel, IndicatorFinding, Lang, Level, PlaceMention, PlaceholderKind, TipSignals } from './tip';

export { queueOrder } from './queue-order';

export const TIP_STATUSES = ['new', 'in_review', 'escalated', 'referred', 'closed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
export const isOpen = (status: TipStatus): boolean => status !== 'closed';

/** How a closed tip ended; kept to measure the line and to tune the scorer. */
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

/** A person on the staff side, as the audit trail and the claim name them. */
export interface StaffRef {
  id: string;
  name: string;
}

export interface LevelOverride {
  level: Level;
  /** What the scorer said when the operator overrode it: the correction to learn from. */
  scoredLevel: Level;
  reason: string;
  by: StaffRef;
  at: string;
}

export interface TipRecord {
  tipId: TipId;
  status: TipStatus;
  channel: Channel;
  lang: Lang;
  level: Level;
  score: number;
  rule: string;
  indicators: IndicatorFinding[];
  places: PlaceMention[];
  /** Region for routing pages; the first place the scorer found, or null. */
  region: string | null;
  /** The start of the first message, redacted, for the queue view. */
  preview: string;
  signals?: TipSignals;
  /** HMAC of the sender (SMS/WhatsApp only); threads messages, never reversible. */
  contactKey?: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  /** Optimistic-concurrency counter: every write to a tip checks and bumps it. */
  version: number;
  /** The level the scorer gave the thread; `level` differs only under an operator's override. */
  scoredLevel?: Level;
  levelOverride?: LevelOverride;
  claimedBy?: StaffRef;
  claimedAt?: string;
  outcome?: Outcome;
  closedAt?: string;
  /** Closed tips only: when DynamoDB may delete the tip (epoch seconds; the table's TTL). */
  expiresAt?: number;
  /**
   * true while paging for the tip has no responder's ACK (still running, or stopped with nobody
   * confirming); absent otherwise. Kept on the tip by paging, only so that the queue can put
   * such tips first within their level without reading the paging table per tip.
   */
  pageUnanswered?: boolean;
  /**
   * true when escalation ran through every round with nobody confirming (core/paging: stoppedAt
   * without an ACK); such a tip goes to the top of its level until an operator records an
   * acknowledgement taken by phone or stops its paging. Absent otherwise.
   */
  nobodyConfirmed?: boolean;
  /**
   * The earlier tip this one repeats: linked by paging (same sender, or near-identical text within
   * minutes: it was covered by that tip's page) or by an operator marking it a duplicate.
   */
  duplicateOf?: { tipId: TipId; match: 'contact' | 'text' | 'operator'; at: string };
  /** The case (core/cases) an operator linked this tip into with others; set once, never moved. */
  caseId?: string;
  /**
   * The thread's redacted inbound text as the queue's free-text filter matches it (searchTextOf):
   * written by triage, stored for the index's filter and read by paging for the venues a tip
   * names (core/paging/routing.ts), never shown.
   */
  searchText?: string;
}

/** Enough for the messages of a thread that people search by; a tip's item stays small. */
export const SEARCH_TEXT_MAX = 4096;

/**
 * Text as the queue's search compares it: lower case, without accents or compatibility forms
 * ("Niña" and "NINA" match), spaces collapsed. Applied to the query and to the redacted text alike.
 */
export function searchFormOf(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * What triage stores for search: only the already redacted text of the tipster's messages, so
 * that a number or a name intake removed cannot be found by searching for it.
 */
export const searchTextOf = (redactedThread: string): string => searchFormOf(redactedThread).slice(0, SEARCH_TEXT_MAX);

export interface StoredMessage {
  messageId: string;
  tipId: TipId;
  channel: Channel;
  lang: Lang;
  text: string;
  receivedAt: string;
  redactions: Partial<Record<PlaceholderKind, number>>;
  /**
   * How many invisible or direction-control characters intake removed from `text` (a
   * right-to-left override shows "801" as "108"); absent or 0 when none.
   */
  hidden?: number;
  /** 'in' (from the tipster; the default), 'out' (a reply to them) or 'note' (staff only). */
  /** 'responder': an SMS from a responder's roster number, attached to the case they were paged for. */
  kind?: 'in' | 'out' | 'note' | 'responder';
  author?: StaffRef;
  /** The tip's `expiresAt` once it is closed: a tip's messages go with it (the table's TTL). */
  expiresAt?: number;
}

/** Only what the tipster wrote is scored. */
export const isInbound = (message: Pick<StoredMessage, 'kind'>): boolean => (message.kind ?? 'in') === 'in';

export interface ThreadPointer {
  contactKey: string;
  tipId: TipId;
  lastMessageAt: string;
}

export interface TriageWrite {
  message: StoredMessage;
  tip: TipRecord;
  /** null when the tip is new (must not exist yet). */
  expectedVersion: number | null;
  thread?: ThreadPointer;
  /**
   * With `thread`: the tip the contact's pointer named when triage read it (null: none). If
   * another message moved the pointer meanwhile, the commit throws TipVersionConflict, so that
   * two messages of one sender triaged at once never start two tips.
   */
  threadWas?: string | null;
  receiptHash?: string;
  /** Identifiers the message gives to someone else, sealed by intake; stored with it, once. */
  evidence?: SealedSpan[];
  /** What the write changes in the statistics' live counts (core/statistics/counting.ts), kept with it. */
  counts?: Counter[];
}

export class TipVersionConflict extends Error {
  override name = 'TipVersionConflict';
  constructor(tipId: string) {
    super(`Tip ${tipId} changed while this message was being threaded into it; retry.`);
  }
}

export interface QueueFilter {
  /** 'open' (every status but closed) or one status. */
  status: TipStatus | 'open';
  level?: Level;
  region?: string;
  /** Free text, matched (without case or accents) against the tip's redacted text. */
  q?: string;
  /** 'mine': claimed by `actorId`; 'unclaimed': claimed by nobody. */
  claimed?: 'mine' | 'unclaimed';
  actorId?: string;
  channel?: Channel;
  /** Created at or after / before the start of the next day of these dates (YYYY-MM-DD, UTC). */
  from?: string;
  to?: string;
}

/** What operators read: tips and their threads. */
export interface TipReader {
  getTip(tipId: string): Promise<TipRecord | undefined>;
  listMessages(tipId: string): Promise<StoredMessage[]>;
  /** Open tips in queue order (core/queue-order.ts); closed tips newest closure first. */
  listTips(filter: QueueFilter, page: { limit: number; cursor?: string }): Promise<{ tips: TipRecord[]; cursor?: string }>;
}

/** Closed tips by when they were closed: the supervisors' agreement report, the labelling export. */
export interface ClosedTipReader {
  /** Every tip closed at or after `since` (an ISO instant), newest closure first, page by page. */
  closedSince(since: string): AsyncIterable<TipRecord>;
}

/** What operators change: the tip (optimistically, on its version) and its thread. */
export interface TipWriter {
  /** Writes `after` over `before`; TipVersionConflict when the tip moved on since `before` was read. */
  updateTip(before: TipRecord, after: TipRecord): Promise<void>;
  addThreadEntry(entry: StoredMessage): Promise<void>;
}

/** What triage needs on top: dedup, threading and the atomic write. */
export interface TipStore extends TipReader {
  findMessage(messageId: string): Promise<StoredMessage | undefined>;
  findThread(contactKey: string): Promise<ThreadPointer | undefined>;
  /**
   * Stores the message, the tip and the pointers at once. Resolves 'duplicate' when the
   * message id was stored before (nothing is written); throws TipVersionConflict when the
   * tip moved on since it was read.
   */
  commit(write: TriageWrite): Promise<'stored' | 'duplicate'>;
}

export function applyAssessment(tip: TipRecord, assessment: Assessment): TipRecord {
  return {
    ...tip,
    level: assessment.level,
    scoredLevel: assessment.level,
    score: assessment.score,
    rule: assessment.rule,
    indicators: assessment.indicators,
    places: assessment.places,
    region: assessment.places[0]?.region ?? null,
  };
}
