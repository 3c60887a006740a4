import { Annotations } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TwilioSettings } from './settings';

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

/**
 * The Twilio account from the settings (twilioAccountSid, twilioSender, deleteInboundFromTwilio,
 * checked there): a missing SID or sender becomes its placeholder, with a synth warning on `scope`.
 */
export function twilioAccount(scope: Construct, settings: TwilioSettings): TwilioAccount {
  const { accountSid, sender, deleteInbound } = settings;
  const annotations = Annotations.of(scope);
  if (accountSid === undefined) {
    annotations.addWarningV2(
      'tipline:twilioAccountSid',
      `twilioAccountSid is not set: "${TWILIO_ACCOUNT_SID_PLACEHOLDER}" is deployed and replies to tipsters fail ` +
        'until you deploy with -c twilioAccountSid=AC…',
    );
  }
  if (sender === undefined) {
    annotations.addWarningV2(
      'tipline:twilioSender',
      `twilioSender is not set: "${TWILIO_SENDER_PLACEHOLDER}" is deployed and replies to tipsters fail ` +
        'until you deploy with -c twilioSender=+51… (or MG…)',
    );
  }

  return {
    accountSid: accountSid ?? TWILIO_ACCOUNT_SID_PLACEHOLDER,
    sender: sender ?? TWILIO_SENDER_PLACEHOLDER,
    deleteInbound,
  };
}
