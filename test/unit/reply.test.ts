import { describe, expect, it } from 'vitest';
import { TipsterUnreachable } from '../../functions/core/contact-vault';
import { TipNotFound } from '../../functions/core/errors';
import { TipConflict } from '../../functions/core/operator-actions';
import { replyToTipster } from '../../functions/core/reply';
import type { StoredMessage, TipRecord } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';
import { bareTip } from '../support/staff';

const OPERATOR = { id: 'op-1', name: 'Olga' };

const tip = (overrides: Partial<TipRecord> = {}): TipRecord => bareTip({ level: 'high', score: 60, contactKey: 'k'.repeat(64), version: 1, ...overrides });

function deps(found: TipRecord | undefined, address: string | undefined, contactSince?: string) {
  const sent: Array<{ to: string; body: string }> = [];
  const thread: StoredMessage[] = [];
  return {
    sent,
    thread,
    deps: {
      tips: { getTip: async () => found },
      thread: { addThreadEntry: async (entry: StoredMessage) => void thread.push(entry) },
      vault: { recall: async () => (address === undefined ? undefined : { address, ...(contactSince ? { contactSince } : {}) }) },
      sender: { send: async (m: { to: string; body: string }) => void sent.push(m) },
      now: () => new Date('2026-11-27T03:00:00Z'),
      newId: () => 'id-1',
    },
  };
}

describe('replyToTipster', () => {
  it('sends to the address in the vault, returns only the channel, and keeps the reply in the thread', async () => {
    const { sent, thread, deps: d } = deps(tip(), 'whatsapp:+51987654321');
    expect(await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: '¿Dónde?' }, OPERATOR, d)).toEqual({ channel: 'whatsapp', id: 'out_id-1' });
    expect(sent).toEqual([{ to: 'whatsapp:+51987654321', body: '¿Dónde?' }]);
    expect(thread).toHaveLength(1);
    expect(thread[0]).toMatchObject({ kind: 'out', text: '¿Dónde?', author: OPERATOR, channel: 'whatsapp' });
    expect(JSON.stringify(thread)).not.toContain('987654321');
  });

  it('a web tip gets the reply in its thread, where the receipt holder reads it; nothing is sent', async () => {
    const { sent, thread, deps: d } = deps(tip({ channel: 'web', contactKey: undefined }), undefined);
    expect(await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, OPERATOR, d)).toEqual({ channel: 'web', id: 'out_id-1' });
    expect(sent).toEqual([]);
    expect(thread[0]).toMatchObject({ kind: 'out', channel: 'web' });
  });

  it("a tip from before the sender's last erasure is not answered, though they wrote again since", async () => {
    const { sent, deps: d } = deps(tip({ lastMessageAt: '2026-11-20T10:00:00.000Z' }), '+51987654321', '2026-11-25T08:00:00.000Z');
    const attempt = replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, OPERATOR, d);
    await expect(attempt).rejects.toBeInstanceOf(TipsterUnreachable);
    expect(sent).toEqual([]);
  });

  it('a tip of the new contact is answered', async () => {
    const { sent, deps: d } = deps(tip({ lastMessageAt: '2026-11-25T08:00:00.000Z' }), '+51987654321', '2026-11-25T08:00:00.000Z');
    await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, OPERATOR, d);
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['erased or expired', tip(), undefined, /erased their number/],
    ['no contact key', tip({ contactKey: undefined }), '+51987654321', /no contact/],
  ])('%s: TipsterUnreachable, nothing sent or kept', async (_name, found, address, message) => {
    const { sent, thread, deps: d } = deps(found, address);
    const attempt = replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, OPERATOR, d);
    await expect(attempt).rejects.toBeInstanceOf(TipsterUnreachable);
    await expect(attempt).rejects.toThrow(message);
    expect(sent).toEqual([]);
    expect(thread).toEqual([]);
  });

  describe('a claim holds', () => {
    const heldByOmar = () => tip({ status: 'in_review', claimedBy: { id: 'op-2', name: 'Omar' }, claimedAt: '2026-11-27T02:00:00Z' });

    it.each([
      ['an operator', OPERATOR, /Omar is working on this tip.*ask a supervisor to take it over/],
      ['a supervisor', { ...OPERATOR, roles: ['supervisor'] as const }, /Omar is working on this tip.*take it over \(claim it with "takeOver"/],
    ])('%s who does not hold it gets 409 naming the holder; the vault is not opened, nothing sent or kept', async (_who, author, message) => {
      const { sent, thread, deps: d } = deps(heldByOmar(), '+51987654321');
      let opened = false;
      const attempt = replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: '¿Dónde?' }, author, {
        ...d,
        vault: { recall: async () => ((opened = true), { address: '+51987654321' }) },
      });
      await expect(attempt).rejects.toBeInstanceOf(TipConflict);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toMatchObject({ status: 409, claimedBy: { id: 'op-2', name: 'Omar' } });
      expect(opened).toBe(false);
      expect(sent).toEqual([]);
      expect(thread).toEqual([]);
    });

    it('the holder replies, and the thread keeps only their id and name', async () => {
      const { sent, thread, deps: d } = deps(heldByOmar(), '+51987654321');
      await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, { id: 'op-2', name: 'Omar', roles: ['operator'] }, d);
      expect(sent).toHaveLength(1);
      expect(thread[0]?.author).toEqual({ id: 'op-2', name: 'Omar' });
    });

    it('a closed tip is held by nobody: as before, anyone may write to its tipster', async () => {
      const { sent, deps: d } = deps(tip({ status: 'closed', outcome: 'victim_safe', claimedBy: { id: 'op-2', name: 'Omar' } }), '+51987654321');
      await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: 'hola' }, OPERATOR, d);
      expect(sent).toHaveLength(1);
    });
  });

  it("a reply on a closed tip takes the tip's expiresAt, so that it goes with the tip; on an open tip it has none", async () => {
    const closed = deps(tip({ channel: 'web', contactKey: undefined, status: 'closed', expiresAt: 1_800_000_000 }), undefined);
    await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: '¿Sigue ahí?' }, OPERATOR, closed.deps);
    expect(closed.thread[0]?.expiresAt).toBe(1_800_000_000);

    const open = deps(tip({ channel: 'web', contactKey: undefined }), undefined);
    await replyToTipster({ tipId: tipIdSchema.parse('ABCDEFGH'), text: '¿Sigue ahí?' }, OPERATOR, open.deps);
    expect(open.thread[0]).not.toHaveProperty('expiresAt');
  });

  it('an unknown tip is TipNotFound', async () => {
    await expect(replyToTipster({ tipId: tipIdSchema.parse('ZZZZZZZZ'), text: 'hola' }, OPERATOR, deps(undefined, undefined).deps)).rejects.toBeInstanceOf(
      TipNotFound,
    );
  });
});
