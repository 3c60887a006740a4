// Issue 15: the web form's answers raise a tip's place in the queue, but a critical level, which
// pages the on-call responder at once, needs the words. A tip critical only on the answers is
// high, says why, and says what the text alone reads; the queue still puts it first in high.
import { describe, expect, it } from 'vitest';
import { isImminent } from '../../functions/core/queue-order';
import { pagingJobFor } from '../../functions/core/paging/trigger';
import { BASE, FORM_ONLY } from '../../functions/core/triage/levels';
import { scoreUrgency } from '../../functions/core/triage/score';
import type { TipSignals } from '../../functions/core/tip';
import type { TipRecord } from '../../functions/core/tip-record';
import { applyAssessment } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';

const BOTH: TipSignals = { minor: 'yes', happeningNow: true };

function tipFrom(text: string, signals: TipSignals): TipRecord {
  const base: TipRecord = {
    tipId: tipIdSchema.parse('7K2F9QXM'),
    status: 'new',
    channel: 'web',
    lang: 'es',
    level: 'low',
    score: 0,
    rule: '',
    indicators: [],
    places: [],
    region: null,
    preview: text,
    signals,
    createdAt: '2026-12-01T06:00:00.000Z',
    lastMessageAt: '2026-12-01T06:00:00.000Z',
    messageCount: 1,
    version: 1,
  };
  return applyAssessment(base, scoreUrgency(text, signals));
}

describe('a critical level on the form alone', () => {
  it('"hola" with both answers is high, not critical and not low, and the rule says why', () => {
    const a = scoreUrgency('hola', BOTH);
    expect(a.level).toBe('high');
    expect(a.rule).toBe(
      `high: critical on ${FORM_ONLY} (happening now (web form) + minor (web form)); the text alone reads low. Not paged at once: raise it to critical to page now`,
    );
    expect(a.score).toBeGreaterThan(BASE.high);
  });

  it.each([
    ['a bar, and the form says a minor', 'mi prima está en un bar de La Pampa', { minor: 'yes' }, 'medium'],
    ['documents taken, and the form says now', 'le quitaron el dni a mi amiga', { happeningNow: true }, 'high'],
    ['clients, and the form says a minor', 'la obligan a atender clientes en un bar de La Pampa', { minor: 'yes' }, 'high'],
  ] as const)('%s: high, with what the text alone reads', (_name, text, signals, alone) => {
    const a = scoreUrgency(text, signals);
    expect(a.level).toBe('high');
    expect(a.rule).toContain(`the text alone reads ${alone}`);
  });

  it('keeps critical when the words are critical, with or without the answers', () => {
    for (const text of [
      'mi hija de 15 años está en un prostibar en La Pampa, le quitaron su DNI',
      'ayuda me tienen encerrada ahora y me pegan, tengo 16 años',
    ]) {
      expect(scoreUrgency(text).level).toBe('critical');
      expect(scoreUrgency(text, BOTH).level).toBe('critical');
      expect(scoreUrgency(text, BOTH).rule).not.toContain(FORM_ONLY);
    }
  });

  it('still moves the tip up: from low to high, and first within high when it says now', () => {
    expect(tipFrom('hola', {}).level).toBe('low');
    const withAnswers = tipFrom('hola', BOTH);
    expect(withAnswers.level).toBe('high');
    expect(isImminent(withAnswers)).toBe(true);
  });

  it('asks paging for the high rule (a check when its unclaimed time is up), not an immediate page', () => {
    const tip = tipFrom('hola', BOTH);
    expect(pagingJobFor(tip, 15)).toEqual({ job: { type: 'HighTipCheck', tipId: tip.tipId }, at: new Date('2026-12-01T06:15:00.000Z') });
    const byWords = tipFrom('mi hija de 15 años está en un prostibar en La Pampa, le quitaron su DNI', BOTH);
    expect(pagingJobFor(byWords, 15, 'a'.repeat(128))).toEqual({
      job: { type: 'PageRequested', tipId: byWords.tipId, sketch: 'a'.repeat(128) },
      at: new Date('2026-12-01T06:00:00.000Z'),
    });
  });
});
