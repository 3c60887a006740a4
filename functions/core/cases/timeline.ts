// A case's timeline: everything that happened on any of its tips and its referrals, oldest first.
// The tipsters' messages as intake redacted them, the replies and notes of staff, responders'
// notes, the pages sent and the acknowledgement, and one entry per referral status and outcome.
// Built from stored records only, for staff (the route is staff-only).
import type { DeliveryView } from '../ports';
import type { StaffRef, StoredMessage } from '../tip-record';
import type { ReferralRecord, ReferralStatus } from './model';

export type TimelineKind = 'message' | 'reply' | 'note' | 'responder' | 'page' | 'ack' | 'referral';

export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  tipId: string;
  text?: string;
  by?: StaffRef;
  responderName?: string;
  referralId?: string;
  /** Referral entries of a status change; an outcome entry has none. */
  status?: ReferralStatus;
  agencyName?: string;
}

/** What the timeline reads of one tip. */
export interface TipActivity {
  tipId: string;
  messages: readonly StoredMessage[];
  deliveries: readonly DeliveryView[];
  /** From the tip's paging state: who acknowledged, and the operator who recorded a phone ACK. */
  acknowledged?: { responderId: string; at: string; recordedBy?: StaffRef };
}

const MESSAGE_KINDS: Record<NonNullable<StoredMessage['kind']>, TimelineKind> = { in: 'message', out: 'reply', note: 'note', responder: 'responder' };

function tipEntries(activity: TipActivity): TimelineEntry[] {
  const { tipId } = activity;
  const names = new Map(activity.deliveries.map((d) => [d.responderId, d.responderName]));
  const messages = activity.messages.map((m): TimelineEntry => {
    const kind = MESSAGE_KINDS[m.kind ?? 'in'];
    return {
      at: m.receivedAt,
      kind,
      tipId,
      text: m.text,
      ...(kind === 'responder' && m.author ? { responderName: m.author.name } : m.author ? { by: m.author } : {}),
    };
  });
  const pages = activity.deliveries
    .filter((d) => d.kind === 'page')
    .map((d): TimelineEntry => ({ at: d.pagedAt, kind: 'page', tipId, responderName: d.responderName }));
  const ack = activity.acknowledged;
  const acks: TimelineEntry[] = ack
    ? [
        {
          at: ack.at,
          kind: 'ack',
          tipId,
          responderName: names.get(ack.responderId) ?? ack.responderId,
          ...(ack.recordedBy ? { by: ack.recordedBy } : {}),
        },
      ]
    : [];
  return [...messages, ...pages, ...acks];
}

/** Referral entries belong to the case, not one tip: they carry the tip the case began with. */
function referralEntries(referral: ReferralRecord, tipId: string): TimelineEntry[] {
  const about = { tipId, referralId: referral.referralId, agencyName: referral.agencyName };
  const steps = referral.history.map(
    (step): TimelineEntry => ({
      at: step.at,
      kind: 'referral',
      ...about,
      status: step.status,
      by: step.by,
      ...(step.note !== undefined ? { text: step.note } : {}),
    }),
  );
  const outcome = referral.outcome;
  const outcomes: TimelineEntry[] = outcome
    ? [{ at: outcome.at, kind: 'referral', ...about, by: outcome.by, ...(outcome.noActionReason !== undefined ? { text: outcome.noActionReason } : {}) }]
    : [];
  return [...steps, ...outcomes];
}

/** Oldest first; entries at the same instant keep the order they were gathered in (tips before referrals). */
export function caseTimeline(tips: readonly TipActivity[], referrals: readonly ReferralRecord[], firstTipId: string): TimelineEntry[] {
  const entries = [...tips.flatMap(tipEntries), ...referrals.flatMap((referral) => referralEntries(referral, firstTipId))];
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.localeCompare(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);
}
