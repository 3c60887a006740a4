// The operator queue puts the most urgent tip first; within a level, imminent danger, then a
// page nobody answered, then the higher score, then the oldest.
import { describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import type { PagingView } from '../../functions/core/paging/page-view';
import { twilioOutbox } from '../support/local-twilio';
import { call, getQueue, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');

/**
 * Sends each [from, body] by SMS, each only once the one before is a tip in the queue, so that
 * every tip is older than the next. Each body starts with a word of its own.
 */
async function sendInOrder(sent: ReadonlyArray<readonly [from: string, body: string]>): Promise<void> {
  for (const [from, body] of sent) {
    await postSignedSms(stack, twilioWebhook({ From: from, Body: body }));
    const head = `${body.split(' ')[0]} `;
    await queuedTip(stack, (t) => t.preview.startsWith(head), { what: `the tip "${head.trim()}" in the queue` });
  }
}

async function pagesOf(tipId: string): Promise<Pick<PagingView, 'guard'> & { state: { acknowledged: unknown } | null }> {
  return (await (await call(stack, stack.operatorToken, 'GET', `/api/tips/${tipId}/pages`)).json()) as Pick<PagingView, 'guard'> & {
    state: { acknowledged: unknown } | null;
  };
}

describe('GET /api/queue', () => {
  it('orders by level, then oldest first', async () => {
    // Arrange: sent low, high, critical, low, from four senders
    await sendInOrder([
      ['+51933000001', 'orden-1 hola, cual es el horario de atencion?'],
      ['+51933000002', 'orden-2 a mi esposo el dueño del campamento le quito su dni y no lo deja salir'],
      ['+51933000003', 'orden-3 ayuda, mi hermanita de 13 esta en un prostibar en la pampa'],
      ['+51933000004', 'orden-4 gracias por la charla'],
    ]);

    // Act
    const ours = (await getQueue(stack)).filter((t) => t.preview.startsWith('orden-'));

    // Assert
    expect(ours.map((t) => t.preview.slice(0, 7))).toEqual(['orden-3', 'orden-2', 'orden-1', 'orden-4']);
    expect(ours.map((t) => t.level)).toEqual(['critical', 'high', 'low', 'low']);
    const whole = await getQueue(stack);
    const ranks = whole.map((t) => ['critical', 'high', 'medium', 'low'].indexOf(t.level));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe('GET /api/queue within a level', () => {
  /** The responder's ACK by SMS, from the number the page went to, as a responder would answer. */
  async function acknowledge(tip: QueueItem): Promise<void> {
    const code = tip.tipId.slice(0, 4);
    const page = await waitFor(async () => (await twilioOutbox(stack.twilioApiUrl)).find((m) => m.body.endsWith(`ACK ${code}`)), {
      what: `the page for ${tip.tipId}`,
    });
    await postSignedSms(stack, twilioWebhook({ From: page.to, Body: `ACK ${code}` }));
    await waitFor(async () => Boolean((await pagesOf(tip.tipId)).state?.acknowledged), { what: `the ACK of ${tip.tipId}` });
  }

  it('orders critical tips: imminent danger first even if newest, then the unanswered page, then score, then oldest', async () => {
    // Arrange: five critical tips, sent oldest first; each is paged at once unless it repeats one paged
    const marker = 'zprioridad';
    const sent = [
      ['viejo', '+51933100001', 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI'],
      ['igual', '+51933100002', 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI'],
      [
        'mayor',
        '+51933100003',
        'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI, no la dejan salir y le pegan, dice que debe el pasaje',
      ],
      ['sinack', '+51933100004', 'mi sobrina de 16 esta en un bar en la pampa'],
      ['ahora', '+51933100005', 'ayuda ahora mismo estan subiendo a unas chicas a un bote'],
    ] as const;
    await sendInOrder(sent.map(([name, from, text]) => [from, `${marker}${name} ${text}`] as const));
    const tips = (await getQueue(stack)).filter((t) => t.preview.startsWith(marker));
    expect(tips).toHaveLength(sent.length);
    const named = (name: string): QueueItem => tips.find((t) => t.preview.startsWith(`${marker}${name} `))!;
    // What the order below rests on, as the scorer saw these tips
    expect(tips.map((t) => t.level)).toEqual(sent.map(() => 'critical'));
    expect(named('ahora').indicators).toContain('imminent_danger');
    expect(tips.filter((t) => t.tipId !== named('ahora').tipId).flatMap((t) => t.indicators)).not.toContain('imminent_danger');
    expect(named('ahora').score).toBeLessThan(named('sinack').score);
    expect(named('sinack').score).toBeLessThan(named('viejo').score);
    expect(named('viejo').score).toBe(named('igual').score);
    expect(named('viejo').score).toBeLessThan(named('mayor').score);
    expect(named('viejo').createdAt < named('igual').createdAt).toBe(true);

    // Act: responders acknowledge every page but one. 'igual' repeats 'viejo' after its own
    // marker: paging may count it as covered by viejo's page (then it has none to answer), or,
    // the markers keeping it under the similarity threshold, page it like any other.
    for (const name of ['ahora', 'mayor', 'viejo']) await acknowledge(named(name));
    const igual = await waitFor(
      async () => {
        const { guard, state } = await pagesOf(named('igual').tipId);
        return guard?.coveredBy ? 'covered' : state ? 'paged' : undefined;
      },
      { what: "igual's page, or its cover by viejo's" },
    );
    if (igual === 'covered') expect((await pagesOf(named('igual').tipId)).guard?.coveredBy?.tipId).toBe(named('viejo').tipId);
    else await acknowledge(named('igual'));

    // Assert
    const expected = ['ahora', 'sinack', 'mayor', 'viejo', 'igual'].map((name) => named(name).tipId);
    const ours = async () => (await getQueue(stack)).filter((t) => t.preview.startsWith(marker)).map((t) => t.tipId);
    // On a timeout, the order as it is then, so that the failure shows the difference
    const order = await waitFor(async () => JSON.stringify(await ours()) === JSON.stringify(expected), { what: 'the queue in the expected order' })
      .then(ours)
      .catch(ours);
    expect(order).toEqual(expected);
    // One page is still unanswered; the answered ones say so
    const pages = await pagesOf(named('sinack').tipId);
    expect(pages.state).not.toBeNull();
    expect(pages.state!.acknowledged).toBeNull();
  }, 120_000);
});
