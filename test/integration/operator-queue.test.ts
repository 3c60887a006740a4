// The operator queue puts the most urgent tip first, then the oldest.
import { describe, expect, inject, it } from 'vitest';
import { eventually } from '../support/local-aws';
import { getQueue } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');

describe('GET /api/queue', () => {
  it('orders by level, then oldest first', async () => {
    // Arrange: sent low, high, critical, low, from four senders
    const sent = [
      ['+51933000001', 'orden-1 hola, cual es el horario de atencion?'],
      ['+51933000002', 'orden-2 a mi esposo el dueño del campamento le quito su dni y no lo deja salir'],
      ['+51933000003', 'orden-3 ayuda, mi hermanita de 13 esta en un prostibar en la pampa'],
      ['+51933000004', 'orden-4 gracias por la charla'],
    ];
    for (const [from, body] of sent) {
      await postSignedSms(stack, twilioWebhook({ From: from!, Body: body! }));
      await new Promise((r) => setTimeout(r, 50));
    }

    // Act
    const ours = await eventually(async () => {
      const queue = (await getQueue(stack)).filter((t) => t.preview.startsWith('orden-'));
      return queue.length === 4 ? queue : undefined;
    }, 15_000, 'four tips');

    // Assert
    expect(ours.map((t) => t.preview.slice(0, 7))).toEqual(['orden-3', 'orden-2', 'orden-1', 'orden-4']);
    expect(ours.map((t) => t.level)).toEqual(['critical', 'high', 'low', 'low']);
    const whole = await getQueue(stack);
    const ranks = whole.map((t) => ['critical', 'high', 'medium', 'low'].indexOf(t.level));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});
