// What goes on the paging queue. Each job is small and idempotent on its own: the paging
// state machine decides what, if anything, a (re)delivered job still has to do.
import * as z from 'zod';
import { CASE_ID_PATTERN, REFERRAL_ID_PATTERN } from '../cases/model';
import { SKETCH_PATTERN } from './fingerprint';

const tipId = z.string().regex(/^[0-9A-Z]{8}$/);
const responderId = z.string().regex(/^[a-z0-9-]{3,40}$/);
const staff = z.strictObject({ id: z.string().min(1).max(128), name: z.string().max(200) });
/** A responder's SMS as stored: already redacted by intake (core/intake/receive-sms.ts). */
export const RESPONDER_TEXT_MAX = 2000;
/** The thread's text sketch (core/paging/fingerprint.ts), for the duplicate check; never the text. */
const sketch = z.string().regex(SKETCH_PATTERN).optional();

export const pagingJobSchema = z.discriminatedUnion('type', [
  /**
   * A critical tip was stored: page now. With `decidedBy`, an operator raised it to critical:
   * page now whatever the guards say (and count it).
   */
  z.strictObject({
    type: z.literal('PageRequested'),
    tipId,
    sketch,
    decidedBy: staff.optional(),
  }),
  /** A high tip was stored: page if nobody has claimed it when its time is up. */
  z.strictObject({ type: z.literal('HighTipCheck'), tipId, sketch }),
  /** A step's deadline, possibly early when the delay was capped (re-delayed then). */
  z.strictObject({ type: z.literal('DeadlineDue'), tipId, step: z.int().min(0).max(20), cycle: z.int().min(0).max(20) }),
  /** A registered responder replied ACK [code]. */
  z.strictObject({
    type: z.literal('AckReceived'),
    responderId,
    code: z
      .string()
      .regex(/^[0-9A-Z]{4}$/)
      .nullable(),
    receivedAt: z.iso.datetime(),
  }),
  /**
   * The case ended under paging (an operator closed the tip or marked it a duplicate): no page
   * goes out for it again. Deadlines already queued find the tip closed even if this is late.
   */
  z.strictObject({ type: z.literal('CaseEnded'), tipId, why: z.enum(['closed', 'duplicate']), by: staff }),
  /** An operator stopped the tip's escalation, the case staying open: they take it from here. */
  z.strictObject({ type: z.literal('StopRequested'), tipId, by: staff }),
  /** An operator recorded an acknowledgement a paged responder gave by phone. */
  z.strictObject({ type: z.literal('PhoneAck'), tipId, responderId, by: staff, at: z.iso.datetime() }),
  /**
   * A registered responder's SMS that is not an ACK: attached to the case they were paged for
   * (or answered with how to acknowledge). `noteId` is derived from the MessageSid, so that a
   * retried webhook attaches it once.
   */
  z.strictObject({
    type: z.literal('ResponderText'),
    responderId,
    noteId: z.string().regex(/^resp_[A-Za-z0-9_-]{8,80}$/),
    text: z.string().min(1).max(RESPONDER_TEXT_MAX),
    receivedAt: z.iso.datetime(),
  }),
  /** A case was referred to an agency (operator API): send the agency its SMS, once (core/cases/referral-jobs). */
  z.strictObject({ type: z.literal('ReferralSend'), caseId: z.string().regex(CASE_ID_PATTERN), referralId: z.string().regex(REFERRAL_ID_PATTERN) }),
  /** Hourly (an EventBridge rule in AWS; the local stack whenever its clock moves): remind supervisors of overdue referrals. */
  z.strictObject({ type: z.literal('ReferralSweep') }),
  /** Hourly, beside the sweep: publish the statistics of every month that is over and settled (core/statistics). */
  z.strictObject({ type: z.literal('StatisticsPublication') }),
]);
export type PagingJob = z.infer<typeof pagingJobSchema>;
