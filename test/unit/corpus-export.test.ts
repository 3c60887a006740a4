// A closed tip as a corpus line: the tipster's stored (redacted) messages only, the operator's
// level, the scorer's level, current indicators; never a note, a reply or an override's reason.
import { describe, expect, it } from 'vitest';
import { toCorpusLine } from '../../functions/core/corpus-export';
import type { StoredMessage, TipRecord } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';

function tip(overrides: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: tipIdSchema.parse('7K2F9QXM'),
    status: 'closed',
    outcome: 'referred_to_police',
    channel: 'sms',
    lang: 'es',
    level: 'medium',
    scoredLevel: 'medium',
    score: 30,
    rule: 'medium: deception',
    region: 'Madre de Dios',
    preview: 'me ofrecieron trabajo',
    createdAt: '2026-12-01T10:00:00.000Z',
    lastMessageAt: '2026-12-01T10:05:00.000Z',
    messageCount: 2,
    version: 4,
    indicators: [{ id: 'deception', evidence: 'ofrecieron trabajo', start: 3 }],
    places: [],
    ...overrides,
  };
}

function message(messageId: string, receivedAt: string, text: string, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return { messageId, tipId: tipIdSchema.parse('7K2F9QXM'), channel: 'sms', lang: 'es', text, receivedAt, redactions: {}, ...overrides };
}

const thread = [
  message('m2', '2026-12-01T10:05:00.000Z', 'llamame al [PHONE], no me dejan salir'),
  message('n1', '2026-12-01T10:03:00.000Z', 'Nota: la hermana se llama Rosa Quispe', { kind: 'note', author: { id: 'olga', name: 'Olga' } }),
  message('o1', '2026-12-01T10:04:00.000Z', '¿Dónde está, Rosa?', { kind: 'out', author: { id: 'olga', name: 'Olga' } }),
  message('m1', '2026-12-01T10:00:00.000Z', 'me ofrecieron trabajo en la pampa'),
];

describe('toCorpusLine', () => {
  it("joins the tipster's messages, oldest first, and leaves out notes and replies", () => {
    const line = toCorpusLine(tip(), thread);
    expect(line.text).toBe('me ofrecieron trabajo en la pampa\nllamame al [PHONE], no me dejan salir');
    expect(JSON.stringify(line)).not.toContain('Rosa');
  });

  it("takes the operator's level from the override, and keeps the scorer's level beside it", () => {
    const overridden = tip({
      level: 'high',
      levelOverride: {
        level: 'high',
        scoredLevel: 'medium',
        reason: 'la tienen encerrada, dice Rosa',
        by: { id: 'olga', name: 'Olga' },
        at: '2026-12-01T10:10:00.000Z',
      },
    });
    const line = toCorpusLine(overridden, thread);
    expect(line).toEqual({
      id: '7K2F9QXM',
      channel: 'sms',
      lang: 'es',
      text: 'me ofrecieron trabajo en la pampa\nllamame al [PHONE], no me dejan salir',
      level: 'high',
      indicators: ['deception'],
      scoredLevel: 'medium',
      pii: [],
      keep: [],
    });
    expect(JSON.stringify(line)).not.toContain('encerrada');
  });

  it("without an override, the level is the tip's final level", () => {
    expect(toCorpusLine(tip({ level: 'high', scoredLevel: 'medium' }), thread)).toMatchObject({ level: 'high', scoredLevel: 'medium' });
  });

  it('lists each current indicator once, and no past one', () => {
    const indicators = [
      { id: 'minor' as const, evidence: 'de 15', start: 0 },
      { id: 'minor' as const, evidence: 'menor', start: 9 },
      { id: 'document_retention' as const, evidence: 'le quitaron su dni', start: 20, tense: 'past' as const },
    ];
    expect(toCorpusLine(tip({ indicators }), thread).indicators).toEqual(['minor']);
  });
});
