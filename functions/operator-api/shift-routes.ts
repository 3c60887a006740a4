// A whole shift (issue 16): hand a tip to a colleague, list the colleagues, and the handover
// summary one shift leaves the next.
import * as z from 'zod';
import { fieldErrors, json, parseJsonBody } from '../adapters/http';
import { InvalidRequest } from '../core/errors';
import { handoverOf } from '../core/handover';
import { assignTip, staffRef } from '../core/operator-actions';
import type { TipRecord } from '../core/tip-record';
import type { OperatorApiDeps } from './app';
import { act, type Routes } from './route-kit';

type ShiftRouteKey = 'POST /api/tips/{id}/assign' | 'GET /api/staff' | 'GET /api/handover';

/** The audit table's partition for handover reads: not a tip id (those are 8 upper-case characters). */
const HANDOVER_AUDIT_KEY = 'handover';

/**
 * The handover reads at most this many open tips (20 reads of the queue's index). A line with
 * more open than that is not being handed over but triaged in bulk; the queue's own order puts
 * the critical and unanswered tips first, so they are in the summary whatever is left out.
 */
const HANDOVER_PAGE = 100;
const HANDOVER_MAX_PAGES = 20;

const assignBody = z.strictObject({
  to: z
    .string({ error: 'to is the id of a colleague, as GET /api/staff lists them' })
    .trim()
    .min(1, 'to is the id of a colleague, as GET /api/staff lists them')
    .max(128),
});
const noQuery = z.strictObject({});

async function openQueue(deps: OperatorApiDeps): Promise<{ tips: TipRecord[]; complete: boolean }> {
  const tips: TipRecord[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < HANDOVER_MAX_PAGES; page++) {
    const read = await deps.reader.listTips({ status: 'open' }, { limit: HANDOVER_PAGE, ...(cursor ? { cursor } : {}) });
    tips.push(...read.tips);
    cursor = read.cursor;
    if (!cursor) return { tips, complete: true };
  }
  return { tips, complete: false };
}

export function shiftRoutes(deps: OperatorApiDeps): Routes<ShiftRouteKey> {
  return {
    'POST /api/tips/{id}/assign': async (request) => {
      const { to } = parseJsonBody(request.event, assignBody, 4096, '{"to": "<a colleague\'s id from GET /api/staff>"}');
      const colleague = (await deps.staff.list()).find((member) => member.id === to);
      return act(deps, request, 'assign', (tip) => assignTip(tip, request.actor, colleague, request.now));
    },

    'GET /api/staff': async ({ event }) => {
      const query = noQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new InvalidRequest('The staff list takes no parameters.', fieldErrors(query.error.issues));
      const staff = await deps.staff.list();
      return json(200, { staff: staff.map(({ id, name, roles }) => ({ id, name, roles })) });
    },

    'GET /api/handover': async ({ event, actor, now }) => {
      const query = noQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new InvalidRequest('The handover takes no parameters: it always covers every open tip.', fieldErrors(query.error.issues));
      const { tips, complete } = await openQueue(deps);
      if (!complete) deps.logger.warn('handover read the first open tips only', { route: 'GET /api/handover', count: tips.length });
      const handover = handoverOf(tips, now);
      // Recorded before the answer leaves, as every read is.
      await deps.audit.record({
        tipId: HANDOVER_AUDIT_KEY,
        at: now.toISOString(),
        actor: staffRef(actor),
        action: 'handover_read',
        details: { openTips: String(tips.length), complete: String(complete) },
      });
      return json(200, handover);
    },
  };
}
