// Twilio reports a message's delivery to its StatusCallback URL, signed like any webhook. The
// local Twilio API does the same for the messages it records (queued, sent, delivered), so the
// sms-status path runs locally exactly as it would in AWS.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import type { RecordedMessage } from './twilio-api';

export function reportDeliveries(authToken: string, onError: (error: unknown) => void) {
  return (message: RecordedMessage): void => {
    const url = message.params.StatusCallback;
    if (!url) return;
    void (async () => {
      for (const status of ['sent', 'delivered']) {
        const params = {
          AccountSid: message.accountSid,
          MessageSid: message.sid,
          MessageStatus: status,
          SmsSid: message.sid,
          SmsStatus: status,
          To: message.to,
          From: message.from,
          ApiVersion: '2010-04-01',
        };
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': getExpectedTwilioSignature(authToken, url, params) },
          body: new URLSearchParams(params).toString(),
        });
        if (!res.ok) throw new Error(`status callback answered ${res.status}`);
      }
    })().catch(onError);
  };
}
