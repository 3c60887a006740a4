import { describe, expect, it } from 'vitest';
import { Forbidden, InvalidRequest } from '../../functions/core/errors';
import { changeStatus, claimTip, overrideLevel, releaseTip, TipConflict, type Actor } from '../../functions/core/operator-actions';
import type { TipRecord } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';

const OLGA: Actor = { id: 'olga', name: 'Olga', roles: ['operator'] };
const OMAR: Actor = { id: 'omar', name: 'Omar', roles: ['operator'] };
const SARA: Actor = { id: 'sara', name: 'Sara', roles: ['supervisor'] };
const NOW = new Date('2026-11-27T03:00:00Z');

function tip(overrides: Partial<TipRecord> = {}): TipRecord {
  return {
    tipId: tipIdSchema.parse('ABCDEFGH'),
    status: 'new',
    channel: 'sms',
    lang: 'es',
    level: 'medium',
    scoredLevel: 'medium',
    score: 30,
    rule: '',
    indicators: [],
    places: [],
    region: null,
    preview: '',
    createdAt: '',
    lastMessageAt: '',
    messageCount: 1,
    version: 3,
    ...overrides,
  };
}

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
  it('by the holder or a supervisor only', () => {
    expect(releaseTip(held, OLGA).tip.claimedBy).toBeUndefined();
    expect(releaseTip(held, SARA).tip.claimedBy).toBeUndefined();
    expect(() => releaseTip(held, OMAR)).toThrow(TipConflict);
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

  it("someone else's claimed tip is theirs to move, or a supervisor's", () => {
    const held = claimTip(tip(), OLGA, NOW).tip;
    expect(() => changeStatus(held, { status: 'escalated' }, OMAR, NOW)).toThrow(TipConflict);
    expect(changeStatus(held, { status: 'escalated' }, SARA, NOW).tip.status).toBe('escalated');
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
