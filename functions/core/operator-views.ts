// What operators see of a tip: the queue row and the full thread with its evidence. Built
// from stored records only; nothing here can carry a number, because nothing stored does.
import type { Channel, IndicatorFinding, IndicatorId, Lang, Level, PlaceMention } from './tip';
import type { LevelOverride, Outcome, StaffRef, StoredMessage, TipRecord, TipStatus } from './tip-record';
import { isInbound } from './tip-record';

export interface QueueItem {
  tipId: string;
  level: Level;
  score: number;
  status: TipStatus;
  outcome: Outcome | null;
  channel: Channel;
  /** The language of the tip's first message: a Quechua tip may need an interpreter. */
  lang: Lang;
  region: string | null;
  indicators: IndicatorId[];
  preview: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
  claimedBy: StaffRef | null;
  levelOverride: LevelOverride | null;
}

export function toQueueItem(tip: TipRecord): QueueItem {
  return {
    tipId: tip.tipId,
    level: tip.level,
    score: tip.score,
    status: tip.status,
    outcome: tip.outcome ?? null,
    channel: tip.channel,
    lang: tip.lang,
    region: tip.region,
    indicators: tip.indicators.map((i) => i.id),
    preview: tip.preview,
    createdAt: tip.createdAt,
    lastMessageAt: tip.lastMessageAt,
    messageCount: tip.messageCount,
    claimedBy: tip.claimedBy ?? null,
    levelOverride: tip.levelOverride ?? null,
  };
}

export interface ThreadEntry {
  id: string;
  kind: 'in' | 'out' | 'note';
  at: string;
  text: string;
  channel?: Channel;
  /** Inbound only: where this message starts in TipDetail.text. */
  offset?: number;
  /** Inbound only: the message's own language, which a later message may not share with the tip's. */
  lang?: Lang;
  /**
   * Inbound only, and only when some were: how many invisible or direction-control characters
   * intake removed. The text holds the characters actually sent, in their order, which is not
   * always how the sender's screen showed them ("801" under a right-to-left override reads "108").
   */
  hidden?: number;
  author?: StaffRef;
}

export interface TipDetail extends QueueItem {
  rule: string;
  /** The inbound messages joined with "\n", as scored: evidence offsets point into it. */
  text: string;
  evidence: IndicatorFinding[];
  places: PlaceMention[];
  thread: ThreadEntry[];
}

const byTime = (a: StoredMessage, b: StoredMessage) => a.receivedAt.localeCompare(b.receivedAt);

export function toTipDetail(tip: TipRecord, messages: StoredMessage[]): TipDetail {
  const ordered = [...messages].sort(byTime);
  const offsets = new Map<string, number>();
  let text = '';
  for (const message of ordered.filter(isInbound)) {
    if (text) text += '\n';
    offsets.set(message.messageId, text.length);
    text += message.text;
  }
  return {
    ...toQueueItem(tip),
    rule: tip.rule,
    text,
    evidence: tip.indicators,
    places: tip.places,
    thread: ordered.map((m) => {
      const kind = m.kind ?? 'in';
      return {
        id: m.messageId,
        kind,
        at: m.receivedAt,
        text: m.text,
        ...(kind === 'note' ? {} : { channel: m.channel }),
        ...(kind === 'in' ? { offset: offsets.get(m.messageId) ?? 0, lang: m.lang } : {}),
        ...(kind === 'in' && (m.hidden ?? 0) > 0 ? { hidden: m.hidden } : {}),
        ...(m.author ? { author: m.author } : {}),
      };
    }),
  };
}
