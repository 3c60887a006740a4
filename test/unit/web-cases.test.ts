// The dashboard's side of cases and referrals (issue 17) that needs no browser: the addresses of
// the new pages, its copies of core's lists (held to core's, as api-contract.test.ts does for the
// others), and when a tip's indicators say that officials are complicit.
import { describe, expect, it } from 'vitest';
import { REFERRAL_STATUSES } from '../../functions/core/cases/model';
import { AGENCY_KINDS, DEFAULT_LOCAL_AUTHORITY_KINDS } from '../../functions/core/paging/model';
import { implicatesOfficials as coreImplicatesOfficials } from '../../functions/core/paging/routing';
import * as dashboard from '../../web/ops/src/api-types-cases';
import { parseHash, routeHash } from '../../web/ops/src/routes';

describe('the case pages in the address', () => {
  it('reads a case, the overdue referrals and the agency directory', () => {
    expect(parseHash('#/cases/c7k2f9qxm')).toEqual({ route: { view: 'case', id: 'C7K2F9QXM' }, query: null });
    expect(parseHash('#/cases/C7K2F9QXM?level=high')).toEqual({ route: { view: 'case', id: 'C7K2F9QXM' }, query: 'level=high' });
    expect(parseHash('#/referrals/overdue')).toEqual({ route: { view: 'overdue' }, query: null });
    expect(parseHash('#/agencies')).toEqual({ route: { view: 'agencies' }, query: null });
  });

  it('leaves malformed ones alone', () => {
    for (const hash of ['#/cases/', '#/cases/C-7K2F', '#/referrals', '#/referrals/overdue/x']) expect(parseHash(hash), hash).toBeNull();
  });

  it('writes them with the filter after them', () => {
    expect(routeHash({ view: 'case', id: 'C7K2F9QXM' }, '')).toBe('#/cases/C7K2F9QXM');
    expect(routeHash({ view: 'overdue' }, 'level=low')).toBe('#/referrals/overdue?level=low');
    expect(routeHash({ view: 'agencies' }, '')).toBe('#/agencies');
  });
});

describe("the dashboard's copies of core's lists", () => {
  it("agency kinds, referral statuses and a region's default local authority: core's, in core's order", () => {
    expect(dashboard.AGENCY_KINDS).toEqual(AGENCY_KINDS);
    expect(dashboard.REFERRAL_STATUSES).toEqual(REFERRAL_STATUSES);
    expect(dashboard.DEFAULT_LOCAL_AUTHORITY_KINDS).toEqual(DEFAULT_LOCAL_AUTHORITY_KINDS);
  });
});

describe('a tip that implicates officials', () => {
  it('has an official_complicity indicator not told in the past, as core decides', () => {
    const cases = [
      [],
      [{ id: 'minor' }],
      [{ id: 'official_complicity' }],
      [{ id: 'official_complicity', tense: 'past' as const }],
      [{ id: 'official_complicity', tense: 'past' as const }, { id: 'official_complicity' }],
    ];
    expect(cases.map((indicators) => dashboard.implicatesOfficials(indicators))).toEqual([false, false, true, false, true]);
    expect(cases.map((indicators) => dashboard.implicatesOfficials(indicators))).toEqual(cases.map((indicators) => coreImplicatesOfficials(indicators)));
  });
});
