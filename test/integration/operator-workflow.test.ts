// Operators at work: claims that cannot collide, the status workflow, notes, level
// overrides, replies in the thread, and an audit trail of every read and action.
import { describe, expect, inject, it } from 'vitest';
import type { QueueItem, TipDetail } from '../../functions/core/operator-views';
import { call, getQueue, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const { operator, operator2, supervisor, responder } = stack.tokens as Record<'operator' | 'operator2' | 'supervisor' | 'responder', string>;

let sender = 51955000100;
async function newTip(marker: string, body = 'le quitaron el dni a mi hermana en el campamento'): Promise<QueueItem> {
  await postSignedSms(stack, twilioWebhook({ From: `+${sender++}`, Body: `${marker}: ${body}` }));
  return queuedTip(stack, (t) => t.preview.startsWith(marker), { what: `the tip "${marker}"` });
}

const detail = async (tipId: string, token = operator) => (await (await call(stack, token, 'GET', `/api/tips/${tipId}`)).json()) as TipDetail;

describe('claims', () => {
  it('two operators claiming at once: exactly one wins, the other gets 409 naming the holder', async () => {
    // Arrange
    const tip = await newTip('carrera-reclamo');

    // Act
    const [a, b] = await Promise.all([
      call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`),
      call(stack, operator2, 'POST', `/api/tips/${tip.tipId}/claim`),
    ]);

    // Assert
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    const body = (await loser.json()) as { error: string; message: string; claimedBy: { name: string } };
    expect(body.error).toBe('conflict');
    expect(body.message).toMatch(/already working on this tip/);
    const winner = (await (a.status === 200 ? a : b).json()) as QueueItem;
    expect(winner.claimedBy?.name).toBe(body.claimedBy.name);
    expect(winner.status).toBe('in_review');
  });

  it('ten claims at once still give exactly one holder', async () => {
    const tip = await newTip('carrera-diez');
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call(stack, i % 2 ? operator : operator2, 'POST', `/api/tips/${tip.tipId}/claim`)));
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    // The holder may claim again (a double click); nobody else may.
    const winners = await Promise.all(results.filter((r) => r.status === 200).map(async (r) => ((await r.json()) as QueueItem).claimedBy?.id));
    const holder = (await detail(tip.tipId)).claimedBy?.id;
    expect(holder).toBeDefined();
    expect(new Set(winners)).toEqual(new Set([holder]));
  });

  it('only the holder can release; a supervisor takes the tip over first (claims-hold.test.ts)', async () => {
    const tip = await newTip('liberar');
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`)).status).toBe(200);
    expect((await call(stack, operator2, 'POST', `/api/tips/${tip.tipId}/release`)).status).toBe(409);
    expect((await call(stack, supervisor, 'POST', `/api/tips/${tip.tipId}/release`)).status).toBe(409);
    const takeOver = { takeOver: true, reason: 'Olga terminó su turno' };
    expect((await call(stack, supervisor, 'POST', `/api/tips/${tip.tipId}/claim`, takeOver)).status).toBe(200);
    expect((await call(stack, supervisor, 'POST', `/api/tips/${tip.tipId}/release`)).status).toBe(200);
    expect((await detail(tip.tipId)).claimedBy).toBeNull();
    expect((await call(stack, operator2, 'POST', `/api/tips/${tip.tipId}/claim`)).status).toBe(200);
  });
});

describe('workflow', () => {
  it('closing needs an outcome, takes the tip out of the open queue, and only a supervisor reopens', async () => {
    const tip = await newTip('cerrar');
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`);

    const noOutcome = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'closed' });
    expect(noOutcome.status).toBe(400);
    expect(((await noOutcome.json()) as { fields: Record<string, string> }).fields.outcome).toBeTruthy();
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'escalated' })).status).toBe(200);
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'referred_to_police' })).status).toBe(200);

    expect((await getQueue(stack)).some((t) => t.tipId === tip.tipId)).toBe(false);
    const closed = (await (await call(stack, operator, 'GET', '/api/queue?status=closed')).json()) as { tips: QueueItem[] };
    expect(closed.tips.find((t) => t.tipId === tip.tipId)).toMatchObject({ status: 'closed', outcome: 'referred_to_police' });
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'in_review' })).status).toBe(403);
    expect((await call(stack, supervisor, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'in_review' })).status).toBe(200);
    expect((await getQueue(stack)).some((t) => t.tipId === tip.tipId)).toBe(true);
  });

  it("a level override moves the tip in the queue and keeps the scorer's level and the reason", async () => {
    const tip = await newTip('anular-nivel', 'hola, quisiera saber el horario de atencion');
    expect(tip.level).toBe('low');

    const res = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/level`, { level: 'high', reason: 'llamó la madre: la chica sigue en el bar' });

    expect(res.status).toBe(200);
    const after = await detail(tip.tipId);
    expect(after.level).toBe('high');
    expect(after.levelOverride).toMatchObject({
      level: 'high',
      scoredLevel: 'low',
      reason: 'llamó la madre: la chica sigue en el bar',
      by: { name: 'Olga Operadora (demo)' },
    });
    const queue = await getQueue(stack);
    const position = queue.findIndex((t) => t.tipId === tip.tipId);
    expect(queue.slice(0, position).every((t) => t.level === 'critical' || t.level === 'high')).toBe(true);
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/level`, { level: 'high', reason: '' })).status).toBe(400);
  });

  it('notes and replies join the thread; the operator never sees a number', async () => {
    const tip = await newTip('notas-hilo');
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/notes`, { text: 'Llamé a la comisaría de Mazuko.' })).status).toBe(201);
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/replies`, { text: '¿Cómo se llama el campamento?' })).status).toBe(202);

    const after = await detail(tip.tipId);
    expect(after.thread.map((entry) => entry.kind)).toEqual(['in', 'note', 'out']);
    expect(after.thread[1]).toMatchObject({ text: 'Llamé a la comisaría de Mazuko.', author: { name: 'Olga Operadora (demo)' } });
    expect(JSON.stringify(after)).not.toMatch(/51955\d{6}/);
  });

  it('bad bodies get field-level 400s, unknown tips 404, never a 5xx', async () => {
    const tip = await newTip('cuerpos-malos');
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`)).status).toBe(200);
    const cases: Array<[string, unknown, number]> = [
      [`/api/tips/${tip.tipId}/status`, { status: 'archived' }, 400],
      [`/api/tips/${tip.tipId}/status`, { status: 'in_review', outcome: 'duplicate' }, 400],
      [`/api/tips/${tip.tipId}/status`, { status: 'new' }, 409],
      [`/api/tips/${tip.tipId}/level`, { level: 'urgent', reason: 'porque sí' }, 400],
      [`/api/tips/${tip.tipId}/notes`, { text: '' }, 400],
      [`/api/tips/${tip.tipId}/notes`, { text: 'x'.repeat(2001) }, 400],
      [`/api/tips/${tip.tipId}/notes`, { text: 'hola', extra: 1 }, 400],
      ['/api/tips/ZZZZZZZZ/claim', undefined, 404],
      ['/api/tips/ZZZZZZZZ/notes', { text: 'hola' }, 404],
    ];
    for (const [path, body, status] of cases) {
      expect({ path, body, status: (await call(stack, operator, 'POST', path, body)).status }).toEqual({ path, body, status });
    }
    expect((await call(stack, operator, 'GET', '/api/queue?level=urgent')).status).toBe(400);
    expect((await call(stack, operator, 'GET', '/api/queue?status=archived')).status).toBe(400);
  });
});

describe('audit trail', () => {
  it('records every read and every action with actor and time, for supervisors to read', async () => {
    // Arrange + Act
    const tip = await newTip('auditoria');
    const started = Date.now();
    await detail(tip.tipId, operator);
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/claim`);
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/notes`, { text: 'nota' });
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/level`, { level: 'critical', reason: 'menor confirmada' });
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/replies`, { text: '¿Dónde estás?' });
    await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'referred_to_police' });
    // Never paged to the demo responder: it does not exist for them, and nothing is read.
    expect((await call(stack, responder, 'GET', `/api/tips/${tip.tipId}`)).status).toBe(404);

    // Assert
    expect((await call(stack, operator, 'GET', `/api/tips/${tip.tipId}/audit`)).status).toBe(403);
    const res = await call(stack, supervisor, 'GET', `/api/tips/${tip.tipId}/audit`);
    expect(res.status).toBe(200);
    const { events } = (await res.json()) as { events: Array<{ at: string; actor: { name: string }; action: string; details: Record<string, string> }> };
    // Raising the tip to critical pages it: paging audits that page when it runs, which may be
    // before or after the close; the staff's own actions are what this test orders.
    expect(events.filter((e) => e.action !== 'page').map((e) => [e.action, e.actor.name])).toEqual([
      ['read', 'Olga Operadora (demo)'],
      ['claim', 'Olga Operadora (demo)'],
      ['note', 'Olga Operadora (demo)'],
      ['level_override', 'Olga Operadora (demo)'],
      ['reply', 'Olga Operadora (demo)'],
      ['status', 'Olga Operadora (demo)'],
      ['audit_read', 'Sara Supervisora (demo)'],
    ]);
    for (const event of events) expect(Date.parse(event.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(events.find((e) => e.action === 'status')?.details).toEqual({ from: 'in_review', to: 'closed', outcome: 'referred_to_police' });
    expect(JSON.stringify(events)).not.toContain('nota');
    expect(JSON.stringify(events)).not.toContain('Dónde');
  });
});
