import { describe, expect, it } from 'vitest';
import { TipsterUnreachable } from '../../functions/core/contact-vault';
import { TipNotFound } from '../../functions/core/errors';
import { replyToTipster } from '../../functions/core/reply';
import type { TipRecord } from '../../functions/core/tip-record';

function tip(overrides: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: 'ABCDEFGH', status: 'new', channel: 'sms', lang: 'es', level: 'high', score: 60, rule: '', indicators: [], places: [],
    region: null, preview: '', contactKey: 'k'.repeat(64), createdAt: '', lastMessageAt: '', messageCount: 1, version: 1, ...overrides,
  };
}

function deps(found: TipRecord | undefined, address: string | undefined) {
  const sent: Array<{ to: string; body: string }> = [];
  return {
    sent,
    deps: {
      tips: { getTip: async () => found },
      vault: { recall: async () => address },
      sender: { send: async (m: { to: string; body: string }) => void sent.push(m) },
      now: () => new Date('2026-11-27T03:00:00Z'),
    },
  };
}

describe('replyToTipster', () => {
  it('sends to the address in the vault and returns only the channel', async () => {
    const { sent, deps: d } = deps(tip(), 'whatsapp:+51987654321');
    expect(await replyToTipster({ tipId: 'ABCDEFGH', text: '¿Dónde?' }, d)).toEqual({ channel: 'whatsapp' });
    expect(sent).toEqual([{ to: 'whatsapp:+51987654321', body: '¿Dónde?' }]);
  });

  it.each([
    ['erased or expired', tip(), undefined, /erased their number/],
    ['a web tip', tip({ channel: 'web', contactKey: undefined }), '+51987654321', /receipt code/],
    ['no contact key', tip({ contactKey: undefined }), '+51987654321', /no contact/],
  ])('%s: TipsterUnreachable, nothing sent', async (_name, found, address, message) => {
    const { sent, deps: d } = deps(found, address);
    const attempt = replyToTipster({ tipId: 'ABCDEFGH', text: 'hola' }, d);
    await expect(attempt).rejects.toBeInstanceOf(TipsterUnreachable);
    await expect(attempt).rejects.toThrow(message);
    expect(sent).toEqual([]);
  });

  it('an unknown tip is TipNotFound', async () => {
    await expect(replyToTipster({ tipId: 'ZZZZZZZZ', text: 'hola' }, deps(undefined, undefined).deps)).rejects.toBeInstanceOf(TipNotFound);
  });
});
