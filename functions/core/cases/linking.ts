// Linking tips into a case: tip {id} joins the case of tip `to`, or, when `to` is in none, a new
// case holds both. A tip is in one case at most and stays there (cases are not merged or split
// here): a tip already in another case is refused, naming it. A claim holds on the tip that
// joins, as on every change to a tip (core/operator-actions); the tip it joins is not changed
// beyond its case. The case and the tips' `caseId` are written at once, on their versions, so
// that a link decided on what has since changed is decided again, never half written.
import { InvalidRequest, TipNotFound } from '../errors';
import { type Actor, assertNotHeldByOther, staffRef } from '../operator-actions';
import type { TipRecord } from '../tip-record';
import { AlreadyInCase, CaseChanging, CaseFull } from './errors';
import { type CaseRecord, MAX_TIPS_PER_CASE } from './model';
import { type CaseReader, type CaseWriter, CaseVersionConflict, type LinkWrite } from './store';

export interface LinkPlan {
  /** The write to make; absent when the tip is in that case already. */
  write?: LinkWrite;
  case: CaseRecord;
  /** The case did not exist before this link. */
  created: boolean;
}

/** What linking `tip` to `to` writes, decided on the tips and `to`'s case as read. */
export function planLink(tip: TipRecord, to: TipRecord, toCase: CaseRecord | undefined, actor: Actor, now: Date, newCaseId: () => string): LinkPlan {
  if (tip.tipId === to.tipId)
    throw new InvalidRequest('A tip cannot be linked to itself; give the id of the other tip of the case.', { to: 'the id of another tip' });
  assertNotHeldByOther(tip, actor);
  if (to.caseId !== undefined && toCase === undefined) throw new Error(`tip ${to.tipId} names case ${to.caseId}, which is not stored`);
  if (tip.caseId !== undefined) {
    if (tip.caseId === to.caseId && toCase) return { case: toCase, created: false };
    throw new AlreadyInCase(tip.caseId);
  }
  if (toCase) {
    if (toCase.tipIds.length >= MAX_TIPS_PER_CASE) throw new CaseFull(MAX_TIPS_PER_CASE);
    const joined = { ...toCase, tipIds: [...toCase.tipIds, tip.tipId], version: toCase.version + 1 };
    return {
      case: joined,
      created: false,
      write: { case: joined, expectedCaseVersion: toCase.version, tips: [{ tipId: tip.tipId, expectedVersion: tip.version }] },
    };
  }
  const created: CaseRecord = { caseId: newCaseId(), tipIds: [to.tipId, tip.tipId], createdAt: now.toISOString(), createdBy: staffRef(actor), version: 1 };
  return {
    case: created,
    created: true,
    write: {
      case: created,
      expectedCaseVersion: null,
      tips: [
        { tipId: to.tipId, expectedVersion: to.version },
        { tipId: tip.tipId, expectedVersion: tip.version },
      ],
    },
  };
}

export interface LinkPorts {
  tips: { getTip(tipId: string): Promise<TipRecord | undefined> };
  cases: Pick<CaseReader, 'getCase'> & Pick<CaseWriter, 'link'>;
  newCaseId: () => string;
}

const MAX_LINK_ATTEMPTS = 5;

/** Reads, decides and writes the link; when anything moved meanwhile, reads and decides again. */
export async function linkTip(tipId: string, toId: string, actor: Actor, now: Date, ports: LinkPorts): Promise<LinkPlan> {
  for (let attempt = 0; attempt < MAX_LINK_ATTEMPTS; attempt++) {
    const [tip, to] = await Promise.all([ports.tips.getTip(tipId), tipId === toId ? undefined : ports.tips.getTip(toId)]);
    if (!tip) throw new TipNotFound(tipId);
    if (tipId !== toId && !to) throw new InvalidRequest(`No tip ${toId}; check the id of the tip this one belongs with.`, { to: 'the id of an existing tip' });
    const target = to ?? tip;
    const toCase = target.caseId === undefined ? undefined : await ports.cases.getCase(target.caseId);
    const plan = planLink(tip, target, toCase, actor, now, ports.newCaseId);
    if (!plan.write) return plan;
    try {
      await ports.cases.link(plan.write);
      return plan;
    } catch (error: unknown) {
      if (!(error instanceof CaseVersionConflict)) throw error;
    }
  }
  throw new CaseChanging();
}
