// Paging follows the case (issue 16), on the local stack: a closed tip pages nobody again, even
// from the deadlines already on the queue; a near-identical copy pages once and is linked to the
// tip that paged; an escalation nobody confirmed flags its tip and puts it first in its level
// until an operator stops it; an acknowledgement taken by phone is recorded in the paging state
// and the trail, and paging stops. Each tip's words are its own (near-identical texts minutes
// apart page once), and every assertion counts the SMS of one page code.
import { randomInt } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import { MAX_CYCLES } from '../../functions/core/paging';
import type { PagingView } from '../../functions/core/paging/page-view';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, getQueue, queuedTip } from '../support/operator';
import { pagingSettled } from '../support/paging';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const phoneOf = (id: string): string => demoRoster.responders.find((r) => r.responderId === id)!.phone;

// Letters only: digits could be read as a number and redacted away.
const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const sender = (): string => `+5198${String(randomInt(10_000_000)).padStart(7, '0')}`;

const advanceClock = (minutes: number) => fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${minutes}`, { method: 'POST' });
const pagesWith = async (code: string): Promise<RecordedMessage[]> => (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(`ACK ${code}`));
const pagesView = async (tipId: string): Promise<PagingView> => (await call(stack, operator, 'GET', `/api/tips/${tipId}/pages`)).json() as Promise<PagingView>;
const auditOf = async (tipId: string) =>
  (
    (await (await call(stack, supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
      events: Array<{ action: string; actor: { name: string }; details: Record<string, string> }>;
    }
  ).events;

/** A critical tip by SMS whose text is its own; waits for its first page. */
async function pagedTip(text: string) {
  const marker = letters(10);
  await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `${text} ${marker}` }));
  const tip = await queuedTip(stack, marker);
  const code = tip.tipId.slice(0, 4);
  const [page] = await waitFor(async () => ((await pagesWith(code)).length ? pagesWith(code) : undefined), { what: `the page for ${code}` });
  return { tip, code, page: page! };
}

describe('paging follows the case', () => {
  it('closing a tip ends its paging: no further page, also from the deadline already queued', async () => {
    // Arrange
    const { tip, code } = await pagedTip('en un bar de Mazuko tienen encerrada a mi prima de 15, el dueño la golpea');

    // Act
    const closed = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'referred_to_police' });
    expect(closed.status).toBe(200);
    await advanceClock(11);
    await pagingSettled(stack);
    await advanceClock(11);
    await pagingSettled(stack);

    // Assert
    expect(await pagesWith(code)).toHaveLength(1);
    const view = await pagesView(tip.tipId);
    expect(view.state).toMatchObject({ open: false, ended: { why: 'closed' } });
    expect(view.staff?.endedBy?.name).toBeTruthy();
  });

  it('two near-identical critical tips page the responder once; the copy is linked to the first and can be merged into it', async () => {
    // Arrange: the same words from two phones, a minute apart
    const words = `mi vecina de 16 años la venden en un prostibar de Laberinto desde anoche ${letters(10)}`;
    await postSignedSms(stack, twilioWebhook({ From: sender(), Body: words }));
    const first = await queuedTip(stack, words);
    await postSignedSms(stack, twilioWebhook({ From: sender(), Body: words }));
    const copy = await queuedTip(stack, (t) => t.preview === first.preview && t.tipId !== first.tipId, { what: 'the copy' });

    // Act
    await pagingSettled(stack);

    // Assert: one page SMS in all, for the first; the copy says which tip it repeats
    expect(await pagesWith(first.tipId.slice(0, 4))).toHaveLength(1);
    expect(await pagesWith(copy.tipId.slice(0, 4))).toEqual([]);
    const linked = await waitFor(async () => (await getQueue(stack)).find((t) => t.tipId === copy.tipId && t.duplicateOf), { what: 'the link on the copy' });
    expect(linked.duplicateOf).toEqual({ tipId: first.tipId, match: 'text' });

    // Act: an operator merges the copy into the first
    const itself = await call(stack, operator, 'POST', `/api/tips/${copy.tipId}/duplicate`, { of: copy.tipId });
    const unknown = await call(stack, operator, 'POST', `/api/tips/${copy.tipId}/duplicate`, { of: 'ZZZZZZZZ' });
    const merged = await call(stack, operator, 'POST', `/api/tips/${copy.tipId}/duplicate`, { of: first.tipId.toLowerCase() });

    // Assert
    expect(itself.status).toBe(400);
    expect(((await itself.json()) as { message: string }).message).toMatch(/earlier tip/);
    expect(unknown.status).toBe(400);
    expect(merged.status).toBe(200);
    expect((await merged.json()) as QueueItem).toMatchObject({
      status: 'closed',
      outcome: 'duplicate',
      duplicateOf: { tipId: first.tipId, match: 'operator' },
    });
    expect((await auditOf(copy.tipId)).find((e) => e.action === 'duplicate')?.details).toMatchObject({ of: first.tipId, outcome: 'duplicate' });
    await pagingSettled(stack);
    expect(await pagesWith(first.tipId.slice(0, 4))).toHaveLength(1);
  });

  it(`an escalation nobody confirmed in ${MAX_CYCLES} rounds flags the tip and puts it first in its level, until an operator stops it`, async () => {
    // Arrange: no place named, so the default policy: its one level pages the demo supervisor
    const { tip, code } = await pagedTip('a mi sobrinita de 13 la tienen encerrada y la hacen atender a hombres, no la dejan salir');
    expect(tip.region).toBeNull();

    // Act: every round's deadline passes with no ACK
    for (let round = 2; round <= MAX_CYCLES; round++) {
      await advanceClock(11);
      await waitFor(async () => (await pagesWith(code)).length === round, { what: `round ${round}'s page for ${code}` });
    }
    await advanceClock(11);
    const flagged = await waitFor(async () => (await getQueue(stack)).find((t) => t.tipId === tip.tipId && t.nobodyConfirmed), {
      what: `${code} flagged nobody confirmed`,
    });

    // Assert: first among its level's tips that are not flagged too
    expect(flagged.pageUnanswered).toBe(true);
    const critical = (await getQueue(stack)).filter((t) => t.level === 'critical');
    const at = critical.findIndex((t) => t.tipId === tip.tipId);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(critical.slice(0, at).every((t) => t.nobodyConfirmed)).toBe(true);
    expect((await pagesView(tip.tipId)).state).toMatchObject({ open: false, acknowledged: null, ended: null });

    // Act: an operator takes it from here
    const noReason = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/paging/stop`, { reason: '' });
    const stopped = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/paging/stop`, { reason: 'la llamé yo: la fiscalía ya va' });

    // Assert
    expect(noReason.status).toBe(400);
    expect(stopped.status).toBe(202);
    expect(await stopped.json()).toEqual({ status: 'stopping' });
    await waitFor(async () => (await getQueue(stack)).find((t) => t.tipId === tip.tipId && !t.nobodyConfirmed && !t.pageUnanswered), {
      what: `${code} no longer flagged`,
    });
    expect((await auditOf(tip.tipId)).find((e) => e.action === 'paging_stopped')?.details).toEqual({ reason: 'la llamé yo: la fiscalía ya va' });
    expect((await pagesView(tip.tipId)).state?.ended?.why).toBe('stopped');
  }, 120_000);

  it('an acknowledgement taken by phone is recorded in the paging state and the trail, and paging stops', async () => {
    // Arrange
    const { tip, code, page } = await pagedTip('en un campamento de Huepetuhe tienen a un chico de 14 trabajando, le quitaron el DNI y lo amenazan');
    const paged = demoRoster.responders.find((r) => r.phone === page.to)!.responderId;

    // Act
    const wrong = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/paging/ack`, { responderId: 'alb-luz' });
    const ack = await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/paging/ack`, { responderId: paged, note: 'me llamó: va en camino' });

    // Assert
    expect(wrong.status).toBe(409);
    expect(await wrong.json()).toMatchObject({ error: 'not_paged' });
    expect(ack.status).toBe(202);
    expect(await ack.json()).toEqual({ status: 'recorded' });
    const view = await waitFor(
      async () => {
        const v = await pagesView(tip.tipId);
        return v.state?.acknowledged ? v : undefined;
      },
      { what: `the phone ACK of ${code}` },
    );
    expect(view.state?.acknowledged).toMatchObject({ by: { id: paged }, via: 'phone' });
    expect(view.staff?.ackRecordedBy?.name).toBe('Olga Operadora (demo)');
    expect((await auditOf(tip.tipId)).find((e) => e.action === 'phone_ack')).toMatchObject({
      actor: { name: 'Olga Operadora (demo)' },
      details: { responderId: paged, note: 'me llamó: va en camino' },
    });
    await advanceClock(11);
    await pagingSettled(stack);
    expect(await pagesWith(code)).toHaveLength(1);
    expect((await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === phoneOf(paged) && m.body.includes(code))).toHaveLength(1);
  });

  it('stopping a tip nobody was paged for is a clear 409', async () => {
    const marker = letters(10);
    await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `hola, quisiera saber como denunciar ${marker}` }));
    const quiet = await queuedTip(stack, marker);
    expect(['low', 'medium']).toContain(quiet.level);
    const res = await call(stack, operator, 'POST', `/api/tips/${quiet.tipId}/paging/stop`, { reason: 'prueba' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toMatch(/no paging to stop/);
  });
});
