// What operators see of a tip: the queue row and the full thread with its evidence.
import type { Channel, IndicatorFinding, IndicatorId, Level, PlaceMention } from './tip';
import type { StoredMessage, TipRecord, TipStatus } from './tip-record';
import { threadText } from './triage';

export interface QueueItem {
  tipId: string;
  level: Level;
  score: number;
  status: TipStatus;
  channel: Channel;
  region: string | null;
  indicators: IndicatorId[];
  preview: string;
  createdAt: string;
  lastMessageAt: string;
  messageCount: number;
}

export function toQueueItem(tip: TipRecord): QueueItem {
  return {
    tipId: tip.tipId,
    level: tip.level,
    score: tip.score,
    status: tip.status,
    channel: tip.channel,
    region: tip.region,
    indicators: tip.indicators.map((i) => i.id),
    preview: tip.preview,
    createdAt: tip.createdAt,
    lastMessageAt: tip.lastMessageAt,
    messageCount: tip.messageCount,
  };
}

export interface TipDetail extends QueueItem {
  rule: string;
  /** The thread as scored: evidence offsets point into this text. */
  text: string;
  indicators: IndicatorId[];
  evidence: IndicatorFinding[];
  places: PlaceMention[];
  messages: Array<{ receivedAt: string; channel: Channel; lang: string; text: string }>;
}

export function toTipDetail(tip: TipRecord, messages: StoredMessage[]): TipDetail {
  const thread = [...messages].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return {
    ...toQueueItem(tip),
    rule: tip.rule,
    text: threadText(thread),
    evidence: tip.indicators,
    places: tip.places,
    messages: thread.map((m) => ({ receivedAt: m.receivedAt, channel: m.channel, lang: m.lang, text: m.text })),
  };
}
