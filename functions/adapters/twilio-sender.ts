// Replies go out through Twilio's Messages API on the channel the tipster last used. The
// client is built once, on first use, because the auth token comes from Secrets Manager.
import { z } from 'zod';
import { ENV } from '../config/env-names';
import { readConfig } from '../config/runtime';
import type { MessageSender } from '../core/reply';
import { twilioRest, type TwilioRest } from './twilio-rest';

const twilioConfig = {
  [ENV.twilioAccountSid]: z.string().regex(/^AC[0-9a-f]{32}$/, 'a Twilio account SID (AC…)'),
  [ENV.twilioApiBaseUrl]: z.url().optional(),
} as const;

/** Twilio's REST client for this account, built once the auth token has been fetched. */
export function twilioRestFromEnv(loadAuthToken: () => Promise<string>): () => Promise<TwilioRest> {
  const config = readConfig(twilioConfig);
  let client: Promise<TwilioRest> | undefined;
  return () => {
    client ??= loadAuthToken().then((authToken) =>
      twilioRest({
        accountSid: config[ENV.twilioAccountSid],
        authToken,
        ...(config[ENV.twilioApiBaseUrl] ? { apiBaseUrl: config[ENV.twilioApiBaseUrl] } : {}),
      }),
    );
    client.catch(() => (client = undefined));
    return client;
  };
}

export function twilioSenderFromEnv(loadAuthToken: () => Promise<string>): MessageSender {
  const { [ENV.twilioSender]: from } = readConfig({
    [ENV.twilioSender]: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/, 'an E.164 number or a Messaging Service SID (MG…)'),
  });
  const rest = twilioRestFromEnv(loadAuthToken);
  return {
    async send({ to, body }) {
      // A WhatsApp reply must come from the WhatsApp sender; a Messaging Service picks its own.
      const sender = from.startsWith('MG') || !to.startsWith('whatsapp:') ? from : `whatsapp:${from}`;
      await (await rest()).sendMessage({ to, from: sender, body });
    },
  };
}
