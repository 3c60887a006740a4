// What operators do to a tip, decided on the tip as read: claim, release, move it through the
// workflow, override its level. Pure: each returns the tip as it should be written and the
// audit details; the handler writes it conditionally on the version it read.
//
// A claim holds: while someone holds an open tip, nobody else changes it (level, status,
// release, notes, replies: 409 naming the holder), supervisors included, except through a
// supervisor's explicit take-over, which moves the claim and is audited with the previous holder
// and the reason. Two people acting on one case at once is how a tipster gets two contradicting
// questions, or a level lowered under the operator who is working it.
import type { Role } from '../config/tables';
import { ClientError, Conflict, Forbidden, InvalidRequest, TipNotFound } from './errors';
import type { Level } from './tip';
import { levelRank } from './tip';
import type { Outcome, StaffRef, StoredMessage, TipReader, TipRecord, TipStatus, TipWriter } from './tip-record';
import { isOpen, TipVersionConflict } from './tip-record';
import { DEFAULT_CLOSED_TIP_RETENTION_DAYS } from '../config/defaults';
import type { EvidenceRetention } from './evidence/model';

export interface Actor extends StaffRef {
  roles: readonly Role[];
  /**
   * The roster's responderId of a responder's account (the verified token's custom:responderId
   * claim); absent for anyone the roster does not know.
   */
  responderId?: string;
}

export const staffRef = (actor: Actor): StaffRef => ({ id: actor.id, name: actor.name });
const isSupervisor = (actor: Actor): boolean => actor.roles.includes('supervisor');

export class TipConflict extends Conflict {
  override name = 'TipConflict';
  constructor(
    message: string,
    readonly claimedBy?: StaffRef,
  ) {
    super(message);
  }
  override body() {
    return this.claimedBy ? { claimedBy: this.claimedBy } : {};
  }
}

export interface Decision {
  tip: TipRecord;
  details: Record<string, string>;
}

/**
 * Who holds the tip, when that is someone other than `actor`. A closed tip is held by nobody: its
 * claim is a record of who worked it, and a supervisor may reopen it.
 */
export function heldByOther(tip: TipRecord, actor: Pick<Actor, 'id'>): StaffRef | undefined {
  return isOpen(tip.status) && tip.claimedBy && tip.claimedBy.id !== actor.id ? tip.claimedBy : undefined;
}

function holdMessage(holder: StaffRef, roles: readonly Role[]): string {
  const next = roles.includes('supervisor')
    ? 'ask them to release it, or take it over (claim it with "takeOver": true and a reason).'
    : 'ask them to release it, or ask a supervisor to take it over.';
  return `${holder.name} is working on this tip, so only they can change it: ${next}`;
}

/** The one check before any change to a tip: 409 naming the holder when someone else holds it. */
export function assertNotHeldByOther(tip: TipRecord, actor: Pick<Actor, 'id'> & Partial<Pick<Actor, 'roles'>>): void {
  const holder = heldByOther(tip, actor);
  if (holder) throw new TipConflict(holdMessage(holder, actor.roles ?? []), holder);
}

export function claimTip(tip: TipRecord, actor: Actor, now: Date): Decision {
  // First: a closed tip's claim is only a record of who worked it.
  if (!isOpen(tip.status)) throw new TipConflict('This tip is closed; a supervisor can reopen it.');
  if (tip.claimedBy && tip.claimedBy.id !== actor.id) {
    const next = isSupervisor(actor) ? 'ask them to release it, or take it over with a reason' : 'pick another from the queue or ask them to release it';
    throw new TipConflict(`${tip.claimedBy.name} is already working on this tip; ${next}.`, tip.claimedBy);
  }
  const status: TipStatus = tip.status === 'new' ? 'in_review' : tip.status;
  return {
    tip: { ...tip, claimedBy: staffRef(actor), claimedAt: now.toISOString(), status },
    details: { from: tip.status, to: status },
  };
}

/** The reason a supervisor gives for taking a tip over; kept in the audit trail. */
export const TAKE_OVER_REASON = { min: 10, max: 300 } as const;

/**
 * A supervisor takes a tip someone else holds: the claim moves to them, and the trail keeps the
 * previous holder and the reason (the supervisor's words, never the tip's). On a tip nobody else
 * holds it is an ordinary claim.
 */
export function takeOverTip(tip: TipRecord, actor: Actor, reason: string, now: Date): Decision {
  if (!isSupervisor(actor)) throw new Forbidden('Only a supervisor can take over a tip someone else is working on; ask one.');
  const holder = heldByOther(tip, actor);
  if (!holder) return claimTip(tip, actor, now);
  const claimed = claimTip({ ...tip, claimedBy: staffRef(actor) }, actor, now);
  return {
    tip: claimed.tip,
    details: { ...claimed.details, takeOver: 'true', previousHolderId: holder.id, previousHolderName: holder.name, reason },
  };
}

export function releaseTip(tip: TipRecord, actor: Actor): Decision {
  if (!tip.claimedBy) return { tip, details: { held: 'nobody' } };
  if (tip.claimedBy.id !== actor.id) {
    // A closed tip's claim records who worked it; only they may clear it.
    const message = isOpen(tip.status)
      ? holdMessage(tip.claimedBy, actor.roles)
      : `This tip is closed; its claim records that ${tip.claimedBy.name} worked it.`;
    throw new TipConflict(message, tip.claimedBy);
  }
  const { claimedBy, claimedAt: _claimedAt, ...rest } = tip;
  return { tip: rest, details: { heldBy: claimedBy.id } };
}

export function changeStatus(
  tip: TipRecord,
  change: { status: TipStatus; outcome?: Outcome },
  actor: Actor,
  now: Date,
  retentionDays = DEFAULT_CLOSED_TIP_RETENTION_DAYS,
): Decision {
  assertNotHeldByOther(tip, actor);
  if (change.status === 'closed' && !change.outcome) {
    throw new InvalidRequest('Closing a tip needs an outcome.', { outcome: 'required when status is closed' });
  }
  if (change.status !== 'closed' && change.outcome) {
    throw new InvalidRequest('An outcome is only given when closing a tip.', { outcome: 'only with status closed' });
  }
  if (!isOpen(tip.status) && change.status !== 'closed' && !isSupervisor(actor)) {
    throw new Forbidden('Only a supervisor can reopen a closed tip.');
  }
  if (change.status === 'new' && tip.status !== 'new') {
    throw new TipConflict('A tip cannot go back to "new"; release it instead so that others can take it.');
  }
  const base: TipRecord = { ...tip, status: change.status };
  const { outcome: _outcome, closedAt: _closedAt, expiresAt: _expiresAt, ...open } = base;
  const expiresAt = Math.floor(now.getTime() / 1000) + retentionDays * 86_400;
  const next: TipRecord = change.status === 'closed' ? { ...base, outcome: change.outcome!, closedAt: now.toISOString(), expiresAt } : open;
  return { tip: next, details: { from: tip.status, to: change.status, ...(change.outcome ? { outcome: change.outcome } : {}) } };
}

export function overrideLevel(tip: TipRecord, change: { level: Level; reason: string }, actor: Actor, now: Date): Decision {
  assertNotHeldByOther(tip, actor);
  const scoredLevel = tip.scoredLevel ?? tip.level;
  return {
    tip: {
      ...tip,
      level: change.level,
      levelOverride: { level: change.level, scoredLevel, reason: change.reason, by: staffRef(actor), at: now.toISOString() },
    },
    details: { from: tip.level, to: change.level, scored: scoredLevel, direction: levelRank(change.level) > levelRank(tip.level) ? 'up' : 'down' },
  };
}

/** An operator's note on a tip, as it joins the thread: staff only, and only by whoever may change the tip. */
export function noteFor(tip: TipRecord, actor: Actor, text: string, noteId: string, now: Date): StoredMessage {
  assertNotHeldByOther(tip, actor);
  return {
    messageId: noteId,
    tipId: tip.tipId,
    kind: 'note',
    author: staffRef(actor),
    text,
    receivedAt: now.toISOString(),
    channel: tip.channel,
    lang: tip.lang,
    redactions: {},
    // A note on a closed tip goes when the tip goes.
    ...(tip.expiresAt !== undefined ? { expiresAt: tip.expiresAt } : {}),
  };
}

export interface ActionPorts {
  tips: Pick<TipReader, 'getTip'> & Pick<TipWriter, 'updateTip'>;
  /** Records the action in the tip's audit trail, with the details the decision gave. */
  audit(details: Record<string, string>): Promise<void>;
  /** The tip's sealed evidence, which keeps the tip's retention (closing sets it, reopening clears it). */
  evidence?: EvidenceRetention;
}

const MAX_ACTION_ATTEMPTS = 5;

/**
 * An operator's action on a tip: read it, decide, write on the version read, audit; when another
 * write got there first, read again and decide again. Answers the tip as written.
 */
export async function actOnTip(tipId: string, decide: (tip: TipRecord) => Decision, ports: ActionPorts): Promise<TipRecord> {
  for (let attempt = 0; attempt < MAX_ACTION_ATTEMPTS; attempt++) {
    const tip = await ports.tips.getTip(tipId);
    if (!tip) throw new TipNotFound(tipId);
    const decision = decide(tip);
    try {
      if (decision.tip !== tip) await ports.tips.updateTip(tip, decision.tip);
      if (decision.tip.expiresAt !== tip.expiresAt) await ports.evidence?.follow(tipId, decision.tip.expiresAt);
      await ports.audit(decision.details);
      return { ...decision.tip, version: tip.version + 1 };
    } catch (error: unknown) {
      if (!(error instanceof TipVersionConflict)) throw error;
    }
  }
  throw new TipConflict('The tip is changing quickly right now; reload it and try again.');
}

/** 409 `not_paged`: an acknowledgement recorded for a responder paging never sent this tip to. */
export class NotPaged extends Conflict {
  override name = 'NotPaged';
  override readonly code = 'not_paged';
}

/**
 * Marks a tip a duplicate of (merges it into) an earlier one: closed with the outcome
 * `duplicate` and linked to it, by whoever may change the tip. The caller ends its paging.
 */
export function markDuplicate(
  tip: TipRecord,
  of: { tipId: string; tip: TipRecord | undefined },
  actor: Actor,
  now: Date,
  retentionDays = DEFAULT_CLOSED_TIP_RETENTION_DAYS,
): Decision {
  if (of.tipId === tip.tipId) {
    throw new InvalidRequest('A tip cannot be a duplicate of itself; give the id of the earlier tip it repeats.', { of: 'the id of another tip' });
  }
  const original = of.tip;
  if (!original) throw new InvalidRequest(`No tip ${of.tipId}; check the id of the earlier tip in the queue.`, { of: 'the id of an existing tip' });
  if (original.outcome === 'duplicate' && original.duplicateOf) {
    const root = original.duplicateOf.tipId;
    throw new InvalidRequest(`${original.tipId} is itself a duplicate of ${root}; mark this tip a duplicate of ${root}.`, { of: `the first tip, ${root}` });
  }
  if (!isOpen(tip.status)) throw new TipConflict('This tip is closed already; a supervisor can reopen it first if it should be merged.');
  const closed = changeStatus(tip, { status: 'closed', outcome: 'duplicate' }, actor, now, retentionDays);
  return {
    tip: { ...closed.tip, duplicateOf: { tipId: original.tipId, match: 'operator', at: now.toISOString() } },
    details: { ...closed.details, of: original.tipId },
  };
}

/** What the operator API reads of a tip's paging (core/paging's PagingState has it). */
export interface PagingFactsForStaff {
  everPagedResponderIds: readonly string[];
  acknowledged?: { responderId: string };
  ended?: unknown;
}

/**
 * May an operator stop this tip's escalation? Only one that paged someone and that nobody has
 * acknowledged. Stopping it again is no error. `names` names responders for the message.
 */
export function assertMayStopPaging(tip: TipRecord, state: PagingFactsForStaff | undefined, actor: Actor, names: ReadonlyMap<string, string>): void {
  assertNotHeldByOther(tip, actor);
  if (!state) throw new Conflict('No page has gone out for this tip, so there is no paging to stop.');
  if (state.acknowledged) {
    const who = names.get(state.acknowledged.responderId) ?? state.acknowledged.responderId;
    throw new Conflict(`${who} already acknowledged the page, so paging is over; nothing to stop.`);
  }
}

/**
 * May an operator record that `responderId` acknowledged by phone? Only a responder paged for
 * the tip (`pagedIds`: the state's list and the pages sent, as paging sends before it stores),
 * and only while nobody else has acknowledged. false: they did already, nothing to record.
 */
export function mayRecordPhoneAck(
  tip: TipRecord,
  state: PagingFactsForStaff | undefined,
  responderId: string,
  pagedIds: ReadonlySet<string>,
  actor: Actor,
  names: ReadonlyMap<string, string>,
): boolean {
  assertNotHeldByOther(tip, actor);
  if (!state || !(state.everPagedResponderIds.includes(responderId) || pagedIds.has(responderId))) {
    throw new NotPaged(`${names.get(responderId) ?? responderId} was not paged for this tip; record the acknowledgement of a responder listed in its pages.`);
  }
  if (!state.acknowledged) return true;
  if (state.acknowledged.responderId === responderId) return false;
  const who = names.get(state.acknowledged.responderId) ?? state.acknowledged.responderId;
  throw new Conflict(`${who} already acknowledged this page; only the first acknowledgement is recorded.`);
}

/** A colleague who can hold tips: an operator or a supervisor of the staff directory. */
export interface StaffMember extends StaffRef {
  roles: Array<Extract<Role, 'operator' | 'supervisor'>>;
}

/** Who works the line (in AWS, the Cognito groups `operator` and `supervisor`). */
export interface StaffDirectory {
  /** Everyone who may hold a tip, by name; `id` is the one their sign-in token carries. */
  list(): Promise<StaffMember[]>;
}

/** 400: a tip can be handed only to someone in the staff directory. */
export class UnknownColleague extends ClientError {
  override name = 'UnknownColleague';
  readonly status = 400;
  readonly code = 'unknown_colleague';
  constructor() {
    super('Nobody on the staff has this id; pick a colleague from GET /api/staff.');
  }
  override body() {
    return { fields: { to: 'the id of a colleague, as GET /api/staff lists them' } };
  }
}

/**
 * Hands a tip to a colleague, who then holds it as if they had claimed it. Whoever may change the
 * tip may hand it on (nobody holds it, or the caller does); a supervisor may also move it from
 * someone else, and the trail keeps from whom. Who may receive it is the directory's to say.
 */
export function assignTip(tip: TipRecord, actor: Actor, to: StaffMember | undefined, now: Date): Decision {
  if (!to) throw new UnknownColleague();
  if (!isOpen(tip.status)) throw new TipConflict('This tip is closed; a supervisor can reopen it before handing it on.');
  const holder = heldByOther(tip, actor);
  if (holder && !isSupervisor(actor)) throw new TipConflict(holdMessage(holder, actor.roles), holder);
  const from = tip.claimedBy;
  const status: TipStatus = tip.status === 'new' ? 'in_review' : tip.status;
  const details = {
    from: from?.id ?? 'nobody',
    ...(from ? { fromName: from.name } : {}),
    to: to.id,
    toName: to.name,
    ...(holder ? { overHolder: 'true' } : {}),
  };
  if (from?.id === to.id) return { tip, details: { ...details, unchanged: 'true' } };
  return { tip: { ...tip, claimedBy: { id: to.id, name: to.name }, claimedAt: now.toISOString(), status }, details };
}
