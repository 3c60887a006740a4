// Sealed evidence: identifiers a tip attributes to someone else (a recruiter's number, a bar's
// page), replaced in the clear text like every identifier but kept sealed, per span, so that two
// supervisors together can reveal one for the police. What is stored, what staff see of it (never
// the value until a reveal), and the ports the reveal workflow talks to the world through.
import type { EncryptionContext } from '../ports';
import type { StaffRef } from '../tip-record';

/** The placeholders whose original may be sealed as evidence (a name or an address never is). */
export const EVIDENCE_KINDS = ['PHONE', 'EMAIL', 'ID', 'HANDLE'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** A reveal request's reason: long enough to say why (a police request number), short enough to stay a reason. */
export const REVEAL_REASON = { min: 20, max: 1000 } as const;
/** How long after approval the requester may read the value. */
export const REVEAL_WINDOW_MS = 30 * 60_000;
/** How long a request waits for a second supervisor before it lapses. */
export const REQUEST_LIFETIME_MS = 24 * 60 * 60_000;

/** One sealed identifier, as triage writes it. `sealed` is envelope.seal's output. */
export interface SealedSpan {
  tipId: string;
  messageId: string;
  /** The placeholder's 0-based index among all placeholders of that message's redacted text. */
  ordinal: number;
  kind: EvidenceKind;
  sealed: string;
  createdAt: string;
  /** The tip's retention, when it is closed (epoch seconds; the table's TTL). */
  expiresAt?: number;
}

export type StoredRequestState = 'pending' | 'approved' | 'refused';

export interface RevealRequest {
  tipId: string;
  requestId: string;
  spanId: string;
  kind: EvidenceKind;
  reason: string;
  requestedBy: StaffRef;
  requestedAt: string;
  state: StoredRequestState;
  decidedBy?: StaffRef;
  decidedAt?: string;
  expiresAt?: number;
}

/** Everything stored for a tip, read at once. */
export interface TipEvidence {
  spans: SealedSpan[];
  requests: RevealRequest[];
}

/** The span's name in the API: the message it is in and its place there. */
export const spanIdOf = (span: Pick<SealedSpan, 'messageId' | 'ordinal'>): string => `${span.messageId}#${span.ordinal}`;

const SPAN_ID = /^([A-Za-z0-9_-]{1,100})#(\d{1,4})$/;

/** A span id from a path (`%23` as API Gateway may leave it); undefined when it is no span id. */
export function parseSpanId(raw: string): { messageId: string; ordinal: number } | undefined {
  const match = SPAN_ID.exec(raw.replace(/%23/gi, '#'));
  return match ? { messageId: match[1]!, ordinal: Number(match[2]) } : undefined;
}

/** Bound into every sealed span: a value cannot be moved to another message, place or purpose. */
export const evidenceContext = (messageId: string, ordinal: number): EncryptionContext => ({ purpose: 'evidence', messageId, ordinal: String(ordinal) });

/** What staff see of a span: where it is and what kind, never the value. */
export interface SpanView {
  spanId: string;
  messageId: string;
  ordinal: number;
  kind: EvidenceKind;
  createdAt: string;
}

/**
 * A request as it stands now: `expired` is a pending one nobody decided within a day, `lapsed`
 * an approved one whose reading window has passed.
 */
export type RevealRequestState = StoredRequestState | 'expired' | 'lapsed';

export interface RevealRequestView {
  requestId: string;
  spanId: string;
  kind: EvidenceKind;
  reason: string;
  requestedBy: StaffRef;
  requestedAt: string;
  state: RevealRequestState;
  decidedBy: StaffRef | null;
  decidedAt: string | null;
  /** Pending: when it expires. Approved: when the reading window closes. Otherwise null. */
  until: string | null;
}

/** `GET /api/tips/{id}/evidence`: oldest span first, newest request first. */
export interface EvidenceListing {
  spans: SpanView[];
  requests: RevealRequestView[];
}

/** `GET /api/tips/{id}/reveal-requests/{requestId}`: the value, for its requester, once approved. */
export interface RevealedValue {
  requestId: string;
  spanId: string;
  kind: EvidenceKind;
  value: string;
  /** When the reading window closes. */
  until: string;
}

/** Where spans and requests are kept. */
export interface EvidenceStore {
  /** Every span and request of a tip. */
  load(tipId: string): Promise<TipEvidence>;
  getSpan(tipId: string, spanId: string): Promise<SealedSpan | undefined>;
  getRequest(tipId: string, requestId: string): Promise<RevealRequest | undefined>;
  /** Adds a new request (never over an existing one). */
  addRequest(request: RevealRequest): Promise<void>;
  /** Records a decision on a pending request; RevealRequestDecided when it is no longer pending. */
  decide(tipId: string, requestId: string, decision: { state: 'approved' | 'refused'; by: StaffRef; at: string }): Promise<void>;
  /** Deletes every span and request of the tip; answers how many items there were. */
  shred(tipId: string): Promise<number>;
}

/** The tip's retention, followed by its evidence: closing sets it, reopening clears it. */
export interface EvidenceRetention {
  follow(tipId: string, expiresAt: number | undefined): Promise<void>;
}

/** Opens a sealed span (envelope encryption under the evidence context). */
export type SpanOpener = (span: SealedSpan) => Promise<string>;
