// What stands between a transition of the escalation machine and a responder's phone when no
// operator asked for the page: the region's page budget and the duplicate check
// (core/paging/ledger.ts). The machine still decides who would be paged; this turns a
// transition whose pages may not go into one that holds them (the tip waits at that step, at
// the top of its level in the queue, and supervisors are told once that hour) or, at the start,
// into one that records which earlier page covers the tip. An operator's decision is never held
// or covered: it pages, and counts.
import type { TipRecord } from '../tip-record';
import type { PagingState, PagingTip, Transition } from './escalation';
import type { TipFingerprint } from './fingerprint';
import type { Covering, HeldPages, PagingGuards, RegionLedger } from './ledger';
import { BUDGET_WINDOW_MS, decideStart, ledgerRegion, spendPages } from './ledger';
import type { Roster } from './model';
import { DEFAULT_REGION } from './model';
import { policyFor } from './schedule';

/** A region's ledger, read and written back on its version; `decide` may run again on a conflict. */
export interface PagingLedgerStore {
  settle<T>(region: string, keepUntil: Date, decide: (ledger: RegionLedger) => { ledger: RegionLedger; result: T }): Promise<T>;
}

export interface GuardContext {
  roster: Roster;
  now: Date;
  ledger: PagingLedgerStore;
  guards: PagingGuards;
}

const pageKeys = (transition: Transition): string[] => transition.actions.flatMap((a) => (a.kind === 'page' ? [a.idempotencyKey] : []));

/** The region's own budget, when its policy sets one; the function's setting otherwise. */
const guardsFor = (region: string | null, ctx: GuardContext): PagingGuards => {
  const own = policyFor(region, ctx.roster.policies).pageBudgetPerHour;
  return own === undefined ? ctx.guards : { ...ctx.guards, budgetPerHour: own };
};

/** How long a ledger must outlive its last write: the longer of its two windows, and a margin. */
const keepUntil = (ctx: GuardContext): Date =>
  new Date(ctx.now.getTime() + Math.max(BUDGET_WINDOW_MS, ctx.guards.duplicateWindowMinutes * 60_000) + 60 * 60_000);

/** The region a budget notice names: the policy's, which is the one counted. */
function budgetRegionName(region: string | null, roster: Roster): string | null {
  const policyRegion = policyFor(region, roster.policies).region;
  return policyRegion === DEFAULT_REGION ? null : policyRegion;
}

/** The transition with its pages held until `held.retryAt`: nobody is paged, supervisors are told. */
export function holdPages(transition: Transition, before: PagingState | undefined, held: HeldPages, regionName: string | null, now: Date): Transition {
  const { state } = transition;
  const kept = transition.actions.filter((a) => a.kind !== 'page' && a.kind !== 'schedule_deadline' && !(a.kind === 'audit' && a.action === 'page'));
  const retryAt = held.retryAt.toISOString();
  return {
    state: {
      ...state,
      pagedResponderIds: [],
      everPagedResponderIds: before?.everPagedResponderIds ?? [],
      deadlineAt: retryAt,
      held: { reason: 'budget', since: before?.held?.since ?? now.toISOString() },
    },
    actions: [
      ...kept,
      { kind: 'schedule_deadline', step: state.step, cycle: state.cycle, at: held.retryAt },
      {
        kind: 'notify_supervisors',
        reason: 'budget_spent',
        cycle: state.cycle,
        policyId: state.policyId,
        steps: [],
        idempotencyKey: held.noticeKey,
        budget: { spent: held.spent, until: retryAt, region: regionName },
      },
      {
        kind: 'audit',
        action: 'escalate',
        details: { reason: 'page_held', spent: String(held.spent), retryAt, step: String(state.step), cycle: String(state.cycle) },
      },
    ],
  };
}

/** A tip whose copy was paged minutes ago: its state says by which tip, and nobody is paged. */
export function coverTransition(started: PagingState, by: Covering): Transition {
  const { deadlineAt: _deadline, ...rest } = started;
  return {
    state: { ...rest, pagedResponderIds: [], everPagedResponderIds: [], coveredBy: by },
    actions: [{ kind: 'audit', action: 'escalate', details: { reason: 'covered_by_earlier_page', coveredBy: by.tipId, match: by.match } }],
  };
}

/** An operator raised a tip whose paging already runs (or was answered) to critical: mark it theirs. */
export function markDecided(state: PagingState, by: NonNullable<PagingState['decidedBy']>): Transition {
  if (state.decidedBy) return { state, actions: [] };
  return {
    state: { ...state, decidedBy: by, level: 'critical' },
    actions: [{ kind: 'audit', action: 'escalate', details: { reason: 'operator_decided', by: by.id } }],
  };
}

/** Why a held page should no longer go, if it should not. */
export function heldPageUnwanted(tip: TipRecord | undefined, state: PagingState): NonNullable<PagingState['withdrawn']>['reason'] | undefined {
  if (!tip || tip.status === 'closed') return 'closed';
  if (tip.level !== 'critical' && tip.level !== 'high') return 'lowered';
  if (tip.level === 'high' && tip.claimedBy && !state.decidedBy) return 'claimed';
  return undefined;
}

export function withdrawHold(state: PagingState, reason: NonNullable<PagingState['withdrawn']>['reason'], now: Date): Transition {
  const { held: _held, deadlineAt: _deadline, ...rest } = state;
  return {
    state: { ...rest, withdrawn: { reason, at: now.toISOString() } },
    actions: [{ kind: 'audit', action: 'escalate', details: { reason: 'held_page_withdrawn', why: reason } }],
  };
}

/**
 * A state that pages nobody and waits for nothing (covered, or a hold withdrawn) is decided
 * afresh when the tip asks for paging again (a new message made it critical, an operator).
 */
export const startsAfresh = (state: PagingState): boolean => Boolean(state.coveredBy || state.withdrawn);

/** Paging is about to start: covered, held or paged, as the region's ledger says. */
export async function guardStart(
  transition: Transition,
  input: { tip: PagingTip; fingerprint: TipFingerprint; decidedBy?: PagingState['decidedBy'] },
  ctx: GuardContext,
): Promise<Transition> {
  const region = ledgerRegion(input.tip.region, ctx.roster.policies);
  const verdict = await ctx.ledger.settle(region, keepUntil(ctx), (ledger) => {
    const decided = decideStart(ledger, {
      region,
      tipId: input.tip.tipId,
      fingerprint: input.fingerprint,
      keys: pageKeys(transition),
      ...(input.decidedBy ? { decidedBy: input.decidedBy } : {}),
      now: ctx.now,
      guards: guardsFor(input.tip.region, ctx),
    });
    return { ledger: decided.ledger, result: decided.verdict };
  });
  switch (verdict.kind) {
    case 'page':
      return transition;
    case 'covered':
      return coverTransition(transition.state, verdict.by);
    case 'held':
      return holdPages(transition, undefined, verdict, budgetRegionName(input.tip.region, ctx.roster), ctx.now);
    default: {
      const unreachable: never = verdict;
      throw new Error(`unknown verdict ${JSON.stringify(unreachable)}`);
    }
  }
}

/** An escalation (or a resumed hold) is about to page: within the budget, or held. */
export async function guardPages(transition: Transition, before: PagingState, ctx: GuardContext): Promise<Transition> {
  const keys = pageKeys(transition);
  if (keys.length === 0) return transition;
  const region = ledgerRegion(before.region, ctx.roster.policies);
  const decided = Boolean(transition.state.decidedBy);
  const verdict = await ctx.ledger.settle(region, keepUntil(ctx), (ledger) => {
    const spent = spendPages(ledger, { region, keys, decided, now: ctx.now, guards: guardsFor(before.region, ctx) });
    return { ledger: spent.ledger, result: spent.verdict };
  });
  return verdict.kind === 'page' ? transition : holdPages(transition, before, verdict, budgetRegionName(before.region, ctx.roster), ctx.now);
}
