// The local stack's demo roster: consistent, written once on an empty roster, and on call as
// its _why says.
import { describe, expect, it } from 'vitest';
import type { RosterReader, RosterWriter } from '../../functions/core/ports';
import { contactKey } from '../../functions/core/contact-key';
import { onCall, policyFor, rosterProblems, startPaging, whoToPage, type Roster } from '../../functions/core/paging';
import { DEMO_ROSTER, seedDemoRoster, withoutPhones } from '../../local/seed-roster';

const SECRET = 'k'.repeat(64);

function memoryRoster(initial: Partial<Roster> = {}) {
  const roster: Roster = { responders: [], rotations: [], overrides: [], policies: [], ...initial };
  const phones = new Map<string, { e164: string; contactKey: string }>();
  const contacts = new Map<string, string | undefined>();
  let writes = 0;
  const reader: RosterReader = { load: async () => structuredClone(roster) };
  const writer: RosterWriter = {
    async putResponder(responder, phone) {
      writes++;
      roster.responders = [...roster.responders.filter((r) => r.responderId !== responder.responderId), responder];
      if (phone) phones.set(responder.responderId, phone);
    },
    async putAgency(agency, contact) {
      writes++;
      roster.agencies = [...(roster.agencies ?? []), agency];
      contacts.set(agency.agencyId, contact);
    },
    async put(kind, _id, data) {
      writes++;
      if (kind === 'rotation') roster.rotations.push(data as Roster['rotations'][number]);
      if (kind === 'override') roster.overrides.push(data as Roster['overrides'][number]);
      if (kind === 'policy') roster.policies.push(data as Roster['policies'][number]);
      if (kind === 'region') roster.regionRules = [...(roster.regionRules ?? []), data as NonNullable<Roster['regionRules']>[number]];
    },
    async remove() {
      writes++;
    },
  };
  return { roster, phones, contacts, reader, writer, writes: () => writes };
}

describe('the demo roster', () => {
  it('is seeded whole on an empty roster, every phone with its contact key', async () => {
    const store = memoryRoster();

    await seedDemoRoster(store.writer, store.reader, SECRET);

    expect(store.roster).toEqual(withoutPhones(DEMO_ROSTER));
    expect(rosterProblems(store.roster)).toEqual([]);
    expect(store.phones.size).toBe(7);
    for (const { responderId, phone } of DEMO_ROSTER.responders) {
      expect(store.phones.get(responderId)).toEqual({ e164: phone, contactKey: contactKey(phone, SECRET) });
      expect(phone).toMatch(/^\+519000001\d\d$/);
    }
    expect([...store.contacts.values()]).toHaveLength(7);
    for (const contact of store.contacts.values()) expect(contact).toMatch(/^\+519000002\d\d$/);
  });

  it('is not written over a roster that has anything in it', async () => {
    const store = memoryRoster({ responders: [{ responderId: 'pol-kept', name: 'Kept', role: 'police', regions: ['Cusco'], lang: 'es', active: true }] });

    await seedDemoRoster(store.writer, store.reader, SECRET);

    expect(store.writes()).toBe(0);
  });

  it('has pol-rosa on call for Madre de Dios this week, pol-hugo from Monday 08:00 Lima', () => {
    const roster = withoutPhones(DEMO_ROSTER);
    const mdd = policyFor('Madre de Dios', roster.policies);
    const page = (at: string, level = 0) => whoToPage(mdd, level, roster.rotations, roster.overrides, roster.responders, new Date(at));

    expect(page('2026-11-27T10:00:00Z')).toEqual(['pol-rosa']);
    expect(page('2026-11-30T12:59:59Z')).toEqual(['pol-rosa']);
    expect(page('2026-11-30T13:00:00Z')).toEqual(['pol-hugo']);
    expect(page('2026-11-27T10:00:00Z', 1)).toEqual(['fis-marta']);
    expect(page('2026-11-27T10:00:00Z', 2)).toEqual(['alb-luz']);
    expect(mdd.levels.map((l) => l.deadlineMinutes)).toEqual([10, 10, 10]);
    expect(DEMO_ROSTER._why).toContain('in the week from Monday 2026-11-23 08:00 Lima it was pol-rosa');
  });

  it('pages fis-marta first, never the comisaría, for a critical tip implicating officials in Madre de Dios; the supervisor in Cusco', () => {
    const roster = withoutPhones(DEMO_ROSTER);
    const tip = {
      tipId: '7K2F9QXM',
      level: 'critical' as const,
      indicators: ['minor' as const, 'official_complicity' as const],
      aroundLocalAuthority: true as const,
    };
    const paged = (region: string) => startPaging({ ...tip, region }, roster, new Date('2026-11-27T10:00:00Z')).state.pagedResponderIds;

    expect(paged('Madre de Dios')).toEqual(['fis-marta']);
    expect(paged('Cusco')).toEqual(['sup-sara']);
    expect(DEMO_ROSTER._why).toContain('pages fis-marta first');
  });

  it('pages the supervisor on call for a region without a policy, and has two supervisors to tell', () => {
    const roster = withoutPhones(DEMO_ROSTER);
    const fallback = policyFor('Puno', roster.policies);

    expect(whoToPage(fallback, 0, roster.rotations, roster.overrides, roster.responders, new Date('2026-11-27T10:00:00Z'))).toEqual(['sup-sara']);
    expect(roster.responders.filter((r) => r.role === 'supervisor').map((r) => r.responderId)).toEqual(['sup-sara', 'sup-tomas']);
    const cusco = roster.rotations.find((r) => r.rotationId === 'cusco-police')!;
    expect(onCall(cusco, [], new Date('2026-11-27T10:00:00Z'))).toBe('pol-wilber');
  });
});
