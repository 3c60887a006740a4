// The paging use case: carries out what the on-call state machine decides. Jobs may arrive
// twice, late or early, and a send may fail half-way. So the actions are carried out BEFORE
// the new state is stored: a failure leaves the old state, the retried job decides the same
// thing again, and the per-message delivery claims (keyed tip/step/round/responder) let only
// the messages not yet sent go out. A page, a notice or a confirmation is sent once; a
// deadline may be scheduled twice, which the state machine treats as stale.
//
// Whether a tip's page is still unanswered, or ran out with nobody confirming, is copied onto the
// tip (`pageUnanswered`, `nobodyConfirmed`) once the state is stored, so that the operators' queue
// can order by it (core/queue-order.ts); and the earlier tip whose page covered it (`duplicateOf`).
//
// Paging follows the case (core/paging/case-end.ts): a deadline reads the tip before it pages,
// and a closed tip's paging ends there; operators end it at once (CaseEnded, StopRequested) and
// record acknowledgements taken by phone (PhoneAck) through jobs, since only paging writes states.
//
// Pages nobody decided on pass the region's guards first (core/paging/guard.ts): a duplicate is
// covered by the earlier page, and past the hour's budget pages are held; the ledger is settled
// before the actions are carried out, and a page key it has counted is granted again at no cost,
// so a redelivered job neither pages twice nor counts twice. An operator's decision (a level
// raised to critical) pages at once, and counts.
import { publishSettledMonths, type StatisticsPublisher } from '../statistics/store';
import type { AuditLog } from '../audit';
import {
  alreadyAcknowledgedText,
  isPagingOpen,
  onAck,
  onDeadline,
  pageDueAt,
  pageForAck,
  shouldPage,
  startPaging,
  type OpenPage,
  type PagingState,
  type Roster,
  type Transition,
} from './';
import { carryOut, sendOnce } from './carry-out';
import type { PagingJob } from './jobs';
import type { StoredMessage, TipReader, TipRecord, TipWriter } from '../tip-record';
import { caseEndOf, endPaging, isNobodyConfirmed, onPhoneAck } from './case-end';
import { answerAckMiss, pagesWithState, takeResponderText } from './responder-sms';
import { TipVersionConflict } from '../tip-record';
import { contactMark, type TipFingerprint } from './fingerprint';
import { guardPages, guardStart, heldPageUnwanted, markDecided, startsAfresh, withdrawHold, type GuardContext, type PagingLedgerStore } from './guard';
import type { PagingGuards } from './ledger';
import { type ReferralPorts, sendReferral, sweepReferrals } from '../cases/referral-jobs';
import { routingFor, withRouting } from './routing';

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
  /** responder_reply: an answer to a responder's SMS that is not an ACK of theirs (a note, a wrong code). */
  kind: 'page' | 'supervisor_notice' | 'ack_confirmation' | 'responder_reply' | 'referral' | 'referral_reminder';
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
  /** Reads the tip to page; writes only its paging marks (pageUnanswered, nobodyConfirmed, duplicateOf). */
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
  /** Each region's page budget and recent starts (core/paging/ledger.ts). */
  ledger: PagingLedgerStore;
  guards: PagingGuards;
  /** A responder's text attached to a case: false when that note is there already. */
  notes: { add(note: StoredMessage): Promise<boolean> };
  /** Which tips were paged under a page code, so that a responder is told whose code they sent. */
  codes: { tipsWith(code: string): Promise<string[]>; remember(code: string, tipId: string, keepUntil: Date): Promise<void> };
  /** Referrals' SMS and reminders (core/cases/referral-jobs); absent where nothing refers (paging's own tests). */
  referrals?: ReferralPorts;
  /** The statistics, published from here hourly (core/statistics/store.ts); absent in paging's own tests. */
  statistics?: StatisticsPublisher;
}

const MAX_ATTEMPTS = 5;

export async function handlePagingJob(job: PagingJob, ports: PagingPorts): Promise<void> {
  switch (job.type) {
    case 'PageRequested':
      return job.decidedBy ? decided(job.tipId, job.decidedBy, ports) : start(job.tipId, false, job.sketch, ports);
    case 'HighTipCheck':
      return start(job.tipId, true, job.sketch, ports);
    case 'DeadlineDue': {
      const changed = await withState(job.tipId, ports, async (state, roster, now) => {
        let waiting = state;
        if (isHeldTurn(state, job, now)) {
          // A held page goes only if the tip still wants it; at the level the tip has now.
          const tip = await ports.tips.getTip(job.tipId);
          const unwanted = heldPageUnwanted(tip, state);
          if (unwanted) return withdrawHold(state, unwanted, now);
          if (tip && (tip.level === 'critical' || tip.level === 'high')) waiting = { ...state, level: tip.level };
          // Who may be paged as the tip reads now: a later message may implicate officials.
          if (tip) waiting = withRouting(waiting, routingFor(tip, roster));
        } else if (isDueTurn(state, job, now)) {
          // The case may have ended while this deadline waited on the queue: no page then.
          const tip = await ports.tips.getTip(job.tipId);
          const ended = caseEndOf(tip);
          if (ended) return endPaging(state, ended, undefined, now);
          if (tip) waiting = withRouting(state, routingFor(tip, roster));
        }
        return guardPages(onDeadline(waiting, job, roster, now), waiting, guardContext(roster, now, ports));
      });
      // A withdrawn hold leaves nobody waiting, a last round nobody confirmed: the tip must say so.
      if (changed) await markTip(job.tipId, ports);
      return;
    }
    case 'AckReceived':
      return acknowledge(job.responderId, job.code, ports);
    case 'CaseEnded':
    case 'StopRequested': {
      const why = job.type === 'StopRequested' ? 'stopped' : job.why;
      await withState(job.tipId, ports, (state, _roster, now) => endPaging(state, why, job.by, now));
      await markTip(job.tipId, ports);
      return;
    }
    case 'PhoneAck':
      await withState(job.tipId, ports, (state, _roster, now) => onPhoneAck(state, job.responderId, job.by, now));
      await markTip(job.tipId, ports);
      return;
    case 'ResponderText':
      return takeResponderText(job, ports);
    case 'ReferralSend':
      return sendReferral(job, ports);
    case 'ReferralSweep':
      return sweepReferrals(ports);
    case 'StatisticsPublication':
      if (!ports.statistics) throw new Error('A StatisticsPublication job reached a paging function with no statistics store.');
      await publishSettledMonths(ports.statistics, ports.now());
      return;
    default: {
      const unreachable: never = job;
      throw new Error(`unknown paging job ${JSON.stringify(unreachable)}`);
    }
  }
}

/** This deadline is a held page's turn (not an early or stale delivery): the tip is read then. */
const isHeldTurn = (state: PagingState, due: { step: number; cycle: number }, now: Date): boolean =>
  Boolean(state.held) && due.step === state.step && due.cycle === state.cycle && !(state.deadlineAt && now.getTime() < Date.parse(state.deadlineAt));

/** This deadline is the running step's, and due: the one delivery that may page someone. */
const isDueTurn = (state: PagingState, due: { step: number; cycle: number }, now: Date): boolean =>
  isPagingOpen(state) && due.step === state.step && due.cycle === state.cycle && !(state.deadlineAt && now.getTime() < Date.parse(state.deadlineAt));

const guardContext = (roster: Roster, now: Date, ports: PagingPorts): GuardContext => ({ roster, now, ledger: ports.ledger, guards: ports.guards });

const pagingTipOf = (tip: TipRecord, level: 'critical' | 'high') => ({
  tipId: tip.tipId,
  level,
  region: tip.region,
  indicators: tip.indicators.map((i) => i.id),
});

async function start(tipId: string, onlyIfUnclaimed: boolean, sketch: string | undefined, ports: PagingPorts): Promise<void> {
  const tip = await ports.tips.getTip(tipId);
  if (!tip || tip.status === 'closed' || (tip.level !== 'critical' && tip.level !== 'high')) return;
  const now = ports.now();
  if (onlyIfUnclaimed && tip.level === 'high') {
    const createdAt = new Date(tip.createdAt);
    if (!shouldPage(tip.level, Boolean(tip.claimedBy), createdAt, now, ports.highAfterMinutes)) {
      const due = pageDueAt(tip.level, createdAt, ports.highAfterMinutes);
      // Not yet due (the queue's delay is capped): look again then. Claimed: nothing to do.
      if (!tip.claimedBy && due && due > now) await ports.later({ type: 'HighTipCheck', tipId, ...(sketch ? { sketch } : {}) }, due);
      return;
    }
  }
  const fingerprint: TipFingerprint = { ...(tip.contactKey ? { contact: contactMark(tip.contactKey) } : {}), ...(sketch ? { sketch } : {}) };
  await begin(tip, tip.level, fingerprint, undefined, now, ports);
  // Also on a duplicate start: the start that stored the state may have failed before this.
  await markTip(tipId, ports);
}

/** An operator raised the tip to critical: it pages now, never held or covered. */
async function decided(tipId: string, by: NonNullable<PagingState['decidedBy']>, ports: PagingPorts): Promise<void> {
  const tip = await ports.tips.getTip(tipId);
  // Lowered or closed again before this job ran: the later decision stands.
  if (!tip || tip.status === 'closed' || tip.level !== 'critical') return;
  const now = ports.now();
  const stored = await ports.states.get(tipId);
  if (!stored || startsAfresh(stored.state)) {
    const fingerprint: TipFingerprint = tip.contactKey ? { contact: contactMark(tip.contactKey) } : {};
    await begin(tip, 'critical', fingerprint, by, now, ports);
  } else {
    await withState(tipId, ports, async (state, roster, at) => {
      if (!state.held) return markDecided(state, by);
      // Held: the operator's word is the page's turn. Paged now, at critical, and counted.
      const mine = { ...withRouting(state, routingFor(tip, roster)), decidedBy: by, level: 'critical' as const, deadlineAt: at.toISOString() };
      return guardPages(onDeadline(mine, { step: state.step, cycle: state.cycle }, roster, at), mine, guardContext(roster, at, ports));
    });
  }
  await markTip(tipId, ports);
}

/**
 * Starts paging the tip, through its region's guards; stores the state only if none exists (a
 * concurrent duplicate may have stored it first, and its pages had the same keys), or over one
 * that pages nobody and waits for nothing.
 */
async function begin(
  tip: TipRecord,
  level: 'critical' | 'high',
  fingerprint: TipFingerprint,
  decidedBy: PagingState['decidedBy'],
  now: Date,
  ports: PagingPorts,
): Promise<void> {
  const stored = await ports.states.get(tip.tipId);
  if (stored && !startsAfresh(stored.state)) return;
  const roster = await ports.roster.load();
  const started = startPaging({ ...pagingTipOf(tip, level), ...routingFor(tip, roster) }, roster, now, decidedBy);
  const transition = await guardStart(
    started,
    { tip: pagingTipOf(tip, level), fingerprint, ...(decidedBy ? { decidedBy } : {}) },
    guardContext(roster, now, ports),
  );
  // Covered again by the same tip: nothing has changed, nothing to say twice.
  if (stored && JSON.stringify(stored.state.coveredBy) === JSON.stringify(transition.state.coveredBy) && transition.state.coveredBy) return;
  await carryOut(transition, roster, now, ports);
  if (stored) await ports.states.update(transition.state, stored.version);
  else await ports.states.create(transition.state);
}

/**
 * A page nobody answered: paging started and no responder acknowledged, running, held or
 * stopped. Not a tip covered by another's page, nor one whose held page was withdrawn: nobody
 * was paged for it, and nobody is waiting to be.
 */
export const isPageUnanswered = (state: PagingState | undefined): boolean =>
  state !== undefined && !state.acknowledged && !state.coveredBy && !state.withdrawn && !state.ended;

/**
 * The tip with paging's marks as the state says. A duplicate link, once written, stays: an
 * operator's (or an earlier page's) link is not paging's to undo.
 */
export function withPagingMarks(tip: TipRecord, state: PagingState | undefined): TipRecord {
  const { pageUnanswered: _was, nobodyConfirmed: _wasToo, ...rest } = tip;
  const covered = state?.coveredBy;
  return {
    ...rest,
    ...(isPageUnanswered(state) ? { pageUnanswered: true } : {}),
    ...(isNobodyConfirmed(state) ? { nobodyConfirmed: true } : {}),
    ...(covered && !tip.duplicateOf ? { duplicateOf: { tipId: covered.tipId as TipRecord['tipId'], match: covered.match, at: covered.at } } : {}),
  };
}

/**
 * Copies paging's marks from the stored paging state onto the tip, on the tip's version.
 * Idempotent: a tip that already says so is not written. The tip is read before the state, so
 * that a write decided on a state an ACK has since changed fails on the version the ACK's own
 * mark bumped, and is decided again.
 */
async function markTip(tipId: string, ports: PagingPorts): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const tip = await ports.tips.getTip(tipId);
    if (!tip) return;
    const marked = withPagingMarks(tip, (await ports.states.get(tipId))?.state);
    if (JSON.stringify(marked) === JSON.stringify(tip)) return;
    try {
      await ports.tips.updateTip(tip, marked);
      return;
    } catch (error: unknown) {
      // An operator or a new message changed the tip meanwhile: read it again.
      if (!(error instanceof TipVersionConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/** Decides on the stored state and carries it out; true when the state changed. */
async function withState(
  tipId: string,
  ports: PagingPorts,
  decide: (state: PagingState, roster: Roster, now: Date) => Transition | Promise<Transition>,
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const stored = await ports.states.get(tipId);
    if (!stored) return false;
    const roster = await ports.roster.load();
    const now = ports.now();
    const transition = await decide(stored.state, roster, now);
    if (transition.state === stored.state && transition.actions.length === 0) return false;
    await carryOut(transition, roster, now, ports);
    try {
      if (transition.state !== stored.state) await ports.states.update(transition.state, stored.version);
      return transition.state !== stored.state;
    } catch (error: unknown) {
      if (!(error instanceof PagingStateConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function acknowledge(responderId: string, code: string | null, ports: PagingPorts): Promise<void> {
  const roster = await ports.roster.load();
  const responder = roster.responders.find((r) => r.responderId === responderId);
  if (!responder) return;
  const pages = await pagesWithState(responderId, ports);
  // A page that ran out or was stopped still takes a late ACK: the one who wakes up late still goes.
  const candidates: OpenPage[] = pages.filter(({ state }) => state && (isPagingOpen(state) || state.acknowledged || state.stoppedAt));
  const page = pageForAck({ code }, candidates);
  const now = ports.now();
  if (!page) return answerAckMiss(responder, code, pages, ports);
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
