// What goes on the paging queue. Each job is small and idempotent on its own: the paging
// state machine decides what, if anything, a (re)delivered job still has to do.
import * as z from 'zod';
import { SKETCH_PATTERN } from './fingerprint';

const tipId = z.string().regex(/^[0-9A-Z]{8}$/);
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
    decidedBy: z.strictObject({ id: z.string().min(1).max(128), name: z.string().max(200) }).optional(),
  }),
  /** A high tip was stored: page if nobody has claimed it when its time is up. */
  z.strictObject({ type: z.literal('HighTipCheck'), tipId, sketch }),
  /** A step's deadline, possibly early when the delay was capped (re-delayed then). */
  z.strictObject({ type: z.literal('DeadlineDue'), tipId, step: z.int().min(0).max(20), cycle: z.int().min(0).max(20) }),
  /** A registered responder replied ACK [code]. */
  z.strictObject({
    type: z.literal('AckReceived'),
    responderId: z.string().regex(/^[a-z0-9-]{3,40}$/),
    code: z
      .string()
      .regex(/^[0-9A-Z]{4}$/)
      .nullable(),
    receivedAt: z.iso.datetime(),
  }),
]);
export type PagingJob = z.infer<typeof pagingJobSchema>;
