// The audit trail: every read of a tip and every action on it, with who and when. A leak from
// inside is one of the threats, so the trail is append-only and holds no tip text.
import type { StaffRef } from './tip-record';

export const AUDIT_ACTIONS = [
  'read',
  'claim',
  'release',
  'status',
  'note',
  'level_override',
  'reply',
  'audit_read',
  'page',
  'ack',
  'escalate',
  'roster_change',
  'report_read',
  // Sealed evidence (core/evidence): never with the value.
  'evidence_listed',
  'reveal_requested',
  'reveal_approved',
  'reveal_refused',
  'evidence_revealed',
  'evidence_shredded',
  // A shift on the hotline (issue 16): paging ended or confirmed by an operator, tips linked,
  // a tip handed to a colleague, a responder's SMS attached to the case they were paged for.
  'paging_stopped',
  'phone_ack',
  'duplicate',
  'assign',
  'responder_note',
  'handover_read',
  // Cases and referrals (issue 17), under every tip of the case: tips linked into a case, a
  // referral made, moved on, given its outcome, and a reminder of one nobody updated.
  'case_linked',
  'referral_sent',
  'referral_status',
  'referral_outcome',
  'referral_reminder',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
  tipId: string;
  at: string;
  actor: StaffRef;
  action: AuditAction;
  /** Small, non-identifying facts: statuses, levels, channels, ids. Never tip or note text. */
  details: Record<string, string>;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
  list(tipId: string): Promise<AuditEvent[]>;
}
