// The triage use case: thread a received message into its tip, score the whole thread,
// and store it exactly once. Idempotent per message id: a redelivered message is a no-op.
import type { SealedSpan } from '../evidence/model';
import type { TipId } from '../tip-id';
import { scoreUrgency } from './score';
import type { TipReceived, TipSignals } from '../tip';
import { levelRank } from '../tip';
import type { StoredMessage, ThreadPointer, TipRecord, TipStore } from '../tip-record';
import { TipVersionConflict, applyAssessment, isInbound, isOpen, searchTextOf } from '../tip-record';
import { tipCountDelta } from '../statistics/counting';

export interface TriageDeps {
  store: TipStore;
  newTipId: () => TipId;
  threadWindowMs: number;
}

export type TriageOutcome =
  /** `tipId` when known: a redelivery still re-triggers what follows storage (paging). */
  | { kind: 'duplicate'; messageId: string; tipId?: string }
  /** `text`: the whole thread as scored, for what follows storage (paging's duplicate check). */
  | { kind: 'stored'; tip: TipRecord; threaded: boolean; text: string };

const PREVIEW_LENGTH = 160;
const MAX_ATTEMPTS = 5;

export async function triageTip(received: TipReceived, deps: TriageDeps): Promise<TriageOutcome> {
  const seen = await deps.store.findMessage(received.messageId);
  if (seen) return { kind: 'duplicate', messageId: received.messageId, tipId: seen.tipId };
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTriage(received, deps);
    } catch (error: unknown) {
      // Two messages of one contact racing into one tip: re-read and re-score on the newer tip.
      if (!(error instanceof TipVersionConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function attemptTriage(received: TipReceived, deps: TriageDeps): Promise<TriageOutcome> {
  const pointer = received.contactKey ? await deps.store.findThread(received.contactKey) : undefined;
  // After an erasure the sender is a new contact: their old thread is not theirs to join.
  const joinable = received.newThread ? undefined : pointer;
  const existing = await openThreadTip(received, joinable, deps);
  const tipId = existing?.tipId ?? deps.newTipId();
  const message: StoredMessage = {
    messageId: received.messageId,
    tipId,
    channel: received.channel,
    lang: received.lang,
    text: received.text,
    receivedAt: received.receivedAt,
    redactions: received.redactions,
    ...(received.hidden ? { hidden: received.hidden } : {}),
  };
  const thread = existing ? [...(await deps.store.listMessages(tipId)).filter(isInbound), message] : [message];
  thread.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const signals = mergeSignals(existing?.signals, received.signals);
  const text = threadText(thread);
  const assessment = scoreUrgency(text, signals);

  const base: TipRecord = existing ?? {
    tipId,
    status: 'new',
    channel: received.channel,
    lang: received.lang,
    level: 'low',
    score: 0,
    rule: '',
    indicators: [],
    places: [],
    region: null,
    preview: '',
    createdAt: received.receivedAt,
    lastMessageAt: received.receivedAt,
    messageCount: 0,
    version: 0,
    ...(received.contactKey ? { contactKey: received.contactKey } : {}),
  };
  let tip = applyAssessment(base, assessment);
  const override = existing?.levelOverride;
  if (override) {
    // An operator's correction stands until a new message, read on its own, says more.
    const alone = scoreUrgency(received.text, received.signals);
    if (levelRank(alone.level) > levelRank(override.level))
      tip = { ...tip, level: alone.level, rule: `${alone.rule} (new message, above the operator's ${override.level})` };
    else tip = { ...tip, level: override.level, rule: `${override.level}: set by ${override.by.name} (${assessment.rule})` };
  } else if (existing && levelRank(existing.level) > levelRank(tip.level)) {
    // A later message never lowers the level by itself ("ya está a salvo" may be the
    // trafficker holding the phone); lowering is an operator's decision.
    tip = {
      ...tip,
      level: existing.level,
      score: Math.max(existing.score, tip.score),
      rule: `${existing.level} kept: a later message does not lower it (now: ${assessment.rule})`,
    };
  }
  const first = thread[0] ?? message;
  tip = {
    ...tip,
    ...(signals ? { signals } : {}),
    preview: first.text.slice(0, PREVIEW_LENGTH),
    searchText: searchTextOf(text),
    createdAt: first.receivedAt < tip.createdAt ? first.receivedAt : tip.createdAt,
    lastMessageAt: thread[thread.length - 1]?.receivedAt ?? received.receivedAt,
    messageCount: thread.length,
    version: (existing?.version ?? 0) + 1,
  };

  const result = await deps.store.commit({
    message,
    tip,
    expectedVersion: existing ? existing.version : null,
    ...(received.contactKey ? { thread: { contactKey: received.contactKey, tipId, lastMessageAt: tip.lastMessageAt }, threadWas: pointer?.tipId ?? null } : {}),
    ...(received.receiptHash ? { receiptHash: received.receiptHash } : {}),
    ...(received.evidence?.length ? { evidence: sealedSpans(received, tipId) } : {}),
    counts: tipCountDelta(existing, tip),
  });
  return result === 'duplicate' ? { kind: 'duplicate', messageId: received.messageId } : { kind: 'stored', tip, threaded: Boolean(existing), text };
}

async function openThreadTip(received: TipReceived, pointer: ThreadPointer | undefined, deps: TriageDeps): Promise<TipRecord | undefined> {
  if (received.followUpOf) {
    // A receipt holder answering: their tip, if it is still open; a closed one starts anew.
    const tip = await deps.store.getTip(received.followUpOf);
    return tip && isOpen(tip.status) ? tip : undefined;
  }
  if (!pointer) return undefined;
  // Out-of-order deliveries count too: the gap, not its sign, decides.
  const gap = Math.abs(Date.parse(received.receivedAt) - Date.parse(pointer.lastMessageAt));
  if (gap > deps.threadWindowMs) return undefined;
  const tip = await deps.store.getTip(pointer.tipId);
  return tip && isOpen(tip.status) ? tip : undefined;
}

function sealedSpans(received: TipReceived, tipId: TipId): SealedSpan[] {
  return (received.evidence ?? []).map((span) => ({
    tipId,
    messageId: received.messageId,
    ordinal: span.ordinal,
    kind: span.kind,
    sealed: span.sealed,
    createdAt: received.receivedAt,
  }));
}

/** A thread is scored as one text: SMS arrive in fragments. */
export function threadText(messages: ReadonlyArray<Pick<StoredMessage, 'text'>>): string {
  return messages.map((m) => m.text).join('\n');
}

function mergeSignals(a: TipSignals | undefined, b: TipSignals | undefined): TipSignals | undefined {
  if (!a) return b;
  if (!b) return a;
  const minor = a.minor === 'yes' || b.minor === 'yes' ? 'yes' : (b.minor ?? a.minor);
  const happeningNow = Boolean(a.happeningNow || b.happeningNow);
  return { ...(minor ? { minor } : {}), happeningNow };
}
