import { describe, expect, it } from 'vitest';
import { Forbidden, InvalidRequest } from '../../functions/core/errors';
import {
  assertNotHeldByOther,
  changeStatus,
  claimTip,
  noteFor,
  overrideLevel,
  releaseTip,
  takeOverTip,
  TipConflict,
} from '../../functions/core/operator-actions';
import type { TipRecord } from '../../functions/core/tip-record';
import { bareTip, NOW, OLGA, OMAR, SARA } from '../support/staff';

const tip = (overrides: Partial<TipRecord> = {}): TipRecord => bareTip({ scoredLevel: 'medium', ...overrides });

describe('claimTip', () => {
  it('takes a new tip into review under the claimant', () => {
    const { tip: claimed, details } = claimTip(tip(), OLGA, NOW);
    expect(claimed).toMatchObject({ claimedBy: { id: 'olga', name: 'Olga' }, claimedAt: NOW.toISOString(), status: 'in_review' });
    expect(details).toEqual({ from: 'new', to: 'in_review' });
  });

  it('is idempotent for the holder and a conflict for anyone else', () => {
    const held = claimTip(tip(), OLGA, NOW).tip;
    expect(claimTip(held, OLGA, NOW).tip.claimedBy?.id).toBe('olga');
    expect(() => claimTip(held, OMAR, NOW)).toThrow(TipConflict);
    expect(() => claimTip(held, SARA, NOW)).toThrow(/Olga is already working/);
  });

  it('cannot claim a closed tip', () => {
    expect(() => claimTip(tip({ status: 'closed', outcome: 'duplicate' }), OLGA, NOW)).toThrow(/closed/);
  });
});

describe('releaseTip', () => {
  const held = claimTip(tip(), OLGA, NOW).tip;
  it('by the holder only: a supervisor takes the tip over first', () => {
    expect(releaseTip(held, OLGA).tip.claimedBy).toBeUndefined();
    expect(() => releaseTip(held, OMAR)).toThrow(TipConflict);
    expect(() => releaseTip(held, SARA)).toThrow(/Olga is working on this tip.*take it over/);
  });
  it('is a no-op on an unclaimed tip', () => {
    const free = tip();
    expect(releaseTip(free, OMAR).tip).toBe(free);
  });
});

describe('changeStatus', () => {
  it('closing needs an outcome and records when', () => {
    expect(() => changeStatus(tip(), { status: 'closed' }, OLGA, NOW)).toThrow(InvalidRequest);
    const closed = changeStatus(tip(), { status: 'closed', outcome: 'victim_safe' }, OLGA, NOW).tip;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'victim_safe', closedAt: NOW.toISOString(), expiresAt: NOW.getTime() / 1000 + 365 * 86_400 });
    expect(changeStatus(tip(), { status: 'closed', outcome: 'victim_safe' }, OLGA, NOW, 30).tip.expiresAt).toBe(NOW.getTime() / 1000 + 30 * 86_400);
  });

  it('an outcome without closing is refused', () => {
    expect(() => changeStatus(tip(), { status: 'referred', outcome: 'duplicate' }, OLGA, NOW)).toThrow(InvalidRequest);
  });

  it('reopening is for supervisors, and clears the outcome', () => {
    const closed = changeStatus(tip(), { status: 'closed', outcome: 'duplicate' }, OLGA, NOW).tip;
    expect(() => changeStatus(closed, { status: 'in_review' }, OLGA, NOW)).toThrow(Forbidden);
    const reopened = changeStatus(closed, { status: 'in_review' }, SARA, NOW).tip;
    expect(reopened.outcome).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.expiresAt).toBeUndefined();
  });

  it("someone else's claimed tip is theirs to move, a supervisor's only once taken over", () => {
    const held = claimTip(tip(), OLGA, NOW).tip;
    expect(() => changeStatus(held, { status: 'escalated' }, OMAR, NOW)).toThrow(TipConflict);
    expect(() => changeStatus(held, { status: 'escalated' }, SARA, NOW)).toThrow(TipConflict);
    const taken = takeOverTip(held, SARA, 'Olga terminó su turno', NOW).tip;
    expect(changeStatus(taken, { status: 'escalated' }, SARA, NOW).tip.status).toBe('escalated');
  });

  it('a closed tip is held by nobody: a supervisor reopens one that Olga closed', () => {
    const closed = changeStatus(claimTip(tip(), OLGA, NOW).tip, { status: 'closed', outcome: 'duplicate' }, OLGA, NOW).tip;
    expect(closed.claimedBy?.id).toBe('olga');
    expect(changeStatus(closed, { status: 'in_review' }, SARA, NOW).tip.status).toBe('in_review');
  });

  it('a tip never goes back to new', () => {
    const held = claimTip(tip(), OLGA, NOW).tip;
    expect(() => changeStatus(held, { status: 'new' }, OLGA, NOW)).toThrow(TipConflict);
  });
});

describe('overrideLevel', () => {
  it('keeps what the scorer said, who changed it, when and why', () => {
    const { tip: after, details } = overrideLevel(tip(), { level: 'critical', reason: 'menor confirmada' }, OLGA, NOW);
    expect(after.level).toBe('critical');
    expect(after.levelOverride).toEqual({
      level: 'critical',
      scoredLevel: 'medium',
      reason: 'menor confirmada',
      by: { id: 'olga', name: 'Olga' },
      at: NOW.toISOString(),
    });
    expect(details).toEqual({ from: 'medium', to: 'critical', scored: 'medium', direction: 'up' });
    expect(JSON.stringify(details)).not.toContain('menor');
  });
});

describe('a claim holds', () => {
  const held = claimTip(tip(), OLGA, NOW).tip;

  it('no level override, note or status change by anyone but the holder: 409 naming the holder and what to do', () => {
    for (const actor of [OMAR, SARA]) {
      const attempts = [
        () => overrideLevel(held, { level: 'low', reason: 'parece falso' }, actor, NOW),
        () => noteFor(held, actor, 'nota', 'note_1', NOW),
        () => changeStatus(held, { status: 'referred' }, actor, NOW),
        () => releaseTip(held, actor),
      ];
      for (const attempt of attempts) {
        const error = (() => {
          try {
            attempt();
          } catch (caught: unknown) {
            return caught;
          }
          return undefined;
        })();
        expect(error).toBeInstanceOf(TipConflict);
        expect((error as TipConflict).status).toBe(409);
        expect((error as TipConflict).body()).toEqual({ claimedBy: { id: 'olga', name: 'Olga' } });
        expect((error as TipConflict).message).toMatch(/^Olga is working on this tip, so only they can change it: ask them to release it/);
      }
    }
    expect(() => assertNotHeldByOther(held, OMAR)).toThrow(/ask a supervisor to take it over/);
    expect(() => assertNotHeldByOther(held, SARA)).toThrow(/or take it over \(claim it with "takeOver": true and a reason\)/);
  });

  it('the holder acts as before', () => {
    expect(overrideLevel(held, { level: 'high', reason: 'menor' }, OLGA, NOW).tip.level).toBe('high');
    expect(noteFor(held, OLGA, 'nota', 'note_1', NOW)).toMatchObject({ kind: 'note', author: { id: 'olga', name: 'Olga' }, text: 'nota' });
    expect(changeStatus(held, { status: 'referred' }, OLGA, NOW).tip.status).toBe('referred');
  });

  it('an unclaimed tip is anyone’s to change, as before', () => {
    const free = tip();
    expect(overrideLevel(free, { level: 'high', reason: 'menor' }, OMAR, NOW).tip.level).toBe('high');
    expect(noteFor(free, OMAR, 'nota', 'note_1', NOW).author).toEqual({ id: 'omar', name: 'Omar' });
    expect(changeStatus(free, { status: 'escalated' }, OMAR, NOW).tip.status).toBe('escalated');
  });
});

describe('takeOverTip', () => {
  const held = claimTip(tip(), OLGA, NOW).tip;
  const LATER = new Date('2026-11-27T05:00:00Z');

  it('moves the claim to the supervisor, and the trail keeps the previous holder and the reason', () => {
    const { tip: taken, details } = takeOverTip(held, SARA, 'Olga terminó su turno sin liberarla', LATER);
    expect(taken).toMatchObject({ claimedBy: { id: 'sara', name: 'Sara' }, claimedAt: LATER.toISOString(), status: 'in_review' });
    expect(details).toEqual({
      from: 'in_review',
      to: 'in_review',
      takeOver: 'true',
      previousHolderId: 'olga',
      previousHolderName: 'Olga',
      reason: 'Olga terminó su turno sin liberarla',
    });
    // Then the claim holds for her, against Olga too.
    expect(() => overrideLevel(taken, { level: 'low', reason: 'x' }, OLGA, LATER)).toThrow(/Sara is working on this tip/);
  });

  it('is for supervisors only', () => {
    expect(() => takeOverTip(held, OMAR, 'la necesito para seguir', NOW)).toThrow(Forbidden);
  });

  it('on a tip nobody else holds it is a plain claim, with nothing about a take-over', () => {
    expect(takeOverTip(tip(), SARA, 'la tomo yo misma', NOW).details).toEqual({ from: 'new', to: 'in_review' });
  });

  it('cannot take a closed tip', () => {
    const closed = changeStatus(held, { status: 'closed', outcome: 'duplicate' }, OLGA, NOW).tip;
    expect(() => takeOverTip(closed, SARA, 'la quiero reabrir', NOW)).toThrow(/closed/);
  });
});
