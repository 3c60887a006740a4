// The reveal workflow: a supervisor asks for one sealed identifier with a written reason, a
// second supervisor approves or refuses, and the one who asked may then read it for half an
// hour. Every step is on the tip's audit trail, never with the value. Evidence lives as long as
// its tip: once the tip's retention has passed (or the tip is gone), any call destroys what is
// left of it and answers 410.
import type { AuditAction } from '../audit';
import { TipNotFound } from '../errors';
import type { Actor } from '../operator-actions';
import { staffRef } from '../operator-actions';
import type { Clock } from '../ports';
import type { TipReader, TipRecord } from '../tip-record';
import {
  EvidenceGone,
  NotYourRevealRequest,
  OwnRevealRequest,
  RevealAlreadyRequested,
  RevealNotApproved,
  RevealReasonInvalid,
  RevealRefused,
  RevealRequestDecided,
  RevealRequestExpired,
  RevealRequestNotFound,
  RevealWindowClosed,
  SpanNotFound,
  SupervisorsOnly,
} from './errors';
import {
  parseSpanId,
  REQUEST_LIFETIME_MS,
  REVEAL_REASON,
  REVEAL_WINDOW_MS,
  spanIdOf,
  type EvidenceListing,
  type EvidenceStore,
  type RevealedValue,
  type RevealRequest,
  type RevealRequestState,
  type RevealRequestView,
  type SpanOpener,
} from './model';

export interface EvidenceDeps {
  tips: Pick<TipReader, 'getTip'>;
  store: EvidenceStore;
  open: SpanOpener;
  /** The time the windows (a day to decide, half an hour to read, the tip's retention) are measured by. */
  now: Clock;
  newRequestId(): string;
}

/** Who is asking about which tip, and how their steps reach the tip's audit trail. */
export interface EvidenceCall {
  tipId: string;
  actor: Actor;
  audit(action: AuditAction, details: Record<string, string>): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

const at = (iso: string, plusMs: number): number => Date.parse(iso) + plusMs;

export function requestState(request: RevealRequest, now: Date): RevealRequestState {
  switch (request.state) {
    case 'pending':
      return now.getTime() >= at(request.requestedAt, REQUEST_LIFETIME_MS) ? 'expired' : 'pending';
    case 'approved':
      return now.getTime() >= at(request.decidedAt ?? request.requestedAt, REVEAL_WINDOW_MS) ? 'lapsed' : 'approved';
    default:
      return request.state;
  }
}

export function requestView(request: RevealRequest, now: Date): RevealRequestView {
  const state = requestState(request, now);
  const until =
    state === 'pending'
      ? at(request.requestedAt, REQUEST_LIFETIME_MS)
      : state === 'approved'
        ? at(request.decidedAt ?? request.requestedAt, REVEAL_WINDOW_MS)
        : undefined;
  return {
    requestId: request.requestId,
    spanId: request.spanId,
    kind: request.kind,
    reason: request.reason,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt,
    state,
    decidedBy: request.decidedBy ?? null,
    decidedAt: request.decidedAt ?? null,
    until: until === undefined ? null : new Date(until).toISOString(),
  };
}

function supervisorOnly(actor: Actor): void {
  if (!actor.roles.includes('supervisor')) throw new SupervisorsOnly();
}

export const pastRetention = (tip: Pick<TipRecord, 'expiresAt'>, now: Date): boolean => tip.expiresAt !== undefined && tip.expiresAt * 1000 <= now.getTime();

/** The tip, if its evidence may still be used; otherwise what is left of the evidence is destroyed. */
async function liveTip(deps: EvidenceDeps, call: EvidenceCall): Promise<TipRecord> {
  const tip = await deps.tips.getTip(call.tipId);
  if (tip && !pastRetention(tip, deps.now())) return tip;
  const shredded = await deps.store.shred(call.tipId);
  if (!tip && shredded === 0) throw new TipNotFound(call.tipId);
  if (shredded > 0) await call.audit('evidence_shredded', { items: String(shredded) });
  throw new EvidenceGone(call.tipId);
}

async function existingRequest(deps: EvidenceDeps, call: EvidenceCall, requestId: string): Promise<RevealRequest> {
  const request = REQUEST_ID.test(requestId) ? await deps.store.getRequest(call.tipId, requestId) : undefined;
  if (!request) throw new RevealRequestNotFound(call.tipId, requestId);
  return request;
}

/** The tip's sealed spans (never a value) and its reveal requests. */
export async function listEvidence(deps: EvidenceDeps, call: EvidenceCall): Promise<EvidenceListing> {
  supervisorOnly(call.actor);
  await liveTip(deps, call);
  const { spans, requests } = await deps.store.load(call.tipId);
  const now = deps.now();
  await call.audit('evidence_listed', { spans: String(spans.length), requests: String(requests.length) });
  return {
    spans: [...spans]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.messageId.localeCompare(b.messageId) || a.ordinal - b.ordinal)
      .map((span) => ({ spanId: spanIdOf(span), messageId: span.messageId, ordinal: span.ordinal, kind: span.kind, createdAt: span.createdAt })),
    requests: [...requests].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)).map((request) => requestView(request, now)),
  };
}

/** A supervisor asks to see one span, saying why. */
export async function requestReveal(deps: EvidenceDeps, call: EvidenceCall, spanId: string, reason: string): Promise<RevealRequestView> {
  supervisorOnly(call.actor);
  const why = reason.trim();
  if (why.length < REVEAL_REASON.min || why.length > REVEAL_REASON.max) throw new RevealReasonInvalid();
  const where = parseSpanId(spanId);
  if (!where) throw new SpanNotFound(call.tipId, spanId);
  const tip = await liveTip(deps, call);
  const span = await deps.store.getSpan(call.tipId, spanIdOf(where));
  if (!span) throw new SpanNotFound(call.tipId, spanIdOf(where));
  const now = deps.now();
  const { requests } = await deps.store.load(call.tipId);
  const open = requests.find(
    (r) => r.spanId === spanIdOf(span) && r.requestedBy.id === call.actor.id && ['pending', 'approved'].includes(requestState(r, now)),
  );
  if (open) throw new RevealAlreadyRequested(open.requestId);
  const request: RevealRequest = {
    tipId: call.tipId,
    requestId: deps.newRequestId(),
    spanId: spanIdOf(span),
    kind: span.kind,
    reason: why,
    requestedBy: staffRef(call.actor),
    requestedAt: now.toISOString(),
    state: 'pending',
    ...(tip.expiresAt !== undefined ? { expiresAt: tip.expiresAt } : {}),
  };
  await deps.store.addRequest(request);
  await call.audit('reveal_requested', { requestId: request.requestId, spanId: request.spanId, kind: request.kind });
  return requestView(request, now);
}

/** A second supervisor approves or refuses someone else's pending request. */
export async function decideReveal(deps: EvidenceDeps, call: EvidenceCall, requestId: string, decision: 'approve' | 'refuse'): Promise<RevealRequestView> {
  supervisorOnly(call.actor);
  await liveTip(deps, call);
  const request = await existingRequest(deps, call, requestId);
  if (request.requestedBy.id === call.actor.id) throw new OwnRevealRequest();
  const now = deps.now();
  if (request.state !== 'pending') throw new RevealRequestDecided(request.state);
  if (requestState(request, now) === 'expired') throw new RevealRequestExpired();
  const decided = { state: decision === 'approve' ? ('approved' as const) : ('refused' as const), by: staffRef(call.actor), at: now.toISOString() };
  await deps.store.decide(call.tipId, request.requestId, decided);
  await call.audit(decision === 'approve' ? 'reveal_approved' : 'reveal_refused', {
    requestId: request.requestId,
    spanId: request.spanId,
    kind: request.kind,
    requestedBy: request.requestedBy.id,
  });
  return requestView({ ...request, state: decided.state, decidedBy: decided.by, decidedAt: decided.at }, now);
}

/** The requester reads the value of an approved request, within its window; each read is audited first. */
export async function revealValue(deps: EvidenceDeps, call: EvidenceCall, requestId: string): Promise<RevealedValue> {
  supervisorOnly(call.actor);
  await liveTip(deps, call);
  const request = await existingRequest(deps, call, requestId);
  if (request.requestedBy.id !== call.actor.id) throw new NotYourRevealRequest(request.requestedBy);
  const view = requestView(request, deps.now());
  switch (view.state) {
    case 'pending':
      throw new RevealNotApproved();
    case 'expired':
      throw new RevealRequestExpired();
    case 'refused':
      throw new RevealRefused();
    case 'lapsed':
      throw new RevealWindowClosed();
    case 'approved':
      break;
    default: {
      const never: never = view.state;
      throw new Error(`unknown request state ${String(never)}`);
    }
  }
  const span = await deps.store.getSpan(call.tipId, request.spanId);
  if (!span) throw new SpanNotFound(call.tipId, request.spanId);
  // Recorded before the value is opened: a read that is not in the trail must not happen.
  await call.audit('evidence_revealed', { requestId: request.requestId, spanId: request.spanId, kind: request.kind });
  const value = await deps.open(span);
  return { requestId: request.requestId, spanId: request.spanId, kind: request.kind, value, until: view.until! };
}
