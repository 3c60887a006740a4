// What operators see of a tip: the queue row and the full thread with its evidence; and the
// much smaller view of a responder paged for it. Built from stored records only; nothing here
// can carry a number, because nothing stored does.
import type { PagingView } from './paging/page-view';
import type { ResponderRelation } from './responder-access';
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
  /** A page for it has no responder's ACK yet (running, or stopped with nobody confirming). */
  pageUnanswered: boolean;
  /** Escalation ran out with nobody confirming: first in its level until someone deals with it. */
  nobodyConfirmed: boolean;
  /** The earlier tip this one repeats (see TipRecord.duplicateOf), or null. */
  duplicateOf: { tipId: string; match: 'contact' | 'text' | 'operator' } | null;
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
    pageUnanswered: tip.pageUnanswered === true,
    nobodyConfirmed: tip.nobodyConfirmed === true,
    duplicateOf: tip.duplicateOf ? { tipId: tip.duplicateOf.tipId, match: tip.duplicateOf.match } : null,
  };
}

export interface ThreadEntry {
  id: string;
  /** 'responder': a responder's SMS from their roster number, attached to the case they were paged for. */
  kind: 'in' | 'out' | 'note' | 'responder';
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
  /** The case the tip was linked into (GET /api/cases/{caseId}); absent while it is in none. */
  caseId?: string;
}

const byTime = (a: StoredMessage, b: StoredMessage) => a.receivedAt.localeCompare(b.receivedAt);

/** The thread oldest first, and the inbound messages joined as scored, with where each starts. */
function scoredText(messages: StoredMessage[]): { ordered: StoredMessage[]; text: string; offsets: Map<string, number> } {
  const ordered = [...messages].sort(byTime);
  const offsets = new Map<string, number>();
  let text = '';
  for (const message of ordered.filter(isInbound)) {
    if (text) text += '\n';
    offsets.set(message.messageId, text.length);
    text += message.text;
  }
  return { ordered, text, offsets };
}

export function toTipDetail(tip: TipRecord, messages: StoredMessage[]): TipDetail {
  const { ordered, text, offsets } = scoredText(messages);
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
    ...(tip.caseId ? { caseId: tip.caseId } : {}),
  };
}

/**
 * What a responder paged for a tip sees of it (GET /api/tips/{id} when they may, see
 * core/responder-access): what is needed to act and nothing else. The tipster's words as
 * redacted at intake; not the operators' notes nor their replies (whose words are the staff's,
 * and name them), no claim, score, override, outcome or channel; their own pages only.
 */
export interface ResponderTipView {
  view: 'responder';
  tipId: string;
  level: Level;
  lang: Lang;
  region: string | null;
  indicators: IndicatorId[];
  /** Why each indicator: a quote of the redacted text. */
  evidence: IndicatorFinding[];
  places: PlaceMention[];
  createdAt: string;
  lastMessageAt: string;
  /** The inbound messages joined with "\n", as scored: evidence offsets point into it. */
  text: string;
  thread: ResponderThreadEntry[];
  paging: PagingView;
  /** Why they may read it, and until when (null while paging still runs). */
  access: { relation: ResponderRelation; until: string | null };
}

/** One of the tipster's messages, as redacted at intake. */
export interface ResponderThreadEntry {
  id: string;
  kind: 'in';
  at: string;
  text: string;
  offset?: number;
  lang?: Lang;
  hidden?: number;
}

/**
 * Never shown to a responder, as it is never paged (core/paging/page-text): the responder may be
 * the official the tip is about.
 */
const KEPT_FROM_RESPONDERS: ReadonlySet<IndicatorId> = new Set<IndicatorId>(['official_complicity']);

export function toResponderTipView(tip: TipRecord, messages: StoredMessage[], paging: PagingView, access: ResponderTipView['access']): ResponderTipView {
  const { ordered, text, offsets } = scoredText(messages);
  const findings = tip.indicators.filter((finding) => !KEPT_FROM_RESPONDERS.has(finding.id));
  const thread: ResponderThreadEntry[] = ordered.filter(isInbound).map((m) => ({
    id: m.messageId,
    kind: 'in',
    at: m.receivedAt,
    text: m.text,
    offset: offsets.get(m.messageId) ?? 0,
    lang: m.lang,
    ...((m.hidden ?? 0) > 0 ? { hidden: m.hidden } : {}),
  }));
  return {
    view: 'responder',
    tipId: tip.tipId,
    level: tip.level,
    lang: tip.lang,
    region: tip.region,
    indicators: findings.map((finding) => finding.id),
    evidence: findings,
    places: tip.places,
    createdAt: tip.createdAt,
    lastMessageAt: tip.lastMessageAt,
    text,
    thread,
    paging,
    access,
  };
}

/**
 * A tip's paging as a responder may see it: where it stands and who acknowledged (the one who is
 * going, whom the others need to know of), but of the pages sent only their own.
 */
export function toResponderPagingView(view: PagingView, responderId: string): PagingView {
  return { state: view.state, pages: view.pages.filter((page) => page.responder.id === responderId) };
}
