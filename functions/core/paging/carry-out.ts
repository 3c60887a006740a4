// Carrying out what the on-call state machine decided: each page, notice and confirmation is
// claimed under its idempotency key before it is sent, so a retried job sends only what has not
// gone yet; deadlines go back on the queue; every step goes to the tip's audit trail.
import { confirmationText, pageText, supervisorText, type PagingAction, type PagingState, type Responder, type Roster, type Transition } from './';
import type { DeliveryClaim, PagingPorts } from './handle-job';

const PAGING = { id: 'tipline-paging', name: 'tipline (paging)' };
/** How long a page code is remembered for the "someone else's page" answer: past any read window. */
const CODE_MEMORY_MS = 7 * 24 * 60 * 60_000;

export async function carryOut(transition: Transition, roster: Roster, now: Date, ports: PagingPorts): Promise<void> {
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
      // So that a responder who sends this code and was not paged is told it is someone else's.
      await ports.codes.remember(state.code, state.tipId, new Date(now.getTime() + CODE_MEMORY_MS));
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
          // A budget notice is about the region counted, not this tip's place.
          region: action.budget ? action.budget.region : state.region,
          cycle: action.cycle,
          steps: action.steps,
          policyId: action.policyId,
          ...(action.budget ? { budget: action.budget } : {}),
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
export async function sendOnce(
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
