// The operator API's shapes. What the server builds from core (functions/core) is core's own type,
// imported type-only: `import type` is erased by the build, so no server code reaches the bundle.
// Core's answers carry instants as ISO strings already, so they are the JSON as sent.
// What is stated here is what a handler still builds inline (marked "inline"), and the lists
// the dashboard needs at run time: core's live in modules that import zod.
import type { AgreementCounts, AgreementReport } from '../../../functions/core/agreement';
import type { EvidenceKind, EvidenceListing, RevealedValue, RevealRequestView, SpanView } from '../../../functions/core/evidence/model';
import type { QueueItem, ResponderTipView, ThreadEntry, TipDetail } from '../../../functions/core/operator-views';
import type { AuditAction, AuditEvent } from '../../../functions/core/audit';
import type { EscalationPolicy, Override, Responder, Rotation } from '../../../functions/core/paging/model';
import type { Handover } from '../../../functions/core/handover';
import type { PagingView } from '../../../functions/core/paging/page-view';
import type { Channel, IndicatorFinding, IndicatorId, Lang as TipLang, Level, PlaceMention } from '../../../functions/core/tip';
import type { Outcome, QueueFilter as CoreQueueFilter, StaffRef, TipStatus } from '../../../functions/core/tip-record';

export type { AgreementCounts, AgreementReport, Channel, IndicatorFinding, IndicatorId, Level, Outcome, PlaceMention };
export type { QueueItem, StaffRef, ThreadEntry, TipDetail, TipStatus };
/** What a responder paged for a tip sees of it (`GET /api/tips/{id}` as a responder). */
export type { ResponderTipView };
/** The tipster's language; the dashboard's own interface language is i18n's `Lang`. */
export type { TipLang };
/** Sealed evidence (supervisors only): core's own shapes (functions/core/evidence/model.ts). */
export type { EvidenceKind, EvidenceListing, RevealedValue, RevealRequestView, SpanView };

/** Most urgent first, as every list on screen runs (core's LEVELS run the other way). */
export const LEVELS = ['critical', 'high', 'medium', 'low'] as const satisfies readonly Level[];
export const STATUSES = ['new', 'in_review', 'escalated', 'referred', 'closed'] as const satisfies readonly TipStatus[];
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
] as const satisfies readonly Outcome[];

// The lists name every member of core's unions (a status core adds fails typecheck:web until listed);
// test/unit/api-contract.test.ts holds them to core's lists value by value.
type Names<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? true : false;
type Holds<T extends true> = T;
export type ListsNameAll = [Holds<Names<typeof LEVELS, Level>>, Holds<Names<typeof STATUSES, TipStatus>>, Holds<Names<typeof OUTCOMES, Outcome>>];

/** Queue filter: `open` is the API's default (everything not closed). */
export type StatusFilter = CoreQueueFilter['status'];

/** `GET /api/handover`: what one shift leaves the next (functions/core/handover.ts). */
export type { Handover };

/** `GET /api/me` (inline in functions/operator-api/app.ts): the signed-in actor. */
export interface Me extends StaffRef {
  roles: string[];
}

/** `POST /api/tips/{id}/replies` (inline in functions/tipster-reply/app.ts). */
export interface ReplySent {
  status: 'sent';
  channel: Channel;
}

/** Every 4xx/5xx (inline in functions/adapters/http.ts). */
export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
  claimedBy?: StaffRef;
}

/**
 * `GET /api/tips/{id}/pages` (functions/core/paging/page-view.ts). `step` and `cycle` are 0-based,
 * as the escalation core counts them (functions/core/paging/escalation.ts); people read "level 1"
 * and "round 1". A responder's `role` is their agency (police, prosecutor, shelter…), not a
 * sign-in role; a page's `status` is Twilio's delivery status, shown as it comes.
 */
export type TipPages = PagingView;
export type PagingState = NonNullable<PagingView['state']>;
export type PageSent = PagingView['pages'][number];

/** `GET /local/outbox` on the local stack only (local/twilio-api.ts): what its stand-in for Twilio was asked to send. */
export interface OutboxMessage {
  sid: string;
  to: string;
  from: string;
  body: string;
  at: string;
}

/** `GET /api/staff`: the colleagues a tip can be handed to. */
export interface StaffMember extends StaffRef {
  roles: string[];
}

/** `GET /api/tips/{id}/audit` (supervisors only, inline in functions/operator-api/app.ts). */
export type AuditEntry = Pick<AuditEvent, 'at' | 'actor' | 'details'> & { action: AuditAction | (string & {}) };

/** `GET /api/roster` (supervisors only, inline in functions/roster-api/app.ts): `problems` are the API's English. */
export interface RosterView {
  responders: Array<Responder & { hasPhone: boolean }>;
  rotations: Rotation[];
  overrides: Override[];
  policies: EscalationPolicy[];
  problems: string[];
}
