// Responders see a tip on a need-to-know basis: the threat model names a corrupt officer on the
// roster, so a responder reads only the tips paging sent them, while the page is live and for a
// set time after it ended, and sees nothing of the others, not even whether they exist (the
// operator API answers every refusal exactly as it answers an unknown tip id).
//
// Who a responder is: their staff account carries the roster's responderId (Cognito custom
// attribute `custom:responderId`, set by an administrator; see functions/adapters/operator-auth.ts).
// Pure: the paging state, the deliveries and the time are passed in.
import type { Role } from '../config/tables';
import type { PagingState } from './paging/escalation';
import type { DeliveryView } from './ports';

/**
 * How long a paged responder may still read the tip after their page ended, that is after the
 * acknowledgement (theirs or another responder's), after paging stopped unanswered, or after a
 * held page was withdrawn. 24 hours: reaching a camp or a bar in Madre de Dios and acting there
 * (a raid, a rescue, a statement at the station) takes the rest of that day, often over hours of
 * road or river; one window for everyone paged, because a level-1 responder who did not answer
 * may already be on the way when level 2 acknowledges. Past it, the case is the operators' to
 * share, and a tip's later messages (which may say more about the tipster) no longer reach a
 * phone that paging once woke.
 */
export const READ_WINDOW_AFTER_PAGE_ENDS_MS = 24 * 60 * 60_000;

/** What the decision needs of a tip's paging state (core/paging/escalation's PagingState has it). */
export interface PagingFacts {
  everPagedResponderIds: PagingState['everPagedResponderIds'];
  acknowledged?: PagingState['acknowledged'];
  stoppedAt?: PagingState['stoppedAt'];
  /** A held page dropped before it went (the tip closed, claimed or lowered): paging ended then. */
  withdrawn?: { at: string };
}

/** What the decision needs of a delivery: whom it went to, and whether it was a page. */
export type DeliveryFacts = Pick<DeliveryView, 'responderId' | 'kind'>;

export type ResponderRelation =
  /** Paging is still running and they were paged: they may still acknowledge. */
  | 'paged'
  /** They acknowledged: they are the one going. */
  | 'acknowledged'
  /** Their page ended (someone else acknowledged, or paging stopped), within the window. */
  | 'page_ended';

export type ResponderAccess =
  | { allowed: true; relation: ResponderRelation /** ISO; null while paging still runs. */; until: string | null }
  | { allowed: false; reason: 'not_on_roster' | 'not_paged' | 'window_closed' };

/** Staff (operators, supervisors) see the whole tip; someone who is only a responder does not. */
export const isResponderOnly = (actor: { roles: readonly Role[] }): boolean =>
  actor.roles.includes('responder') && !actor.roles.some((role) => role === 'operator' || role === 'supervisor');

function wasPaged(responderId: string, state: PagingFacts, deliveries: readonly DeliveryFacts[]): boolean {
  // Paging sends the SMS before it stores the state that lists them: either is proof enough.
  return state.everPagedResponderIds.includes(responderId) || deliveries.some((d) => d.kind === 'page' && d.responderId === responderId);
}

/** May this responder read this tip now, given its paging (undefined: never paged) and its deliveries? */
export function responderAccess(
  responderId: string | undefined,
  state: PagingFacts | undefined,
  deliveries: readonly DeliveryFacts[],
  now: Date,
): ResponderAccess {
  if (!responderId) return { allowed: false, reason: 'not_on_roster' };
  if (!state || !wasPaged(responderId, state, deliveries)) return { allowed: false, reason: 'not_paged' };
  const endedAt = state.acknowledged?.at ?? state.stoppedAt ?? state.withdrawn?.at;
  if (endedAt === undefined) return { allowed: true, relation: 'paged', until: null };
  const until = Date.parse(endedAt) + READ_WINDOW_AFTER_PAGE_ENDS_MS;
  if (!(now.getTime() < until)) return { allowed: false, reason: 'window_closed' };
  const relation: ResponderRelation = state.acknowledged?.responderId === responderId ? 'acknowledged' : 'page_ended';
  return { allowed: true, relation, until: new Date(until).toISOString() };
}
