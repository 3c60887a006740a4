// Handing a tip to a colleague: who may, to whom, and what the trail keeps.
import { describe, expect, it } from 'vitest';
import { cachedStaff, staffFromGroups } from '../../functions/adapters/cognito-staff';
import { assignTip, TipConflict, UnknownColleague, type StaffMember } from '../../functions/core/operator-actions';
import type { TipRecord } from '../../functions/core/tip-record';
import { bareTip, NOW, OLGA, OMAR, SARA } from '../support/staff';

const OMAR_ON_STAFF: StaffMember = { id: 'omar', name: 'Omar', roles: ['operator'] };

const tip = (overrides: Partial<TipRecord> = {}): TipRecord => bareTip({ level: 'high', score: 50, ...overrides });

describe('assignTip', () => {
  it('hands a tip nobody holds to a colleague, who holds it in review', () => {
    const { tip: assigned, details } = assignTip(tip(), OLGA, OMAR_ON_STAFF, NOW);
    expect(assigned).toMatchObject({ claimedBy: { id: 'omar', name: 'Omar' }, claimedAt: NOW.toISOString(), status: 'in_review' });
    expect(details).toEqual({ from: 'nobody', to: 'omar', toName: 'Omar' });
  });

  it('lets the holder hand their own tip on', () => {
    const { tip: assigned, details } = assignTip(tip({ status: 'escalated', claimedBy: { id: 'olga', name: 'Olga' } }), OLGA, OMAR_ON_STAFF, NOW);
    expect(assigned.claimedBy).toEqual({ id: 'omar', name: 'Omar' });
    expect(assigned.status).toBe('escalated');
    expect(details).toEqual({ from: 'olga', fromName: 'Olga', to: 'omar', toName: 'Omar' });
  });

  it('refuses an operator a tip someone else holds, naming the holder', () => {
    const held = tip({ status: 'in_review', claimedBy: { id: 'sara', name: 'Sara' } });
    expect(() => assignTip(held, OLGA, OMAR_ON_STAFF, NOW)).toThrow(TipConflict);
    try {
      assignTip(held, OLGA, OMAR_ON_STAFF, NOW);
    } catch (error) {
      expect((error as TipConflict).claimedBy).toEqual({ id: 'sara', name: 'Sara' });
    }
  });

  it('lets a supervisor move a tip from its holder, and the trail says from whom', () => {
    const held = tip({ status: 'in_review', claimedBy: { id: 'olga', name: 'Olga' } });
    const { tip: assigned, details } = assignTip(held, SARA, OMAR_ON_STAFF, NOW);
    expect(assigned.claimedBy).toEqual({ id: 'omar', name: 'Omar' });
    expect(details).toEqual({ from: 'olga', fromName: 'Olga', to: 'omar', toName: 'Omar', overHolder: 'true' });
  });

  it('refuses someone who is not on the staff', () => {
    expect(() => assignTip(tip(), OLGA, undefined, NOW)).toThrow(UnknownColleague);
    const error = new UnknownColleague();
    expect([error.status, error.code]).toEqual([400, 'unknown_colleague']);
    expect(error.body()).toEqual({ fields: { to: expect.stringContaining('GET /api/staff') } });
  });

  it('refuses a closed tip', () => {
    expect(() => assignTip(tip({ status: 'closed', outcome: 'other' }), SARA, OMAR_ON_STAFF, NOW)).toThrow(/closed/);
  });

  it('changes nothing when the colleague already holds it', () => {
    const held = tip({ status: 'in_review', claimedBy: { id: 'omar', name: 'Omar' } });
    const decision = assignTip(held, OMAR, OMAR_ON_STAFF, NOW);
    expect(decision.tip).toBe(held);
    expect(decision.details.unchanged).toBe('true');
  });
});

describe('the staff directory', () => {
  const user = (sub: string, name: string | undefined, username: string, enabled = true) => ({
    Username: username,
    Enabled: enabled,
    Attributes: [{ Name: 'sub', Value: sub }, ...(name ? [{ Name: 'name', Value: name }] : [])],
  });

  it('lists each person once by their sub, with every staff group they are in, by name; disabled accounts are left out', () => {
    const staff = staffFromGroups([
      { group: 'operator', users: [user('s-2', 'Omar', 'omar'), user('s-1', undefined, 'zoila'), user('s-9', 'Gone', 'gone', false)] },
      { group: 'supervisor', users: [user('s-2', 'Omar', 'omar'), user('s-3', 'Ángela', 'angela')] },
    ]);
    expect(staff).toEqual([
      { id: 's-3', name: 'Ángela', roles: ['supervisor'] },
      { id: 's-2', name: 'Omar', roles: ['operator', 'supervisor'] },
      { id: 's-1', name: 'zoila', roles: ['operator'] },
    ]);
  });

  it('reads again after a minute, and not before; a failed read is not kept', async () => {
    let clock = 0;
    let reads = 0;
    let fail = true;
    const directory = cachedStaff(
      async () => {
        reads++;
        if (fail) throw new Error('throttled');
        return [OMAR_ON_STAFF];
      },
      () => clock,
    );
    await expect(directory.list()).rejects.toThrow('throttled');
    fail = false;
    expect(await directory.list()).toEqual([OMAR_ON_STAFF]);
    clock += 59_000;
    await directory.list();
    expect(reads).toBe(2);
    clock += 2_000;
    await directory.list();
    expect(reads).toBe(3);
  });
});
