// Linking tips into a case: a new case holding both, joining the case of `to`, a tip in another
// case refused (naming it), a claim that holds, and a link decided again when the case or a tip
// moved on meanwhile, never half written.
import { describe, expect, it } from 'vitest';
import { AlreadyInCase, CaseChanging, CaseFull } from '../../functions/core/cases/errors';
import { linkTip, planLink } from '../../functions/core/cases/linking';
import { MAX_TIPS_PER_CASE } from '../../functions/core/cases/model';
import { InvalidRequest, TipNotFound } from '../../functions/core/errors';
import { TipConflict } from '../../functions/core/operator-actions';
import { tipIdSchema } from '../../functions/core/tip-id';
import type { TipRecord } from '../../functions/core/tip-record';
import { memoryCases } from '../support/memory-cases';
import { bareTip, NOW, OLGA, OMAR, SARA } from '../support/staff';

const tip = (id: string, over: Partial<TipRecord> = {}) => bareTip({ tipId: tipIdSchema.parse(id), ...over });

function world(...tips: TipRecord[]) {
  const store = new Map(tips.map((t) => [t.tipId as string, t]));
  const cases = memoryCases(store);
  let n = 0;
  const ports = { tips: { getTip: async (id: string) => structuredClone(store.get(id)) }, cases, newCaseId: () => `C000000${n++}A` };
  return { store, cases, link: (from: string, to: string, actor = OLGA) => linkTip(from, to, actor, NOW, ports) };
}

describe('linking a tip to another', () => {
  it('makes a new case holding both when the other is in none, the other tip first, and sets both caseIds', async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'));

    const plan = await w.link('BBBBBBBB', 'AAAAAAAA');

    expect(plan.created).toBe(true);
    expect(plan.case).toEqual({
      caseId: 'C0000000A',
      tipIds: ['AAAAAAAA', 'BBBBBBBB'],
      createdAt: NOW.toISOString(),
      createdBy: { id: 'olga', name: 'Olga' },
      version: 1,
    });
    expect(w.store.get('AAAAAAAA')).toMatchObject({ caseId: 'C0000000A', version: 4 });
    expect(w.store.get('BBBBBBBB')).toMatchObject({ caseId: 'C0000000A', version: 4 });
  });

  it("joins the other tip's case, writing only the joining tip and the case on its version", async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'), tip('CCCCCCCC'));
    await w.link('BBBBBBBB', 'AAAAAAAA');

    const plan = await w.link('CCCCCCCC', 'BBBBBBBB', OMAR);

    expect(plan.created).toBe(false);
    expect(w.cases.cases.get('C0000000A')).toMatchObject({ tipIds: ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'], version: 2, createdBy: { id: 'olga' } });
    expect(w.store.get('CCCCCCCC')?.caseId).toBe('C0000000A');
    expect(w.store.get('AAAAAAAA')?.version).toBe(4);
  });

  it('answers the case again without writing when the tip is in it already', async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'));
    await w.link('BBBBBBBB', 'AAAAAAAA');

    const again = await w.link('AAAAAAAA', 'BBBBBBBB');

    expect(again.write).toBeUndefined();
    expect(again.case.tipIds).toEqual(['AAAAAAAA', 'BBBBBBBB']);
    expect(w.cases.cases.get('C0000000A')?.version).toBe(1);
  });

  it('refuses a tip that is in another case, naming the case (already_in_case)', async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'), tip('CCCCCCCC'), tip('DDDDDDDD'));
    await w.link('BBBBBBBB', 'AAAAAAAA');
    await w.link('DDDDDDDD', 'CCCCCCCC');

    const refused = w.link('BBBBBBBB', 'CCCCCCCC');

    await expect(refused).rejects.toBeInstanceOf(AlreadyInCase);
    await expect(refused).rejects.toMatchObject({ code: 'already_in_case', status: 409, caseId: 'C0000000A' });
    await expect(w.link('BBBBBBBB', 'EEEEEEEE')).rejects.toBeInstanceOf(InvalidRequest);
    // A tip in a case joining a tip in none would start a second case for it: refused too.
    await expect(world(tip('AAAAAAAA', { caseId: 'C0000000Z' }), tip('BBBBBBBB')).link('AAAAAAAA', 'BBBBBBBB')).rejects.toMatchObject({
      code: 'already_in_case',
    });
    expect(w.store.get('BBBBBBBB')?.caseId).toBe('C0000000A');
  });

  it('holds a claim: someone else cannot link a tip Olga holds, she and a supervisor who took it over can', () => {
    const held = tip('AAAAAAAA', { status: 'in_review', claimedBy: { id: 'olga', name: 'Olga' } });
    const other = tip('BBBBBBBB');
    const newId = () => 'C00000001';

    expect(() => planLink(held, other, undefined, OMAR, NOW, newId)).toThrow(TipConflict);
    expect(() => planLink(held, other, undefined, SARA, NOW, newId)).toThrow(/Olga is working on this tip/);
    expect(planLink(held, other, undefined, OLGA, NOW, newId).created).toBe(true);
    // Whoever holds the tip it joins does not stop it: that tip changes only its case.
    expect(planLink(other, held, undefined, OMAR, NOW, newId).created).toBe(true);
  });

  it('refuses a link to itself, to an unknown tip, from an unknown tip, and past the largest case', async () => {
    const w = world(tip('AAAAAAAA'));
    await expect(w.link('AAAAAAAA', 'AAAAAAAA')).rejects.toMatchObject({ fields: { to: 'the id of another tip' } });
    await expect(w.link('AAAAAAAA', 'ZZZZZZZZ')).rejects.toMatchObject({ fields: { to: 'the id of an existing tip' } });
    await expect(w.link('ZZZZZZZZ', 'AAAAAAAA')).rejects.toBeInstanceOf(TipNotFound);
    const full = { caseId: 'C00000001', tipIds: Array.from({ length: MAX_TIPS_PER_CASE }, (_, i) => `T${i}`), createdAt: '', createdBy: OLGA, version: 9 };
    expect(() => planLink(tip('BBBBBBBB'), tip('AAAAAAAA', { caseId: 'C00000001' }), full, OLGA, NOW, () => 'x')).toThrow(CaseFull);
  });

  it('decides again when another link got there first: both tips end in one case, listed once each', async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'), tip('CCCCCCCC'));
    await w.link('BBBBBBBB', 'AAAAAAAA');
    // Another request adds C to the case between this one's read and its write.
    w.cases.beforeNextWrite(() => {
      const c = w.cases.cases.get('C0000000A')!;
      w.cases.cases.set('C0000000A', { ...c, tipIds: [...c.tipIds, 'CCCCCCCC'], version: c.version + 1 });
      const t = w.store.get('CCCCCCCC')!;
      w.store.set('CCCCCCCC', { ...t, caseId: 'C0000000A', version: t.version + 1 });
    });

    const plan = await w.link('CCCCCCCC', 'AAAAAAAA');

    expect(w.cases.conflicts).toBe(1);
    expect(plan.write).toBeUndefined();
    expect(w.cases.cases.get('C0000000A')?.tipIds).toEqual(['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC']);
  });

  it('gives up with 409 when the case keeps changing', async () => {
    const w = world(tip('AAAAAAAA'), tip('BBBBBBBB'));
    const busy = () =>
      w.cases.beforeNextWrite(() => {
        const t = w.store.get('BBBBBBBB')!;
        w.store.set('BBBBBBBB', { ...t, version: t.version + 1 });
        busy();
      });
    busy();

    await expect(w.link('BBBBBBBB', 'AAAAAAAA')).rejects.toBeInstanceOf(CaseChanging);
    expect(w.store.get('AAAAAAAA')?.caseId).toBeUndefined();
    expect(w.cases.cases.size).toBe(0);
  });
});
