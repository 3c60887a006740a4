// The paging of one tip as a pure state machine. The adapters store the state (with a
// version, as tips are), carry out the actions and call back with deadlines and ACKs; all the
// decisions are here, so that duplicate or late deliveries cannot page anyone twice.
//
// Rules:
// - a level whose target resolves to nobody (no one on call, an absence, an inactive
//   responder) is skipped at once and supervisors are told (nobody_on_call);
// - a whole pass through the region's policy with nobody to page falls back to the default
//   policy in the same round; if that too has nobody, paging waits the last level's deadline
//   rather than spinning through rounds in a second;
// - after the last level: the next round starts from the top of the region's policy and
//   supervisors are told (policy_exhausted); after MAX_CYCLES rounds paging stops with a
//   last notice (paging_stopped) -- by then every supervisor has been told twice;
// - any responder paged for the tip, in any level or round, may acknowledge it: the level-1
//   responder who wakes up late is still the one who goes;
// - a responder the tip's routing excludes (routing.ts: a local authority when the tip
//   implicates officials, a declared conflict with a venue it names) is never paged for it, in
//   any level, round or fallback; a level with only them is skipped and audited, and is not
//   "nobody on call": somebody is, and must not be told. A tip implicating officials starts
//   each round with its region rule's complicity policy, when there is one.
import type { IndicatorId } from '../tip';
import type { EscalationPolicy, Roster } from './model';
import type { PageLevel, SupervisorReason } from './page-text';
import { pageCode } from './page-text';
import { exclusionOf, roundPolicyFor, type TipRouting } from './routing';
import { defaultPolicy, whoToPage } from './schedule';

export const MAX_CYCLES = 3;

export interface PagingTip extends TipRouting {
  tipId: string;
  level: PageLevel;
  region: string | null;
  indicators: readonly IndicatorId[];
}

export interface PagingState {
  tipId: string;
  code: string;
  level: PageLevel;
  region: string | null;
  /** What the page shows; kept so that sending needs no read of the tip. */
  indicators: IndicatorId[];
  /** The policy whose levels `step` counts. */
  policyId: string;
  /** 0-based level index. */
  step: number;
  /** 0-based number of completed passes through the policy. */
  cycle: number;
  /** Paged at the current step. */
  pagedResponderIds: string[];
  /** Paged at any step of any round: any of them may acknowledge. */
  everPagedResponderIds: string[];
  /** ISO instant the current step's deadline falls due. */
  deadlineAt?: string;
  /** `recordedBy`: the responder acknowledged by phone, and this operator recorded it. */
  acknowledged?: { responderId: string; at: string; recordedBy?: { id: string; name: string } };
  /** ISO instant paging gave up after MAX_CYCLES rounds, or (with `ended`) an operator ended it. */
  stoppedAt?: string;
  /**
   * The case took paging's place (core/paging/case-end.ts): the tip was closed or marked a
   * duplicate, or an operator stopped its escalation. `stoppedAt` is set with it, so that
   * everything that reads a stop (a responder's read window) reads this one too.
   */
  ended?: { why: 'closed' | 'duplicate' | 'stopped'; at: string; by?: { id: string; name: string } };
  /** An operator decided to page: this tip's pages are never held (they still count). */
  decidedBy?: { id: string; name: string };
  /**
   * The page at `step` of `cycle` waits for the region's page budget (core/paging/ledger.ts);
   * `deadlineAt` is when it is tried again. Nobody is paged at that step meanwhile.
   */
  held?: { reason: 'budget'; since: string };
  /** The tip implicates officials (routing.ts): its region's local authorities are never paged for it. */
  aroundLocalAuthority?: true;
  /** Responders with a declared conflict for a venue the tip names: never paged for it. */
  barred?: string[];
  /** Not paged: the same sender or a near-identical text was paged in the region minutes before. */
  coveredBy?: { tipId: string; match: 'contact' | 'text'; at: string };
  /** A held page dropped before it went: the tip was closed, claimed (high) or lowered meanwhile. */
  withdrawn?: { reason: 'closed' | 'claimed' | 'lowered'; at: string };
}

export type AuditDetails = Record<string, string>;

export type PagingAction =
  | { kind: 'page'; responderId: string; step: number; cycle: number; idempotencyKey: string }
  | { kind: 'schedule_deadline'; step: number; cycle: number; at: Date }
  | {
      kind: 'notify_supervisors';
      reason: SupervisorReason;
      cycle: number;
      policyId: string;
      /** 0-based levels with nobody on call (nobody_on_call only, otherwise []). */
      steps: number[];
      idempotencyKey: string;
      /** budget_spent only: pages of the hour, when held pages may go, the region counted. */
      budget?: { spent: number; until: string; region: string | null };
    }
  | { kind: 'confirm_ack'; responderId: string }
  | { kind: 'audit'; action: 'page' | 'ack' | 'escalate'; details: AuditDetails };

export interface Transition {
  state: PagingState;
  actions: PagingAction[];
}

export const pageIdempotencyKey = (tipId: string, step: number, cycle: number, responderId: string): string => `${tipId}#${step}#${cycle}#${responderId}`;

/** The step and cycle a page was sent at, read back from its key (see pageIdempotencyKey). */
export function pageStepOf(idempotencyKey: string): { step: number; cycle: number } {
  const [, step = '0', cycle = '0'] = idempotencyKey.split('#');
  return { step: Number(step), cycle: Number(cycle) };
}

export const isPagingOpen = (state: PagingState): boolean => !state.acknowledged && !state.stoppedAt;

// Absent rather than undefined: the state is stored as it is, and stores reject undefined.
function withoutDeadline(state: PagingState): PagingState {
  const { deadlineAt: _dropped, ...rest } = state;
  return rest;
}

const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

function findPolicy(roster: Roster, policyId: string, state: PagingState): EscalationPolicy {
  // A supervisor may have deleted the policy mid-escalation; the region's current one is
  // then the best guess, and `step` beyond its levels just ends the pass.
  return roster.policies.find((p) => p.policyId === policyId) ?? roundPolicyFor(state, roster);
}

/**
 * Walks from `step` of `policy` to the first level with somebody to page, pages them and
 * schedules that level's deadline; handles skips, fallback, the end of a pass and the stop.
 */
function advance(
  base: PagingState,
  start: { policy: EscalationPolicy; step: number; cycle: number },
  roster: Roster,
  now: Date,
  actions: PagingAction[],
): Transition {
  let { policy, step, cycle } = start;
  let passStartedHere = step === 0;
  let fellBack = false;
  let empty: number[] = [];

  const tellNobodyOnCall = () => {
    if (empty.length === 0) return;
    const steps = empty;
    empty = [];
    actions.push(
      {
        kind: 'notify_supervisors',
        reason: 'nobody_on_call',
        cycle,
        policyId: policy.policyId,
        steps,
        idempotencyKey: `${base.tipId}#supervisors#nobody_on_call#${cycle}#${policy.policyId}#${steps.join('.')}`,
      },
      { kind: 'audit', action: 'escalate', details: { reason: 'nobody_on_call', policyId: policy.policyId, steps: steps.join(','), cycle: String(cycle) } },
    );
  };
  const tell = (reason: 'policy_exhausted' | 'paging_stopped') => {
    actions.push(
      { kind: 'notify_supervisors', reason, cycle, policyId: policy.policyId, steps: [], idempotencyKey: `${base.tipId}#supervisors#${reason}#${cycle}` },
      { kind: 'audit', action: 'escalate', details: { reason, policyId: policy.policyId, cycle: String(cycle) } },
    );
  };

  for (;;) {
    if (step >= policy.levels.length) {
      tellNobodyOnCall();
      if (passStartedHere) {
        const fallback = defaultPolicy(roster.policies);
        if (!fellBack && fallback && fallback.policyId !== policy.policyId) {
          fellBack = true;
          policy = fallback;
          step = 0;
          continue;
        }
        const last = policy.levels.length - 1;
        const at = addMinutes(now, policy.levels[last]?.deadlineMinutes ?? 0);
        actions.push({ kind: 'schedule_deadline', step: last, cycle, at });
        return { state: { ...base, policyId: policy.policyId, step: last, cycle, pagedResponderIds: [], deadlineAt: at.toISOString() }, actions };
      }
      if (cycle + 1 >= MAX_CYCLES) {
        tell('paging_stopped');
        return {
          state: {
            ...withoutDeadline(base),
            policyId: policy.policyId,
            step: policy.levels.length - 1,
            cycle,
            pagedResponderIds: [],
            stoppedAt: now.toISOString(),
          },
          actions,
        };
      }
      tell('policy_exhausted');
      cycle += 1;
      policy = roundPolicyFor(base, roster);
      step = 0;
      passStartedHere = true;
      fellBack = false;
      continue;
    }

    const onCall = whoToPage(policy, step, roster.rotations, roster.overrides, roster.responders, now);
    const level = policy.levels[step];
    if (onCall.length === 0 || !level) {
      empty.push(step);
      step += 1;
      continue;
    }
    const targets: string[] = [];
    for (const responderId of onCall) {
      const excluded = exclusionOf(responderId, base, roster);
      if (!excluded) targets.push(responderId);
      // No venue and no tip words: which responder was passed over, and why, is enough.
      else
        actions.push({
          kind: 'audit',
          action: 'escalate',
          details: { reason: `skipped_${excluded}`, responderId, policyId: policy.policyId, step: String(step), cycle: String(cycle) },
        });
    }
    if (targets.length === 0) {
      step += 1;
      continue;
    }

    tellNobodyOnCall();
    for (const responderId of targets) {
      const idempotencyKey = pageIdempotencyKey(base.tipId, step, cycle, responderId);
      actions.push(
        { kind: 'page', responderId, step, cycle, idempotencyKey },
        { kind: 'audit', action: 'page', details: { responderId, policyId: policy.policyId, step: String(step), cycle: String(cycle), idempotencyKey } },
      );
    }
    const at = addMinutes(now, level.deadlineMinutes);
    actions.push({ kind: 'schedule_deadline', step, cycle, at });
    const everPaged = [...base.everPagedResponderIds, ...targets.filter((id) => !base.everPagedResponderIds.includes(id))];
    return {
      state: { ...base, policyId: policy.policyId, step, cycle, pagedResponderIds: targets, everPagedResponderIds: everPaged, deadlineAt: at.toISOString() },
      actions,
    };
  }
}

/**
 * Starts paging a critical tip (at once) or a high one (when shouldPage says so). Calling it
 * twice for the same tip at the same instant yields the same idempotency keys, so a retried
 * start pages nobody twice; the caller stores the state only if none exists yet.
 */
export function startPaging(tip: PagingTip, roster: Roster, now: Date, decidedBy?: PagingState['decidedBy']): Transition {
  const policy = roundPolicyFor(tip, roster);
  const base: PagingState = {
    ...(decidedBy ? { decidedBy } : {}),
    ...(tip.aroundLocalAuthority ? { aroundLocalAuthority: true } : {}),
    ...(tip.barred?.length ? { barred: [...tip.barred] } : {}),
    tipId: tip.tipId,
    code: pageCode(tip.tipId),
    level: tip.level,
    region: tip.region,
    indicators: [...new Set(tip.indicators)],
    policyId: policy.policyId,
    step: 0,
    cycle: 0,
    pagedResponderIds: [],
    everPagedResponderIds: [],
  };
  return advance(base, { policy, step: 0, cycle: 0 }, roster, now, []);
}

export type DeadlineOutcome = 'escalated' | 'resumed' | 'stale' | 'early';

/**
 * A step's deadline came due. Deliveries may be late, repeated or (when a long delay is
 * chained through a queue with a shorter maximum) early: a deadline for another step or round,
 * or after an ACK or a stop, is stale and does nothing; an early one is scheduled again.
 */
export function onDeadline(state: PagingState, due: { step: number; cycle: number }, roster: Roster, now: Date): Transition & { outcome: DeadlineOutcome } {
  if (!isPagingOpen(state) || due.step !== state.step || due.cycle !== state.cycle) return { state, actions: [], outcome: 'stale' };
  if (state.deadlineAt && now.getTime() < Date.parse(state.deadlineAt)) {
    return { state, actions: [{ kind: 'schedule_deadline', step: state.step, cycle: state.cycle, at: new Date(state.deadlineAt) }], outcome: 'early' };
  }
  const policy = findPolicy(roster, state.policyId, state);
  if (state.held) {
    // The held page's turn: page that step now (whoever is on call now); the budget decides again.
    const { held: _held, ...waiting } = withoutDeadline(state);
    const resumed: PagingAction = {
      kind: 'audit',
      action: 'escalate',
      details: { reason: 'held_page_resumed', step: String(state.step), cycle: String(state.cycle) },
    };
    return { ...advance(waiting, { policy, step: state.step, cycle: state.cycle }, roster, now, [resumed]), outcome: 'resumed' };
  }
  const actions: PagingAction[] = [
    {
      kind: 'audit',
      action: 'escalate',
      details: {
        reason: 'no_ack_by_deadline',
        policyId: state.policyId,
        step: String(state.step),
        cycle: String(state.cycle),
        paged: state.pagedResponderIds.join(','),
      },
    },
  ];
  return { ...advance(state, { policy, step: state.step + 1, cycle: state.cycle }, roster, now, actions), outcome: 'escalated' };
}

export type AckRejection = 'not_paged' | 'already_acknowledged' | 'duplicate';

/**
 * An ACK from `responderId` (the adapter has matched the sender's number to a responder and
 * the code to this tip). Accepted from anyone paged for the tip, even after paging stopped.
 */
export function onAck(state: PagingState, responderId: string, now: Date): Transition & { reason?: AckRejection } {
  if (state.acknowledged) {
    return { state, actions: [], reason: state.acknowledged.responderId === responderId ? 'duplicate' : 'already_acknowledged' };
  }
  if (!state.everPagedResponderIds.includes(responderId)) return { state, actions: [], reason: 'not_paged' };
  const at = now.toISOString();
  const { held: _held, ...answered } = withoutDeadline(state);
  return {
    state: { ...answered, acknowledged: { responderId, at } },
    actions: [
      { kind: 'confirm_ack', responderId },
      { kind: 'audit', action: 'ack', details: { responderId, at, policyId: state.policyId, step: String(state.step), cycle: String(state.cycle) } },
    ],
  };
}
