// A referral's life: made to an active agency (never to a local authority of its region while
// the case implicates officials, unless a supervisor overrides with a reason), its summary
// redacted, only the facts chosen shared; moved forward only; closed only with an outcome; an
// outcome of nothing only with a reason.
import { describe, expect, it } from 'vitest';
import { AgencyInactive, AgencyNotFound, LocalAuthorityImplicated, OutcomeRequired, ReferralBackwards } from '../../functions/core/cases/errors';
import { isLocalAuthorityAgency, moveReferral, newReferral, recordOutcome, sharedFacts } from '../../functions/core/cases/lifecycle';
import { referralBody, referralOutcomeBody, type ReferralRecord, toReferralView } from '../../functions/core/cases/model';
import { Forbidden, InvalidRequest } from '../../functions/core/errors';
import type { Agency, RegionRule } from '../../functions/core/paging/model';
import { bareTip, NOW, OLGA, SARA } from '../support/staff';

const agency = (agencyId: string, kind: Agency['kind'], over: Partial<Agency> = {}): Agency => ({
  agencyId,
  name: agencyId.toUpperCase(),
  kind,
  region: 'Madre de Dios',
  active: true,
  ...over,
});
const COMISARIA = agency('comisaria-pm', 'local_police');
const FISTRAP = agency('fistrap-mdd', 'prosecutor');
const COMPLICITY = bareTip({
  level: 'critical',
  indicators: [
    { id: 'official_complicity', evidence: 'el policía cobra', start: 0 },
    { id: 'minor', evidence: '15 años', start: 20 },
  ],
  places: [{ text: 'la pampa', place: 'La Pampa', region: 'Madre de Dios' }],
});
const PAST_COMPLICITY = bareTip({ indicators: [{ id: 'official_complicity', evidence: 'hace años un policía', start: 0, tense: 'past' }] });
const share = { level: true, indicators: true, places: true };

const body = (over: Record<string, unknown> = {}) => referralBody.parse({ agencyId: 'fistrap-mdd', summary: 'Menor en un bar de La Pampa.', share, ...over });
const make = (a: Agency | undefined, over: Partial<Parameters<typeof newReferral>[0]> = {}) =>
  newReferral({
    caseId: 'C00000001',
    referralId: 'R00000001',
    tips: [COMPLICITY],
    agency: a,
    agencyId: a?.agencyId ?? 'nadie',
    rules: [],
    body: body(),
    actor: OLGA,
    now: NOW,
    ...over,
  });

describe('making a referral', () => {
  it('is sent to an active agency with the redacted summary and the facts chosen, audited without text', () => {
    const { referral, details } = make(FISTRAP, { body: body({ summary: 'Llamar al 987 654 321, dni 45678912: menor en La Pampa.' }) });

    expect(referral).toMatchObject({
      status: 'sent',
      agencyId: 'fistrap-mdd',
      agencyName: 'FISTRAP-MDD',
      agencyKind: 'prosecutor',
      createdBy: { id: 'olga', name: 'Olga' },
      createdAt: NOW.toISOString(),
      lastUpdateAt: NOW.toISOString(),
      history: [{ status: 'sent', at: NOW.toISOString(), by: { id: 'olga', name: 'Olga' } }],
      reminders: [],
      version: 1,
    });
    expect(referral.summary).toBe('Llamar al [PHONE], dni [ID]: menor en La Pampa.');
    // official_complicity is never told to an agency (the SMS may reach the official).
    expect(referral.shared).toEqual({ level: 'critical', indicators: ['minor'], places: ['La Pampa'] });
    expect(details).toEqual({
      caseId: 'C00000001',
      referralId: 'R00000001',
      agencyId: 'fistrap-mdd',
      agencyKind: 'prosecutor',
      shared: 'level,indicators,places',
    });
    expect(JSON.stringify(toReferralView(referral))).not.toContain('shared');
  });

  it('shares only what was chosen: nothing but the summary when nothing is', () => {
    expect(sharedFacts([COMPLICITY], { level: false, indicators: false, places: true })).toEqual({ places: ['La Pampa'] });
    expect(make(FISTRAP, { body: body({ share: { level: false, indicators: false, places: false } }) }).details.shared).toBe('summary only');
    expect(sharedFacts([PAST_COMPLICITY, bareTip({ level: 'high' })], share)).toEqual({ level: 'high', indicators: [], places: [] });
  });

  it('refuses a local authority of its region when the case implicates officials, telling an operator to ask a supervisor', () => {
    expect(() => make(COMISARIA)).toThrow(LocalAuthorityImplicated);
    expect(() => make(COMISARIA)).toThrow(/ask a supervisor to override/);
    expect(() => make(COMISARIA, { actor: SARA })).toThrow(/send override\.reason/);
    try {
      make(COMISARIA);
    } catch (error) {
      expect(error).toMatchObject({ status: 409, code: 'local_authority_implicated' });
    }
  });

  it("takes a supervisor's override with a reason, kept on the referral and in the audit details; an operator's is refused", () => {
    const override = { reason: 'La fiscal pidió que la comisaría acompañe el operativo' };
    const { referral, details } = make(COMISARIA, { actor: SARA, body: body({ agencyId: 'comisaria-pm', override }) });
    expect(referral.override).toEqual({ reason: override.reason, by: { id: 'sara', name: 'Sara' } });
    expect(details).toMatchObject({ override: 'local_authority_implicated', reason: override.reason });
    expect(() => make(COMISARIA, { body: body({ agencyId: 'comisaria-pm', override }) })).toThrow(Forbidden);
  });

  it('sends a local authority a case that does not implicate officials now (a past mention does not count)', () => {
    expect(make(COMISARIA, { tips: [PAST_COMPLICITY] }).referral.agencyKind).toBe('local_police');
    expect(
      make(COMISARIA, { tips: [bareTip()], actor: SARA, body: body({ override: { reason: 'no hace falta, pero la mando igual' } }) }).referral.override,
    ).toBeUndefined();
  });

  it("reads the region's rule: a kind it names is a local authority there, and only there", () => {
    const rules: RegionRule[] = [{ ruleId: 'mdd', region: 'Madre de Dios', localAuthorityKinds: ['local_police', 'child_protection'] }];
    const demuna = agency('demuna-pm', 'child_protection');
    expect(isLocalAuthorityAgency(demuna, rules)).toBe(true);
    expect(isLocalAuthorityAgency(demuna, [])).toBe(false);
    expect(isLocalAuthorityAgency({ kind: 'local_police', region: 'Cusco' }, rules)).toBe(true);
    expect(isLocalAuthorityAgency({ kind: 'local_police', region: 'Cusco' }, [{ ruleId: 'cusco', region: 'Cusco', localAuthorityKinds: [] }])).toBe(false);
    expect(() => make(demuna, { rules })).toThrow(LocalAuthorityImplicated);
  });

  it('refuses an inactive agency (agency_inactive) and an unknown one (404)', () => {
    expect(() => make(agency('car-mdd', 'shelter', { active: false }))).toThrow(AgencyInactive);
    expect(() => make(undefined)).toThrow(AgencyNotFound);
  });

  it('takes bodies that say what to send instead', () => {
    const bad = (over: Record<string, unknown>) => referralBody.safeParse({ agencyId: 'fistrap-mdd', summary: 'x', share, ...over });
    expect(bad({ summary: '' }).success).toBe(false);
    expect(bad({ summary: 'x'.repeat(1001) }).success).toBe(false);
    expect(bad({ share: { level: true } }).success).toBe(false);
    expect(bad({ override: { reason: 'corto' } }).success).toBe(false);
    expect(bad({ contact: '+51987654321' }).success).toBe(false);
  });
});

const sent = (over: Partial<ReferralRecord> = {}): ReferralRecord => ({ ...make(FISTRAP).referral, ...over });
const later = new Date(NOW.getTime() + 3_600_000);

describe('moving a referral on', () => {
  it('goes forward, skipping allowed, with the agency reference and a note, each step in its history', () => {
    const received = moveReferral(sent(), { status: 'received', agencyReference: 'Carpeta 123-2026' }, OLGA, later);
    expect(received.referral).toMatchObject({ status: 'received', agencyReference: 'Carpeta 123-2026', lastUpdateAt: later.toISOString() });
    expect(received.details).toEqual({
      caseId: 'C00000001',
      referralId: 'R00000001',
      agencyId: 'fistrap-mdd',
      from: 'sent',
      to: 'received',
      agencyReference: 'Carpeta 123-2026',
    });
    const acting = moveReferral(sent(), { status: 'acting', note: 'Operativo el jueves' }, SARA, later).referral;
    expect(acting.history.map((step) => step.status)).toEqual(['sent', 'acting']);
    expect(acting.history[1]).toEqual({ status: 'acting', at: later.toISOString(), by: { id: 'sara', name: 'Sara' }, note: 'Operativo el jueves' });
  });

  it('takes the same status again as an update of its reference or note, and refuses it bare', () => {
    const updated = moveReferral(sent({ status: 'received', agencyReference: 'A-1' }), { status: 'received', note: 'llamé, siguen' }, OLGA, later);
    expect(updated.referral).toMatchObject({ status: 'received', agencyReference: 'A-1', lastUpdateAt: later.toISOString() });
    expect(updated.details).toMatchObject({ from: 'received', to: 'received', note: 'true' });
    expect(() => moveReferral(sent({ status: 'received' }), { status: 'received' }, OLGA, later)).toThrow(InvalidRequest);
  });

  it('never goes back (referral_backwards)', () => {
    expect(() => moveReferral(sent({ status: 'acting' }), { status: 'received' }, OLGA, later)).toThrow(ReferralBackwards);
    expect(() => moveReferral(sent({ status: 'acting' }), { status: 'received' }, OLGA, later)).toThrow(/does not go back to received/);
  });

  it('closes only with an outcome (outcome_required)', () => {
    expect(() => moveReferral(sent({ status: 'acting' }), { status: 'closed' }, OLGA, later)).toThrow(OutcomeRequired);
    const outcome = recordOutcome(
      sent(),
      referralOutcomeBody.parse({ rescuedAdults: 1, rescuedMinors: 2, arrests: 1, chargesFiled: true, conviction: false }),
      OLGA,
      later,
    );
    expect(moveReferral(outcome.referral, { status: 'closed' }, OLGA, later).referral.status).toBe('closed');
  });
});

describe('an outcome', () => {
  it('is counts and two facts, audited as counts, replacing an earlier one as a correction', () => {
    const first = recordOutcome(
      sent(),
      referralOutcomeBody.parse({ rescuedAdults: 0, rescuedMinors: 1, arrests: 2, chargesFiled: true, conviction: false }),
      OLGA,
      later,
    );
    expect(first.referral.outcome).toEqual({
      rescuedAdults: 0,
      rescuedMinors: 1,
      arrests: 2,
      chargesFiled: true,
      conviction: false,
      at: later.toISOString(),
      by: { id: 'olga', name: 'Olga' },
    });
    expect(first.details).toEqual({
      caseId: 'C00000001',
      referralId: 'R00000001',
      agencyId: 'fistrap-mdd',
      rescuedAdults: '0',
      rescuedMinors: '1',
      arrests: '2',
      chargesFiled: 'true',
      conviction: 'false',
    });
    const second = recordOutcome(
      first.referral,
      referralOutcomeBody.parse({ rescuedAdults: 0, rescuedMinors: 1, arrests: 2, chargesFiled: true, conviction: true }),
      SARA,
      later,
    );
    expect(second.referral.outcome?.conviction).toBe(true);
    expect(second.details.corrected).toBe('true');
  });

  it('of nothing needs noActionReason, and the 400 names that field', () => {
    const nothing = { rescuedAdults: 0, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false };
    const refused = referralOutcomeBody.safeParse(nothing);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['noActionReason']);
    const taken = referralOutcomeBody.parse({ ...nothing, noActionReason: 'La víctima ya no estaba en el lugar' });
    expect(recordOutcome(sent(), taken, OLGA, later).details.noAction).toBe('true');
    for (const bad of [
      { ...nothing, arrests: -1 },
      { ...nothing, arrests: 1.5 },
      { ...nothing, chargesFiled: 'yes' },
    ])
      expect(referralOutcomeBody.safeParse(bad).success).toBe(false);
  });
});
