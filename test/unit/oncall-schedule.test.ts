// Acceptance 4 of the on-call issue: a hand-off at midnight Lima time, overrides (a swap and
// an absence), and a region with nobody on call (the default policy is paged, supervisors told).
import { describe, expect, it } from 'vitest';
import { NoDefaultPolicy, handoffInstant, onCall, policyFor, startPaging, whoToPage } from '../../functions/core/paging';
import { at, override, responder, roster, rotation } from './oncall-fixtures';

const mdd = rotation('mdd-police', ['pol-ana', 'pol-beto']);

describe('weekly rotation, hand-off Monday 00:00 Lima (05:00Z)', () => {
  it.each([
    ['before the first hand-off', '2025-03-03T04:59:00Z', null],
    ['at the first hand-off', '2025-03-03T05:00:00Z', 'pol-ana'],
    ['Sunday 23:59 Lima, the minute before the second hand-off', '2025-03-10T04:59:00Z', 'pol-ana'],
    ['Sunday 23:59:59.999 Lima', '2025-03-10T04:59:59.999Z', 'pol-ana'],
    ['Monday 00:00 Lima, the hand-off itself', '2025-03-10T05:00:00Z', 'pol-beto'],
    ['Monday 00:01 Lima, the minute after', '2025-03-10T05:01:00Z', 'pol-beto'],
    ['Sunday 23:59 Lima a week later', '2025-03-17T04:59:00Z', 'pol-beto'],
    ['Monday 00:00 Lima, back to the first participant', '2025-03-17T05:00:00Z', 'pol-ana'],
    ['a year on (52 weeks: an even week)', '2026-03-02T05:00:00Z', 'pol-ana'],
    ['a year on, the minute before', '2026-03-02T04:59:00Z', 'pol-beto'],
  ] as const)('%s -> %s', (_name, iso, expected) => {
    expect(onCall(mdd, [], at(iso))).toBe(expected);
  });

  it('hands off at 00:00 local in a zone east of UTC too (Monday 00:00 Kolkata is Sunday 18:30Z)', () => {
    const kolkata = rotation('kol', ['a-1', 'b-1'], { timeZone: 'Asia/Kolkata' });
    expect(onCall(kolkata, [], at('2025-03-09T18:29:00Z'))).toBe('a-1');
    expect(onCall(kolkata, [], at('2025-03-09T18:30:00Z'))).toBe('b-1');
  });

  it('cycles through three participants in order', () => {
    const three = rotation('three', ['p-1', 'p-2', 'p-3'], { handoff: { weekday: 3, time: '08:30' }, firstHandoff: '2025-03-05' });
    const week = (k: number) => new Date(Date.parse('2025-03-05T13:30:00Z') + k * 7 * 86_400_000);
    expect([0, 1, 2, 3, 4, 5].map((k) => onCall(three, [], week(k)))).toEqual(['p-1', 'p-2', 'p-3', 'p-1', 'p-2', 'p-3']);
    expect(onCall(three, [], new Date(week(1).getTime() - 1))).toBe('p-1');
  });
});

describe('hand-offs across DST (the rotation keeps its local hour)', () => {
  // Chile springs forward at 00:00 on Sunday 2025-09-07: that midnight does not exist.
  const santiago = rotation('scl', ['s-1', 's-2', 's-3'], { timeZone: 'America/Santiago', handoff: { weekday: 7, time: '00:00' }, firstHandoff: '2025-08-31' });

  it('puts each hand-off at local midnight, and the missing one at 01:00 -03', () => {
    expect([0, 1, 2].map((k) => handoffInstant(santiago, k).toISOString())).toEqual([
      '2025-08-31T04:00:00.000Z', // 00:00 -04
      '2025-09-07T04:00:00.000Z', // 00:00 does not exist: 01:00 -03
      '2025-09-14T03:00:00.000Z', // 00:00 -03
    ]);
  });

  it.each([
    ['2025-09-07T03:59:00Z', 's-1'],
    ['2025-09-07T04:00:00Z', 's-2'],
    ['2025-09-14T02:59:00Z', 's-2'],
    ['2025-09-14T03:00:00Z', 's-3'],
    ['2025-09-21T03:00:00Z', 's-1'],
  ] as const)('Santiago at %s -> %s', (iso, expected) => {
    expect(onCall(santiago, [], at(iso))).toBe(expected);
  });

  it('New York: a 02:30 hand-off on the spring-forward day is at 03:30 EDT; on fall-back, at the first 01:30', () => {
    const spring = rotation('ny-s', ['n-1', 'n-2'], { timeZone: 'America/New_York', handoff: { weekday: 7, time: '02:30' }, firstHandoff: '2025-03-02' });
    expect(handoffInstant(spring, 1).toISOString()).toBe('2025-03-09T07:30:00.000Z');
    expect(onCall(spring, [], at('2025-03-09T07:29:00Z'))).toBe('n-1');
    expect(onCall(spring, [], at('2025-03-09T07:30:00Z'))).toBe('n-2');

    const fall = rotation('ny-f', ['n-1', 'n-2'], { timeZone: 'America/New_York', handoff: { weekday: 7, time: '01:30' }, firstHandoff: '2025-10-26' });
    expect(handoffInstant(fall, 1).toISOString()).toBe('2025-11-02T05:30:00.000Z');
    expect(onCall(fall, [], at('2025-11-02T05:29:00Z'))).toBe('n-1');
    expect(onCall(fall, [], at('2025-11-02T06:29:00Z'))).toBe('n-2');
    // A week later, 01:30 EST again.
    expect(handoffInstant(fall, 2).toISOString()).toBe('2025-11-09T06:30:00.000Z');
  });
});

describe('overrides', () => {
  // beto's week runs 2025-03-10T05:00Z .. 2025-03-17T05:00Z.
  const swap = override('swap-ana', 'pol-ana', '2025-03-11T05:00:00Z', '2025-03-12T05:00:00Z');
  const absence = override('absent', null, '2025-03-13T00:00:00Z', '2025-03-13T12:00:00Z', { reason: 'beto on leave, nobody covers' });
  const inner = override('carla-night', 'fis-carla', '2025-03-11T10:00:00Z', '2025-03-11T11:00:00Z');
  const otherRotation = override('elsewhere', 'alb-dora', '2025-03-11T00:00:00Z', '2025-03-20T00:00:00Z', { rotationId: 'cusco-police' });
  const overrides = [swap, absence, inner, otherRotation];

  it.each([
    ['before the swap', '2025-03-11T04:59:00Z', 'pol-beto'],
    ['at the swap start (inclusive)', '2025-03-11T05:00:00Z', 'pol-ana'],
    ['inside the swap', '2025-03-11T09:00:00Z', 'pol-ana'],
    ['inside a later-starting override within the swap: it wins', '2025-03-11T10:30:00Z', 'fis-carla'],
    ['after the inner one, back to the swap', '2025-03-11T11:00:00Z', 'pol-ana'],
    ['at the swap end (exclusive)', '2025-03-12T05:00:00Z', 'pol-beto'],
    ['inside the absence: nobody', '2025-03-13T06:00:00Z', null],
    ['at the absence end', '2025-03-13T12:00:00Z', 'pol-beto'],
  ] as const)('%s -> %s', (_name, iso, expected) => {
    expect(onCall(mdd, overrides, at(iso))).toBe(expected);
  });

  it('applies even before the rotation starts (a cover for the launch night)', () => {
    expect(onCall(mdd, [override('launch', 'pol-beto', '2025-03-02T00:00:00Z', '2025-03-04T00:00:00Z')], at('2025-03-03T00:00:00Z'))).toBe('pol-beto');
  });

  it('does not depend on the order the overrides are listed in', () => {
    const same = [
      override('b', 'pol-beto', '2025-03-11T05:00:00Z', '2025-03-12T05:00:00Z'),
      override('a', 'pol-ana', '2025-03-11T05:00:00Z', '2025-03-11T06:00:00Z'),
    ];
    const t = at('2025-03-11T05:30:00Z');
    expect(onCall(mdd, same, t)).toBe('pol-ana');
    expect(onCall(mdd, [...same].reverse(), t)).toBe('pol-ana');
  });
});

describe('who to page', () => {
  const r = roster();
  const mddPolicy = policyFor('Madre de Dios', r.policies);
  const t = at('2025-03-10T05:01:00Z');

  it.each([
    ['the rotation level: whoever is on call', 0, [], r.responders, ['pol-beto']],
    ['the person level', 1, [], r.responders, ['fis-carla']],
    ['nobody during an absence', 0, [override('absent', null, '2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z')], r.responders, []],
    ['nobody when the one on call is inactive', 0, [], r.responders.map((x) => (x.responderId === 'pol-beto' ? { ...x, active: false } : x)), []],
    ['nobody when the person is inactive', 1, [], r.responders.map((x) => (x.responderId === 'fis-carla' ? { ...x, active: false } : x)), []],
    ['nobody when an override names someone unknown', 0, [override('ghost', 'pol-ghost', '2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z')], r.responders, []],
  ] as const)('%s', (_name, level, overrides, responders, expected) => {
    expect(whoToPage(mddPolicy, level, r.rotations, overrides, responders, t)).toEqual(expected);
  });

  it('nobody when the rotation no longer exists', () => {
    expect(whoToPage(mddPolicy, 0, [], [], r.responders, t)).toEqual([]);
  });

  it('throws on a level the policy does not have', () => {
    expect(() => whoToPage(mddPolicy, 2, r.rotations, [], r.responders, t)).toThrow(RangeError);
  });
});

describe('policy for a region', () => {
  const { policies } = roster();

  it.each([
    ['Madre de Dios', 'mdd'],
    ['madre de dios', 'mdd'],
    ['Cusco', 'cusco'],
    ['Puno', 'default'],
    [null, 'default'],
  ] as const)('%j -> %s', (region, policyId) => {
    expect(policyFor(region, policies).policyId).toBe(policyId);
  });

  it('says what to do when there is no default', () => {
    expect(() =>
      policyFor(
        'Puno',
        policies.filter((p) => p.region !== 'default'),
      ),
    ).toThrow(NoDefaultPolicy);
    expect(() => policyFor('Puno', [])).toThrow(/add a policy with region 'default'/);
    expect(
      policyFor(
        'Cusco',
        policies.filter((p) => p.region !== 'default'),
      ).policyId,
    ).toBe('cusco');
  });
});

describe('a region with nobody on call', () => {
  const T = at('2025-03-10T07:00:00Z');
  const notices = (actions: ReturnType<typeof startPaging>['actions']) => actions.filter((a) => a.kind === 'notify_supervisors');

  it('pages the default policy and tells the supervisors (Cusco: its only officer is inactive)', () => {
    const { actions, state } = startPaging({ tipId: '7K2F9QXM', level: 'critical', region: 'Cusco', indicators: ['minor'] }, roster(), T);
    expect(notices(actions)).toEqual([expect.objectContaining({ reason: 'nobody_on_call', policyId: 'cusco', steps: [0], cycle: 0 })]);
    expect(actions.filter((a) => a.kind === 'page')).toEqual([expect.objectContaining({ responderId: 'alb-dora', step: 0, cycle: 0 })]);
    expect(state).toMatchObject({ policyId: 'default', step: 0, pagedResponderIds: ['alb-dora'] });
  });

  it('pages the default policy for a region that has none of its own, and bothers nobody else', () => {
    const { actions } = startPaging({ tipId: '7K2F9QXM', level: 'critical', region: 'Puno', indicators: [] }, roster(), T);
    expect(actions.filter((a) => a.kind === 'page').map((a) => a.kind === 'page' && a.responderId)).toEqual(['alb-dora']);
    expect(actions.some((a) => a.kind === 'notify_supervisors')).toBe(false);
  });

  it("pages Madre de Dios's second level when an absence empties the first", () => {
    const r = roster({ overrides: [override('absent', null, '2025-03-10T00:00:00Z', '2025-03-11T00:00:00Z')] });
    const { actions, state } = startPaging({ tipId: '7K2F9QXM', level: 'critical', region: 'Madre de Dios', indicators: [] }, r, T);
    expect(notices(actions)).toEqual([expect.objectContaining({ reason: 'nobody_on_call', policyId: 'mdd', steps: [0] })]);
    expect(state).toMatchObject({ policyId: 'mdd', step: 1, pagedResponderIds: ['fis-carla'] });
  });

  it('uses the responders of the default policy even if they serve other regions', () => {
    const r = roster({ responders: [...roster().responders.filter((x) => x.responderId !== 'alb-dora'), responder('alb-dora', { regions: ['Lima'] })] });
    expect(startPaging({ tipId: '7K2F9QXM', level: 'high', region: 'Cusco', indicators: [] }, r, T).state.pagedResponderIds).toEqual(['alb-dora']);
  });
});
