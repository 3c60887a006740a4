// Twilio's side of the SMS webhook: the signature check and the TwiML answer, both with the
// twilio library itself so that they match what Twilio computes and parses. Deep imports keep
// the bundle to these two modules instead of the whole REST client.
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';

/**
 * `url` is the configured public URL of the webhook, never one rebuilt from Host or
 * X-Forwarded-* headers, which a caller controls.
 */
export function isSignedByTwilio(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  return validateRequest(authToken, signature, url, params);
}

export function twimlMessage(text: string): string {
  const response = new MessagingResponse();
  response.message(text);
  return response.toString();
}

/** An empty answer: Twilio sends nothing back to the sender. */
export function twimlEmpty(): string {
  return new MessagingResponse().toString();
}
