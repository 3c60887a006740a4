// Sealed evidence on the local stack, end to end through the real operator API: a span sealed
// with the stack's own data keys for a real tip; one supervisor asks with a reason, cannot
// approve it herself, a second supervisor approves, only she reads the value; operators and
// responders get 403 everywhere; the audit trail records every step and never the value; and
// the evidence keeps the tip's retention, after which it is destroyed and answers 410.
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TIPS_TABLE } from '../../functions/config/tables';
import type { EvidenceListing, RevealedValue, RevealRequestView } from '../../functions/core/evidence/model';
import type { TipDetail } from '../../functions/core/operator-views';
import { clockOffsetMs, evidenceItems, evidenceTable, moveClock, plantSealedSpan } from '../support/evidence';
import { dumpTables, dynamo } from '../support/local-aws';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const { operator, responder, supervisor, supervisor2 } = stack.tokens as Record<'operator' | 'responder' | 'supervisor' | 'supervisor2', string>;

const marker = `sellado${[...randomBytes(5)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;
/** The recruiter's number: only its sealed form may be stored, and only the requester may see it. */
const VALUE = `+51 9${randomInt(10, 99)} ${randomInt(100, 999)} ${randomInt(100, 999)}`;
const REASON = 'Oficio 482-2026-DIRCTPTIM: la policía pide el número del reclutador';
const PATHS = {
  list: (tipId: string) => `/api/tips/${tipId}/evidence`,
  ask: (tipId: string, spanId: string) => `/api/tips/${tipId}/evidence/${encodeURIComponent(spanId)}/reveal-requests`,
  approve: (tipId: string, requestId: string) => `/api/tips/${tipId}/reveal-requests/${requestId}/approve`,
  refuse: (tipId: string, requestId: string) => `/api/tips/${tipId}/reveal-requests/${requestId}/refuse`,
  read: (tipId: string, requestId: string) => `/api/tips/${tipId}/reveal-requests/${requestId}`,
};

let tipId = '';
let spanId = '';
let requestId = '';
let movedMinutes = 0;

async function answer<T>(res: Response, status: number): Promise<T> {
  const body = (await res.json()) as T;
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

const tipExpiresAt = async (): Promise<number | undefined> =>
  (await evidenceTable(stack).send(new GetCommand({ TableName: TIPS_TABLE.name, Key: { tipId } }))).Item?.expiresAt as number | undefined;

beforeAll(async () => {
  await postSignedSms(stack, twilioWebhook({ From: '+51966000777', Body: `${marker} el reclutador de la pampa me paso su numero, dice que hay trabajo` }));
  tipId = (await queuedTip(stack, (t) => t.preview.startsWith(marker))).tipId;
  const detail = await answer<TipDetail>(await call(stack, supervisor, 'GET', `/api/tips/${tipId}`), 200);
  const messageId = detail.thread.find((entry) => entry.kind === 'in')!.id;
  spanId = await plantSealedSpan(stack, { tipId, messageId, ordinal: 0, kind: 'PHONE', value: VALUE });
});

afterAll(async () => {
  // Other files share this stack and its clock (report windows, paging deadlines): put it back.
  if (!movedMinutes) return;
  const before = (await clockOffsetMs(stack)) - movedMinutes * 60_000;
  expect(await moveClock(stack, -movedMinutes)).toBe(before);
});

describe('sealed evidence', () => {
  it('lists a sealed span for a supervisor: where it is and its kind, never the value', async () => {
    const listing = await answer<EvidenceListing>(await call(stack, supervisor, 'GET', PATHS.list(tipId)), 200);
    expect(listing.spans).toEqual([expect.objectContaining({ spanId, kind: 'PHONE', ordinal: 0 })]);
    expect(JSON.stringify(listing)).not.toContain(VALUE.slice(-7));
  });

  it('asks for a reason of 20 characters at least, then opens a request the requester cannot approve herself', async () => {
    // Act + Assert: a short reason says what is missing
    const short = await answer<{ error: string; fields: Record<string, string> }>(
      await call(stack, supervisor, 'POST', PATHS.ask(tipId, spanId), { reason: 'lo pide la policía' }),
      400,
    );
    expect(short).toMatchObject({ error: 'reveal_reason_invalid', fields: { reason: expect.any(String) } });

    const asked = await answer<RevealRequestView>(await call(stack, supervisor, 'POST', PATHS.ask(tipId, spanId), { reason: REASON }), 201);
    expect(asked).toMatchObject({ spanId, kind: 'PHONE', state: 'pending', requestedBy: { name: 'Sara Supervisora (demo)' } });
    requestId = asked.requestId;

    const own = await answer<{ error: string; message: string }>(await call(stack, supervisor, 'POST', PATHS.approve(tipId, requestId)), 403);
    expect(own.error).toBe('own_reveal_request');
    expect(own.message).toMatch(/second supervisor/);
    const early = await answer<{ error: string }>(await call(stack, supervisor, 'GET', PATHS.read(tipId, requestId)), 409);
    expect(early.error).toBe('reveal_not_approved');
  });

  it('is approved by a second supervisor, and then read by the requester only', async () => {
    const approved = await answer<RevealRequestView>(await call(stack, supervisor2, 'POST', PATHS.approve(tipId, requestId)), 200);
    expect(approved).toMatchObject({ state: 'approved', decidedBy: { name: 'Simón Supervisor (demo)' } });
    expect(Date.parse(approved.until!) - Date.parse(approved.decidedAt!)).toBe(30 * 60_000);

    const notHers = await answer<{ error: string }>(await call(stack, supervisor2, 'GET', PATHS.read(tipId, requestId)), 403);
    expect(notHers.error).toBe('not_your_reveal_request');

    const revealed = await answer<RevealedValue>(await call(stack, supervisor, 'GET', PATHS.read(tipId, requestId)), 200);
    expect(revealed).toEqual({ requestId, spanId, kind: 'PHONE', value: VALUE, until: approved.until });
  });

  it('can be refused by the second supervisor', async () => {
    const asked = await answer<RevealRequestView>(
      await call(stack, supervisor2, 'POST', PATHS.ask(tipId, spanId), { reason: `${REASON} (segunda consulta)` }),
      201,
    );
    const refused = await answer<RevealRequestView>(await call(stack, supervisor, 'POST', PATHS.refuse(tipId, asked.requestId)), 200);
    expect(refused.state).toBe('refused');
    expect((await answer<{ error: string }>(await call(stack, supervisor2, 'GET', PATHS.read(tipId, asked.requestId)), 409)).error).toBe('reveal_refused');
  });

  it('answers 403 to operators and responders on every evidence route', async () => {
    const routes: Array<['GET' | 'POST', string, unknown?]> = [
      ['GET', PATHS.list(tipId)],
      ['POST', PATHS.ask(tipId, spanId), { reason: REASON }],
      ['POST', PATHS.approve(tipId, requestId)],
      ['POST', PATHS.refuse(tipId, requestId)],
      ['GET', PATHS.read(tipId, requestId)],
    ];
    for (const token of [operator, responder]) {
      for (const [method, path, body] of routes) expect((await call(stack, token, method, path, body)).status, `${method} ${path}`).toBe(403);
    }
  });

  it('puts every step on the audit trail, and the value nowhere but its sealed form', async () => {
    // Act
    const { events } = await answer<{ events: Array<{ action: string; actor: { name: string }; details: Record<string, string> }> }>(
      await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`),
      200,
    );

    // Assert
    const steps = events.filter((e) => e.details.requestId === requestId).map((e) => [e.action, e.actor.name]);
    expect(steps).toEqual([
      ['reveal_requested', 'Sara Supervisora (demo)'],
      ['reveal_approved', 'Simón Supervisor (demo)'],
      ['evidence_revealed', 'Sara Supervisora (demo)'],
    ]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['evidence_listed', 'reveal_refused']));
    const digits = VALUE.replace(/\D/g, '');
    for (const [table, items] of Object.entries(await dumpTables(dynamo(stack.dynamoDbEndpoint)))) {
      for (const item of items) expect(item.replace(/\D/g, ''), table).not.toContain(digits.slice(2));
    }
    expect(readFileSync(stack.logPath, 'utf8').replace(/\D/g, '')).not.toContain(digits.slice(2));
  });

  it("keeps the tip's retention: closing sets it on every item, reopening clears it", async () => {
    // Act: close
    await answer(await call(stack, supervisor, 'POST', `/api/tips/${tipId}/status`, { status: 'closed', outcome: 'referred_to_police' }), 200);

    // Assert
    const expiresAt = await tipExpiresAt();
    expect(expiresAt).toBeGreaterThan(Date.now() / 1000);
    const closed = await evidenceItems(stack, tipId);
    expect(closed.length).toBe(3);
    for (const item of closed) expect(item.expiresAt, String(item.itemKey)).toBe(expiresAt);

    // Act: reopen, then close again
    await answer(await call(stack, supervisor, 'POST', `/api/tips/${tipId}/status`, { status: 'in_review' }), 200);
    for (const item of await evidenceItems(stack, tipId)) expect(item.expiresAt, String(item.itemKey)).toBeUndefined();
    await answer(await call(stack, supervisor, 'POST', `/api/tips/${tipId}/status`, { status: 'closed', outcome: 'referred_to_police' }), 200);
    const again = await tipExpiresAt();
    for (const item of await evidenceItems(stack, tipId)) expect(item.expiresAt, String(item.itemKey)).toBe(again);
  });

  it('once the retention has passed, destroys the evidence and answers 410', async () => {
    // Arrange: the clock a minute past the tip's expiry
    const expiresAt = (await tipExpiresAt())!;
    movedMinutes = Math.ceil((expiresAt * 1000 - Date.now() - (await clockOffsetMs(stack))) / 60_000) + 1;
    await moveClock(stack, movedMinutes);
    const asked = await call(stack, supervisor, 'POST', PATHS.ask(tipId, spanId), { reason: REASON });

    // Act
    const gone = await answer<{ error: string; message: string }>(await call(stack, supervisor, 'GET', PATHS.read(tipId, requestId)), 410);

    // Assert: the first call after the expiry destroyed everything; every later one is 410 too
    expect(asked.status).toBe(410);
    expect(gone.error).toBe('evidence_gone');
    expect(await evidenceItems(stack, tipId)).toEqual([]);
    expect((await call(stack, supervisor, 'GET', PATHS.list(tipId))).status).toBe(410);
    const { events } = await answer<{ events: Array<{ action: string; details: Record<string, string> }> }>(
      await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`),
      200,
    );
    expect(events.filter((e) => e.action === 'evidence_shredded').map((e) => e.details)).toEqual([{ items: '3' }]);
  });
});
