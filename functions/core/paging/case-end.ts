// Paging follows the case (issue 16): a tip closed or marked a duplicate pages nobody again, an
// operator may stop a tip's escalation and take it from there, and an acknowledgement a responder
// gave by phone counts as theirs. Pure, like the escalation machine these transitions extend.
import type { TipRecord } from '../tip-record';
import type { PagingAction, PagingState, Transition } from './escalation';
import { onAck, type AckRejection } from './escalation';

export type CaseEnd = NonNullable<PagingState['ended']>['why'];
type Staff = { id: string; name: string };

/**
 * Why paging must end for this tip, as the tip now reads: closed (as a duplicate or otherwise).
 * A tip that is gone (erased, expired) pages nobody either.
 */
export function caseEndOf(tip: Pick<TipRecord, 'status' | 'outcome'> | undefined): Exclude<CaseEnd, 'stopped'> | undefined {
  if (!tip) return 'closed';
  if (tip.status !== 'closed') return undefined;
  return tip.outcome === 'duplicate' ? 'duplicate' : 'closed';
}

/**
 * Ends the tip's escalation: no deadline, no held page, nobody paged again. An answered page has
 * nothing left to end. A stop already there (paging ran out) keeps its time, which a responder's
 * read window runs from; the end is still recorded, since an operator has now dealt with it.
 */
export function endPaging(state: PagingState, why: CaseEnd, by: Staff | undefined, now: Date): Transition {
  // A deadline may notice the close before the operator's own job arrives (both are on the queue):
  // the end stands as it was, and the operator who caused it is still the one who ended it.
  if (state.ended && !state.ended.by && by && state.ended.why === why) return { state: { ...state, ended: { ...state.ended, by } }, actions: [] };
  if (state.ended || state.acknowledged) return { state, actions: [] };
  const { deadlineAt: _deadline, held: _held, ...rest } = state;
  const at = now.toISOString();
  return {
    state: { ...rest, pagedResponderIds: [], stoppedAt: state.stoppedAt ?? at, ended: { why, at, ...(by ? { by } : {}) } },
    actions: [{ kind: 'audit', action: 'escalate', details: { reason: 'case_ended', why, ...(by ? { by: by.id } : {}) } }],
  };
}

/**
 * An acknowledgement the responder gave by phone, recorded by an operator: as their SMS ACK
 * would be (anyone paged for the tip, even after paging stopped), without the SMS confirmation
 * (they were told on the phone), and with who recorded it.
 */
export function onPhoneAck(state: PagingState, responderId: string, recordedBy: Staff, now: Date): Transition & { reason?: AckRejection } {
  const result = onAck(state, responderId, now);
  if (result.reason || !result.state.acknowledged) return result;
  return {
    state: { ...result.state, acknowledged: { ...result.state.acknowledged, recordedBy } },
    actions: result.actions.flatMap((action): PagingAction[] => {
      if (action.kind === 'confirm_ack') return [];
      if (action.kind === 'audit') return [{ ...action, details: { ...action.details, via: 'phone', recordedBy: recordedBy.id } }];
      return [action];
    }),
  };
}

/**
 * Escalation ran through every round and nobody confirmed: no ACK (by SMS or by phone), and no
 * operator has ended it since. Such a tip is first in its level (core/queue-order.ts).
 */
export const isNobodyConfirmed = (state: PagingState | undefined): boolean =>
  state !== undefined && Boolean(state.stoppedAt) && !state.acknowledged && !state.ended && !state.coveredBy && !state.withdrawn;
