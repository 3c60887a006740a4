// The ports cases are kept through: a case and its referrals, each written on its version, as
// tips are, so that two people acting on one case at once are told rather than overwritten.
import type { CaseRecord, ReferralRecord } from './model';

/** The case or the referral moved on since it was read: read again and decide again. */
export class CaseVersionConflict extends Error {
  override name = 'CaseVersionConflict';
  constructor(what: string) {
    super(`${what} changed while this request was deciding on it; retry.`);
  }
}

/** Tips joining a case: the case as it is to be written, and each tip's `caseId` set on the version read. */
export interface LinkWrite {
  case: CaseRecord;
  /** null: a new case (none may exist under its id). */
  expectedCaseVersion: number | null;
  tips: Array<{ tipId: string; expectedVersion: number }>;
}

export interface CaseReader {
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  getReferral(caseId: string, referralId: string): Promise<ReferralRecord | undefined>;
  /** The case's referrals, oldest first. */
  listReferrals(caseId: string): Promise<ReferralRecord[]>;
  /** Open referrals, the least recently updated first; with `updatedBy`, only those last updated then or before. */
  openReferrals(updatedBy?: string): Promise<ReferralRecord[]>;
}

export interface CaseWriter {
  /** All of it or nothing; CaseVersionConflict when the case or a tip moved on since it was read. */
  link(write: LinkWrite): Promise<void>;
  /** A new referral (its id is new: a second write of it fails). */
  putReferral(referral: ReferralRecord): Promise<void>;
  /** Writes `after` over `before`; CaseVersionConflict when the referral moved on since `before` was read. */
  updateReferral(before: ReferralRecord, after: ReferralRecord): Promise<void>;
}

export type CaseStore = CaseReader & CaseWriter;
