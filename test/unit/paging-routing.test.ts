// Routing around it: a tip that implicates officials never pages the local authorities of its
// region, and a responder with a declared conflict is never paged for a tip naming the venue.
// Levels with only them are skipped (audited, no "nobody on call"), in every round and in the
// default policy's fallback.
import { describe, expect, it } from 'vitest';
import type { Agency, PagingAction, PagingState, PagingTip, RegionRule, Roster, Transition } from '../../functions/core/paging';
import { implicatesOfficials, isLocalAuthority, isPagingOpen, namesVenue, onDeadline, routingFor, startPaging, withRouting } from '../../functions/core/paging';
import { pagingTip, pagingWorld } from '../support/paging-world';
import { at, policy, responder, responderLevel, roster, rotationLevel } from './oncall-fixtures';

const T0 = at('2025-03-10T07:00:00Z'); // Monday 02:00 Lima: pol-beto's week on mdd-police
const tip = (over: Partial<PagingTip> = {}): PagingTip => ({
  tipId: '7K2F9QXM',
  level: 'critical',
  region: 'Madre de Dios',
  indicators: ['minor', 'official_complicity'],
  aroundLocalAuthority: true,
  ...over,
});

const pagedIds = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'page' ? [a.responderId] : []));
const notices = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'notify_supervisors' ? [a] : []));
const skips = (actions: PagingAction[]) =>
  actions.flatMap((a) => (a.kind === 'audit' && a.action === 'escalate' && a.details.reason?.startsWith('skipped_') ? [a.details] : []));

/** Runs a tip with no ACK until paging stops; returns every transition. */
function runToTheEnd(r: Roster, first: Transition): Transition[] {
  const steps: Transition[] = [first];
  let state: PagingState = first.state;
  for (let guard = 0; isPagingOpen(state); guard++) {
    if (guard > 100) throw new Error('paging never stopped');
    const next = onDeadline(state, { step: state.step, cycle: state.cycle }, r, new Date(Date.parse(state.deadlineAt!)));
    steps.push(next);
    state = next.state;
  }
  return steps;
}

const agency = (agencyId: string, kind: Agency['kind'], region = 'Madre de Dios'): Agency => ({ agencyId, name: agencyId, kind, region, active: true });
const rule = (ruleId: string, region: string, localAuthorityKinds: RegionRule['localAuthorityKinds'], complicityPolicyId?: string): RegionRule => ({
  ruleId,
  region,
  localAuthorityKinds,
  ...(complicityPolicyId ? { complicityPolicyId } : {}),
});

describe('what a tip asks of routing', () => {
  it('implicates officials only with complicity that is not past', () => {
    expect(implicatesOfficials([{ id: 'minor' }, { id: 'official_complicity' }])).toBe(true);
    expect(implicatesOfficials([{ id: 'official_complicity', tense: 'past' }])).toBe(false);
    expect(implicatesOfficials([{ id: 'minor' }])).toBe(false);
  });

  it('names a venue as whole words, whatever the case, accents and punctuation', () => {
    expect(namesVenue('esta en el bar la cabana de mazuko', 'La Cabaña')).toBe(true);
    expect(namesVenue('en el km 108, la pampa', 'KM-108')).toBe(true);
    expect(namesVenue('las cabanas del rio', 'La Cabaña')).toBe(false);
    expect(namesVenue('en el km 1080', 'km 108')).toBe(false);
    expect(namesVenue('cualquier texto', ' - ')).toBe(false);
  });

  it('bars the responders whose conflicts the tip names, and reads complicity from the indicators', () => {
    const r = roster({
      responders: [responder('pol-ana', { conflicts: ['La Tranca'] }), responder('fis-carla', { role: 'prosecutor', conflicts: ['Otro Bar'] })],
    });

    const routing = routingFor({ indicators: [{ id: 'official_complicity' }], searchText: 'mi hermana esta en el bar la tranca en mazuko' }, r);

    expect(routing).toEqual({ aroundLocalAuthority: true, barred: ['pol-ana'] });
    expect(routingFor({ indicators: [{ id: 'official_complicity', tense: 'past' }] }, r)).toEqual({});
  });

  it('leaves a state that already routes so as it is, and drops what the tip no longer asks', () => {
    const { state } = startPaging(tip({ barred: ['fis-eva'] }), roster(), T0);

    expect(withRouting(state, { aroundLocalAuthority: true, barred: ['fis-eva'] })).toBe(state);
    const now = withRouting(state, {});
    expect(now).not.toHaveProperty('aroundLocalAuthority');
    expect(now).not.toHaveProperty('barred');
  });
});

describe('who is a local authority', () => {
  const base = roster();
  const police = responder('pol-ana');
  const prosecutor = responder('fis-carla', { role: 'prosecutor' });

  it('by role when the responder has no agency: police is the local police', () => {
    expect(isLocalAuthority(police, 'Madre de Dios', base)).toBe(true);
    expect(isLocalAuthority(prosecutor, 'Madre de Dios', base)).toBe(false);
  });

  it('by agency kind, against the local police in a region without a rule', () => {
    const r = { ...base, agencies: [agency('dirctptim', 'anti_trafficking_police'), agency('comisaria', 'local_police')] };

    expect(isLocalAuthority(responder('pol-dir', { agencyId: 'dirctptim' }), 'Puno', r)).toBe(false);
    expect(isLocalAuthority(responder('pol-com', { role: 'investigator', agencyId: 'comisaria' }), 'Puno', r)).toBe(true);
  });

  it("by the region rule's kinds when there is one", () => {
    const r = { ...base, agencies: [agency('demuna', 'child_protection')], regionRules: [rule('mdd', 'madre de dios', ['local_police', 'child_protection'])] };

    expect(isLocalAuthority(responder('dem-ana', { role: 'social', agencyId: 'demuna' }), 'Madre de Dios', r)).toBe(true);
    expect(isLocalAuthority(responder('dem-ana', { role: 'social', agencyId: 'demuna' }), 'Cusco', r)).toBe(false);
  });

  it("for a tip with no region, by the 'default' rule when there is one", () => {
    const demuna = responder('dem-ana', { role: 'social', agencyId: 'demuna' });
    const r = { ...base, agencies: [agency('demuna', 'child_protection')] };

    expect(isLocalAuthority(demuna, null, { ...r, regionRules: [rule('elsewhere', 'default', ['child_protection'])] })).toBe(true);
    expect(isLocalAuthority(demuna, null, r)).toBe(false);
    expect(isLocalAuthority(police, null, r)).toBe(true);
  });
});

describe('paging around local authorities', () => {
  it('skips the police level at the start and pages the next, with no "nobody on call" notice', () => {
    const { state, actions } = startPaging(tip(), roster(), T0);

    expect(pagedIds(actions)).toEqual(['fis-carla']);
    expect(notices(actions)).toEqual([]);
    expect(skips(actions)).toEqual([{ reason: 'skipped_local_authority', responderId: 'pol-beto', policyId: 'mdd', step: '0', cycle: '0' }]);
    expect(state).toMatchObject({ policyId: 'mdd', step: 1, aroundLocalAuthority: true, everPagedResponderIds: ['fis-carla'] });
  });

  it('never pages the police in any round, and tells supervisors only that a round ran out', () => {
    const all = runToTheEnd(roster(), startPaging(tip(), roster(), T0));
    const actions = all.flatMap((t) => t.actions);

    expect(new Set(pagedIds(actions))).toEqual(new Set(['fis-carla']));
    expect(skips(actions).map((s) => s.cycle)).toEqual(['0', '1', '2']);
    expect(notices(actions).map((n) => n.reason)).toEqual(['policy_exhausted', 'policy_exhausted', 'paging_stopped']);
  });

  it("pages the region rule's complicity policy instead, in every round", () => {
    // A policy of its own, under a region name no tip carries: one policy per region.
    const r = roster({
      regionRules: [rule('mdd-rule', 'Madre de Dios', ['local_police'], 'mdd-complicity')],
      policies: [...roster().policies, policy('mdd-complicity', 'Madre de Dios complicidad', [responderLevel('fis-eva', 10)])],
    });

    const started = startPaging(tip(), r, T0);
    const actions = runToTheEnd(r, started).flatMap((t) => t.actions);

    expect(started.state.policyId).toBe('mdd-complicity');
    expect(pagedIds(actions)).toEqual(['fis-eva', 'fis-eva', 'fis-eva']);
    expect(skips(actions)).toEqual([]);
  });

  it('falls back to the default policy when every level of the region is the local authority, skipping there too', () => {
    const r = roster({
      responders: [...roster().responders, responder('pol-gino', { regions: ['Cusco'] }), responder('pol-duty', { regions: ['Cusco'] })],
      policies: [
        policy('cusco', 'Cusco', [responderLevel('pol-gino', 10)]),
        policy('default', 'default', [responderLevel('pol-duty', 20), responderLevel('fis-eva', 20)]),
      ],
    });

    const { state, actions } = startPaging(tip({ region: 'Cusco' }), r, T0);

    expect(pagedIds(actions)).toEqual(['fis-eva']);
    expect(skips(actions).map((s) => `${s.policyId}:${s.responderId}`)).toEqual(['cusco:pol-gino', 'default:pol-duty']);
    expect(notices(actions)).toEqual([]);
    expect(state).toMatchObject({ policyId: 'default', step: 1 });
  });

  it('pages the police as usual when the complicity is past', () => {
    const routing = routingFor({ indicators: [{ id: 'minor' }, { id: 'official_complicity', tense: 'past' }] }, roster());

    const { aroundLocalAuthority: _none, ...untouched } = tip();
    const { actions } = startPaging({ ...untouched, ...routing }, roster(), T0);

    expect(routing).toEqual({});
    expect(pagedIds(actions)).toEqual(['pol-beto']);
  });
});

describe('paging around a declared conflict', () => {
  it('never pages a barred responder, and audits it without the venue', () => {
    const r = roster({ responders: roster().responders.map((x) => (x.responderId === 'fis-carla' ? { ...x, conflicts: ['La Tranca'] } : x)) });
    const routing = routingFor({ indicators: [{ id: 'minor' }], searchText: 'mi hermana esta en el bar la tranca, no la dejan salir' }, r);

    const { aroundLocalAuthority: _none, ...plain } = tip({ indicators: ['minor'] });
    const all = runToTheEnd(r, startPaging({ ...plain, ...routing }, r, T0));
    const actions = all.flatMap((t) => t.actions);

    expect(new Set(pagedIds(actions))).toEqual(new Set(['pol-beto']));
    expect(skips(actions)[0]).toEqual({ reason: 'skipped_conflict', responderId: 'fis-carla', policyId: 'mdd', step: '1', cycle: '0' });
    expect(JSON.stringify(all).toLowerCase()).not.toContain('tranca');
  });
});

describe('the paging use case reads the routing from the tip', () => {
  const TIP = 'C0MP1C1A';
  const complicity = { id: 'official_complicity' as const, evidence: 'cobran cupo', start: 40 };

  it('starts around the police when the tip implicates officials', async () => {
    const w = pagingWorld([pagingTip(TIP, { indicators: [{ id: 'minor', evidence: 'de 15', start: 10 }, complicity] })]);

    await w.run({ type: 'PageRequested', tipId: TIP });

    expect(w.state(TIP)).toMatchObject({ aroundLocalAuthority: true, pagedResponderIds: ['fis-carla'] });
    expect(w.audit.filter((e) => e.details.reason === 'skipped_local_authority')).toHaveLength(1);
  });

  it('reads it again when a deadline falls due: a later message that implicates officials keeps the police out of the next round', async () => {
    const w = pagingWorld([pagingTip(TIP)], {
      roster: {
        policies: [
          policy('mdd', 'Madre de Dios', [responderLevel('fis-carla', 15), rotationLevel('mdd-police', 15)]),
          policy('default', 'default', [responderLevel('fis-eva', 20)]),
        ],
      },
    });
    await w.run({ type: 'PageRequested', tipId: TIP });
    w.setTip(TIP, { indicators: [...w.tip(TIP).indicators, complicity], searchText: 'la comisaria cobra cupo' });

    w.advance(16);
    await w.deliverDeadlines();

    expect(w.state(TIP)).toMatchObject({ aroundLocalAuthority: true, step: 0, cycle: 1, pagedResponderIds: ['fis-carla'] });
    expect(w.sms.filter((m) => m.to.includes('pol-'))).toEqual([]);
    expect(w.audit.filter((e) => e.details.reason === 'skipped_local_authority')).toHaveLength(1);
  });
});
