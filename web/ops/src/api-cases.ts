// The API's cases, referrals and agency directory (issue 17): the same client as api.ts.
import { call, getRoster } from './api';
import type {
  Agency,
  AgencyOption,
  AgencyPut,
  CaseView,
  LinkResult,
  NewReferral,
  OutcomeReport,
  OverdueReferrals,
  Referral,
  ReferralMove,
  RegionRule,
  RegionRulePut,
  RosterWithAgencies,
} from './api-types-cases';

const part = (value: string): string => encodeURIComponent(value);
const referral = (caseId: string, referralId: string, action: string): string => `/api/cases/${part(caseId)}/referrals/${part(referralId)}/${action}`;

/** Puts tip `id` into the case of tip `to` (a new case holding both when `to` has none). */
export const linkTip = (id: string, to: string): Promise<LinkResult> => call('POST', `/api/tips/${part(id)}/link`, { to });
export const getCase = (caseId: string): Promise<CaseView> => call('GET', `/api/cases/${part(caseId)}`);
export const getAgencies = (): Promise<{ agencies: AgencyOption[] }> => call('GET', '/api/agencies');
export const sendReferral = (caseId: string, body: NewReferral): Promise<Referral> => call('POST', `/api/cases/${part(caseId)}/referrals`, body);
export const moveReferral = (caseId: string, referralId: string, body: ReferralMove): Promise<Referral> =>
  call('POST', referral(caseId, referralId, 'status'), body);
export const reportOutcome = (caseId: string, referralId: string, body: OutcomeReport): Promise<Referral> =>
  call('POST', referral(caseId, referralId, 'outcome'), body);

/** Supervisors only. */
export const getOverdue = (): Promise<OverdueReferrals> => call('GET', '/api/referrals/overdue');
export const getDirectory = (): Promise<RosterWithAgencies> => getRoster();
export const putAgency = (agencyId: string, body: AgencyPut): Promise<Agency & { hasContact: boolean }> =>
  call('PUT', `/api/roster/agencies/${part(agencyId)}`, body);
export const putRegionRule = (ruleId: string, body: RegionRulePut): Promise<RegionRule> => call('PUT', `/api/roster/regions/${part(ruleId)}`, body);
