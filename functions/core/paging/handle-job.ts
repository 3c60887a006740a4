// The paging use case: carries out what the on-call state machine decides. Jobs may arrive
// twice, late or early, and a send may fail half-way. So the actions are carried out BEFORE
// the new state is stored: a failure leaves the old state, the retried job decides the same
// thing again, and the per-message delivery claims (keyed tip/step/round/responder) let only
// the messages not yet sent go out. A page, a notice or a confirmation is sent once; a
// deadline may be scheduled twice, which the state machine treats as stale.
//
// Whether a tip's page is still unanswered is copied onto the tip (`pageUnanswered`) once the
// state is stored, so that the operators' queue can order by it (core/queue-order.ts).
import type { AuditLog } from '../audit';
import {
  ackUnknownText,
  alreadyAcknowledgedText,
  confirmationText,
  isPagingOpen,
  onAck,
  onDeadline,
  pageDueAt,
  pageForAck,
  pageText,
  shouldPage,
  startPaging,
  supervisorText,
  type OpenPage,
  type PagingAction,
  type PagingState,
  type Responder,
  type Roster,
  type Transition,
} from './';
import type { PagingJob } from './jobs';
import type { TipReader, TipRecord, TipWriter } from '../tip-record';
import { TipVersionConflict } from '../tip-record';

export class PagingStateConflict extends Error {
  override name = 'PagingStateConflict';
  constructor(tipId: string) {
    super(`The paging state of ${tipId} changed meanwhile; the job is retried.`);
  }
}

export interface PagingStore {
  get(tipId: string): Promise<{ state: PagingState; version: number } | undefined>;
  /** false when paging for this tip already exists (a duplicate start). */
  create(state: PagingState): Promise<boolean>;
  /** PagingStateConflict when the state moved on since it was read. */
  update(state: PagingState, expectedVersion: number): Promise<void>;
}

export interface DeliveryClaim {
  tipId: string;
  responderId: string;
  /** Kept with the delivery so that operators see who was paged without reading the roster. */
  responderName: string;
  responderRole: string;
  kind: 'page' | 'supervisor_notice' | 'ack_confirmation';
  code: string;
  at: Date;
}

export interface Deliveries {
  /** true: this caller must send now; false: it was sent already (or is being sent). */
  claim(idempotencyKey: string, claim: DeliveryClaim): Promise<boolean>;
  sent(idempotencyKey: string, messageSid: string): Promise<void>;
  failed(idempotencyKey: string): Promise<void>;
  /** Pages to a responder, newest first. */
  pagesTo(responderId: string, limit: number): Promise<OpenPage[]>;
}

export interface PagingPorts {
  roster: { load(): Promise<Roster> };
  /** Reads the tip to page; writes only its `pageUnanswered` flag. */
  tips: Pick<TipReader, 'getTip'> & Pick<TipWriter, 'updateTip'>;
  states: PagingStore;
  deliveries: Deliveries;
  phones: { phoneOf(responderId: string): Promise<string | undefined> };
  sms: { send(to: string, body: string): Promise<{ sid: string }> };
  audit: AuditLog;
  /** Puts a job back on the queue to arrive at `at` (or as close as the queue allows). */
  later(job: Extract<PagingJob, { type: 'DeadlineDue' | 'HighTipCheck' }>, at: Date): Promise<void>;
  now: () => Date;
  highAfterMinutes: number;
}

const PAGING = { id: 'tipline-paging', name: 'tipline (paging)' };
const MAX_ATTEMPTS = 5;

export async function handlePagingJob(job: PagingJob, ports: PagingPorts): Promise<void> {
  switch (job.type) {
    case 'PageRequested':
    case 'HighTipCheck':
      return start(job.tipId, job.type === 'HighTipCheck', ports);
    case 'DeadlineDue':
      return withState(job.tipId, ports, (state, roster, now) => onDeadline(state, job, roster, now));
    case 'AckReceived':
      return acknowledge(job.responderId, job.code, ports);
    default: {
      const unreachable: never = job;
      throw new Error(`unknown paging job ${JSON.stringify(unreachable)}`);
    }
  }
}

async function start(tipId: string, onlyIfUnclaimed: boolean, ports: PagingPorts): Promise<void> {
  const tip = await ports.tips.getTip(tipId);
  if (!tip || tip.status === 'closed' || (tip.level !== 'critical' && tip.level !== 'high')) return;
  const now = ports.now();
  if (onlyIfUnclaimed && tip.level === 'high') {
    const createdAt = new Date(tip.createdAt);
    if (!shouldPage(tip.level, Boolean(tip.claimedBy), createdAt, now, ports.highAfterMinutes)) {
      const due = pageDueAt(tip.level, createdAt, ports.highAfterMinutes);
      // Not yet due (the queue's delay is capped): look again then. Claimed: nothing to do.
      if (!tip.claimedBy && due && due > now) await ports.later({ type: 'HighTipCheck', tipId }, due);
      return;
    }
  }
  if (!(await ports.states.get(tipId))) {
    const roster = await ports.roster.load();
    const transition = startPaging({ tipId, level: tip.level, region: tip.region, indicators: tip.indicators.map((i) => i.id) }, roster, now);
    await carryOut(transition, roster, now, ports);
    // A concurrent duplicate may have stored it first; its pages had the same keys.
    await ports.states.create(transition.state);
  }
  // Also on a duplicate start: the start that stored the state may have failed before this.
  await markTip(tipId, ports);
}

/** A page nobody answered: paging started and no responder acknowledged, running or stopped. */
export const isPageUnanswered = (state: PagingState | undefined): boolean => state !== undefined && !state.acknowledged;

function withPageFlag(tip: TipRecord, unanswered: boolean): TipRecord {
  const { pageUnanswered: _was, ...rest } = tip;
  return unanswered ? { ...rest, pageUnanswered: true } : rest;
}

/**
 * Copies "page unanswered" from the stored paging state onto the tip, on the tip's version.
 * Idempotent: a tip that already says so is not written. The tip is read before the state, so
 * that a write decided on a state an ACK has since changed fails on the version the ACK's own
 * mark bumped, and is decided again.
 */
async function markTip(tipId: string, ports: PagingPorts): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const tip = await ports.tips.getTip(tipId);
    if (!tip) return;
    const unanswered = isPageUnanswered((await ports.states.get(tipId))?.state);
    if ((tip.pageUnanswered === true) === unanswered) return;
    try {
      await ports.tips.updateTip(tip, withPageFlag(tip, unanswered));
      return;
    } catch (error: unknown) {
      // An operator or a new message changed the tip meanwhile: read it again.
      if (!(error instanceof TipVersionConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function withState(tipId: string, ports: PagingPorts, decide: (state: PagingState, roster: Roster, now: Date) => Transition): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const stored = await ports.states.get(tipId);
    if (!stored) return;
    const roster = await ports.roster.load();
    const now = ports.now();
    const transition = decide(stored.state, roster, now);
    if (transition.state === stored.state && transition.actions.length === 0) return;
    await carryOut(transition, roster, now, ports);
    try {
      if (transition.state !== stored.state) await ports.states.update(transition.state, stored.version);
      return;
    } catch (error: unknown) {
      if (!(error instanceof PagingStateConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function acknowledge(responderId: string, code: string | null, ports: PagingPorts): Promise<void> {
  const roster = await ports.roster.load();
  const responder = roster.responders.find((r) => r.responderId === responderId);
  if (!responder) return;
  const candidates: OpenPage[] = [];
  for (const page of await ports.deliveries.pagesTo(responderId, 20)) {
    const stored = await ports.states.get(page.tipId);
    if (stored && (isPagingOpen(stored.state) || stored.state.acknowledged)) candidates.push(page);
  }
  const page = pageForAck({ code }, candidates);
  const now = ports.now();
  if (!page) {
    await sendOnce(
      `ack-unknown#${responderId}#${now.toISOString()}`,
      { tipId: '-', responderId, kind: 'ack_confirmation', code: code ?? '-', at: now },
      responder,
      ackUnknownText(responder.lang),
      ports,
    );
    return;
  }
  let rejected: string | undefined;
  await withState(page.tipId, ports, (state, _roster, at) => {
    const result = onAck(state, responderId, at);
    rejected = result.reason;
    return result;
  });
  // Also on a repeated ACK: the first one may have failed between the state and the tip.
  await markTip(page.tipId, ports);
  if (rejected === 'already_acknowledged') {
    await sendOnce(
      `ack-taken#${page.tipId}#${responderId}`,
      { tipId: page.tipId, responderId, kind: 'ack_confirmation', code: page.code, at: now },
      responder,
      alreadyAcknowledgedText(responder.lang, page.code),
      ports,
    );
  }
}

async function carryOut(transition: Transition, roster: Roster, now: Date, ports: PagingPorts): Promise<void> {
  const { state } = transition;
  for (const action of transition.actions) await perform(action, state, roster, now, ports);
}

async function perform(action: PagingAction, state: PagingState, roster: Roster, now: Date, ports: PagingPorts): Promise<void> {
  const responder = (id: string) => roster.responders.find((r) => r.responderId === id);
  switch (action.kind) {
    case 'page': {
      const to = responder(action.responderId);
      if (!to) return;
      const text = pageText({ level: state.level, code: state.code, region: state.region, indicators: state.indicators, lang: to.lang });
      await sendOnce(action.idempotencyKey, { tipId: state.tipId, responderId: to.responderId, kind: 'page', code: state.code, at: now }, to, text, ports);
      return;
    }
    case 'schedule_deadline':
      await ports.later({ type: 'DeadlineDue', tipId: state.tipId, step: action.step, cycle: action.cycle }, action.at);
      return;
    case 'notify_supervisors': {
      for (const supervisor of roster.responders.filter((r) => r.role === 'supervisor' && r.active)) {
        const text = supervisorText({
          reason: action.reason,
          code: state.code,
          level: state.level,
          region: state.region,
          cycle: action.cycle,
          steps: action.steps,
          policyId: action.policyId,
          lang: supervisor.lang,
        });
        await sendOnce(
          `${action.idempotencyKey}#${supervisor.responderId}`,
          { tipId: state.tipId, responderId: supervisor.responderId, kind: 'supervisor_notice', code: state.code, at: now },
          supervisor,
          text,
          ports,
        );
      }
      return;
    }
    case 'confirm_ack': {
      const to = responder(action.responderId);
      if (to)
        await sendOnce(
          `ack#${state.tipId}#${to.responderId}`,
          { tipId: state.tipId, responderId: to.responderId, kind: 'ack_confirmation', code: state.code, at: now },
          to,
          confirmationText(to.lang, state.code),
          ports,
        );
      return;
    }
    case 'audit': {
      const actor =
        action.action === 'ack' && state.acknowledged
          ? { id: state.acknowledged.responderId, name: responder(state.acknowledged.responderId)?.name ?? state.acknowledged.responderId }
          : PAGING;
      await ports.audit.record({ tipId: state.tipId, at: now.toISOString(), actor, action: action.action, details: action.details });
      return;
    }
    default: {
      const unreachable: never = action;
      throw new Error(`unknown paging action ${JSON.stringify(unreachable)}`);
    }
  }
}

/** Claim, then send: a retried job finds the claim and sends nothing. */
async function sendOnce(
  key: string,
  claim: Omit<DeliveryClaim, 'responderName' | 'responderRole'>,
  to: Responder,
  text: string,
  ports: PagingPorts,
): Promise<void> {
  if (!(await ports.deliveries.claim(key, { ...claim, responderName: to.name, responderRole: to.role }))) return;
  const phone = await ports.phones.phoneOf(to.responderId);
  if (!phone) {
    await ports.deliveries.failed(key);
    return;
  }
  try {
    const { sid } = await ports.sms.send(phone, text);
    await ports.deliveries.sent(key, sid);
  } catch (error: unknown) {
    await ports.deliveries.failed(key);
    throw error;
  }
}
