// Twilio webhook fixtures, signed with the twilio library's own helper exactly as Twilio
// signs: HMAC-SHA1 over the full URL followed by the sorted POST parameters.
import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';

export type TwilioParams = Record<string, string>;

export const newMessageSid = (): string => `SM${randomBytes(16).toString('hex')}`;

export function twilioWebhook(overrides: Partial<TwilioParams> = {}): TwilioParams {
  const params: TwilioParams = {
    ToCountry: 'PE',
    ToState: 'Madre de Dios',
    SmsMessageSid: '',
    NumMedia: '0',
    ToCity: 'PUERTO MALDONADO',
    FromZip: '17001',
    SmsSid: '',
    FromState: 'Madre de Dios',
    SmsStatus: 'received',
    FromCity: 'PUERTO MALDONADO',
    Body: 'hola',
    FromCountry: 'PE',
    To: '+51900000001',
    ToZip: '',
    NumSegments: '1',
    MessageSid: newMessageSid(),
    AccountSid: `AC${randomBytes(16).toString('hex')}`,
    From: '+51987654321',
    ApiVersion: '2010-04-01',
    ...overrides,
  };
  params.SmsMessageSid = params.MessageSid ?? '';
  params.SmsSid = params.MessageSid ?? '';
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as TwilioParams;
}

export function signTwilio(authToken: string, url: string, params: TwilioParams): string {
  return getExpectedTwilioSignature(authToken, url, params);
}

export async function postSignedSms(
  stack: { httpUrl: string; publicUrl: string; twilioAuthToken: string },
  params: TwilioParams,
  options: { signature?: string | null } = {},
): Promise<Response> {
  const signature = options.signature === undefined ? signTwilio(stack.twilioAuthToken, `${stack.publicUrl}/sms/twilio`, params) : options.signature;
  return fetch(`${stack.httpUrl}/sms/twilio`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
}
