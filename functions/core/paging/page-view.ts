// What operators see of a tip's paging: where escalation stands and every page sent, by whom
// it was acknowledged and when. The answer of GET /api/tips/{id}/pages, which the dashboard
// reads with the same type.
import type { DeliveryView } from '../ports';
import { isPagingOpen, pageStepOf, type PagingState } from './escalation';

export interface PagingView {
  state: {
    level: PagingState['level'];
    code: string;
    step: number;
    cycle: number;
    open: boolean;
    /** `via`: 'sms' (ACK from the roster number) or 'phone' (said on a call, recorded by an operator). */
    acknowledged: { by: { id: string; name: string }; at: string; via?: 'sms' | 'phone' } | null;
    stoppedAt: string | null;
    /** Why paging ended under the case (closed, marked a duplicate, stopped by an operator); null while it did not. */
    ended?: { why: 'closed' | 'duplicate' | 'stopped'; at: string } | null;
    deadlineAt: string | null;
  } | null;
  pages: Array<{ responder: { id: string; name: string; role: string }; step: number; cycle: number; pagedAt: string; status: string }>;
  /**
   * Why nobody is paged now, for operators (absent when paging runs as usual): held by the
   * region's page budget until `retryAt`; covered by another tip's page; or a held page dropped.
   * And whether an operator decided this page. Left out of the responders' view.
   */
  guard?: {
    held: { since: string; retryAt: string | null } | null;
    coveredBy: { tipId: string; match: 'contact' | 'text'; at: string } | null;
    withdrawn: { reason: string; at: string } | null;
    decidedBy: { id: string; name: string } | null;
  };
  /**
   * Which operator recorded a phone acknowledgement, and who ended the paging (null: the line
   * itself, on a closed tip's deadline). Staff names: left out of the responders' view.
   */
  staff?: { ackRecordedBy: { id: string; name: string } | null; endedBy: { id: string; name: string } | null };
}

export function pageView(state: PagingState | undefined, sent: readonly DeliveryView[]): PagingView {
  const names = new Map(sent.map((d) => [d.responderId, d.responderName]));
  return {
    state: state
      ? {
          level: state.level,
          code: state.code,
          step: state.step,
          cycle: state.cycle,
          open: isPagingOpen(state),
          acknowledged: state.acknowledged
            ? {
                by: { id: state.acknowledged.responderId, name: names.get(state.acknowledged.responderId) ?? state.acknowledged.responderId },
                at: state.acknowledged.at,
                via: state.acknowledged.recordedBy ? 'phone' : 'sms',
              }
            : null,
          stoppedAt: state.stoppedAt ?? null,
          ended: state.ended ? { why: state.ended.why, at: state.ended.at } : null,
          deadlineAt: state.deadlineAt ?? null,
        }
      : null,
    pages: sent
      .filter((d) => d.kind === 'page')
      .map((d) => ({
        responder: { id: d.responderId, name: d.responderName, role: d.responderRole },
        ...pageStepOf(d.idempotencyKey),
        pagedAt: d.pagedAt,
        status: d.status,
      })),
    ...(state ? { guard: guardView(state), staff: { ackRecordedBy: state.acknowledged?.recordedBy ?? null, endedBy: state.ended?.by ?? null } } : {}),
  };
}

function guardView(state: PagingState): NonNullable<PagingView['guard']> {
  return {
    held: state.held ? { since: state.held.since, retryAt: state.deadlineAt ?? null } : null,
    coveredBy: state.coveredBy ?? null,
    withdrawn: state.withdrawn ?? null,
    decidedBy: state.decidedBy ?? null,
  };
}
