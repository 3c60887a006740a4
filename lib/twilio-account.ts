import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { contextBoolean, contextString } from './context';

/**
 * Stand-ins that keep `cdk synth` and the tests offline with no context at all. They are
 * deliberately not valid Twilio values: until an operator deploys with the real ones
 * (`-c twilioAccountSid=AC… -c twilioSender=+51…`), tipster-reply refuses them at cold start,
 * so replies fail, and inbound deletion cannot be switched on. Nothing else depends on them.
 */
export const TWILIO_ACCOUNT_SID_PLACEHOLDER = 'AC_SET_ME';
export const TWILIO_SENDER_PLACEHOLDER = 'SENDER_SET_ME';

/** What the Twilio-facing functions are told about the account; read once per stack. */
export interface TwilioAccount {
  /** `AC` + 32 hex digits, or the placeholder. */
  accountSid: string;
  /** E.164 number or Messaging Service SID (`MG…`) replies are sent from, or the placeholder. */
  sender: string;
  /** Whether sms-intake queues the deletion of each inbound message from Twilio. */
  deleteInbound: boolean;
}

// The same patterns the handlers check at cold start (Twilio SIDs are lowercase hex), so a
// value that passes here cannot fail there.
const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const SENDER = /^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/;

/**
 * Reads the context values `twilioAccountSid`, `twilioSender` and `deleteInboundFromTwilio`.
 * A malformed value fails the synth (a typo'd SID would only show up as failed replies); a
 * missing one becomes its placeholder with a synth warning.
 */
export function readTwilioAccount(scope: Construct): TwilioAccount {
  const accountSid = contextString(scope, 'twilioAccountSid');
  const sender = contextString(scope, 'twilioSender');
  const deleteInbound = contextBoolean(scope, 'deleteInboundFromTwilio') ?? false;

  if (accountSid !== undefined && !ACCOUNT_SID.test(accountSid)) {
    throw new Error('context value "twilioAccountSid" must be a Twilio account SID (AC followed by 32 lowercase hex digits)');
  }
  if (sender !== undefined && !SENDER.test(sender)) {
    throw new Error('context value "twilioSender" must be an E.164 number (+51…) or a Messaging Service SID (MG…)');
  }
  // Deleting a message is a call on the account's Messages API: without the SID every job
  // would fail five times and pile up in the dead-letter queue.
  if (deleteInbound && accountSid === undefined) {
    throw new Error('context value "deleteInboundFromTwilio" needs "twilioAccountSid" to be set as well');
  }

  const annotations = Annotations.of(scope);
  if (accountSid === undefined) {
    annotations.addWarningV2(
      'tipline:twilioAccountSid',
      `twilioAccountSid is not set: "${TWILIO_ACCOUNT_SID_PLACEHOLDER}" is deployed and replies to tipsters fail until you deploy with -c twilioAccountSid=AC…`,
    );
  }
  if (sender === undefined) {
    annotations.addWarningV2(
      'tipline:twilioSender',
      `twilioSender is not set: "${TWILIO_SENDER_PLACEHOLDER}" is deployed and replies to tipsters fail until you deploy with -c twilioSender=+51… (or MG…)`,
    );
  }

  return {
    accountSid: accountSid ?? TWILIO_ACCOUNT_SID_PLACEHOLDER,
    sender: sender ?? TWILIO_SENDER_PLACEHOLDER,
    deleteInbound,
  };
}
