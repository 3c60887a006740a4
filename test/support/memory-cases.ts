// Cases and referrals in memory, behaving as the DynamoDB adapter does (functions/adapters/
// dynamo-cases.ts): every write on a version, a link written whole or not at all, a tip's caseId
// set once. The tips it links are the ones given, changed in place.
import type { CaseRecord, ReferralRecord } from '../../functions/core/cases/model';
import { isReferralOpen } from '../../functions/core/cases/model';
import { type CaseStore, CaseVersionConflict } from '../../functions/core/cases/store';
import type { TipRecord } from '../../functions/core/tip-record';

export interface MemoryCases extends CaseStore {
  cases: Map<string, CaseRecord>;
  referrals: Map<string, ReferralRecord>;
  /** Writes that failed on a version, so that tests can see a retry happen. */
  conflicts: number;
  /** Runs before the next write only, as another request writing first would. */
  beforeNextWrite(change: () => void): void;
}

export function memoryCases(tips: Map<string, TipRecord> = new Map()): MemoryCases {
  const cases = new Map<string, CaseRecord>();
  const referrals = new Map<string, ReferralRecord>();
  const key = (caseId: string, referralId: string) => `${caseId}#${referralId}`;
  let interleaved: (() => void) | undefined;
  const interleave = () => {
    const change = interleaved;
    interleaved = undefined;
    change?.();
  };
  const store: MemoryCases = {
    cases,
    referrals,
    conflicts: 0,
    beforeNextWrite: (change) => void (interleaved = change),
    getCase: async (caseId) => structuredClone(cases.get(caseId)),
    getReferral: async (caseId, referralId) => structuredClone(referrals.get(key(caseId, referralId))),
    listReferrals: async (caseId) =>
      structuredClone([...referrals.values()].filter((r) => r.caseId === caseId).sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
    openReferrals: async (updatedBy) =>
      structuredClone(
        [...referrals.values()]
          .filter((r) => isReferralOpen(r) && (updatedBy === undefined || r.lastUpdateAt <= updatedBy))
          .sort((a, b) => a.lastUpdateAt.localeCompare(b.lastUpdateAt)),
      ),
    async link(write) {
      interleave();
      const stored = cases.get(write.case.caseId);
      const caseOk = write.expectedCaseVersion === null ? stored === undefined : stored?.version === write.expectedCaseVersion;
      const tipsOk = write.tips.every(({ tipId, expectedVersion }) => tips.get(tipId)?.version === expectedVersion && tips.get(tipId)?.caseId === undefined);
      if (!caseOk || !tipsOk) {
        store.conflicts++;
        throw new CaseVersionConflict(`Case ${write.case.caseId}`);
      }
      cases.set(write.case.caseId, structuredClone(write.case));
      for (const { tipId } of write.tips) {
        const tip = tips.get(tipId)!;
        tips.set(tipId, { ...tip, caseId: write.case.caseId, version: tip.version + 1 });
      }
    },
    async putReferral(referral) {
      if (referrals.has(key(referral.caseId, referral.referralId))) throw new Error('referral exists');
      referrals.set(key(referral.caseId, referral.referralId), structuredClone(referral));
    },
    async updateReferral(before, after) {
      interleave();
      const k = key(before.caseId, before.referralId);
      if (referrals.get(k)?.version !== before.version) {
        store.conflicts++;
        throw new CaseVersionConflict(`Referral ${before.referralId}`);
      }
      referrals.set(k, structuredClone({ ...after, version: before.version + 1 }));
    },
  };
  return store;
}
