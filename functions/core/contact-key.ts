// The contact key: how a tipster is known downstream. An HMAC under a secret that never
// leaves the intake, so the key threads messages without being reversible to a number.
import { createHmac } from 'node:crypto';
import type { ContactKey, MessageSid } from './tip';

export class InvalidSenderAddress extends Error {
  override name = 'InvalidSenderAddress';
  constructor() {
    super('The sender address is not a phone number in E.164 form (optionally whatsapp:-prefixed).');
  }
}

/**
 * Normalises a Twilio `From` (`+51987654321`, `whatsapp:+51987654321`, with stray spaces
 * or dashes) to E.164, so that SMS and WhatsApp from one phone thread together.
 */
export function normaliseSenderAddress(from: string): string {
  const withoutChannel = from.trim().replace(/^whatsapp:/i, '');
  const digits = withoutChannel.replace(/[\s\-().]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(digits)) throw new InvalidSenderAddress();
  return digits;
}

export function isSenderAddress(from: string): boolean {
  try {
    normaliseSenderAddress(from);
    return true;
  } catch {
    return false;
  }
}

export function contactKey(from: string, secret: string): ContactKey {
  return createHmac('sha256', secret)
    .update(`contact:${normaliseSenderAddress(from)}`)
    .digest('hex') as ContactKey;
}

/**
 * The idempotency key of an SMS. Keyed rather than the raw MessageSid, so that our tables
 * hold nothing that Twilio's records could join back to a sender's number.
 */
export function smsMessageId(sid: MessageSid, secret: string): string {
  return `sms_${createHmac('sha256', secret).update(`message:${sid}`).digest('hex').slice(0, 40)}`;
}
