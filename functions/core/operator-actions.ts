// What operators do to a tip, decided on the tip as read: claim, release, move it through the
// workflow, override its level. Pure: each returns the tip as it should be written and the
// audit details; the handler writes it conditionally on the version it read.
import type { Role } from '../config/tables';
import { Conflict, Forbidden, InvalidRequest, TipNotFound } from './errors';
import type { Level } from './tip';
import { levelRank } from './tip';
import type { Outcome, StaffRef, TipReader, TipRecord, TipStatus, TipWriter } from './tip-record';
import { isOpen, TipVersionConflict } from './tip-record';
import { DEFAULT_CLOSED_TIP_RETENTION_DAYS } from '../config/defaults';
import type { EvidenceRetention } from './evidence/model';

export interface Actor extends StaffRef {
  roles: readonly Role[];
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

export function claimTip(tip: TipRecord, actor: Actor, now: Date): Decision {
  if (tip.claimedBy && tip.claimedBy.id !== actor.id) {
    throw new TipConflict(`${tip.claimedBy.name} is already working on this tip; pick another from the queue or ask them to release it.`, tip.claimedBy);
  }
  if (!isOpen(tip.status)) throw new TipConflict('This tip is closed; a supervisor can reopen it.');
  const status: TipStatus = tip.status === 'new' ? 'in_review' : tip.status;
  return {
    tip: { ...tip, claimedBy: staffRef(actor), claimedAt: now.toISOString(), status },
    details: { from: tip.status, to: status },
  };
}

export function releaseTip(tip: TipRecord, actor: Actor): Decision {
  if (!tip.claimedBy) return { tip, details: { held: 'nobody' } };
  if (tip.claimedBy.id !== actor.id && !isSupervisor(actor)) {
    throw new TipConflict(`Only ${tip.claimedBy.name} or a supervisor can release this tip.`, tip.claimedBy);
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
  if (tip.claimedBy && tip.claimedBy.id !== actor.id && !isSupervisor(actor)) {
    throw new TipConflict(`${tip.claimedBy.name} is working on this tip; only they or a supervisor can change its status.`, tip.claimedBy);
  }
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
