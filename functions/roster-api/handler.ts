// The on-call roster for supervisors: read it, and change responders, rotations, overrides and
// escalation policies. Its own function because it is the only staff one that can seal a
// responder's phone (and compute its contact key); no answer and no log line ever carries one.
// A change is refused when it would add a problem to the roster (a dangling id, a second
// policy for a region), so that paging never meets one at 2 a.m.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoResponderLookup, dynamoRosterReader, dynamoRosterWriter } from '../adapters/dynamo-roster';
import { answerError, json, parseJsonBody, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger, errorName } from '../adapters/logger';
import { authorize, operatorAuthenticatorFromEnv } from '../adapters/operator-auth';
import { loadContactKeySecret } from '../adapters/secrets';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import type { RouteKeyFor } from '../config/tables';
import { rosterProblems } from '../core/paging';
import { staffRef, type Actor } from '../core/operator-actions';
import {
  changeId,
  checkedChange,
  PhoneInUse,
  readPathId,
  readItemPut,
  readResponderPut,
  responderPhone,
  RosterConflict,
  RosterItemNotFound,
  type ItemPut,
  type RosterChange,
} from './roster-change';

const config = readConfig({ ...configShapes.rosterTable, ...configShapes.responderContactsTable, ...configShapes.auditTable });
const dynamo = documentClient();
const reader = dynamoRosterReader(dynamo, config[ENV.rosterTable]);
const writer = dynamoRosterWriter(dynamo, { roster: config[ENV.rosterTable], responderContacts: config[ENV.responderContactsTable] }, dataKeySourceFromEnv());
const responderContacts = dynamoResponderLookup(dynamo, config[ENV.responderContactsTable]);
const audit = dynamoAuditLog(dynamo, config[ENV.auditTable]);
const authenticate = operatorAuthenticatorFromEnv();
const logger = createLogger('roster-api');

/** The audit table's partition for roster changes: not a tip id (those are 8 characters). */
const ROSTER_AUDIT_KEY = 'roster';
/** A policy of 10 levels with long ids is under 2 KB; nothing legitimate comes near this. */
const BODY_LIMIT = 16 * 1024;
const anyJson = z.unknown();

interface Request {
  event: APIGatewayProxyEventV2;
  actor: Actor;
  now: Date;
}

async function recordChange({ actor, now }: Request, change: RosterChange, extra: Record<string, string> = {}): Promise<void> {
  await audit.record({
    tipId: ROSTER_AUDIT_KEY,
    at: now.toISOString(),
    actor: staffRef(actor),
    action: 'roster_change',
    details: { kind: change.kind, id: changeId(change), op: change.op, ...extra },
  });
}

function bodyOf(event: APIGatewayProxyEventV2, example: string): unknown {
  return parseJsonBody(event, anyJson, BODY_LIMIT, example);
}

/** Rotations, overrides and policies: validate, check against the whole roster, write, audit. */
async function putItem(request: Request, kind: ItemPut['kind'], example: string): Promise<HttpResult> {
  const id = readPathId(request.event.pathParameters?.id);
  const change = readItemPut(kind, id, bodyOf(request.event, example));
  // Last writer wins between two supervisors editing at once; the check runs on what was read.
  checkedChange(await reader.load(), change);
  await writer.put(kind, id, change.item);
  await recordChange(request, change);
  return json(200, change.item);
}

const routes: Record<RouteKeyFor<'rosterApi'>, (request: Request) => Promise<HttpResult>> = {
  'GET /api/roster': async () => {
    const { roster, hasPhone } = await reader.loadWithPhoneFlags();
    return json(200, {
      responders: roster.responders.map((responder) => ({ ...responder, hasPhone: hasPhone.has(responder.responderId) })),
      rotations: roster.rotations,
      overrides: roster.overrides,
      policies: roster.policies,
      problems: rosterProblems(roster),
    });
  },

  'PUT /api/roster/responders/{id}': async (request) => {
    const id = readPathId(request.event.pathParameters?.id);
    const { responder, phone } = readResponderPut(id, bodyOf(request.event, '{"name": "...", "role": "police", "regions": ["Madre de Dios"], "lang": "es", "active": true, "phone": "+51987654321"}'));
    const contact = phone === undefined ? undefined : responderPhone(phone, await loadContactKeySecret());
    if (contact) {
      const owner = await responderContacts.responderFor(contact.contactKey);
      if (owner !== undefined && owner !== id) throw new PhoneInUse(owner);
    }
    const { roster, hasPhone } = await reader.loadWithPhoneFlags();
    const change: RosterChange = { kind: 'responder', op: 'put', item: responder };
    checkedChange(roster, change);
    await writer.putResponder(responder, contact);
    // Whether the phone changed is worth auditing (a page could be redirected); the number is not.
    await recordChange(request, change, contact ? { phone: 'set' } : {});
    return json(200, { ...responder, hasPhone: contact !== undefined || hasPhone.has(id) });
  },

  'PUT /api/roster/rotations/{id}': (request) =>
    putItem(request, 'rotation', '{"region": "Madre de Dios", "timeZone": "America/Lima", "handoff": {"weekday": 1, "time": "08:00"}, "participants": ["..."], "firstHandoff": "2026-11-02"}'),

  'PUT /api/roster/overrides/{id}': (request) =>
    putItem(request, 'override', '{"rotationId": "...", "responderId": "...", "start": "2026-12-01T13:00:00Z", "end": "2026-12-02T13:00:00Z", "reason": "swap"}'),

  'PUT /api/roster/policies/{id}': (request) =>
    putItem(request, 'policy', '{"region": "Madre de Dios", "levels": [{"target": {"kind": "rotation", "rotationId": "..."}, "deadlineMinutes": 10}]}'),

  'DELETE /api/roster/overrides/{id}': async (request) => {
    const id = readPathId(request.event.pathParameters?.id);
    const change: RosterChange = { kind: 'override', op: 'delete', id };
    checkedChange(await reader.load(), change);
    await writer.remove('override', id);
    await recordChange(request, change);
    return { statusCode: 204, headers: { ...SAFE_HEADERS } };
  },
};

/** The roster's own client errors; everything else goes through the shared mapper. */
function rosterErrorResponse(error: unknown): HttpResult | undefined {
  if (error instanceof RosterConflict) return json(409, { error: 'roster_conflict', message: error.message, problems: error.problems });
  if (error instanceof PhoneInUse) return json(409, { error: 'phone_in_use', message: error.message });
  if (error instanceof RosterItemNotFound) return json(404, { error: 'not_found', message: error.message });
  return undefined;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    const actor = await authenticate(event);
    authorize(actor, event.routeKey);
    const route = routes[event.routeKey as keyof typeof routes];
    if (!route) return json(404, { error: 'not_found', message: 'No such roster route.' });
    return await route({ event, actor, now: new Date() });
  } catch (error: unknown) {
    const response = rosterErrorResponse(error);
    if (response) {
      logger.warn('rejected request', { route: event.routeKey, status: response.statusCode ?? 400, errorName: errorName(error) });
      return response;
    }
    return answerError(error, logger, { route: event.routeKey });
  }
};
