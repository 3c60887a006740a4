// The paging function's side of referrals. ReferralSend sends the agency its SMS, once: the
// message is claimed under the referral's key before it goes (as pages are), and how it went is
// kept on the referral. ReferralSweep (hourly in AWS; locally whenever the clock moves) reminds
// every active supervisor of each overdue referral, once per reminder period, audits it under
// every tip of the case and keeps the reminder on the referral; it also sends any referral whose
// SMS never went (the operator API's job was lost).
import type { DeliveryClaim, PagingPorts } from '../paging/handle-job';
import { sendOnce } from '../paging/carry-out';
import type { AgencyContacts } from '../ports';
import type { Responder } from '../paging/model';
import { caseCode, type DeliveryState, type ReferralRecord } from './model';
import { agencyText, reminderText } from './referral-text';
import { type ReminderDue, reminderDue } from './reminders';
import { type CaseReader, type CaseWriter, CaseVersionConflict } from './store';

export interface ReferralPorts {
  cases: Pick<CaseReader, 'getCase' | 'getReferral' | 'openReferrals'> & Pick<CaseWriter, 'updateReferral'>;
  /** Opens an agency's contact, sealed beside it in the roster (only paging may). */
  contacts: AgencyContacts;
  /** Days without an update after which a referral is overdue (ENV.referralReminderDays). */
  reminderDays: number;
}

/** The actor of what paging does on its own, as carry-out.ts names it in the trail. */
const PAGING = { id: 'tipline-paging', name: 'tipline (paging)' };
const MAX_ATTEMPTS = 5;

function referralPorts(ports: PagingPorts): ReferralPorts {
  if (!ports.referrals) throw new Error('paging was wired without its referral ports (functions/paging/app.ts)');
  return ports.referrals;
}

/** Changes a referral on its version, read afresh each time; `change` returns undefined when there is nothing left to do. */
async function updateReferral(
  cases: ReferralPorts['cases'],
  caseId: string,
  referralId: string,
  change: (referral: ReferralRecord) => ReferralRecord | undefined,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const referral = await cases.getReferral(caseId, referralId);
    const next = referral && change(referral);
    if (!referral || !next) return;
    try {
      await cases.updateReferral(referral, next);
      return;
    } catch (error: unknown) {
      if (!(error instanceof CaseVersionConflict) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

const recordDelivery = (cases: ReferralPorts['cases'], referral: ReferralRecord, state: DeliveryState, at: Date) =>
  updateReferral(cases, referral.caseId, referral.referralId, (fresh) =>
    fresh.delivery?.state === state ? undefined : { ...fresh, delivery: { state, at: at.toISOString() } },
  );

/** Sent, or nothing to send it to: done. A failed send is tried again with the job. */
const delivered = (referral: ReferralRecord): boolean => referral.delivery !== undefined && referral.delivery.state !== 'failed';

/** The agency's SMS, once whatever the retries: claimed first, then sent, then kept on the referral. */
async function deliver(referral: ReferralRecord, ports: PagingPorts): Promise<void> {
  const { cases, contacts } = referralPorts(ports);
  const key = `referral#${referral.referralId}`;
  const now = ports.now();
  const claim: DeliveryClaim = {
    tipId: referral.caseId,
    responderId: referral.agencyId,
    responderName: referral.agencyName,
    responderRole: 'agency',
    kind: 'referral',
    code: caseCode(referral.caseId),
    at: now,
  };
  if (!(await ports.deliveries.claim(key, claim))) return;
  const contact = await contacts.contactOf(referral.agencyId);
  if (!contact) {
    await ports.deliveries.failed(key);
    await recordDelivery(cases, referral, 'no_contact', now);
    return;
  }
  try {
    const { sid } = await ports.sms.send(contact, agencyText(referral));
    await ports.deliveries.sent(key, sid);
  } catch (error: unknown) {
    await ports.deliveries.failed(key);
    await recordDelivery(cases, referral, 'failed', now);
    throw error;
  }
  await recordDelivery(cases, referral, 'sent', now);
}

export async function sendReferral(job: { caseId: string; referralId: string }, ports: PagingPorts): Promise<void> {
  const referral = await referralPorts(ports).cases.getReferral(job.caseId, job.referralId);
  if (!referral || delivered(referral) || referral.status === 'closed') return;
  await deliver(referral, ports);
}

async function remind(referral: ReferralRecord, due: ReminderDue, supervisors: readonly Responder[], ports: PagingPorts): Promise<void> {
  const { cases, reminderDays } = referralPorts(ports);
  const now = ports.now();
  for (const supervisor of supervisors) {
    await sendOnce(
      // The period counts from the last update: a retried sweep claims the same keys.
      `referral-reminder#${referral.referralId}#${referral.lastUpdateAt}#${due.period}#${supervisor.responderId}`,
      { tipId: referral.caseId, responderId: supervisor.responderId, kind: 'referral_reminder', code: caseCode(referral.caseId), at: now },
      supervisor,
      reminderText(referral, due.overdueDays, supervisor.lang),
      ports,
    );
  }
  // Audited before it is kept on the referral: a retry may audit twice, never none.
  const tipIds = (await cases.getCase(referral.caseId))?.tipIds ?? [];
  for (const tipId of tipIds) {
    await ports.audit.record({
      tipId,
      at: now.toISOString(),
      actor: PAGING,
      action: 'referral_reminder',
      details: {
        caseId: referral.caseId,
        referralId: referral.referralId,
        agencyId: referral.agencyId,
        status: referral.status,
        overdueDays: String(due.overdueDays),
        supervisors: String(supervisors.length),
      },
    });
  }
  await updateReferral(cases, referral.caseId, referral.referralId, (fresh) =>
    reminderDue(fresh, now, reminderDays) ? { ...fresh, reminders: [...fresh.reminders, { at: now.toISOString() }] } : undefined,
  );
}

/**
 * Every open referral: sent if its SMS never went, and reminded of if overdue. One referral's
 * failure does not keep the others from their reminders; the job fails after all were tried,
 * so that it is retried.
 */
export async function sweepReferrals(ports: PagingPorts): Promise<void> {
  const { cases, reminderDays } = referralPorts(ports);
  const failures: unknown[] = [];
  const open = await cases.openReferrals();
  if (open.length === 0) return;
  // Supervisors, as paging's own notices find them.
  const supervisors = (await ports.roster.load()).responders.filter((r) => r.role === 'supervisor' && r.active);
  for (const referral of open) {
    try {
      if (!referral.delivery) await deliver(referral, ports);
      const due = reminderDue(referral, ports.now(), reminderDays);
      if (due) await remind(referral, due, supervisors, ports);
    } catch (error: unknown) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} referrals could not be swept; the sweep is retried`);
}
