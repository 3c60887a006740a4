// Replies go out through Twilio's Messages API on the channel the tipster last used. The
// client is built on first use: the auth token comes from Secrets Manager, and a deployment
// whose Twilio account is not set up yet must still start and say so, not crash at cold start.
import * as z from 'zod';
import { ENV } from '../config/env-names';
import type { MessageSender } from '../core/reply';
import { TwilioNotConfigured } from './twilio-errors';
import { twilioRest, type TwilioRest } from './twilio-rest';

export { TwilioNotConfigured };


const twilioConfig = z.object({
  [ENV.twilioAccountSid]: z.string().regex(/^AC[0-9a-f]{32}$/),
  [ENV.twilioApiBaseUrl]: z.url().optional(),
});
const senderConfig = z.object({ [ENV.twilioSender]: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/) });

function parseOrExplain<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new TwilioNotConfigured(parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
  return parsed.data;
}

/** Twilio's REST client for this account, built once the configuration and token are there. */
export function twilioRestFromEnv(loadAuthToken: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): () => Promise<TwilioRest> {
  let client: Promise<TwilioRest> | undefined;
  return () => {
    client ??= (async () => {
      const config = parseOrExplain(twilioConfig, env);
      return twilioRest({
        accountSid: config[ENV.twilioAccountSid],
        authToken: await loadAuthToken(),
        ...(config[ENV.twilioApiBaseUrl] ? { apiBaseUrl: config[ENV.twilioApiBaseUrl] } : {}),
      });
    })();
    client.catch(() => (client = undefined));
    return client;
  };
}

/** Sends an SMS (or WhatsApp, by the address) from this deployment's sender; answers the SID. */
export function twilioSmsFromEnv(loadAuthToken: () => Promise<string>, options: { statusCallback?: string } = {}, env: NodeJS.ProcessEnv = process.env) {
  const rest = twilioRestFromEnv(loadAuthToken, env);
  return {
    async send(to: string, body: string): Promise<{ sid: string }> {
      const from = parseOrExplain(senderConfig, env)[ENV.twilioSender];
      // A WhatsApp message must come from the WhatsApp sender; a Messaging Service picks its own.
      const sender = from.startsWith('MG') || !to.startsWith('whatsapp:') ? from : `whatsapp:${from}`;
      return (await rest()).sendMessage({ to, from: sender, body, ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}) });
    },
  };
}

export function twilioSenderFromEnv(loadAuthToken: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): MessageSender {
  const sms = twilioSmsFromEnv(loadAuthToken, {}, env);
  return {
    async send({ to, body }) {
      await sms.send(to, body);
    },
  };
}
