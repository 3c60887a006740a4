// Twilio's side of the SMS webhook: the signature check and the TwiML answer, both with the
// twilio library itself so that they match what Twilio computes and parses. Deep imports keep
// the bundle to these two modules instead of the whole REST client.
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotSignedByTwilio } from '../core/errors';
import { bodyText, header, requireContentType } from './http';

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

/** Twilio's form bodies are a few KB at most; anything larger is not Twilio. */
const MAX_TWILIO_FORM_BYTES = 64 * 1024;

/**
 * The one way a Twilio callback is read: form-encoded, signed with the account's token over the
 * configured URL (and the query Twilio called it with). Throws NotSignedByTwilio (403) before
 * any field is looked at.
 */
export async function readTwilioForm(event: APIGatewayProxyEventV2, configuredUrl: string, authToken: () => Promise<string>): Promise<Record<string, string>> {
  requireContentType(event, 'application/x-www-form-urlencoded');
  const params = Object.fromEntries(new URLSearchParams(bodyText(event, MAX_TWILIO_FORM_BYTES)));
  const url = event.rawQueryString ? `${configuredUrl}?${event.rawQueryString}` : configuredUrl;
  if (!isSignedByTwilio(await authToken(), header(event, 'x-twilio-signature'), url, params)) throw new NotSignedByTwilio();
  return params;
}
