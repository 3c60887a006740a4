// The on-call roster for supervisors: read it, and change responders, rotations, overrides,
// escalation policies, the agency directory and region rules; and a responder's own declared
// conflicts. Its own function because it is the only staff one that can seal a responder's phone
// (and compute its contact key) or an agency's contact; no answer and no log line carries one.
// A change is refused when it would add a problem to the roster (a dangling id, a second
// policy for a region), so that paging never meets one at 2 a.m.
import { documentClient } from '../adapters/aws-clients';
import { secretsOf } from '../adapters/secrets';
import { dataKeysOf } from '../adapters/envelope';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoResponderLookup, dynamoRosterReader, dynamoRosterWriter, PhoneTaken } from '../adapters/dynamo-roster';
import { json, parseJsonBody, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { operatorAuthenticatorOf } from '../adapters/operator-auth';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { staffRouter, type StaffRequest, type StaffRouterDeps } from '../adapters/staff-router';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import type { RouteKeyFor } from '../config/tables';
import type { AuditLog } from '../core/audit';
import { rosterProblems } from '../core/paging';
import { Forbidden } from '../core/errors';
import { staffRef } from '../core/operator-actions';
import type { ResponderLookup, RosterAdminReader, RosterWriter } from '../core/ports';
import {
  changeId,
  checkedChange,
  PhoneInUse,
  readAgencyPut,
  readConflictsPut,
  readPathId,
  readItemPut,
  readResponderPut,
  responderPhone,
  type ItemPut,
  type RosterChange,
} from './roster-change';

export const configShape = { ...configShapes.rosterTable, ...configShapes.responderContactsTable, ...configShapes.auditTable, ...configShapes.jwt };

export interface RosterApiDeps extends StaffRouterDeps {
  reader: RosterAdminReader;
  writer: RosterWriter;
  responderContacts: ResponderLookup;
  audit: AuditLog;
  contactKeySecret(): Promise<string>;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): RosterApiDeps {
  const config = readConfig(configShape, env);
  const dynamo = documentClient(platform);
  return {
    reader: dynamoRosterReader(dynamo, config[ENV.rosterTable]),
    writer: dynamoRosterWriter(dynamo, { roster: config[ENV.rosterTable], responderContacts: config[ENV.responderContactsTable] }, dataKeysOf(platform, env)),
    responderContacts: dynamoResponderLookup(dynamo, config[ENV.responderContactsTable]),
    audit: dynamoAuditLog(dynamo, config[ENV.auditTable]),
    contactKeySecret: secretsOf(platform, env).contactKeySecret,
    authenticate: operatorAuthenticatorOf(config, platform),
    logger: createLogger('roster-api'),
    now: systemClock,
  };
}

/** The audit table's partition for roster changes: not a tip id (those are 8 characters). */
const ROSTER_AUDIT_KEY = 'roster';
/** A policy of 10 levels with long ids is under 2 KB; nothing legitimate comes near this. */
const BODY_LIMIT = 16 * 1024;
const anyJson = z.unknown();

async function recordChange(deps: RosterApiDeps, { actor, now }: StaffRequest, change: RosterChange, extra: Record<string, string> = {}): Promise<void> {
  await deps.audit.record({
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
async function putItem(deps: RosterApiDeps, request: StaffRequest, kind: ItemPut['kind'], example: string): Promise<HttpResult> {
  const id = readPathId(request.event.pathParameters?.id);
  const change = readItemPut(kind, id, bodyOf(request.event, example));
  // Last writer wins between two supervisors editing at once; the check runs on what was read.
  checkedChange(await deps.reader.load(), change);
  await deps.writer.put(kind, id, change.item);
  await recordChange(deps, request, change);
  return json(200, change.item);
}

function routesFor(deps: RosterApiDeps): Record<RouteKeyFor<'rosterApi'>, (request: StaffRequest) => Promise<HttpResult>> {
  const { reader, writer, responderContacts } = deps;
  return {
    'GET /api/roster': async () => {
      const { roster, hasPhone, hasContact } = await reader.loadWithPhoneFlags();
      return json(200, {
        responders: roster.responders.map((responder) => ({ ...responder, hasPhone: hasPhone.has(responder.responderId) })),
        rotations: roster.rotations,
        overrides: roster.overrides,
        policies: roster.policies,
        agencies: (roster.agencies ?? []).map((agency) => ({ ...agency, hasContact: hasContact.has(agency.agencyId) })),
        regionRules: roster.regionRules ?? [],
        problems: rosterProblems(roster),
      });
    },

    'PUT /api/roster/responders/{id}': async (request) => {
      const id = readPathId(request.event.pathParameters?.id);
      const { responder, phone } = readResponderPut(
        id,
        bodyOf(request.event, '{"name": "...", "role": "police", "regions": ["Madre de Dios"], "lang": "es", "active": true, "phone": "+51987654321"}'),
      );
      const contact = phone === undefined ? undefined : responderPhone(phone, await deps.contactKeySecret());
      if (contact) {
        const owner = await responderContacts.responderFor(contact.contactKey);
        if (owner !== undefined && owner !== id) throw new PhoneInUse();
      }
      const { roster, hasPhone } = await reader.loadWithPhoneFlags();
      const change: RosterChange = { kind: 'responder', op: 'put', item: responder };
      checkedChange(roster, change);
      try {
        await writer.putResponder(responder, contact);
      } catch (error: unknown) {
        // Two supervisors giving one number to two responders at once: the write is conditional.
        if (error instanceof PhoneTaken) throw new PhoneInUse();
        throw error;
      }
      // Whether the phone changed is worth auditing (a page could be redirected); the number is not.
      await recordChange(deps, request, change, contact ? { phone: 'set' } : {});
      return json(200, { ...responder, hasPhone: contact !== undefined || hasPhone.has(id) });
    },

    'PUT /api/roster/rotations/{id}': (request) =>
      putItem(
        deps,
        request,
        'rotation',
        '{"region": "Madre de Dios", "timeZone": "America/Lima", "handoff": {"weekday": 1, "time": "08:00"}, "participants": ["..."], "firstHandoff": "2026-11-02"}',
      ),

    'PUT /api/roster/overrides/{id}': (request) =>
      putItem(
        deps,
        request,
        'override',
        '{"rotationId": "...", "responderId": "...", "start": "2026-12-01T13:00:00Z", "end": "2026-12-02T13:00:00Z", "reason": "swap"}',
      ),

    'PUT /api/roster/policies/{id}': (request) =>
      putItem(deps, request, 'policy', '{"region": "Madre de Dios", "levels": [{"target": {"kind": "rotation", "rotationId": "..."}, "deadlineMinutes": 10}]}'),

    'PUT /api/roster/agencies/{id}': async (request) => {
      const id = readPathId(request.event.pathParameters?.id);
      const { agency, contact } = readAgencyPut(
        id,
        bodyOf(request.event, '{"name": "Comisaría de Mazuko", "kind": "local_police", "region": "Madre de Dios", "active": true, "contact": "+51987654321"}'),
      );
      const { roster, hasContact } = await reader.loadWithPhoneFlags();
      const change: RosterChange = { kind: 'agency', op: 'put', item: agency };
      checkedChange(roster, change);
      await writer.putAgency(agency, contact);
      // As for a phone: that the contact changed is worth auditing (a referral could be redirected), not the number.
      await recordChange(deps, request, change, contact ? { contact: 'set' } : {});
      return json(200, { ...agency, hasContact: contact !== undefined || hasContact.has(id) });
    },

    'PUT /api/roster/regions/{id}': (request) =>
      putItem(deps, request, 'region', '{"region": "Madre de Dios", "localAuthorityKinds": ["local_police"], "complicityPolicyId": "..."}'),

    'PUT /api/me/conflicts': async (request) => {
      const conflicts = readConflictsPut(bodyOf(request.event, '{"conflicts": ["La Cabaña", "km 108"]}'));
      const { roster } = await reader.loadWithPhoneFlags();
      const me = roster.responders.find((responder) => responder.responderId === request.actor.responderId);
      if (!me) throw new Forbidden('Your account is not linked to a responder of the on-call roster; ask a supervisor to link it.');
      const { conflicts: _was, ...rest } = me;
      const responder = conflicts.length > 0 ? { ...rest, conflicts } : rest;
      const change: RosterChange = { kind: 'responder', op: 'put', item: responder };
      checkedChange(roster, change);
      // No phone given: the one on file stays, with its contact key.
      await writer.putResponder(responder);
      // How many, not which: the places a responder is close to are theirs and the supervisors' to read in the roster.
      await recordChange(deps, request, change, { conflicts: String(conflicts.length), by: 'self' });
      return json(200, { conflicts });
    },

    'DELETE /api/roster/overrides/{id}': async (request) => {
      const id = readPathId(request.event.pathParameters?.id);
      const change: RosterChange = { kind: 'override', op: 'delete', id };
      checkedChange(await reader.load(), change);
      await writer.remove('override', id);
      await recordChange(deps, request, change);
      return { statusCode: 204, headers: { ...SAFE_HEADERS } };
    },
  };
}

export function makeHandler(deps: RosterApiDeps) {
  return staffRouter(routesFor(deps), deps);
}
