// The queue's order within a level: imminent danger, then an unanswered page, then score,
// then the oldest; and the index's sort key agrees with the comparator on any set of tips.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareQueue, isImminent, queueOrder, type QueueTip } from '../../functions/core/queue-order';
import { INDICATOR_IDS, LEVELS } from '../../functions/core/tip';

const SETTINGS = { seed: 20261207, numRuns: 300 };

function tip(tipId: string, overrides: Partial<QueueTip> = {}): QueueTip {
  return { tipId, level: 'critical', score: 80, createdAt: '2026-12-01T10:00:00.000Z', indicators: [{ id: 'minor' }], ...overrides };
}

const byComparator = (tips: QueueTip[]) => [...tips].sort(compareQueue).map((t) => t.tipId);
const byKey = (tips: QueueTip[]) => [...tips].sort((a, b) => (queueOrder(a) < queueOrder(b) ? -1 : queueOrder(a) > queueOrder(b) ? 1 : 0)).map((t) => t.tipId);

describe('isImminent', () => {
  it('is a current imminent_danger or the web form saying it is happening now', () => {
    expect(isImminent(tip('A', { indicators: [{ id: 'imminent_danger' }] }))).toBe(true);
    expect(isImminent(tip('A', { signals: { happeningNow: true } }))).toBe(true);
  });

  it('is not a past imminent_danger, nor a form that says it is not happening now', () => {
    expect(isImminent(tip('A', { indicators: [{ id: 'imminent_danger', tense: 'past' }] }))).toBe(false);
    expect(isImminent(tip('A', { signals: { happeningNow: false } }))).toBe(false);
    expect(isImminent(tip('A'))).toBe(false);
  });
});

describe('queue order within a level', () => {
  // Arrange: critical tips, each newer than the one before it
  const oldest = tip('OLDEST01', { score: 85, createdAt: '2026-12-01T10:00:00.000Z' });
  const sameScoreNewer = tip('SAMESC02', { score: 85, createdAt: '2026-12-01T10:05:00.000Z' });
  const higherScore = tip('HIGHER03', { score: 99, createdAt: '2026-12-01T10:10:00.000Z' });
  const unanswered = tip('NOACK004', { score: 80, createdAt: '2026-12-01T10:15:00.000Z', pageUnanswered: true });
  const imminentNewest = tip('NOW00005', { score: 79, createdAt: '2026-12-01T10:20:00.000Z', indicators: [{ id: 'imminent_danger' }] });
  const formNow = tip('FORM0006', { score: 78, createdAt: '2026-12-01T10:25:00.000Z', indicators: [], signals: { happeningNow: true } });
  const tips = [oldest, sameScoreNewer, higherScore, unanswered, imminentNewest, formNow];
  const expected = ['NOW00005', 'FORM0006', 'NOACK004', 'HIGHER03', 'OLDEST01', 'SAMESC02'];

  it('puts imminent danger first even if newer, then the unanswered page, then score, then the oldest', () => {
    expect(byComparator(tips)).toEqual(expected);
  });

  it('the sort key gives the same order', () => {
    expect(byKey([...tips].reverse())).toEqual(expected);
  });

  it('level still comes before everything else', () => {
    const high = tip('HIGH0007', { level: 'high', score: 70, pageUnanswered: true, indicators: [] });
    const low = tip('LOW00008', { level: 'low', score: 0, indicators: [{ id: 'imminent_danger' }] });
    expect(byKey([low, high, ...tips])).toEqual([...expected, 'HIGH0007', 'LOW00008']);
  });

  it('an unanswered page outranks a higher score, and imminent danger outranks an unanswered page', () => {
    expect(compareQueue(tip('A', { score: 75, pageUnanswered: true }), tip('B', { score: 99 }))).toBeLessThan(0);
    expect(compareQueue(tip('A', { score: 75, indicators: [{ id: 'imminent_danger' }] }), tip('B', { score: 99, pageUnanswered: true }))).toBeLessThan(0);
  });
});

describe('nobody confirmed', () => {
  // Arrange: escalation ran out for the oldest, lowest-scored tip without imminent danger
  const ranOut = tip('RANOUT01', { score: 60, nobodyConfirmed: true, pageUnanswered: true });
  const imminent = tip('NOW00002', { score: 99, indicators: [{ id: 'imminent_danger' }], pageUnanswered: true });
  const unanswered = tip('NOACK003', { score: 95, pageUnanswered: true });
  const highRanOut = tip('HIGH0004', { level: 'high', score: 50, nobodyConfirmed: true });

  it('is first in its level, before imminent danger and an unanswered page, by both orders', () => {
    const expected = ['RANOUT01', 'NOW00002', 'NOACK003', 'HIGH0004'];
    expect(byComparator([highRanOut, unanswered, imminent, ranOut])).toEqual(expected);
    expect(byKey([highRanOut, unanswered, imminent, ranOut])).toEqual(expected);
  });

  it('does not lift a tip above a more urgent level', () => {
    expect(compareQueue(highRanOut, tip('CRIT0005', { score: 10 }))).toBeGreaterThan(0);
  });
});

describe('queueOrder', () => {
  const arbitraryTip: fc.Arbitrary<QueueTip> = fc.record(
    {
      tipId: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{8}$/),
      level: fc.constantFrom(...LEVELS),
      // Scores out of range and fractions too: both orders must clamp and round alike.
      score: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: -10, max: 110, noNaN: true })),
      createdAt: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
      indicators: fc.array(fc.record({ id: fc.constantFrom(...INDICATOR_IDS), tense: fc.constantFrom(undefined, 'past' as const) }, { requiredKeys: ['id'] }), {
        maxLength: 4,
      }),
      signals: fc.option(fc.record({ happeningNow: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
      pageUnanswered: fc.option(fc.boolean(), { nil: undefined }),
      nobodyConfirmed: fc.option(fc.boolean(), { nil: undefined }),
    },
    { requiredKeys: ['tipId', 'level', 'score', 'createdAt', 'indicators'] },
  );

  it('sorts any set of tips exactly as compareQueue does', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryTip, { selector: (t) => t.tipId, maxLength: 30 }), (tips) => {
        expect(byKey(tips)).toEqual(byComparator(tips));
      }),
      SETTINGS,
    );
  });

  it('is at most 200 characters, the limit the queue cursor accepts', () => {
    expect(queueOrder(tip('7K2F9QXM', { score: 3 }))).toBe('0#1#1#1#097#2026-12-01T10:00:00.000Z#7K2F9QXM');
    expect(queueOrder(tip('7K2F9QXM')).length).toBeLessThanOrEqual(200);
  });
});
