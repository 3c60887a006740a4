// The shapes of cases, referrals and the agency directory (issue 17), as the API sends them.
// Core's own shapes are imported type-only (erased by the build); what a handler builds inline is
// stated here, as the contract between the API and this dashboard names it.
import type { ReferralStatus, ReferralView } from '../../../functions/core/cases/model';
import type { TimelineEntry } from '../../../functions/core/cases/timeline';
import type { Agency, AgencyKind, RegionRule } from '../../../functions/core/paging/model';
import type { QueueItem, RosterView, StaffRef } from './api-types';

export type { Agency, AgencyKind, RegionRule, ReferralStatus, TimelineEntry };
/** A referral as the API answers it (core/cases/model toReferralView). */
export type Referral = ReferralView;

/** core/paging/model AGENCY_KINDS, in its order: that module imports zod, so the list is copied. */
export const AGENCY_KINDS = [
  'local_police',
  'anti_trafficking_police',
  'prosecutor',
  'shelter',
  'ngo',
  'child_protection',
] as const satisfies readonly AgencyKind[];
/** A region with no rule of its own: its local police are its local authority (core DEFAULT_LOCAL_AUTHORITY_KINDS). */
export const DEFAULT_LOCAL_AUTHORITY_KINDS: readonly AgencyKind[] = ['local_police'];

/** core/cases/model REFERRAL_STATUSES, in its order (forward only). */
export const REFERRAL_STATUSES = ['sent', 'received', 'acting', 'closed'] as const satisfies readonly ReferralStatus[];
/** The statuses an operator moves a referral to: `sent` is where every referral starts. */
export const REFERRAL_MOVES = ['received', 'acting', 'closed'] as const satisfies readonly ReferralStatus[];

type NamesAll<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? true : false;
type Holds<T extends true> = T;
export type ListsNameAll = [Holds<NamesAll<typeof AGENCY_KINDS, AgencyKind>>, Holds<NamesAll<typeof REFERRAL_STATUSES, ReferralStatus>>];

/** `POST /api/tips/{id}/link`. */
export interface LinkResult {
  caseId: string;
  tipIds: string[];
}

/** `GET /api/cases/{caseId}`. */
export interface CaseView {
  caseId: string;
  code: string;
  tipIds: string[];
  createdAt: string;
  createdBy: StaffRef;
  implicatesOfficials: boolean;
  tips: QueueItem[];
  timeline: TimelineEntry[];
  referrals: Referral[];
}

/** `GET /api/agencies`: where a case can be referred. */
export interface AgencyOption extends Agency {
  /** Its kind is a local authority in its region: never referred a case that implicates officials. */
  localAuthority: boolean;
}

/** `POST /api/cases/{caseId}/referrals`. */
export interface NewReferral {
  agencyId: string;
  summary: string;
  share: Referral['share'];
  override?: { reason: string };
}

/** `POST /api/cases/{caseId}/referrals/{referralId}/status`. */
export interface ReferralMove {
  status: (typeof REFERRAL_MOVES)[number];
  agencyReference?: string;
  note?: string;
}

/** `POST /api/cases/{caseId}/referrals/{referralId}/outcome`. */
export type OutcomeReport = Omit<NonNullable<Referral['outcome']>, 'at' | 'by'>;

/** `GET /api/referrals/overdue` (supervisors). */
export interface OverdueReferrals {
  days: number;
  referrals: Array<Referral & { overdueDays: number }>;
}

/** `GET /api/roster` with the directory (supervisors): an agency's contact is never sent, only whether one is on file. */
export type RosterWithAgencies = RosterView & {
  agencies?: Array<Agency & { hasContact: boolean }>;
  regionRules?: RegionRule[];
};

/** `PUT /api/roster/agencies/{id}`: the contact is written, never read back. */
export type AgencyPut = Omit<Agency, 'agencyId'> & { contact?: string };
/** `PUT /api/roster/regions/{id}`. */
export type RegionRulePut = Omit<RegionRule, 'ruleId'>;

/** Whether a tip's indicators say that officials are complicit now (a past mention does not count). */
export const implicatesOfficials = (evidence: ReadonlyArray<{ id: string; tense?: 'past' }>): boolean =>
  evidence.some((finding) => finding.id === 'official_complicity' && finding.tense !== 'past');
