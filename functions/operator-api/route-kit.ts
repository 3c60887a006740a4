// What every route of the operator API does the same way: find the tip (or say it does not
// exist), write the audit entry before the answer leaves, and change a tip on its version
// (core/operator-actions). Shared by app.ts and the route files beside it.
import { json, type HttpResult } from '../adapters/http';
import { tipIdOf, type StaffRequest } from '../adapters/staff-router';
import type { RouteKeyFor } from '../config/tables';
import type { AuditAction } from '../core/audit';
import { TipNotFound } from '../core/errors';
import { actOnTip, staffRef, type Decision } from '../core/operator-actions';
import { toQueueItem } from '../core/operator-views';
import type { TipRecord } from '../core/tip-record';
import type { OperatorApiDeps } from './app';

export type Route = (request: StaffRequest) => Promise<HttpResult>;
/** Some of the operator API's routes, each in the file that knows its concern. */
export type Routes<K extends RouteKeyFor<'operatorApi'>> = Record<K, Route>;

export async function existingTip(deps: OperatorApiDeps, tipId: string): Promise<TipRecord> {
  const tip = await deps.reader.getTip(tipId);
  if (!tip) throw new TipNotFound(tipId);
  return tip;
}

export function record(deps: OperatorApiDeps, tipId: string, { actor, now }: StaffRequest, action: AuditAction, details: Record<string, string> = {}) {
  return deps.audit.record({ tipId, at: now.toISOString(), actor: staffRef(actor), action, details });
}

export function act(deps: OperatorApiDeps, request: StaffRequest, action: AuditAction, decide: (tip: TipRecord) => Decision): Promise<HttpResult> {
  const tipId = tipIdOf(request.event);
  const ports = {
    tips: { getTip: deps.reader.getTip, updateTip: deps.writer.updateTip },
    audit: (details: Record<string, string>) => record(deps, tipId, request, action, details),
    evidence: deps.evidenceRetention,
  };
  return actOnTip(tipId, decide, ports).then((written) => json(200, toQueueItem(written)));
}
