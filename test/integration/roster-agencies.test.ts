// The agency directory, region rules and a responder's declared conflicts through the roster API:
// supervisors only (a responder declares only their own conflicts), contacts sealed like phones
// and never shown, and no change that would leave routing with a dangling id. Region rules are
// written for Ucayali, which no file pages; the demo responder's conflict names a place no tip does.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DEMO_ROSTER } from '../../local/seed-roster';
import { dynamo } from '../support/local-aws';
import { call } from '../support/operator';

const stack = inject('stack');
const { supervisor, operator, responder } = stack.tokens as Record<'supervisor' | 'operator' | 'responder', string>;
const db = dynamo(stack.dynamoDbEndpoint);

interface RosterAnswer {
  responders: Array<{ responderId: string; conflicts?: string[]; hasPhone: boolean }>;
  agencies: Array<{ agencyId: string; kind: string; hasContact: boolean }>;
  regionRules: Array<{ ruleId: string; region: string; localAuthorityKinds: string[] }>;
  problems: string[];
}

const asSupervisor = (method: 'GET' | 'PUT', path: string, body?: unknown) => call(stack, supervisor, method, path, body);

async function readRoster(): Promise<{ text: string; roster: RosterAnswer }> {
  const res = await asSupervisor('GET', '/api/roster');
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, roster: JSON.parse(text) as RosterAnswer };
}

async function rosterItem(kind: string, id: string) {
  const out = await db.send(new GetItemCommand({ TableName: 'Roster', Key: { kind: { S: kind }, id: { S: id } }, ConsistentRead: true }));
  return out.Item;
}

async function rosterAudit() {
  const query = { TableName: 'Audit', KeyConditionExpression: 'tipId = :t', ExpressionAttributeValues: { ':t': { S: 'roster' } }, ConsistentRead: true };
  return (await db.send(new QueryCommand(query))).Items ?? [];
}

/** The digits after the country code: what would give a number away wherever it appeared. */
const national = (e164: string) => e164.slice(3);

const agencyBody = { name: 'Comisaría PNP Pucallpa (test)', kind: 'local_police', region: 'Ucayali', active: true };
/** A place no test's tip names: the demo responder's declaration must not change any other file's pages. */
const NOWHERE = 'Bar Ningunlugar Prueba';

afterAll(async () => {
  await call(stack, responder, 'PUT', '/api/me/conflicts', { conflicts: [] });
});

describe('the agency directory', () => {
  it('shows the demo agencies and region rules, with who has a contact but never a contact', async () => {
    const { text, roster } = await readRoster();

    expect(roster.problems).toEqual([]);
    for (const demo of DEMO_ROSTER.agencies) {
      expect(roster.agencies).toContainEqual(expect.objectContaining({ agencyId: demo.agencyId, kind: demo.kind, hasContact: true }));
      expect(text).not.toContain(national(demo.contact));
    }
    expect(roster.regionRules.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['madre-de-dios', 'cusco']));
    expect(text).not.toMatch(/sealedContact|sealedPhone/);
  });

  it('seals a new agency contact, keeps it when none is sent, and audits that it was set, never the number', async () => {
    const contact = '+51961000201';

    const created = await asSupervisor('PUT', '/api/roster/agencies/it-comisaria-ucayali', { ...agencyBody, contact: '+51 961 000 201' });
    const sealed = (await rosterItem('agency', 'it-comisaria-ucayali'))?.sealedContact?.S;
    const renamed = await asSupervisor('PUT', '/api/roster/agencies/it-comisaria-ucayali', { ...agencyBody, name: 'Comisaría de Pucallpa (test)' });

    expect(created.status).toBe(200);
    const text = await created.text();
    expect(text).not.toContain(national(contact));
    expect(JSON.parse(text)).toEqual({ ...agencyBody, agencyId: 'it-comisaria-ucayali', hasContact: true });
    expect(sealed).toMatch(/^v1\./);
    expect(await renamed.json()).toMatchObject({ name: 'Comisaría de Pucallpa (test)', hasContact: true });
    expect((await rosterItem('agency', 'it-comisaria-ucayali'))?.sealedContact?.S).toBe(sealed);
    const audit = await rosterAudit();
    expect(audit.map((item) => ({ kind: item.details?.M?.kind?.S, id: item.details?.M?.id?.S, contact: item.details?.M?.contact?.S }))).toContainEqual({
      kind: 'agency',
      id: 'it-comisaria-ucayali',
      contact: 'set',
    });
    expect(JSON.stringify(audit)).not.toContain(national(contact));
  });

  it('refuses a kind that is not an agency kind and a contact that is not a number, field by field, without echoing it', async () => {
    const res = await asSupervisor('PUT', '/api/roster/agencies/it-bad-agency', { ...agencyBody, kind: 'army', contact: '961 000 299' });

    expect(res.status).toBe(400);
    const text = await res.text();
    expect(Object.keys(JSON.parse(text).fields).sort()).toEqual(['contact', 'kind']);
    expect(text).not.toContain('961 000 299');
    expect(await rosterItem('agency', 'it-bad-agency')).toBeUndefined();
  });

  it('refuses a responder who answers for an agency the directory does not have', async () => {
    const body = { name: 'Ugo Prueba (test)', role: 'police', regions: ['Ucayali'], lang: 'es', active: true, agencyId: 'it-no-such-agency' };

    const res = await asSupervisor('PUT', '/api/roster/responders/it-ugo', body);

    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ problems: ['responder it-ugo answers for unknown agency it-no-such-agency'] });
    expect(await rosterItem('responder', 'it-ugo')).toBeUndefined();
  });

  it('is for supervisors only', async () => {
    expect((await call(stack, operator, 'PUT', '/api/roster/agencies/it-by-operator', agencyBody)).status).toBe(403);
    expect((await call(stack, responder, 'PUT', '/api/roster/regions/it-by-responder', { region: 'Ucayali', localAuthorityKinds: [] })).status).toBe(403);
    expect(await rosterItem('agency', 'it-by-operator')).toBeUndefined();
  });
});

describe('region rules', () => {
  it('stores which kinds are the local authority, and refuses a complicity policy that does not exist or a second rule for the region', async () => {
    const rule = { region: 'Ucayali', localAuthorityKinds: ['local_police', 'child_protection'] };

    const stored = await asSupervisor('PUT', '/api/roster/regions/it-ucayali', rule);
    const dangling = await asSupervisor('PUT', '/api/roster/regions/it-ucayali', { ...rule, complicityPolicyId: 'it-no-such-policy' });
    const second = await asSupervisor('PUT', '/api/roster/regions/it-ucayali-2', { ...rule, region: 'ucayali' });
    const badKind = await asSupervisor('PUT', '/api/roster/regions/it-ucayali', { ...rule, localAuthorityKinds: ['army'] });

    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ ...rule, ruleId: 'it-ucayali' });
    expect(dangling.status).toBe(409);
    expect(await dangling.json()).toMatchObject({ problems: ['region rule it-ucayali pages unknown policy it-no-such-policy when officials are implicated'] });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ problems: ['region rules it-ucayali and it-ucayali-2 are both for region ucayali'] });
    expect(badKind.status).toBe(400);
    expect((await readRoster()).roster.regionRules).toContainEqual({ ...rule, ruleId: 'it-ucayali' });
  });
});

describe("a responder's own conflicts", () => {
  it('are declared by the responder, kept with their phone, and audited without the places', async () => {
    const res = await call(stack, responder, 'PUT', '/api/me/conflicts', { conflicts: [NOWHERE, NOWHERE.toUpperCase()] });

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ conflicts: [NOWHERE] });
    const rosa = (await readRoster()).roster.responders.find((r) => r.responderId === 'pol-rosa');
    expect(rosa).toMatchObject({ conflicts: [NOWHERE], hasPhone: true, agencyId: 'comisaria-pm' });
    expect((await rosterItem('responder', 'pol-rosa'))?.contactKey?.S).toBeTruthy();
    const audit = await rosterAudit();
    expect(audit.some((item) => item.details?.M?.id?.S === 'pol-rosa' && item.details?.M?.by?.S === 'self')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('Ningunlugar');
  });

  it('refuses a body that is not a list of places, and anyone but a responder', async () => {
    const bad = await call(stack, responder, 'PUT', '/api/me/conflicts', { conflicts: 'La Tranca' });
    const bySupervisor = await asSupervisor('PUT', '/api/me/conflicts', { conflicts: [] });

    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request', fields: { conflicts: expect.any(String) } });
    expect(bySupervisor.status).toBe(403);
  });
});
