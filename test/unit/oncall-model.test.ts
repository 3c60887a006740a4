import { describe, expect, it } from 'vitest';
import { escalationPolicySchema, overrideSchema, responderSchema, rosterProblems, rotationSchema, sameRegion } from '../../functions/core/paging';
import { override, policy, responderLevel, roster, rotationLevel } from './oncall-fixtures';

const validRotation = {
  rotationId: 'mdd-police',
  region: 'Madre de Dios',
  handoff: { weekday: 1, time: '00:00' },
  participants: ['pol-ana', 'pol-beto'],
  firstHandoff: '2025-03-03',
};

describe('rotation schema', () => {
  it('defaults the zone to America/Lima', () => {
    expect(rotationSchema.parse(validRotation).timeZone).toBe('America/Lima');
  });

  it.each([
    ['an unknown time zone', { timeZone: 'America/Puerto_Maldonado' }, 'timeZone'],
    ['an offset instead of a zone', { timeZone: '-05:00' }, 'timeZone'],
    ['24:00', { handoff: { weekday: 1, time: '24:00' } }, 'handoff'],
    ['7:00 without its zero', { handoff: { weekday: 1, time: '7:00' } }, 'handoff'],
    ['weekday 0', { handoff: { weekday: 0, time: '08:00' } }, 'handoff'],
    ['weekday 8', { handoff: { weekday: 8, time: '08:00' } }, 'handoff'],
    ['a first hand-off on the wrong weekday', { firstHandoff: '2025-03-04' }, 'firstHandoff'],
    ['a date that does not exist', { firstHandoff: '2025-02-30' }, 'firstHandoff'],
    ['nobody in it', { participants: [] }, 'participants'],
    ['an id with capitals', { rotationId: 'MDD' }, 'rotationId'],
    ['an id too short', { rotationId: 'md' }, 'rotationId'],
    ['a participant id with spaces', { participants: ['pol ana'] }, 'participants'],
  ] as const)('refuses %s', (_name, change, path) => {
    const result = rotationSchema.safeParse({ ...validRotation, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(path);
  });

  it.each([
    ['Santiago, Sunday 00:00', { timeZone: 'America/Santiago', handoff: { weekday: 7, time: '00:00' }, firstHandoff: '2025-08-31' }],
    ['23:59 on a Friday', { handoff: { weekday: 5, time: '23:59' }, firstHandoff: '2025-03-07' }],
  ] as const)('accepts %s', (_name, change) => {
    expect(rotationSchema.safeParse({ ...validRotation, ...change }).success).toBe(true);
  });
});

describe('override schema', () => {
  const valid = {
    overrideId: 'swap-1',
    rotationId: 'mdd-police',
    responderId: 'pol-ana',
    start: '2025-03-11T05:00:00Z',
    end: '2025-03-12T05:00:00-00:00',
    reason: 'swap',
  };

  it('accepts a swap and an absence (nobody covers)', () => {
    expect(overrideSchema.safeParse(valid).success).toBe(true);
    expect(overrideSchema.safeParse({ ...valid, responderId: null }).success).toBe(true);
  });

  it.each([
    ['an end before its start', { end: '2025-03-10T05:00:00Z' }],
    ['an empty window', { end: '2025-03-11T05:00:00Z' }],
    ['a window of a quarter', { end: '2025-06-12T05:00:00Z' }],
    ['a local time without offset', { start: '2025-03-11T00:00:00' }],
    ['no reason', { reason: ' ' }],
    ['an undefined responder', { responderId: undefined }],
  ] as const)('refuses %s', (_name, change) => {
    expect(overrideSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe('escalation policy schema', () => {
  const valid = policy('mdd', 'Madre de Dios', [rotationLevel('mdd-police', 15), responderLevel('fis-carla', 30)]);

  it('accepts a policy and a default one', () => {
    expect(escalationPolicySchema.safeParse(valid).success).toBe(true);
    expect(escalationPolicySchema.safeParse({ ...valid, region: 'default' }).success).toBe(true);
  });

  it.each([
    ['no levels', { levels: [] }],
    ['eleven levels', { levels: Array.from({ length: 11 }, () => rotationLevel('mdd-police', 5)) }],
    ['a 0-minute deadline', { levels: [rotationLevel('mdd-police', 0)] }],
    ['a 241-minute deadline', { levels: [rotationLevel('mdd-police', 241)] }],
    ['a fractional deadline', { levels: [rotationLevel('mdd-police', 1.5)] }],
    ['an unknown target kind', { levels: [{ target: { kind: 'team', teamId: 'abc' }, deadlineMinutes: 5 }] }],
    ['a region that is not a name', { region: '<script>' }],
  ] as const)('refuses %s', (_name, change) => {
    expect(escalationPolicySchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('accepts the limits themselves', () => {
    const levels = Array.from({ length: 10 }, (_, i) => rotationLevel('mdd-police', i % 2 ? 1 : 240));
    expect(escalationPolicySchema.safeParse({ ...valid, levels }).success).toBe(true);
  });
});

describe('responder schema', () => {
  const valid = { responderId: 'pol-ana', name: 'Ana', role: 'police', regions: ['Madre de Dios'], lang: 'es', active: true };

  it('has no place for a phone number', () => {
    expect(responderSchema.parse({ ...valid, phone: '+51987654321' })).not.toHaveProperty('phone');
  });

  it.each([
    ['an unknown language', { lang: 'fr' }],
    ['no region', { regions: [] }],
    ['a role with spaces', { role: 'police unit' }],
    ['an empty name', { name: '' }],
  ] as const)('refuses %s', (_name, change) => {
    expect(responderSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });
});

describe('roster consistency', () => {
  it('finds nothing wrong with the demo roster', () => {
    expect(rosterProblems(roster())).toEqual([]);
  });

  it('names every dangling reference and every missing or doubled default', () => {
    const base = roster();
    const problems = rosterProblems({
      ...base,
      rotations: [...base.rotations, { ...base.rotations[0]!, rotationId: 'ghost-rota', participants: ['nobody-here'] }],
      overrides: [override('o-1', 'pol-zeta', '2025-03-11T05:00:00Z', '2025-03-12T05:00:00Z', { rotationId: 'no-such-rota' })],
      policies: [...base.policies.filter((p) => p.region !== 'default'), policy('mdd-2', 'madre de dios', [responderLevel('no-such-person', 5)])],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "there must be exactly one 'default' policy (found 0)",
        'policies mdd and mdd-2 are both for region madre de dios',
        'rotation ghost-rota names unknown responder nobody-here',
        'override o-1 is for unknown rotation no-such-rota',
        'override o-1 names unknown responder pol-zeta',
        'policy mdd-2 level 1 pages unknown responder no-such-person',
      ]),
    );
  });

  it('matches regions without case or accents', () => {
    expect(sameRegion('Apurímac', 'apurimac')).toBe(true);
    expect(sameRegion('Madre  de Dios', 'madre de dios')).toBe(true);
    expect(sameRegion('Cusco', 'Puno')).toBe(false);
  });
});
