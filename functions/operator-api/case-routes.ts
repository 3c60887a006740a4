// Cases and referrals (issue 17): link a tip into another's case, read a case whole (its tips,
// timeline and referrals), refer it to an agency of the directory, move a referral on and record
// what came of it, and the supervisors' list of referrals nobody updated. Every action is audited
// under every tip of the case, so that each tip's trail shows it; reading a case is a read of
// each of its tips. The agency's SMS goes from paging, as a job, once the referral is stored.
import * as z from 'zod';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { fieldErrors, json, parseJsonBody, type HttpResult } from '../adapters/http';
import { tipIdOf, type StaffRequest } from '../adapters/staff-router';
import type { AuditAction } from '../core/audit';
import { CaseChanging, CaseNotFound, ReferralNotFound } from '../core/cases/errors';
import { caseImplicatesOfficials, isLocalAuthorityAgency, moveReferral, newReferral, recordOutcome, type ReferralDecision } from '../core/cases/lifecycle';
import { linkTip } from '../core/cases/linking';
import {
  type CaseRecord,
  caseCode,
  caseIdSchema,
  linkBody,
  newCaseId,
  newReferralId,
  type ReferralRecord,
  referralBody,
  referralIdSchema,
  referralOutcomeBody,
  referralStatusBody,
  toReferralView,
} from '../core/cases/model';
import { overdueCutoff, overdueReferrals } from '../core/cases/reminders';
import { CaseVersionConflict } from '../core/cases/store';
import { caseTimeline, type TipActivity } from '../core/cases/timeline';
import { InvalidRequest } from '../core/errors';
import { staffRef } from '../core/operator-actions';
import { toQueueItem } from '../core/operator-views';
import type { TipRecord } from '../core/tip-record';
import type { OperatorApiDeps } from './app';
import { record, type Routes } from './route-kit';

type CaseRouteKey =
  | 'POST /api/tips/{id}/link'
  | 'GET /api/cases/{caseId}'
  | 'POST /api/cases/{caseId}/referrals'
  | 'POST /api/cases/{caseId}/referrals/{referralId}/status'
  | 'POST /api/cases/{caseId}/referrals/{referralId}/outcome'
  | 'GET /api/agencies'
  | 'GET /api/referrals/overdue';

/** The audit table's partition for reads of the overdue list: not a tip id (8 characters). */
const REFERRALS_AUDIT_KEY = 'referrals';
const MAX_REFERRAL_ATTEMPTS = 5;
const noQuery = z.strictObject({});

function pathId<T>(event: APIGatewayProxyEventV2, name: 'caseId' | 'referralId', schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(event.pathParameters?.[name] ?? '');
  if (!parsed.success) throw new InvalidRequest(parsed.error.issues[0]?.message ?? `invalid ${name}`, { [name]: `invalid ${name}` });
  return parsed.data;
}

async function existingCase(deps: OperatorApiDeps, caseId: string): Promise<CaseRecord> {
  const found = await deps.cases.getCase(caseId);
  if (!found) throw new CaseNotFound(caseId);
  return found;
}

/** The case's tips that are still kept (retention deletes a closed tip; its case outlives it). */
async function tipsOf(deps: OperatorApiDeps, found: CaseRecord): Promise<TipRecord[]> {
  const tips = await Promise.all(found.tipIds.map((tipId) => deps.reader.getTip(tipId)));
  return tips.filter((tip): tip is TipRecord => tip !== undefined);
}

/** One entry per tip of the case, each tip's trail showing what was done to the case. */
async function recordOnCase(deps: OperatorApiDeps, found: CaseRecord, request: StaffRequest, action: AuditAction, details: Record<string, string>) {
  for (const tipId of found.tipIds) await record(deps, tipId, request, action, details);
}

async function activityOf(deps: OperatorApiDeps, tip: TipRecord): Promise<TipActivity> {
  const [messages, stored, deliveries] = await Promise.all([
    deps.reader.listMessages(tip.tipId),
    deps.paging.get(tip.tipId),
    deps.deliveries.forTip(tip.tipId),
  ]);
  const acknowledged = stored?.state.acknowledged;
  return { tipId: tip.tipId, messages, deliveries, ...(acknowledged ? { acknowledged } : {}) };
}

/**
 * A change to one referral, decided on it as read and written on its version; when someone else
 * changed it meanwhile, read and decided again. Audited under every tip of the case once written.
 */
async function changeReferral(
  deps: OperatorApiDeps,
  request: StaffRequest,
  action: AuditAction,
  decide: (referral: ReferralRecord, now: Date) => ReferralDecision,
): Promise<HttpResult> {
  const caseId = pathId(request.event, 'caseId', caseIdSchema);
  const referralId = pathId(request.event, 'referralId', referralIdSchema);
  const found = await existingCase(deps, caseId);
  for (let attempt = 0; attempt < MAX_REFERRAL_ATTEMPTS; attempt++) {
    const referral = await deps.cases.getReferral(caseId, referralId);
    if (!referral) throw new ReferralNotFound(referralId);
    const decision = decide(referral, deps.referralClock());
    try {
      await deps.cases.updateReferral(referral, decision.referral);
    } catch (error: unknown) {
      if (error instanceof CaseVersionConflict) continue;
      throw error;
    }
    await recordOnCase(deps, found, request, action, decision.details);
    return json(200, toReferralView(decision.referral));
  }
  throw new CaseChanging();
}

export function caseRoutes(deps: OperatorApiDeps): Routes<CaseRouteKey> {
  return {
    'POST /api/tips/{id}/link': async (request) => {
      const tipId = tipIdOf(request.event);
      const { to } = parseJsonBody(request.event, linkBody, 4096, '{"to": "7K2F9QXM"}');
      const ports = { tips: deps.reader, cases: deps.cases, newCaseId: () => newCaseId() };
      const plan = await linkTip(tipId, to, request.actor, request.now, ports);
      if (plan.write) {
        await recordOnCase(deps, plan.case, request, 'case_linked', {
          caseId: plan.case.caseId,
          tipId,
          to,
          created: String(plan.created),
          tips: String(plan.case.tipIds.length),
        });
      }
      return json(200, { caseId: plan.case.caseId, tipIds: plan.case.tipIds });
    },

    'GET /api/cases/{caseId}': async (request) => {
      const found = await existingCase(deps, pathId(request.event, 'caseId', caseIdSchema));
      const [tips, referrals] = await Promise.all([tipsOf(deps, found), deps.cases.listReferrals(found.caseId)]);
      // Recorded before the answer leaves: the case shows each tip's thread.
      for (const tip of tips) await record(deps, tip.tipId, request, 'read', { view: 'case', caseId: found.caseId });
      const activity = await Promise.all(tips.map((tip) => activityOf(deps, tip)));
      return json(200, {
        caseId: found.caseId,
        code: caseCode(found.caseId),
        tipIds: found.tipIds,
        createdAt: found.createdAt,
        createdBy: found.createdBy,
        implicatesOfficials: caseImplicatesOfficials(tips),
        tips: tips.map(toQueueItem),
        timeline: caseTimeline(activity, referrals, found.tipIds[0] ?? ''),
        referrals: referrals.map(toReferralView),
      });
    },

    'POST /api/cases/{caseId}/referrals': async (request) => {
      const example = '{"agencyId": "fistrap-mdd", "summary": "...", "share": {"level": true, "indicators": true, "places": false}}';
      const body = parseJsonBody(request.event, referralBody, 16 * 1024, example);
      const found = await existingCase(deps, pathId(request.event, 'caseId', caseIdSchema));
      const [tips, directory] = await Promise.all([tipsOf(deps, found), deps.agencies.load()]);
      const decision = newReferral({
        caseId: found.caseId,
        referralId: newReferralId(),
        tips,
        agency: directory.agencies.find((agency) => agency.agencyId === body.agencyId),
        agencyId: body.agencyId,
        rules: directory.regionRules,
        body,
        actor: request.actor,
        now: deps.referralClock(),
      });
      await deps.cases.putReferral(decision.referral);
      await recordOnCase(deps, found, request, 'referral_sent', decision.details);
      const { caseId, referralId } = decision.referral;
      await deps.pagingRequests({ type: 'ReferralSend', caseId, referralId }).catch((error: unknown) => {
        deps.logger.warn(`the agency's SMS of referral ${referralId} was not queued; paging's hourly sweep sends it`, {
          route: 'POST /api/cases/{caseId}/referrals',
          errorName: error instanceof Error ? error.name : 'unknown',
        });
      });
      return json(201, toReferralView(decision.referral));
    },

    'POST /api/cases/{caseId}/referrals/{referralId}/status': (request) => {
      const change = parseJsonBody(request.event, referralStatusBody, 4096, '{"status": "received", "agencyReference": "Oficio 123-2026", "note": "..."}');
      return changeReferral(deps, request, 'referral_status', (referral, now) => moveReferral(referral, change, request.actor, now));
    },

    'POST /api/cases/{caseId}/referrals/{referralId}/outcome': (request) => {
      const example = '{"rescuedAdults": 0, "rescuedMinors": 1, "arrests": 2, "chargesFiled": true, "conviction": false}';
      const outcome = parseJsonBody(request.event, referralOutcomeBody, 4096, example);
      return changeReferral(deps, request, 'referral_outcome', (referral, now) => recordOutcome(referral, outcome, request.actor, now));
    },

    'GET /api/agencies': async ({ event }) => {
      const query = noQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) throw new InvalidRequest('The agency list takes no parameters.', fieldErrors(query.error.issues));
      const { agencies, regionRules } = await deps.agencies.load();
      const sorted = [...agencies].sort((a, b) => a.region.localeCompare(b.region) || a.name.localeCompare(b.name));
      return json(200, {
        agencies: sorted.map(({ agencyId, name, kind, region, active }) => ({
          agencyId,
          name,
          kind,
          region,
          active,
          localAuthority: isLocalAuthorityAgency({ kind, region }, regionRules),
        })),
      });
    },

    'GET /api/referrals/overdue': async ({ event, actor, now }) => {
      const query = noQuery.safeParse(event.queryStringParameters ?? {});
      if (!query.success) {
        throw new InvalidRequest(
          `The overdue list takes no parameters: its days are the deployment's (${deps.referralReminderDays}).`,
          fieldErrors(query.error.issues),
        );
      }
      const at = deps.referralClock();
      const days = deps.referralReminderDays;
      const overdue = overdueReferrals(await deps.cases.openReferrals(overdueCutoff(at, days)), at, days);
      // Recorded before the answer leaves, as every read is; summaries name no tip.
      await deps.audit.record({
        tipId: REFERRALS_AUDIT_KEY,
        at: now.toISOString(),
        actor: staffRef(actor),
        action: 'report_read',
        details: { report: 'overdue_referrals', days: String(days), count: String(overdue.length) },
      });
      return json(200, { days, referrals: overdue.map(({ referral, overdueDays }) => ({ ...toReferralView(referral), overdueDays })) });
    },
  };
}
