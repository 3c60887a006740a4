// The job that asks for Twilio's copy of an inbound message to be deleted once the tip is
// safely queued. The SID travels sealed: it would let anyone with Twilio's records find the
// sender's number.
import * as z from 'zod';

export const deleteTwilioMessageSchema = z.strictObject({
  type: z.literal('DeleteTwilioMessage'),
  version: z.literal(1),
  sealedSid: z.string().min(16).max(2048),
});
export type DeleteTwilioMessage = z.infer<typeof deleteTwilioMessageSchema>;

export const TWILIO_CLEANUP_CONTEXT = { purpose: 'twilio-cleanup' } as const;
