import { describe, expect, it } from 'vitest';
import type { TipReceived } from '../../functions/core/tip';
import { triageTip } from '../../functions/core/triage/triage-tip';
import { memoryTipStore } from '../support/memory-tip-store';
import { tipIdSchema } from '../../functions/core/tip-id';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);
let ids = 0;
const deps = (store = memoryTipStore()) => ({ store, newTipId: () => tipIdSchema.parse(`TP${String(++ids).padStart(6, '0')}`), threadWindowMs: 30 * 60_000 });

function received(overrides: Partial<TipReceived> = {}): TipReceived {
  return {
    type: 'TipReceived',
    version: 1,
    messageId: `sms_${Math.random().toString(16).slice(2).padEnd(12, '0')}`,
    channel: 'sms',
    lang: 'es',
    text: 'hola',
    receivedAt: '2026-11-27T03:00:00.000Z',
    contactKey: KEY_A,
    redactions: {},
    ...overrides,
  };
}

describe('triageTip', () => {
  it('stores a new tip with its assessment', async () => {
    const d = deps();
    const outcome = await triageTip(received({ text: 'mi hija de 15 años esta en un prostibar, le quitaron su dni' }), d);
    expect(outcome.kind).toBe('stored');
    const [tip] = [...d.store.tips.values()];
    expect(tip?.level).toBe('critical');
    expect(tip?.messageCount).toBe(1);
    expect(tip?.version).toBe(1);
  });

  it('a redelivered message is a no-op', async () => {
    const d = deps();
    const message = received({ messageId: 'sms_same_message_id' });
    await triageTip(message, d);
    const again = await triageTip(message, d);
    expect(again.kind).toBe('duplicate');
    expect(d.store.messages.size).toBe(1);
    expect(d.store.tips.size).toBe(1);
  });

  it('a duplicate that races past the first check is caught by the conditional write', async () => {
    const d = deps();
    const message = received({ messageId: 'sms_racing_duplicate' });
    await triageTip(message, d);
    // Simulate the second delivery having read "not stored yet" before the first committed.
    const original = d.store.findMessage;
    d.store.findMessage = async () => undefined;
    const again = await triageTip(message, d);
    d.store.findMessage = original;
    expect(again.kind).toBe('duplicate');
    expect(d.store.tips.size).toBe(1);
  });

  it('threads fragments from one contact within the window and scores them together', async () => {
    const d = deps();
    await triageTip(received({ text: 'mi sobrina tiene 14', receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    await triageTip(received({ text: 'la hacen atender clientes en un prostibar', receivedAt: '2026-11-27T03:10:00.000Z' }), d);
    expect(d.store.tips.size).toBe(1);
    const [tip] = [...d.store.tips.values()];
    expect(tip?.messageCount).toBe(2);
    expect(tip?.level).toBe('critical');
    expect(tip?.preview).toBe('mi sobrina tiene 14');
  });

  it('out-of-order fragments still thread and keep the first text first', async () => {
    const d = deps();
    await triageTip(received({ text: 'segundo', receivedAt: '2026-11-27T03:10:00.000Z' }), d);
    await triageTip(received({ text: 'primero', receivedAt: '2026-11-27T03:05:00.000Z' }), d);
    const [tip] = [...d.store.tips.values()];
    expect(tip?.messageCount).toBe(2);
    expect(tip?.preview).toBe('primero');
    expect(tip?.createdAt).toBe('2026-11-27T03:05:00.000Z');
  });

  it('starts a new tip after the window, or for another contact, or for web tips', async () => {
    const d = deps();
    await triageTip(received({ receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    await triageTip(received({ receivedAt: '2026-11-27T03:31:00.000Z' }), d);
    await triageTip(received({ contactKey: KEY_B, receivedAt: '2026-11-27T03:31:30.000Z' }), d);
    const web = received({ channel: 'web', receiptHash: 'c'.repeat(64), receivedAt: '2026-11-27T03:32:00.000Z' });
    delete web.contactKey;
    await triageTip(web, d);
    expect(d.store.tips.size).toBe(4);
    expect(d.store.receipts.size).toBe(1);
  });

  it('does not thread into a closed tip', async () => {
    const d = deps();
    await triageTip(received({ receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    for (const tip of d.store.tips.values()) tip.status = 'closed';
    await triageTip(received({ receivedAt: '2026-11-27T03:01:00.000Z' }), d);
    expect(d.store.tips.size).toBe(2);
  });

  it('a later message never lowers the level by itself', async () => {
    const d = deps();
    await triageTip(received({ text: 'mi hija de 15 esta en un prostibar en mazuko', receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    await triageTip(received({ text: 'hola', receivedAt: '2026-11-27T03:01:00.000Z' }), d);
    const [tip] = [...d.store.tips.values()];
    expect(tip?.level).toBe('critical');
  });

  it('retries when another message of the contact moved the tip on', async () => {
    const d = deps();
    await triageTip(received({ text: 'primero', receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    let raced = false;
    d.store.beforeCommit = (write) => {
      if (raced || write.expectedVersion === null) return;
      raced = true;
      const tip = d.store.tips.get(write.tip.tipId)!;
      d.store.tips.set(tip.tipId, { ...tip, version: tip.version + 1 });
    };
    const outcome = await triageTip(received({ text: 'segundo', receivedAt: '2026-11-27T03:01:00.000Z' }), d);
    expect(outcome.kind).toBe('stored');
    expect(raced).toBe(true);
    expect(d.store.messages.size).toBe(2);
  });
});

describe('triageTip with an operator override', () => {
  it("keeps the operator's level until a new message on its own says more", async () => {
    const d = deps();
    await triageTip(received({ text: 'mi hija de 15 esta en un prostibar', receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    const [tip] = [...d.store.tips.values()];
    const by = { id: 'o', name: 'Olga' };
    const levelOverride = { level: 'medium', scoredLevel: 'critical', reason: 'era una prueba', by, at: '2026-11-27T03:05:00.000Z' } as const;
    d.store.tips.set(tip!.tipId, { ...tip!, level: 'medium', levelOverride });

    await triageTip(received({ text: 'gracias', receivedAt: '2026-11-27T03:06:00.000Z' }), d);
    expect([...d.store.tips.values()][0]?.level).toBe('medium');
    expect([...d.store.tips.values()][0]?.scoredLevel).toBe('critical');

    await triageTip(received({ text: 'esta noche la llevan a otro campamento, ayuda', receivedAt: '2026-11-27T03:07:00.000Z' }), d);
    expect([...d.store.tips.values()][0]?.level).toBe('critical');
  });

  it('scores only what the tipster wrote, not notes or replies', async () => {
    const d = deps();
    await triageTip(received({ text: 'hola', receivedAt: '2026-11-27T03:00:00.000Z' }), d);
    const [tip] = [...d.store.tips.values()];
    d.store.messages.set('note_1', {
      messageId: 'note_1',
      tipId: tip!.tipId,
      kind: 'note',
      text: 'la menor de 14 esta en un prostibar',
      receivedAt: '2026-11-27T03:01:00.000Z',
      channel: 'sms',
      lang: 'es',
      redactions: {},
    });
    await triageTip(received({ text: 'buenas', receivedAt: '2026-11-27T03:02:00.000Z' }), d);
    expect([...d.store.tips.values()][0]?.level).toBe('low');
    expect([...d.store.tips.values()][0]?.messageCount).toBe(2);
  });
});

describe('triageTip: what intake hands on besides the text', () => {
  it('stores sealed evidence with its message, bound to the tip, once', async () => {
    // Arrange
    const d = deps();
    const message = received({
      text: 'la reclutadora tiene el número [PHONE]',
      redactions: { PHONE: 1 },
      evidence: [{ ordinal: 0, kind: 'PHONE', sealed: 'v1.sealed-ciphertext' }],
    });

    // Act
    await triageTip(message, d);
    await triageTip(message, d);

    // Assert
    const [tip] = [...d.store.tips.values()];
    expect([...d.store.evidence.values()]).toEqual([
      { tipId: tip!.tipId, messageId: message.messageId, ordinal: 0, kind: 'PHONE', sealed: 'v1.sealed-ciphertext', createdAt: message.receivedAt },
    ]);
  });

  it('keeps the count of removed hidden characters on the message', async () => {
    const d = deps();
    await triageTip(received({ text: 'km 801', hidden: 2 }), d);
    expect([...d.store.messages.values()][0]?.hidden).toBe(2);
  });

  it('after an erasure, a message of the same contact starts a new tip instead of joining the old thread', async () => {
    // Arrange
    const d = deps();
    await triageTip(received({ text: 'hay menores en el bar', receivedAt: '2026-11-27T03:00:00.000Z' }), d);

    // Act
    await triageTip(received({ text: 'escribo de nuevo', receivedAt: '2026-11-27T03:05:00.000Z', newThread: true }), d);
    await triageTip(received({ text: 'en mazuko', receivedAt: '2026-11-27T03:06:00.000Z' }), d);

    // Assert
    const tips = [...d.store.tips.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(tips.map((t) => t.messageCount)).toEqual([1, 2]);
  });
});
