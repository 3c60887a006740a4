// What a tip and a referral add to the statistics' live counts, and how a write moves them.
import { describe, expect, it } from 'vitest';
import type { ReferralRecord } from '../../functions/core/cases/model';
import { counterDelta, referralCountDelta, referralCounters, tipCountDelta, tipCounters } from '../../functions/core/statistics/counting';
import { addMonths, lastPublishableMonth, monthOf, monthsBetween, publishableAt } from '../../functions/core/statistics/calendar';
import type { TipRecord } from '../../functions/core/tip-record';
import type { TipId } from '../../functions/core/tip-id';

const tip = (over: Partial<TipRecord> = {}): TipRecord => ({
  tipId: 'T0000001' as TipId,
  status: 'new',
  channel: 'sms',
  lang: 'es',
  level: 'critical',
  score: 90,
  rule: 'r',
  indicators: [
    { id: 'minor', evidence: 'de 15', start: 0 },
    { id: 'confinement', evidence: 'encerrada', start: 10 },
    { id: 'minor', evidence: 'niña', start: 20 },
  ],
  places: [],
  region: 'Madre de Dios',
  preview: 'texto que nunca se cuenta',
  createdAt: '2026-11-30T23:00:00.000Z',
  lastMessageAt: '2026-11-30T23:00:00.000Z',
  messageCount: 1,
  version: 1,
  ...over,
});

describe('months in Peru', () => {
  it('counts a tip in the month it arrived in Peru (UTC−5), not in UTC', () => {
    expect(monthOf('2026-12-01T04:59:59.000Z')).toBe('2026-11');
    expect(monthOf('2026-12-01T05:00:00.000Z')).toBe('2026-12');
  });

  it('publishes a month seven days after it ends, and not before', () => {
    expect(publishableAt('2026-11').toISOString()).toBe('2026-12-08T05:00:00.000Z');
    expect(lastPublishableMonth(new Date('2026-12-08T04:59:00.000Z'))).toBe('2026-10');
    expect(lastPublishableMonth(new Date('2026-12-08T05:00:00.000Z'))).toBe('2026-11');
  });

  it('walks months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 13)).toBe('2027-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-02', '2026-01')).toEqual([]);
  });
});

describe('tipCounters', () => {
  it('counts a tip once by region, level, channel and language, and once per distinct indicator', () => {
    expect(tipCounters(tip())).toEqual([
      { month: '2026-11', key: 'tip#Madre de Dios#critical#sms#es', n: 1 },
      { month: '2026-11', key: 'ind#Madre de Dios#critical#minor', n: 1 },
      { month: '2026-11', key: 'ind#Madre de Dios#critical#confinement', n: 1 },
    ]);
  });

  it('counts a tip with no place under `unknown`', () => {
    expect(tipCounters(tip({ region: null, indicators: [] }))).toEqual([{ month: '2026-11', key: 'tip#unknown#critical#sms#es', n: 1 }]);
  });

  it('never counts a duplicate or a false report', () => {
    expect(tipCounters(tip({ duplicateOf: { tipId: 'T0000002' as TipId, match: 'text', at: '2026-11-30T23:01:00.000Z' } }))).toEqual([]);
    expect(tipCounters(tip({ status: 'closed', outcome: 'duplicate' }))).toEqual([]);
    expect(tipCounters(tip({ status: 'closed', outcome: 'false_report' }))).toEqual([]);
    expect(tipCounters(tip({ status: 'closed', outcome: 'no_trafficking' }))).toHaveLength(3);
  });

  it('holds no text, no id and nothing finer than a region', () => {
    const keys = JSON.stringify(tipCounters(tip({ places: [{ text: 'Mazuko', place: 'Mazuko', region: 'Madre de Dios' }] })));
    for (const secret of ['texto', 'T0000001', 'Mazuko', 'encerrada', 'de 15']) expect(keys).not.toContain(secret);
  });
});

describe('tipCountDelta', () => {
  it('a new tip adds its counts', () => {
    expect(tipCountDelta(undefined, tip())).toHaveLength(3);
  });

  it('an operator lowering the level moves the tip between levels, and its indicators with it', () => {
    const delta = tipCountDelta(tip(), tip({ level: 'high', version: 2 }));
    expect(delta).toContainEqual({ month: '2026-11', key: 'tip#Madre de Dios#critical#sms#es', n: -1 });
    expect(delta).toContainEqual({ month: '2026-11', key: 'tip#Madre de Dios#high#sms#es', n: 1 });
    expect(delta).toHaveLength(6);
  });

  it('a change that moves no category writes nothing (a claim, a paging flag)', () => {
    expect(tipCountDelta(tip(), tip({ claimedAt: '2026-12-01T00:00:00.000Z', pageUnanswered: true, version: 2 }))).toEqual([]);
  });

  it('marking a duplicate takes the tip out of every count', () => {
    const delta = tipCountDelta(tip(), tip({ duplicateOf: { tipId: 'T0000002' as TipId, match: 'operator', at: '2026-12-01T00:00:00.000Z' } }));
    expect(delta.every((counter) => counter.n === -1)).toBe(true);
    expect(delta).toHaveLength(3);
  });

  it('sums to zero over a round trip', () => {
    expect(
      counterDelta([...tipCounters(tip()), ...tipCounters(tip({ level: 'low' }))], [...tipCounters(tip({ level: 'low' })), ...tipCounters(tip())]),
    ).toEqual([]);
  });
});

const referral = (over: Partial<ReferralRecord> = {}): ReferralRecord => ({
  referralId: 'ref_1',
  caseId: 'case_1',
  agencyId: 'fis',
  agencyName: 'Fiscalía',
  agencyKind: 'prosecutor',
  status: 'sent',
  summary: 's',
  share: { level: true, indicators: true, places: false },
  shared: {},
  createdAt: '2026-10-15T15:00:00.000Z',
  createdBy: { id: 'op', name: 'Op' },
  lastUpdateAt: '2026-10-15T15:00:00.000Z',
  history: [{ status: 'sent', at: '2026-10-15T15:00:00.000Z', by: { id: 'op', name: 'Op' } }],
  reminders: [],
  version: 1,
  ...over,
});

describe('referralCounters (the funnel)', () => {
  it('counts a referral in the month it was sent', () => {
    expect(referralCounters(referral())).toEqual([{ month: '2026-10', key: 'funnel#referred', n: 1 }]);
  });

  it('counts acting when the agency acts, and the outcome in the month it was recorded', () => {
    const acting = referral({
      status: 'closed',
      history: [
        { status: 'sent', at: '2026-10-15T15:00:00.000Z', by: { id: 'op', name: 'Op' } },
        { status: 'acting', at: '2026-11-02T15:00:00.000Z', by: { id: 'op', name: 'Op' } },
      ],
      outcome: {
        rescuedAdults: 2,
        rescuedMinors: 3,
        arrests: 1,
        chargesFiled: true,
        conviction: false,
        at: '2026-12-20T15:00:00.000Z',
        by: { id: 'op', name: 'Op' },
      },
    });
    expect(referralCounters(acting)).toEqual([
      { month: '2026-10', key: 'funnel#referred', n: 1 },
      { month: '2026-11', key: 'funnel#acting', n: 1 },
      { month: '2026-12', key: 'funnel#rescued', n: 5 },
      { month: '2026-12', key: 'funnel#charges', n: 1 },
    ]);
  });

  it('an agency that never said "acting" but rescued someone acted; one that did nothing did not', () => {
    const outcome = {
      rescuedAdults: 0,
      rescuedMinors: 1,
      arrests: 0,
      chargesFiled: false,
      conviction: false,
      at: '2026-11-20T15:00:00.000Z',
      by: { id: 'op', name: 'Op' },
    };
    expect(referralCounters(referral({ outcome }))).toContainEqual({ month: '2026-11', key: 'funnel#acting', n: 1 });
    expect(referralCounters(referral({ outcome: { ...outcome, rescuedMinors: 0, noActionReason: 'no estaba' } }))).toEqual([
      { month: '2026-10', key: 'funnel#referred', n: 1 },
    ]);
  });

  it('a corrected outcome moves the counts by the correction only', () => {
    const by = { id: 'op', name: 'Op' };
    const first = referral({
      outcome: { rescuedAdults: 1, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false, at: '2026-11-20T15:00:00.000Z', by },
    });
    const corrected = referral({
      outcome: { rescuedAdults: 3, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false, at: '2026-11-21T15:00:00.000Z', by },
    });
    expect(referralCountDelta(first, corrected)).toEqual([{ month: '2026-11', key: 'funnel#rescued', n: 2 }]);
  });
});
