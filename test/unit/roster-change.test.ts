// The roster API's pure part: reading a supervisor's PUT, and refusing a change that would
// add a problem to the roster.
import { describe, expect, it } from 'vitest';
import { contactKey } from '../../functions/core/contact-key';
import { InvalidRequest } from '../../functions/core/errors';
import {
  addedProblems,
  applyChange,
  checkedChange,
  readAgencyPut,
  readConflictsPut,
  readItemPut,
  readPathId,
  readResponderPut,
  readRosterItem,
  responderPhone,
  RosterConflict,
  RosterItemNotFound,
} from '../../functions/roster-api/roster-change';
import type { Agency } from '../../functions/core/paging';
import { override, policy, responderLevel, roster } from './oncall-fixtures';

function fieldsOf(read: () => unknown): Record<string, string> {
  try {
    read();
  } catch (error: unknown) {
    if (error instanceof InvalidRequest) return error.fields;
    throw error;
  }
  throw new Error('expected an InvalidRequest');
}

const rotationBody = { region: 'Madre de Dios', handoff: { weekday: 1, time: '08:00' }, participants: ['pol-ana'], firstHandoff: '2026-11-09' };
const responderBody = { name: 'Ana', role: 'police', regions: ['Madre de Dios'], lang: 'es', active: true };

describe('reading a roster PUT', () => {
  it('takes the id from the path and fills in the default time zone', () => {
    const rotation = readRosterItem('rotation', 'mdd-night', rotationBody);

    expect(rotation).toEqual({ ...rotationBody, rotationId: 'mdd-night', timeZone: 'America/Lima' });
  });

  it('accepts a body that repeats the path id, and refuses one that contradicts it', () => {
    expect(readRosterItem('rotation', 'mdd-night', { ...rotationBody, rotationId: 'mdd-night' }).rotationId).toBe('mdd-night');

    expect(fieldsOf(() => readRosterItem('rotation', 'mdd-night', { ...rotationBody, rotationId: 'other' }))).toEqual({
      rotationId: 'must be the id in the path (mdd-night), or left out',
    });
  });

  it('refuses unknown fields instead of dropping them, together with every other problem', () => {
    const body = { ...rotationBody, timeZone: 'Mars/Olympus_Mons', region: undefined, regon: 'Cusco' };
    const fields = fieldsOf(() => readRosterItem('rotation', 'mdd-night', body));

    expect(Object.keys(fields).sort()).toEqual(['region', 'regon', 'timeZone']);
    expect(fields.regon).toBe('unknown field');
    expect(fields.timeZone).toMatch(/IANA time zone/);
  });

  it('reports a nested field by its path', () => {
    const body = { region: 'Madre de Dios', levels: [{ target: { kind: 'responder', responderId: 'fis-carla' }, deadlineMinutes: 0 }] };
    const fields = fieldsOf(() => readItemPut('policy', 'mdd', body));

    expect(Object.keys(fields)).toEqual(['levels.0.deadlineMinutes']);
  });

  it('refuses a body that is not an object, and a path id that is not an id', () => {
    expect(fieldsOf(() => readRosterItem('policy', 'mdd', ['x']))).toEqual({ '(body)': 'send a JSON object' });
    expect(fieldsOf(() => readPathId('Bad Id!'))).toHaveProperty('id');
    expect(readPathId('mdd-police')).toBe('mdd-police');
  });

  it('normalises a responder phone to E.164 and keeps it apart from the responder', () => {
    const put = readResponderPut('pol-ana', { ...responderBody, phone: ' +51 987-654-321 ' });

    expect(put).toEqual({ responder: { ...responderBody, responderId: 'pol-ana' }, phone: '+51987654321' });
  });

  it('leaves the phone out when none is sent (the one on file is kept)', () => {
    expect(readResponderPut('pol-ana', responderBody)).toEqual({ responder: { ...responderBody, responderId: 'pol-ana' } });
  });

  it('refuses a phone that is not E.164 without echoing it, along with other field problems', () => {
    const fields = fieldsOf(() => readResponderPut('pol-ana', { ...responderBody, lang: 'fr', phone: '987654321' }));

    expect(Object.keys(fields).sort()).toEqual(['lang', 'phone']);
    expect(fields.phone).not.toContain('987654321');
    expect(fieldsOf(() => readResponderPut('pol-ana', { ...responderBody, phone: 51987654321 }))).toHaveProperty('phone');
  });

  it('keys a responder phone exactly as intake keys a sender, so an ACK is recognised', () => {
    const secret = 's'.repeat(40);

    expect(responderPhone('+51987654321', secret)).toEqual({ e164: '+51987654321', contactKey: contactKey('+51987654321', secret) });
  });
});

describe('changing the roster', () => {
  it('replaces an item with the same id and adds a new one', () => {
    const before = roster();
    const moved = { ...before.policies[1]!, levels: [responderLevel('pol-fredy', 5)] };

    const replaced = applyChange(before, { kind: 'policy', op: 'put', item: moved });
    const added = applyChange(before, { kind: 'override', op: 'put', item: override('swap-1', 'pol-beto', '2026-12-01T13:00:00Z', '2026-12-02T13:00:00Z') });

    expect(replaced.policies).toHaveLength(3);
    expect(replaced.policies[1]).toBe(moved);
    expect(added.overrides.map((o) => o.overrideId)).toEqual(['swap-1']);
    expect(before.overrides).toEqual([]);
  });

  it('deletes an override, and says so when there is none by that id', () => {
    const withOne = roster({ overrides: [override('swap-1', 'pol-beto', '2026-12-01T13:00:00Z', '2026-12-02T13:00:00Z')] });

    expect(applyChange(withOne, { kind: 'override', op: 'delete', id: 'swap-1' }).overrides).toEqual([]);
    expect(() => applyChange(withOne, { kind: 'override', op: 'delete', id: 'swap-2' })).toThrow(RosterItemNotFound);
  });

  it('refuses an override for an unknown responder, with the problem', () => {
    const change = { kind: 'override' as const, op: 'put' as const, item: override('swap-1', 'pol-nobody', '2026-12-01T13:00:00Z', '2026-12-02T13:00:00Z') };

    expect(() => checkedChange(roster(), change)).toThrow(RosterConflict);
    try {
      checkedChange(roster(), change);
    } catch (error: unknown) {
      expect((error as RosterConflict).problems).toEqual(['override swap-1 names unknown responder pol-nobody']);
    }
  });

  it('refuses a second default policy, and a default policy moved to a region', () => {
    const second = { kind: 'policy' as const, op: 'put' as const, item: policy('default-2', 'default', [responderLevel('fis-eva', 10)]) };
    const moved = { kind: 'policy' as const, op: 'put' as const, item: policy('default', 'Puno', [responderLevel('fis-eva', 10)]) };

    expect(() => checkedChange(roster(), second)).toThrow(RosterConflict);
    expect(() => checkedChange(roster(), moved)).toThrow(RosterConflict);
  });

  it('lets a roster that already has a problem be edited, as long as the edit adds none', () => {
    const broken = roster({ overrides: [override('old', 'pol-gone', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')] });
    const unrelated = { kind: 'policy' as const, op: 'put' as const, item: policy('cusco', 'Cusco', [responderLevel('fis-eva', 10)]) };

    expect(checkedChange(broken, unrelated).policies).toContainEqual(unrelated.item);
    expect(addedProblems(broken, broken)).toEqual([]);
  });

  it('lets an empty roster be built up one item at a time', () => {
    const empty = { responders: [], rotations: [], overrides: [], policies: [] };

    const one = checkedChange(empty, { kind: 'responder', op: 'put', item: roster().responders[0]! });

    expect(one.responders).toHaveLength(1);
  });
});

describe('agencies, region rules and declared conflicts', () => {
  const agencyBody = { name: 'Comisaría de Mazuko', kind: 'local_police' as const, region: 'Madre de Dios', active: true };
  const mazuko: Agency = { ...agencyBody, agencyId: 'comisaria-mazuko' };

  it('reads an agency with its contact apart, normalised, and refuses one that is not E.164 without echoing it', () => {
    expect(readAgencyPut('comisaria-mazuko', { ...agencyBody, contact: '+51 987 654 321' })).toEqual({ agency: mazuko, contact: '+51987654321' });
    expect(readAgencyPut('comisaria-mazuko', agencyBody)).toEqual({ agency: mazuko });

    const fields = fieldsOf(() => readAgencyPut('comisaria-mazuko', { ...agencyBody, kind: 'army', contact: '987654321' }));
    expect(Object.keys(fields).sort()).toEqual(['contact', 'kind']);
    expect(fields.contact).not.toContain('987654321');
  });

  it('reads a region rule, and refuses a kind that is not an agency kind', () => {
    expect(readItemPut('region', 'mdd', { region: 'Madre de Dios', localAuthorityKinds: ['local_police'], complicityPolicyId: 'mdd-fiscalia' })).toEqual({
      kind: 'region',
      op: 'put',
      item: { ruleId: 'mdd', region: 'Madre de Dios', localAuthorityKinds: ['local_police'], complicityPolicyId: 'mdd-fiscalia' },
    });
    expect(fieldsOf(() => readItemPut('region', 'mdd', { region: 'Madre de Dios', localAuthorityKinds: ['army'] }))).toHaveProperty(['localAuthorityKinds.0']);
  });

  it("reads a responder's conflicts, once per place however it is written", () => {
    expect(readConflictsPut({ conflicts: ['La Cabaña', 'km 108', 'la cabana'] })).toEqual(['La Cabaña', 'km 108']);
    expect(readConflictsPut({ conflicts: [] })).toEqual([]);
    expect(Object.keys(fieldsOf(() => readConflictsPut({ conflicts: ['x'], venue: 'y' }))).sort()).toEqual(['conflicts.0', 'venue']);
    expect(fieldsOf(() => readConflictsPut({}))).toHaveProperty('conflicts');
  });

  it('refuses a responder for an unknown agency, a rule paging an unknown policy, and a second rule for a region', () => {
    const base = { ...roster(), agencies: [mazuko], regionRules: [{ ruleId: 'mdd', region: 'Madre de Dios', localAuthorityKinds: ['local_police' as const] }] };
    const problemsOf = (change: Parameters<typeof checkedChange>[1]) => {
      try {
        checkedChange(base, change);
        return [];
      } catch (error: unknown) {
        return (error as RosterConflict).problems;
      }
    };

    expect(problemsOf({ kind: 'responder', op: 'put', item: { ...roster().responders[0]!, agencyId: 'comisaria-nowhere' } })).toEqual([
      'responder pol-ana answers for unknown agency comisaria-nowhere',
    ]);
    expect(
      problemsOf({ kind: 'region', op: 'put', item: { ruleId: 'mdd', region: 'Madre de Dios', localAuthorityKinds: [], complicityPolicyId: 'gone' } }),
    ).toEqual(['region rule mdd pages unknown policy gone when officials are implicated']);
    expect(problemsOf({ kind: 'region', op: 'put', item: { ruleId: 'mdd-2', region: 'madre de dios', localAuthorityKinds: ['local_police'] } })).toEqual([
      'region rules mdd and mdd-2 are both for region madre de dios',
    ]);
    expect(problemsOf({ kind: 'agency', op: 'put', item: { ...mazuko, name: 'Comisaría PNP Mazuko' } })).toEqual([]);
  });
});
