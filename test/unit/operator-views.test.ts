// What the API gives the dashboard of a tip's language and of the characters intake removed.
import { describe, expect, it } from 'vitest';
import { toQueueItem, toTipDetail } from '../../functions/core/operator-views';
import { tipIdSchema } from '../../functions/core/tip-id';
import type { StoredMessage, TipRecord } from '../../functions/core/tip-record';

const TIP_ID = tipIdSchema.parse('ABCDEFGH');

function tip(overrides: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: TIP_ID,
    status: 'new',
    channel: 'sms',
    lang: 'qu',
    level: 'high',
    score: 60,
    rule: '',
    indicators: [],
    places: [],
    region: null,
    preview: '',
    createdAt: '2026-03-01T10:00:00.000Z',
    lastMessageAt: '2026-03-01T10:05:00.000Z',
    messageCount: 2,
    version: 1,
    ...overrides,
  };
}

function message(id: string, at: string, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return { messageId: id, tipId: TIP_ID, channel: 'sms', lang: 'es', text: `text ${id}`, receivedAt: at, redactions: {}, ...overrides };
}

describe('the queue row', () => {
  it("carries the tip's language", () => {
    expect(toQueueItem(tip()).lang).toBe('qu');
    expect(toQueueItem(tip({ lang: 'pt' })).lang).toBe('pt');
  });
});

describe("a tip's thread", () => {
  const messages = [
    message('m2', '2026-03-01T10:05:00.000Z', { lang: 'es', text: 'llamar al 801', hidden: 2 }),
    message('m1', '2026-03-01T10:00:00.000Z', { lang: 'qu', hidden: 0 }),
    message('r1', '2026-03-01T10:03:00.000Z', { kind: 'out', author: { id: 'op', name: 'Olga' } }),
    message('n1', '2026-03-01T10:04:00.000Z', { kind: 'note', author: { id: 'op', name: 'Olga' } }),
  ];
  const detail = toTipDetail(tip(), messages);
  const entry = (id: string) => detail.thread.find((e) => e.id === id);

  it("gives each message from the tipster its own language, and the tip's in the detail", () => {
    expect(detail.lang).toBe('qu');
    expect(entry('m1')?.lang).toBe('qu');
    expect(entry('m2')?.lang).toBe('es');
  });

  it('says how many hidden characters intake removed, only on messages that had some', () => {
    expect(entry('m2')).toMatchObject({ kind: 'in', text: 'llamar al 801', hidden: 2 });
    expect(entry('m1')).not.toHaveProperty('hidden');
  });

  it("gives staff entries neither, as they are not the tipster's text", () => {
    for (const id of ['r1', 'n1']) {
      expect(entry(id)).not.toHaveProperty('lang');
      expect(entry(id)).not.toHaveProperty('hidden');
    }
  });

  it('leaves the thread in time order with offsets into the scored text', () => {
    expect(detail.thread.map((e) => e.id)).toEqual(['m1', 'r1', 'n1', 'm2']);
    expect(detail.text).toBe('text m1\nllamar al 801');
    expect(entry('m2')?.offset).toBe('text m1\n'.length);
  });
});
