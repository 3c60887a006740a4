// Factories for the on-call tests: a small Madre de Dios roster that every test bends a little.
import type { EscalationPolicy, Override, Responder, Roster, Rotation } from '../../functions/core/paging';

export const responder = (responderId: string, over: Partial<Responder> = {}): Responder => ({
  responderId,
  name: responderId,
  role: 'police',
  regions: ['Madre de Dios'],
  lang: 'es',
  active: true,
  ...over,
});

/** Weekly, Monday 00:00 Lima, first hand-off Monday 2025-03-03 (05:00Z). */
export const rotation = (rotationId: string, participants: string[], over: Partial<Rotation> = {}): Rotation => ({
  rotationId,
  region: 'Madre de Dios',
  timeZone: 'America/Lima',
  handoff: { weekday: 1, time: '00:00' },
  participants,
  firstHandoff: '2025-03-03',
  ...over,
});

export const override = (overrideId: string, responderId: string | null, start: string, end: string, over: Partial<Override> = {}): Override => ({
  overrideId,
  rotationId: 'mdd-police',
  responderId,
  start,
  end,
  reason: 'swap',
  ...over,
});

export const rotationLevel = (rotationId: string, deadlineMinutes: number) => ({ target: { kind: 'rotation' as const, rotationId }, deadlineMinutes });
export const responderLevel = (responderId: string, deadlineMinutes: number) => ({ target: { kind: 'responder' as const, responderId }, deadlineMinutes });

export const policy = (policyId: string, region: string, levels: EscalationPolicy['levels']): EscalationPolicy => ({ policyId, region, levels });

/**
 * Madre de Dios: police rotation (ana, beto) for 15 min, then the prosecutor carla for 30.
 * Cusco: a police rotation of one inactive officer (nobody on call).
 * Default: the duty rotation (dora) for 20 min, then supervisor-chosen responder eva for 20.
 */
export function roster(over: Partial<Roster> = {}): Roster {
  return {
    responders: [
      responder('pol-ana'),
      responder('pol-beto'),
      responder('fis-carla', { role: 'prosecutor' }),
      responder('alb-dora', { role: 'shelter', lang: 'qu', regions: ['Cusco', 'Madre de Dios'] }),
      responder('fis-eva', { role: 'prosecutor', lang: 'en' }),
      responder('pol-fredy', { regions: ['Cusco'], active: false }),
    ],
    rotations: [
      rotation('mdd-police', ['pol-ana', 'pol-beto']),
      rotation('cusco-police', ['pol-fredy'], { region: 'Cusco' }),
      rotation('default-duty', ['alb-dora'], { region: 'default' }),
    ],
    overrides: [],
    policies: [
      policy('mdd', 'Madre de Dios', [rotationLevel('mdd-police', 15), responderLevel('fis-carla', 30)]),
      policy('cusco', 'Cusco', [rotationLevel('cusco-police', 10)]),
      policy('default', 'default', [rotationLevel('default-duty', 20), responderLevel('fis-eva', 20)]),
    ],
    ...over,
  };
}

export const at = (iso: string): Date => new Date(iso);
