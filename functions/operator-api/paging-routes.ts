// Paging that follows the case (issue 16): an operator stops a tip's escalation, records an
// acknowledgement a responder gave by phone, or marks a tip a duplicate of an earlier one. This
// function may not write paging states (its IAM right on the Paging table is `expiresAt` only):
// each change goes to paging as a job, after the tip and the audit trail say what was decided.
import * as z from 'zod';
import { json, parseJsonBody } from '../adapters/http';
import { tipIdOf, type StaffRequest } from '../adapters/staff-router';
import { assertMayStopPaging, markDuplicate, mayRecordPhoneAck, staffRef } from '../core/operator-actions';
import { idSchema } from '../core/paging/model';
import type { OperatorApiDeps } from './app';
import { act, existingTip, record, type Routes } from './route-kit';

type PagingRouteKey = 'POST /api/tips/{id}/paging/stop' | 'POST /api/tips/{id}/paging/ack' | 'POST /api/tips/{id}/duplicate';

const stopBody = z.strictObject({
  reason: z
    .string({ error: 'say why paging stops, e.g. "la fiscal Marta va en camino, hablé con ella"' })
    .trim()
    .min(3, 'say why paging stops, in a few words')
    .max(500, 'reason must be at most 500 characters'),
});
const phoneAckBody = z.strictObject({
  responderId: idSchema,
  note: z.string().trim().max(500, 'note must be at most 500 characters').optional(),
});
const duplicateBody = z.strictObject({
  of: z
    .string({ error: 'of is the id of the earlier tip this one repeats' })
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{8}$/, 'of is a tip id: 8 letters and digits, as shown in the queue'),
});

/**
 * Tells paging that the tip's case ended (closed, or closed as a duplicate): no page goes out for
 * it again. Paging reads the tip's status at each deadline too, so a lost message costs at most a
 * log line, never a page: the tip is already closed when this runs.
 */
export async function endPagingOf(deps: OperatorApiDeps, tipId: string, why: 'closed' | 'duplicate', request: StaffRequest): Promise<void> {
  await deps.pagingRequests({ type: 'CaseEnded', tipId, why, by: staffRef(request.actor) }).catch((error: unknown) => {
    deps.logger.warn('paging not told of the end of a case; its next deadline reads the closed tip', {
      tipId,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  });
}

/** The tip's paging as this function may read it, and the names of whoever it paged. */
async function pagingOf(deps: OperatorApiDeps, tipId: string) {
  const [stored, sent] = await Promise.all([deps.paging.get(tipId), deps.deliveries.forTip(tipId)]);
  const pages = sent.filter((d) => d.kind === 'page');
  return {
    state: stored?.state,
    paged: new Set(pages.map((d) => d.responderId)),
    names: new Map(sent.map((d) => [d.responderId, d.responderName])),
  };
}

export function pagingRoutes(deps: OperatorApiDeps): Routes<PagingRouteKey> {
  return {
    'POST /api/tips/{id}/paging/stop': async (request) => {
      const tipId = tipIdOf(request.event);
      const { reason } = parseJsonBody(request.event, stopBody, 4096, '{"reason": "..."}');
      const tip = await existingTip(deps, tipId);
      const { state, names } = await pagingOf(deps, tipId);
      assertMayStopPaging(tip, state, request.actor, names);
      await record(deps, tipId, request, 'paging_stopped', { reason });
      await deps.pagingRequests({ type: 'StopRequested', tipId, by: staffRef(request.actor) });
      return json(202, { status: 'stopping' });
    },

    'POST /api/tips/{id}/paging/ack': async (request) => {
      const tipId = tipIdOf(request.event);
      const { responderId, note } = parseJsonBody(request.event, phoneAckBody, 4096, '{"responderId": "pol-rosa", "note": "..."}');
      const tip = await existingTip(deps, tipId);
      const { state, paged, names } = await pagingOf(deps, tipId);
      const fresh = mayRecordPhoneAck(tip, state, responderId, paged, request.actor, names);
      await record(deps, tipId, request, 'phone_ack', { responderId, ...(note ? { note } : {}), ...(fresh ? {} : { repeated: 'true' }) });
      if (fresh) await deps.pagingRequests({ type: 'PhoneAck', tipId, responderId, by: staffRef(request.actor), at: request.now.toISOString() });
      return json(202, { status: 'recorded' });
    },

    'POST /api/tips/{id}/duplicate': async (request) => {
      const tipId = tipIdOf(request.event);
      const { of } = parseJsonBody(request.event, duplicateBody, 4096, '{"of": "7K2F9QXM"}');
      const original = of === tipId ? undefined : await deps.reader.getTip(of);
      const answer = await act(deps, request, 'duplicate', (tip) =>
        markDuplicate(tip, { tipId: of, tip: original }, request.actor, request.now, deps.closedTipRetentionDays),
      );
      await endPagingOf(deps, tipId, 'duplicate', request);
      return answer;
    },
  };
}
