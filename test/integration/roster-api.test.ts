// The on-call roster through the API: supervisors only, phones sealed and never shown, contact
// keys registered for intake, and no change that would leave a page with a dangling id.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { contactKey } from '../../functions/core/contact-key';
import { DEMO_ROSTER } from '../../local/seed-roster';
import { dynamo } from '../support/local-aws';
import { call } from '../support/operator';

const stack = inject('stack');
const supervisor = stack.tokens.supervisor!;
const db = dynamo(stack.dynamoDbEndpoint);

interface RosterAnswer {
  responders: Array<{ responderId: string; role: string; hasPhone: boolean }>;
  rotations: Array<{ rotationId: string }>;
  overrides: Array<{ overrideId: string }>;
  policies: Array<{ policyId: string; region: string; levels: unknown[] }>;
  problems: string[];
}

const asSupervisor = (method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown) => call(stack, supervisor, method, path, body);

async function readRoster(): Promise<{ text: string; roster: RosterAnswer }> {
  const res = await asSupervisor('GET', '/api/roster');
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, roster: JSON.parse(text) as RosterAnswer };
}

async function expectOk(res: Response): Promise<unknown> {
  if (res.status !== 200) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** Until the local stack seeds the demo roster itself, the API seeds it, as a supervisor would. */
async function seedThroughApiIfEmpty(): Promise<void> {
  const { roster } = await readRoster();
  if (roster.responders.length > 0) return;
  for (const { agencyId, ...body } of DEMO_ROSTER.agencies) await expectOk(await asSupervisor('PUT', `/api/roster/agencies/${agencyId}`, body));
  for (const { responderId, ...body } of DEMO_ROSTER.responders) await expectOk(await asSupervisor('PUT', `/api/roster/responders/${responderId}`, body));
  for (const { rotationId, ...body } of DEMO_ROSTER.rotations) await expectOk(await asSupervisor('PUT', `/api/roster/rotations/${rotationId}`, body));
  for (const { overrideId, ...body } of DEMO_ROSTER.overrides) await expectOk(await asSupervisor('PUT', `/api/roster/overrides/${overrideId}`, body));
  for (const { policyId, ...body } of DEMO_ROSTER.policies) await expectOk(await asSupervisor('PUT', `/api/roster/policies/${policyId}`, body));
  for (const { ruleId, ...body } of DEMO_ROSTER.regionRules) await expectOk(await asSupervisor('PUT', `/api/roster/regions/${ruleId}`, body));
}

async function responderContact(phone: string) {
  const key = { contactKey: { S: contactKey(phone, stack.contactKeySecret) } };
  const out = await db.send(new GetItemCommand({ TableName: 'ResponderContacts', Key: key, ConsistentRead: true }));
  return out.Item;
}

async function rosterItem(kind: string, id: string) {
  const out = await db.send(new GetItemCommand({ TableName: 'Roster', Key: { kind: { S: kind }, id: { S: id } }, ConsistentRead: true }));
  return out.Item;
}

/** The digits after the country code: what would give a number away wherever it appeared. */
const national = (e164: string) => e164.slice(3);

const newResponder = { name: 'Ana Prueba (test)', role: 'police', regions: ['Madre de Dios'], lang: 'es', active: true };

beforeAll(async () => {
  await seedThroughApiIfEmpty();
});

describe('reading the roster', () => {
  it('shows supervisors the demo roster, with who has a phone but never a phone', async () => {
    const { text, roster } = await readRoster();

    expect(roster.problems).toEqual([]);
    for (const demo of DEMO_ROSTER.responders) {
      expect(roster.responders).toContainEqual(expect.objectContaining({ responderId: demo.responderId, role: demo.role, hasPhone: true }));
      expect(text).not.toContain(national(demo.phone));
    }
    expect(roster.rotations.map((r) => r.rotationId)).toEqual(expect.arrayContaining(['mdd-police', 'cusco-police']));
    expect(roster.policies.map((p) => p.policyId)).toEqual(expect.arrayContaining(['madre-de-dios', 'cusco', 'default']));
    expect(text).not.toMatch(/sealedPhone|contactKey/);
  });

  it('is for supervisors only', async () => {
    expect((await call(stack, stack.tokens.operator, 'GET', '/api/roster')).status).toBe(403);
    expect((await call(stack, stack.tokens.responder, 'GET', '/api/roster')).status).toBe(403);
    const put = await call(stack, stack.tokens.operator, 'PUT', '/api/roster/responders/it-operator', { ...newResponder, phone: '+51911000009' });
    expect(put.status).toBe(403);
    expect((await call(stack, undefined, 'GET', '/api/roster')).status).toBe(401);
    expect(await rosterItem('responder', 'it-operator')).toBeUndefined();
  });
});

describe('responders and their phones', () => {
  it('seals a new responder phone and registers its contact key for intake', async () => {
    // Arrange
    const phone = '+51911000001';

    // Act
    const res = await asSupervisor('PUT', '/api/roster/responders/it-ana', { ...newResponder, phone });

    // Assert
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(national(phone));
    expect(JSON.parse(text)).toEqual({ ...newResponder, responderId: 'it-ana', hasPhone: true });
    expect((await responderContact(phone))?.responderId?.S).toBe('it-ana');
    const item = await rosterItem('responder', 'it-ana');
    expect(item?.sealedPhone?.S).toMatch(/^v1\./);
    expect(JSON.stringify(item)).not.toContain(national(phone));
  });

  it('drops the old contact key when the phone changes, and keeps the phone when none is sent', async () => {
    // Arrange
    const [oldPhone, newPhone] = ['+51911000002', '+51911000003'];
    await expectOk(await asSupervisor('PUT', '/api/roster/responders/it-beto', { ...newResponder, phone: oldPhone }));

    // Act
    await expectOk(await asSupervisor('PUT', '/api/roster/responders/it-beto', { ...newResponder, phone: newPhone }));
    const renamed = await expectOk(await asSupervisor('PUT', '/api/roster/responders/it-beto', { ...newResponder, name: 'Beto Prueba (test)' }));

    // Assert
    expect(await responderContact(oldPhone)).toBeUndefined();
    expect((await responderContact(newPhone))?.responderId?.S).toBe('it-beto');
    expect(renamed).toMatchObject({ name: 'Beto Prueba (test)', hasPhone: true });
    expect(typeof (await rosterItem('responder', 'it-beto'))?.sealedPhone?.S).toBe('string');
  });

  it('refuses a phone that another responder already has', async () => {
    const phone = '+51911000004';
    await expectOk(await asSupervisor('PUT', '/api/roster/responders/it-carla', { ...newResponder, phone }));

    const res = await asSupervisor('PUT', '/api/roster/responders/it-dora', { ...newResponder, phone });

    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'phone_in_use' });
    expect((await responderContact(phone))?.responderId?.S).toBe('it-carla');
    expect(await rosterItem('responder', 'it-dora')).toBeUndefined();
  });

  it('audits every change under the roster, with no phone in it', async () => {
    const phone = '+51911000005';
    await expectOk(await asSupervisor('PUT', '/api/roster/responders/it-eva', { ...newResponder, phone }));

    const query = { TableName: 'Audit', KeyConditionExpression: 'tipId = :t', ExpressionAttributeValues: { ':t': { S: 'roster' } }, ConsistentRead: true };
    const out = await db.send(new QueryCommand(query));

    const events = (out.Items ?? []).map((item) => ({ action: item.action?.S, actor: item.actor?.M?.name?.S, details: item.details?.M }));
    expect(events).toContainEqual({
      action: 'roster_change',
      actor: 'Sara Supervisora (demo)',
      details: { kind: { S: 'responder' }, id: { S: 'it-eva' }, op: { S: 'put' }, phone: { S: 'set' } },
    });
    expect(JSON.stringify(out.Items)).not.toContain(national(phone));
  });

  it('answers bad input with field-level 400s, never a 5xx', async () => {
    const badPhone = await asSupervisor('PUT', '/api/roster/responders/it-fredy', { ...newResponder, phone: '911 000 006' });
    const otherId = await asSupervisor('PUT', '/api/roster/responders/it-fredy', { ...newResponder, responderId: 'it-other' });
    const badId = await asSupervisor('PUT', '/api/roster/responders/Not_An_Id', newResponder);
    const notJson = await fetch(new URL('/api/roster/responders/it-fredy', stack.httpUrl), {
      method: 'PUT',
      headers: { authorization: `Bearer ${supervisor}`, 'content-type': 'application/json' },
      body: '{"name":',
    });

    expect(badPhone.status).toBe(400);
    const badPhoneText = await badPhone.text();
    expect(JSON.parse(badPhoneText).fields).toEqual({ phone: expect.any(String) });
    expect(badPhoneText).not.toContain('911 000 006');
    expect((await otherId.json()) as unknown).toMatchObject({ fields: { responderId: expect.any(String) } });
    expect(badId.status).toBe(400);
    expect(notJson.status).toBe(400);
    expect(await rosterItem('responder', 'it-fredy')).toBeUndefined();
  });
});

describe('rotations, overrides and policies', () => {
  it('refuses an override that names an unknown responder, with the problem', async () => {
    const res = await asSupervisor('PUT', '/api/roster/overrides/it-swap', {
      rotationId: 'mdd-police',
      responderId: 'nobody-here',
      start: '2026-12-01T13:00:00Z',
      end: '2026-12-02T13:00:00Z',
      reason: 'swap',
    });

    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: 'roster_conflict', problems: ['override it-swap names unknown responder nobody-here'] });
    expect((await readRoster()).roster.overrides.map((o) => o.overrideId)).not.toContain('it-swap');
  });

  it('adds and deletes an override; deleting one that is not there is a 404', async () => {
    // A past window, so that paging tests sharing the stack never see it in force.
    const body = {
      rotationId: 'mdd-police',
      responderId: 'pol-hugo',
      start: '2026-01-05T13:00:00Z',
      end: '2026-01-06T13:00:00Z',
      reason: 'swap for a court date',
    };

    const put = await asSupervisor('PUT', '/api/roster/overrides/it-past-swap', body);
    const listed = (await readRoster()).roster.overrides.map((o) => o.overrideId);
    const deleted = await asSupervisor('DELETE', '/api/roster/overrides/it-past-swap');
    const again = await asSupervisor('DELETE', '/api/roster/overrides/it-past-swap');

    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ ...body, overrideId: 'it-past-swap' });
    expect(listed).toContain('it-past-swap');
    expect(deleted.status).toBe(204);
    expect(again.status).toBe(404);
    expect((await readRoster()).roster.overrides.map((o) => o.overrideId)).not.toContain('it-past-swap');
  });

  it('cannot delete the default policy, nor replace it with an invalid one', async () => {
    const before = (await readRoster()).roster.policies.find((p) => p.policyId === 'default');

    const deleted = await asSupervisor('DELETE', '/api/roster/policies/default');
    const emptied = await asSupervisor('PUT', '/api/roster/policies/default', { region: 'default', levels: [] });
    const moved = await asSupervisor('PUT', '/api/roster/policies/default', {
      region: 'Puno',
      levels: [{ target: { kind: 'responder', responderId: 'sup-sara' }, deadlineMinutes: 10 }],
    });

    // No such route: the local gateway answers 405, API Gateway 404; neither reaches a handler.
    expect([404, 405]).toContain(deleted.status);
    expect(emptied.status).toBe(400);
    expect(await emptied.json()).toMatchObject({ error: 'invalid_request', fields: { levels: expect.any(String) } });
    expect(moved.status).toBe(409);
    expect(await moved.json()).toMatchObject({ problems: [expect.stringContaining("exactly one 'default' policy")] });
    expect((await readRoster()).roster.policies.find((p) => p.policyId === 'default')).toEqual(before);
  });

  it('refuses a rotation in a time zone that does not exist, field by field', async () => {
    const res = await asSupervisor('PUT', '/api/roster/rotations/it-rotation', {
      region: 'Cusco',
      timeZone: 'America/Mazuko',
      handoff: { weekday: 1, time: '08:00' },
      participants: ['pol-wilber'],
      firstHandoff: '2026-11-09',
    });

    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', fields: { timeZone: expect.stringContaining('IANA') } });
    expect(await rosterItem('rotation', 'it-rotation')).toBeUndefined();
  });

  it('stores a valid rotation with the default time zone', async () => {
    const res = await asSupervisor('PUT', '/api/roster/rotations/it-rotation', {
      region: 'Cusco',
      handoff: { weekday: 1, time: '00:00' },
      participants: ['pol-wilber'],
      firstHandoff: '2026-11-09',
    });

    expect(await expectOk(res)).toMatchObject({ rotationId: 'it-rotation', timeZone: 'America/Lima' });
    expect((await readRoster()).roster.problems).toEqual([]);
  });
});
