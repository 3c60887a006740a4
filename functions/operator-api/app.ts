// The staff API: the queue in urgency order, a tip with its thread and evidence, and what
// operators do to a tip. Every route authenticates, then checks the route table for the
// caller's role; every read of a tip and every action goes to the tip's audit trail. The
// supervisors' agreement report (counts only) is audited as a read too. Sealed evidence is
// revealed here, supervisors only, two of them per value (core/evidence). Responders read only
// the tips paged to them, and only what they need (core/responder-access); a claim holds, bar a
// supervisor's take-over (core/operator-actions).
import { documentClient } from '../adapters/aws-clients';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoEvidenceStore, evidenceOpener } from '../adapters/dynamo-evidence';
import { dataKeysOf } from '../adapters/envelope';
import { dynamoDeliveries, dynamoPagingStore } from '../adapters/dynamo-paging';
import { dynamoStatisticsReader } from '../adapters/dynamo-statistics';
import type { StatisticsReader } from '../core/statistics/store';
import { dynamoClosedTips, dynamoTipReader, dynamoTipWriter } from '../adapters/dynamo-tip-store';
import { allFollow, dynamoTipRetention } from '../adapters/dynamo-tip-retention';
import { fieldErrors, json, parseJsonBody, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { operatorAuthenticatorOf } from '../adapters/operator-auth';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { staffRouter, tipIdOf, type StaffRequest, type StaffRouterDeps } from '../adapters/staff-router';
import { endPagingOf, pagingRoutes } from './paging-routes';
import { act, existingTip, record } from './route-kit';
import { shiftRoutes } from './shift-routes';
import { caseRoutes } from './case-routes';
import { statisticsRoutes } from './statistics-routes';
import { dynamoCaseStore } from '../adapters/dynamo-cases';
import { type AgencyDirectory, dynamoAgencyDirectory } from '../adapters/dynamo-agency-directory';
import type { CaseStore } from '../core/cases/store';
import { cognitoStaffDirectory } from '../adapters/cognito-staff';
import { sqsOperatorPaging, sqsPagingRequests, type OperatorPaging, type PagingRequests } from '../adapters/sqs-paging-requests';
import { DEFAULT_CLOSED_TIP_RETENTION_DAYS, MAX_CLOSED_TIP_RETENTION_DAYS } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import type { RouteKeyFor } from '../config/tables';
import { agreementWindowStart, triageAgreement } from '../core/agreement';
import type { AuditLog } from '../core/audit';
import { InvalidRequest, TipNotFound } from '../core/errors';
import type { EvidenceRetention } from '../core/evidence/model';
import { decideReveal, listEvidence, requestReveal, revealValue, type EvidenceCall, type EvidenceDeps } from '../core/evidence/reveal';
import {
  changeStatus,
  claimTip,
  noteFor,
  overrideLevel,
  releaseTip,
  staffRef,
  TAKE_OVER_REASON,
  takeOverTip,
  type Actor,
  type StaffDirectory,
} from '../core/operator-actions';
import { toQueueItem, toResponderPagingView, toResponderTipView, toTipDetail } from '../core/operator-views';
import { pageView, type PagingView } from '../core/paging/page-view';
import { isResponderOnly, responderAccess, type ResponderAccess } from '../core/responder-access';
import type { Clock, TipDeliveries } from '../core/ports';
import { CHANNELS, LEVELS } from '../core/tip';
import { OUTCOMES, TIP_STATUSES, type TipRecord } from '../core/tip-record';

export const configShape = {
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.receiptsTable,
  ...configShapes.auditTable,
  ...configShapes.pagingTable,
  ...configShapes.pageDeliveriesTable,
  ...configShapes.pagingQueue,
  ...configShapes.jwt,
  ...configShapes.staffUserPool,
  ...configShapes.casesTable,
  ...configShapes.statisticsTable,
  ...configShapes.rosterTable,
  ...configShapes.referralReminders,
  [ENV.evidenceTable]: z.string().min(3),
  [ENV.closedTipRetentionDays]: z.coerce.number().int().min(1).max(MAX_CLOSED_TIP_RETENTION_DAYS).default(DEFAULT_CLOSED_TIP_RETENTION_DAYS),
};

export interface OperatorApiDeps extends StaffRouterDeps {
  reader: ReturnType<typeof dynamoTipReader>;
  writer: ReturnType<typeof dynamoTipWriter>;
  closedTips: ReturnType<typeof dynamoClosedTips>;
  audit: AuditLog;
  paging: ReturnType<typeof dynamoPagingStore>;
  deliveries: TipDeliveries;
  closedTipRetentionDays: number;
  /**
   * The time reports are counted back from: the platform's clock (movable in tests). Actions keep
   * the wall time (`now`), so that notes and claims sort among the tipster's messages, which
   * intake stamps with it.
   */
  reportClock: Clock;
  /** An operator's raise to critical pages at once (core/paging/trigger.ts operatorPageJob). */
  pageOnDecision: OperatorPaging;
  /** Paging alone writes paging states: the end of a tip's paging and phone ACKs go to it as jobs. */
  pagingRequests: PagingRequests;
  /** The clock paging stamps acknowledgements with, against which a responder's access runs out. */
  pagingClock: Clock;
  /** Sealed evidence: its store, opened with the platform's data keys, on the platform's clock. */
  evidence: EvidenceDeps;
  /**
   * Closing or reopening a tip sets or clears the retention of everything it holds too: its
   * evidence, messages, receipt, paging state and page deliveries.
   */
  evidenceRetention: EvidenceRetention;
  /** Who a tip can be handed to (POST /api/tips/{id}/assign, GET /api/staff). */
  staff: StaffDirectory;
  /** Cases and their referrals (case-routes.ts). */
  cases: CaseStore;
  /** The agencies a case can be referred to, and which are each region's local authority. */
  agencies: AgencyDirectory;
  /**
   * Referrals' times and the overdue list: the platform's clock (movable locally), on which
   * paging's reminder sweep decides too, so that both agree on what is overdue.
   */
  referralClock: Clock;
  /** Days without an update after which a referral is overdue (ENV.referralReminderDays). */
  referralReminderDays: number;
  /** Published months only: the API never reads live counts. */
  statistics: StatisticsReader;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): OperatorApiDeps {
  const config = readConfig(configShape, env);
  const dynamo = documentClient(platform);
  const tables = { tips: config[ENV.tipsTable], messages: config[ENV.messagesTable] };
  const reader = dynamoTipReader(dynamo, tables);
  const evidence = dynamoEvidenceStore(dynamo, config[ENV.evidenceTable]);
  return {
    reader,
    writer: dynamoTipWriter(dynamo, { ...tables, statistics: config[ENV.statisticsTable] }),
    closedTips: dynamoClosedTips(dynamo, tables.tips),
    audit: dynamoAuditLog(dynamo, config[ENV.auditTable]),
    paging: dynamoPagingStore(dynamo, config[ENV.pagingTable]),
    deliveries: dynamoDeliveries(dynamo, config[ENV.pageDeliveriesTable]),
    closedTipRetentionDays: config[ENV.closedTipRetentionDays],
    staff: platform.staffDirectory ?? cognitoStaffDirectory(config[ENV.staffUserPoolId]),
    cases: dynamoCaseStore(dynamo, { cases: config[ENV.casesTable], tips: tables.tips, statistics: config[ENV.statisticsTable] }),
    statistics: dynamoStatisticsReader(dynamo, config[ENV.statisticsTable]),
    agencies: dynamoAgencyDirectory(dynamo, config[ENV.rosterTable]),
    referralClock: platform.clock,
    referralReminderDays: config[ENV.referralReminderDays],
    authenticate: operatorAuthenticatorOf(config, platform),
    logger: createLogger('operator-api'),
    now: systemClock,
    reportClock: platform.clock,
    pageOnDecision: sqsOperatorPaging(platform, config[ENV.pagingQueueUrl]),
    pagingRequests: sqsPagingRequests(platform, config[ENV.pagingQueueUrl]),
    pagingClock: platform.clock,
    evidence: { tips: reader, store: evidence, open: evidenceOpener(dataKeysOf(platform, env)), now: platform.clock, newRequestId: randomUUID },
    evidenceRetention: allFollow(
      evidence,
      dynamoTipRetention(dynamo, {
        messages: tables.messages,
        receipts: config[ENV.receiptsTable],
        paging: config[ENV.pagingTable],
        pageDeliveries: config[ENV.pageDeliveriesTable],
      }),
    ),
  };
}

/** The audit table's partition for reads of reports: not a tip id (those are 8 characters). */
const REPORTS_AUDIT_KEY = 'reports';

/** A day of the calendar, as the queue's from/to take it (UTC, on when the tip arrived). */
const calendarDay = (field: 'from' | 'to') =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${field} is a date written YYYY-MM-DD, e.g. 2025-03-01`)
    .refine((day) => {
      const start = new Date(`${day}T00:00:00.000Z`);
      return !Number.isNaN(start.getTime()) && start.toISOString().startsWith(day);
    }, `${field} is not a day of the calendar, e.g. 2025-03-01`);

const queueQuery = z
  .strictObject({
    status: z.enum(['open', ...TIP_STATUSES]).default('open'),
    level: z.enum(LEVELS).optional(),
    region: z.string().trim().min(1).max(60).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
    // Blank is no search: a cleared search box sends q=.
    q: z.string().trim().max(100, 'q is at most 100 characters: a few words the tip says').optional(),
    claimed: z.enum(['mine', 'unclaimed'], { error: 'claimed is "mine" (held by you) or "unclaimed" (held by nobody)' }).optional(),
    channel: z.enum(CHANNELS, { error: `channel is one of ${CHANNELS.join(', ')}` }).optional(),
    from: calendarDay('from').optional(),
    to: calendarDay('to').optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'to is a date on or after from', path: ['to'] });
const statusBody = z.strictObject({ status: z.enum(TIP_STATUSES), outcome: z.enum(OUTCOMES).optional() });
const noteBody = z.strictObject({ text: z.string().trim().min(1, 'text is required').max(2000, 'text must be at most 2000 characters') });
const noQuery = z.strictObject({});
const revealRequestBody = z.strictObject({ reason: z.string({ error: 'say why the value is needed' }) });
// Sent only by a supervisor taking over a tip someone else holds; a plain claim has no body.
const takeOverBody = z.strictObject({
  takeOver: z.literal(true, { error: 'takeOver is true; to claim a tip nobody holds, send no body' }),
  reason: z
    .string({ error: 'say why you take it over' })
    .trim()
    .min(TAKE_OVER_REASON.min, 'say why you take it over, e.g. "Olga went off shift with the tip claimed"')
    .max(TAKE_OVER_REASON.max, `reason must be at most ${TAKE_OVER_REASON.max} characters`),
});
const levelBody = z.strictObject({
  level: z.enum(LEVELS),
  reason: z.string().trim().min(3, 'say why, in a few words').max(500, 'reason must be at most 500 characters'),
});

/**
 * Whether this responder may read this tip now (core/responder-access), and its paging as they may
 * see it. Decided on the tip's paging alone, read whatever the answer, before the tip itself is:
 * every refusal is the TipNotFound of an unknown id, with the same reads behind it, so that a
 * responder cannot tell a tip they were not paged for from one that does not exist.
 */
async function responderPaging(
  deps: OperatorApiDeps,
  actor: Actor,
  tipId: string,
): Promise<{ access: Extract<ResponderAccess, { allowed: true }>; paging: PagingView }> {
  const [stored, sent] = await Promise.all([deps.paging.get(tipId), deps.deliveries.forTip(tipId)]);
  const access = responderAccess(actor.responderId, stored?.state, sent, deps.pagingClock());
  if (!access.allowed || !actor.responderId) throw new TipNotFound(tipId);
  return { access, paging: toResponderPagingView(pageView(stored?.state, sent), actor.responderId) };
}

function evidenceCall(deps: OperatorApiDeps, request: StaffRequest): EvidenceCall {
  const tipId = tipIdOf(request.event);
  return { tipId, actor: request.actor, audit: (action, details) => record(deps, tipId, request, action, details) };
}

/** A path parameter besides the tip id; the workflow itself says when it names nothing. */
const pathParameter = (request: StaffRequest, name: 'spanId' | 'requestId'): string => request.event.pathParameters?.[name] ?? '';

function routesFor(deps: OperatorApiDeps): Record<RouteKeyFor<'operatorApi'>, (request: StaffRequest) => Promise<HttpResult>> {
  const { reader, writer, closedTips, audit, paging, deliveries } = deps;
  return {
    ...pagingRoutes(deps),
    ...shiftRoutes(deps),
    ...caseRoutes(deps),
    ...statisticsRoutes(deps),
    'GET /api/me': async ({ actor }) => json(200, { id: actor.id, name: actor.name, roles: actor.roles }),

    'GET /api/queue': async ({ event, actor }) => {
      const query = queueQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new InvalidRequest('Bad query parameters.', fieldErrors(query.error.issues));
      const { limit, cursor, ...filter } = query.data;
      // A cursor this API did not hand out is an InvalidRequest (InvalidCursor) from the reader.
      const page = await reader.listTips({ ...filter, actorId: actor.id }, { limit, ...(cursor ? { cursor } : {}) });
      return json(200, { tips: page.tips.map(toQueueItem), ...(page.cursor ? { cursor: page.cursor } : {}) });
    },

    'GET /api/tips/{id}': async (request) => {
      const tipId = tipIdOf(request.event);
      if (isResponderOnly(request.actor)) {
        const { access, paging } = await responderPaging(deps, request.actor, tipId);
        const tip = await existingTip(deps, tipId);
        await record(deps, tipId, request, 'read', { view: 'responder', access: access.relation });
        return json(200, toResponderTipView(tip, await reader.listMessages(tipId), paging, { relation: access.relation, until: access.until }));
      }
      const tip = await existingTip(deps, tipId);
      // Recorded before the answer leaves: a read that is not in the trail must not happen.
      await record(deps, tipId, request, 'read');
      return json(200, toTipDetail(tip, await reader.listMessages(tipId)));
    },

    'POST /api/tips/{id}/claim': (request) => {
      const takeOver = request.event.body ? parseJsonBody(request.event, takeOverBody, 4096, '{"takeOver": true, "reason": "..."}') : undefined;
      return act(deps, request, 'claim', (tip) =>
        takeOver ? takeOverTip(tip, request.actor, takeOver.reason, request.now) : claimTip(tip, request.actor, request.now),
      );
    },

    'POST /api/tips/{id}/release': (request) => act(deps, request, 'release', (tip) => releaseTip(tip, request.actor)),

    'POST /api/tips/{id}/status': async (request) => {
      const body = parseJsonBody(request.event, statusBody, 4096, '{"status": "closed", "outcome": "referred_to_police"}');
      const answer = await act(deps, request, 'status', (tip) => changeStatus(tip, body, request.actor, request.now, deps.closedTipRetentionDays));
      // Closed: no page goes out for it again (paging also reads the status at each deadline).
      if (body.status === 'closed') await endPagingOf(deps, tipIdOf(request.event), body.outcome === 'duplicate' ? 'duplicate' : 'closed', request);
      return answer;
    },

    'POST /api/tips/{id}/level': async (request) => {
      const body = parseJsonBody(request.event, levelBody, 4096, '{"level": "high", "reason": "..."}');
      const answer = await act(deps, request, 'level_override', (tip) => overrideLevel(tip, body, request.actor, request.now));
      // Raised to critical by a person who read it: paged at once, once stored (never before).
      await deps.pageOnDecision(tipIdOf(request.event), body.level, staffRef(request.actor));
      return answer;
    },

    'POST /api/tips/{id}/notes': async (request) => {
      const tipId = tipIdOf(request.event);
      const { text } = parseJsonBody(request.event, noteBody, 16 * 1024, '{"text": "..."}');
      const tip = await existingTip(deps, tipId);
      const note = noteFor(tip, request.actor, text, `note_${randomUUID()}`, request.now);
      await writer.addThreadEntry(note);
      await record(deps, tipId, request, 'note', { noteId: note.messageId });
      return json(201, { id: note.messageId, kind: 'note', at: note.receivedAt, text, author: staffRef(request.actor) });
    },

    'GET /api/tips/{id}/pages': async (request) => {
      const tipId = tipIdOf(request.event);
      if (isResponderOnly(request.actor)) {
        const { paging: view } = await responderPaging(deps, request.actor, tipId);
        await existingTip(deps, tipId);
        return json(200, view);
      }
      await existingTip(deps, tipId);
      const [stored, sent] = await Promise.all([paging.get(tipId), deliveries.forTip(tipId)]);
      return json(200, pageView(stored?.state, sent));
    },

    'GET /api/reports/agreement': async ({ event, actor }) => {
      const query = noQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new InvalidRequest('This report takes no parameters: it always covers the last 30 days.', fieldErrors(query.error.issues));
      const now = deps.reportClock();
      const tips: TipRecord[] = [];
      for await (const tip of closedTips.closedSince(agreementWindowStart(now))) tips.push(tip);
      const report = triageAgreement(tips, now);
      // Recorded before the answer leaves, as every read is.
      await audit.record({
        tipId: REPORTS_AUDIT_KEY,
        at: deps.now().toISOString(),
        actor: staffRef(actor),
        action: 'report_read',
        details: { report: 'agreement', from: report.from, to: report.to },
      });
      return json(200, report);
    },

    'GET /api/tips/{id}/evidence': async (request) => json(200, await listEvidence(deps.evidence, evidenceCall(deps, request))),

    'POST /api/tips/{id}/evidence/{spanId}/reveal-requests': async (request) => {
      const call = evidenceCall(deps, request);
      const { reason } = parseJsonBody(request.event, revealRequestBody, 16 * 1024, '{"reason": "..."}');
      return json(201, await requestReveal(deps.evidence, call, pathParameter(request, 'spanId'), reason));
    },

    'POST /api/tips/{id}/reveal-requests/{requestId}/approve': async (request) =>
      json(200, await decideReveal(deps.evidence, evidenceCall(deps, request), pathParameter(request, 'requestId'), 'approve')),

    'POST /api/tips/{id}/reveal-requests/{requestId}/refuse': async (request) =>
      json(200, await decideReveal(deps.evidence, evidenceCall(deps, request), pathParameter(request, 'requestId'), 'refuse')),

    'GET /api/tips/{id}/reveal-requests/{requestId}': async (request) =>
      json(200, await revealValue(deps.evidence, evidenceCall(deps, request), pathParameter(request, 'requestId'))),

    'GET /api/tips/{id}/audit': async (request) => {
      const tipId = tipIdOf(request.event);
      await existingTip(deps, tipId);
      await record(deps, tipId, request, 'audit_read');
      const events = await audit.list(tipId);
      return json(200, { events: events.map(({ at, actor, action, details }) => ({ at, actor, action, details })) });
    },
  };
}

export function makeHandler(deps: OperatorApiDeps) {
  return staffRouter(routesFor(deps), deps);
}
