// What is stored about a tip and its messages, and the store port the use cases talk to.
import type { Assessment, Channel, IndicatorFinding, Lang, Level, PlaceMention, PlaceholderKind, TipSignals } from './tip';
import { levelRank } from './tip';

export const TIP_STATUSES = ['new', 'in_review', 'escalated', 'referred', 'closed'] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
export const isOpen = (status: TipStatus): boolean => status !== 'closed';

export interface TipRecord {
  tipId: string;
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
}

export interface StoredMessage {
  messageId: string;
  tipId: string;
  channel: Channel;
  lang: Lang;
  text: string;
  receivedAt: string;
  redactions: Partial<Record<PlaceholderKind, number>>;
}

export interface ThreadPointer {
  contactKey: string;
  tipId: string;
  lastMessageAt: string;
}

export interface TriageWrite {
  message: StoredMessage;
  tip: TipRecord;
  /** null when the tip is new (must not exist yet). */
  expectedVersion: number | null;
  thread?: ThreadPointer;
  receiptHash?: string;
}

export class TipVersionConflict extends Error {
  override name = 'TipVersionConflict';
  constructor(tipId: string) {
    super(`Tip ${tipId} changed while this message was being threaded into it; retry.`);
  }
}

/** What operators read: tips and their threads. */
export interface TipReader {
  getTip(tipId: string): Promise<TipRecord | undefined>;
  listMessages(tipId: string): Promise<StoredMessage[]>;
  /** Open tips, most urgent first, then oldest first. */
  listOpenTips(page: { limit: number; cursor?: string }): Promise<{ tips: TipRecord[]; cursor?: string }>;
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

/** Sort key of the open queue: level (most urgent first), then age (oldest first). */
export function queueOrder(tip: Pick<TipRecord, 'level' | 'createdAt' | 'tipId'>): string {
  return `${3 - levelRank(tip.level)}#${tip.createdAt}#${tip.tipId}`;
}

export function applyAssessment(tip: TipRecord, assessment: Assessment): TipRecord {
  return {
    ...tip,
    level: assessment.level,
    score: assessment.score,
    rule: assessment.rule,
    indicators: assessment.indicators,
    places: assessment.places,
    region: assessment.places[0]?.region ?? null,
  };
}
