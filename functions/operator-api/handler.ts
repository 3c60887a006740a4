// The staff API: the queue in urgency order, a tip with its thread and evidence, and what
// operators do to a tip. Every route authenticates, then checks the route table for the
// caller's role; every read of a tip and every action goes to the tip's audit trail. The
// supervisors' agreement report (counts only) is audited as a read too.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { clockFromEnv } from '../adapters/clock';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoDeliveries, dynamoPagingStore } from '../adapters/dynamo-paging';
import { dynamoClosedTips, dynamoTipReader, dynamoTipWriter, InvalidCursor } from '../adapters/dynamo-tip-store';
import { answerError, fieldErrors, json, parseJsonBody, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { authorize, operatorAuthenticatorFromEnv } from '../adapters/operator-auth';
import { DEFAULT_CLOSED_TIP_RETENTION_DAYS } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import type { RouteKeyFor } from '../config/tables';
import { agreementWindowStart, triageAgreement } from '../core/agreement';
import type { AuditAction } from '../core/audit';
import { InvalidRequest, TipNotFound } from '../core/errors';
import { changeStatus, claimTip, overrideLevel, releaseTip, staffRef, TipConflict, type Actor, type Decision } from '../core/operator-actions';
import { toQueueItem, toTipDetail } from '../core/operator-views';
import { LEVELS } from '../core/tip';
import { TIP_ID_PATTERN } from '../core/tip-id';
import { OUTCOMES, TIP_STATUSES, TipVersionConflict, type TipRecord } from '../core/tip-record';

const config = readConfig({
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.auditTable,
  [ENV.pagingTable]: z.string().min(3),
  [ENV.pageDeliveriesTable]: z.string().min(3),
  [ENV.closedTipRetentionDays]: z.coerce.number().int().min(1).max(3650).default(DEFAULT_CLOSED_TIP_RETENTION_DAYS),
});
const dynamo = documentClient();
const tables = { tips: config[ENV.tipsTable], messages: config[ENV.messagesTable] };
const reader = dynamoTipReader(dynamo, tables);
const writer = dynamoTipWriter(dynamo, tables);
const closedTips = dynamoClosedTips(dynamo, tables.tips);
const audit = dynamoAuditLog(dynamo, config[ENV.auditTable]);
const paging = dynamoPagingStore(dynamo, config[ENV.pagingTable]);
const deliveries = dynamoDeliveries(dynamo, config[ENV.pageDeliveriesTable]);
const authenticate = operatorAuthenticatorFromEnv();
const logger = createLogger('operator-api');
// The time reports are counted back from: the system clock in AWS; in the local stack, its
// movable clock (as paging's). Actions keep the wall time, so that notes and claims sort among
// the tipster's messages, which intake stamps with it.
const reportClock = clockFromEnv();

/** The audit table's partition for reads of reports: not a tip id (those are 8 characters). */
const REPORTS_AUDIT_KEY = 'reports';

const queueQuery = z.strictObject({
  status: z.enum(['open', ...TIP_STATUSES]).default('open'),
  level: z.enum(LEVELS).optional(),
  region: z.string().trim().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});
const statusBody = z.strictObject({ status: z.enum(TIP_STATUSES), outcome: z.enum(OUTCOMES).optional() });
const noteBody = z.strictObject({ text: z.string().trim().min(1, 'text is required').max(2000, 'text must be at most 2000 characters') });
const noQuery = z.strictObject({});
const levelBody = z.strictObject({
  level: z.enum(LEVELS),
  reason: z.string().trim().min(3, 'say why, in a few words').max(500, 'reason must be at most 500 characters'),
});

interface Request {
  event: APIGatewayProxyEventV2;
  actor: Actor;
  now: Date;
}

function tipIdOf(event: APIGatewayProxyEventV2): string {
  const tipId = (event.pathParameters?.id ?? '').toUpperCase();
  if (!TIP_ID_PATTERN.test(tipId)) throw new InvalidRequest('A tip id has 8 letters and digits, as shown in the queue.', { id: 'invalid tip id' });
  return tipId;
}

async function existingTip(tipId: string): Promise<TipRecord> {
  const tip = await reader.getTip(tipId);
  if (!tip) throw new TipNotFound(tipId);
  return tip;
}

function record(tipId: string, { actor, now }: Request, action: AuditAction, details: Record<string, string> = {}) {
  return audit.record({ tipId, at: now.toISOString(), actor: staffRef(actor), action, details });
}

/** Read, decide, write on the version read; on a race, read again and decide again. */
async function act(request: Request, action: AuditAction, decide: (tip: TipRecord) => Decision): Promise<HttpResult> {
  const tipId = tipIdOf(request.event);
  for (let attempt = 0; attempt < 5; attempt++) {
    const tip = await existingTip(tipId);
    const decision = decide(tip);
    try {
      if (decision.tip !== tip) await writer.updateTip(tip, decision.tip);
      await record(tipId, request, action, decision.details);
      return json(200, toQueueItem({ ...decision.tip, version: tip.version + 1 }));
    } catch (error: unknown) {
      if (!(error instanceof TipVersionConflict)) throw error;
    }
  }
  throw new TipConflict('The tip is changing quickly right now; reload it and try again.');
}

const routes: Record<RouteKeyFor<'operatorApi'>, (request: Request) => Promise<HttpResult>> = {
  'GET /api/me': async ({ actor }) => json(200, { id: actor.id, name: actor.name, roles: actor.roles }),

  'GET /api/queue': async ({ event }) => {
    const query = queueQuery.safeParse(event.queryStringParameters ?? {});
    if (!query.success) throw new InvalidRequest('Bad query parameters.', fieldErrors(query.error.issues));
    const { limit, cursor, ...filter } = query.data;
    try {
      const page = await reader.listTips(filter, { limit, ...(cursor ? { cursor } : {}) });
      return json(200, { tips: page.tips.map(toQueueItem), ...(page.cursor ? { cursor: page.cursor } : {}) });
    } catch (error: unknown) {
      if (error instanceof InvalidCursor) throw new InvalidRequest(error.message, { cursor: error.message });
      throw error;
    }
  },

  'GET /api/tips/{id}': async (request) => {
    const tipId = tipIdOf(request.event);
    const tip = await existingTip(tipId);
    // Recorded before the answer leaves: a read that is not in the trail must not happen.
    await record(tipId, request, 'read');
    return json(200, toTipDetail(tip, await reader.listMessages(tipId)));
  },

  'POST /api/tips/{id}/claim': (request) => act(request, 'claim', (tip) => claimTip(tip, request.actor, request.now)),

  'POST /api/tips/{id}/release': (request) => act(request, 'release', (tip) => releaseTip(tip, request.actor)),

  'POST /api/tips/{id}/status': (request) => {
    const body = parseJsonBody(request.event, statusBody, 4096, '{"status": "closed", "outcome": "referred_to_police"}');
    return act(request, 'status', (tip) => changeStatus(tip, body, request.actor, request.now, config[ENV.closedTipRetentionDays]));
  },

  'POST /api/tips/{id}/level': (request) => {
    const body = parseJsonBody(request.event, levelBody, 4096, '{"level": "high", "reason": "..."}');
    return act(request, 'level_override', (tip) => overrideLevel(tip, body, request.actor, request.now));
  },

  'POST /api/tips/{id}/notes': async (request) => {
    const tipId = tipIdOf(request.event);
    const { text } = parseJsonBody(request.event, noteBody, 16 * 1024, '{"text": "..."}');
    const tip = await existingTip(tipId);
    const id = `note_${randomUUID()}`;
    const at = request.now.toISOString();
    await writer.addThreadEntry({ messageId: id, tipId, kind: 'note', author: staffRef(request.actor), text, receivedAt: at, channel: tip.channel, lang: tip.lang, redactions: {} });
    await record(tipId, request, 'note', { noteId: id });
    return json(201, { id, kind: 'note', at, text, author: staffRef(request.actor) });
  },

  'GET /api/tips/{id}/pages': async (request) => {
    const tipId = tipIdOf(request.event);
    await existingTip(tipId);
    const [stored, sent] = await Promise.all([paging.get(tipId), deliveries.forTip(tipId)]);
    const state = stored?.state;
    const names = new Map(sent.map((d) => [d.responderId, d.responderName]));
    return json(200, {
      state: state
        ? {
            level: state.level,
            code: state.code,
            step: state.step,
            cycle: state.cycle,
            open: !state.acknowledged && !state.stoppedAt,
            acknowledged: state.acknowledged ? { by: { id: state.acknowledged.responderId, name: names.get(state.acknowledged.responderId) ?? state.acknowledged.responderId }, at: state.acknowledged.at } : null,
            stoppedAt: state.stoppedAt ?? null,
            deadlineAt: state.deadlineAt ?? null,
          }
        : null,
      pages: sent
        .filter((d) => d.kind === 'page')
        .map((d) => {
          // The page's key is tipId#step#cycle#responderId.
          const [, step = '0', cycle = '0'] = d.idempotencyKey.split('#');
          return { responder: { id: d.responderId, name: d.responderName, role: d.responderRole }, step: Number(step), cycle: Number(cycle), pagedAt: d.pagedAt, status: d.status };
        }),
    });
  },

  'GET /api/reports/agreement': async ({ event, actor }) => {
    const query = noQuery.safeParse(event.queryStringParameters ?? {});
    if (!query.success) throw new InvalidRequest('This report takes no parameters: it always covers the last 30 days.', fieldErrors(query.error.issues));
    const now = reportClock();
    const tips: TipRecord[] = [];
    for await (const tip of closedTips.closedSince(agreementWindowStart(now))) tips.push(tip);
    const report = triageAgreement(tips, now);
    // Recorded before the answer leaves, as every read is.
    await audit.record({ tipId: REPORTS_AUDIT_KEY, at: new Date().toISOString(), actor: staffRef(actor), action: 'report_read', details: { report: 'agreement', from: report.from, to: report.to } });
    return json(200, report);
  },

  'GET /api/tips/{id}/audit': async (request) => {
    const tipId = tipIdOf(request.event);
    await existingTip(tipId);
    await record(tipId, request, 'audit_read');
    const events = await audit.list(tipId);
    return json(200, { events: events.map(({ at, actor, action, details }) => ({ at, actor, action, details })) });
  },
};

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    const actor = await authenticate(event);
    authorize(actor, event.routeKey);
    const route = routes[event.routeKey as keyof typeof routes];
    if (!route) return json(404, { error: 'not_found', message: 'No such operator route.' });
    return await route({ event, actor, now: new Date() });
  } catch (error: unknown) {
    return answerError(error, logger, { route: event.routeKey });
  }
};
