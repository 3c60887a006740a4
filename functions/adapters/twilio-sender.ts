// Replies and pages go out through Twilio's Messages API on the channel the recipient last used.
// The client is built on first use: the auth token comes from the platform's secrets, and a
// deployment whose Twilio account is not set up yet must still start and say so, not crash at
// cold start.
import { ENV } from '../config/env-names';
import type { Env } from '../config/runtime';
import type { TwilioRest } from '../core/ports';
import type { MessageSender } from '../core/reply';
import type { Platform } from './platform';
import { secretsOf } from './secrets';
import { twilioRest } from './twilio-rest';
import { TwilioNotConfigured } from './twilio-errors';

export { TwilioNotConfigured };

/** As the function's configuration holds them: checked on first use. */
export interface TwilioSettings {
  accountSid?: string | undefined;
  sender?: string | undefined;
}

const ACCOUNT_SID = /^AC[0-9a-f]{32}$/;
const SENDER = /^(\+[1-9]\d{6,14}|MG[0-9a-f]{32})$/;

function required(value: string | undefined, pattern: RegExp, name: string): string {
  if (value === undefined || !pattern.test(value)) throw new TwilioNotConfigured(name);
  return value;
}

/** Twilio's REST client for this account, built once the configuration and token are there. */
export function lazyTwilio(settings: TwilioSettings, platform: Platform, env: Env): () => Promise<TwilioRest> {
  let client: Promise<TwilioRest> | undefined;
  return () => {
    client ??= (async () => {
      const accountSid = required(settings.accountSid, ACCOUNT_SID, ENV.twilioAccountSid);
      return (platform.twilio ?? twilioRest)({ accountSid, authToken: await secretsOf(platform, env).twilioAuthToken() });
    })();
    client.catch(() => (client = undefined));
    return client;
  };
}

/** Sends an SMS (or WhatsApp, by the address) from this deployment's sender; answers the SID. */
export function twilioSms(settings: TwilioSettings, platform: Platform, env: Env, options: { statusCallback?: string } = {}) {
  const rest = lazyTwilio(settings, platform, env);
  return {
    async send(to: string, body: string): Promise<{ sid: string }> {
      const from = required(settings.sender, SENDER, ENV.twilioSender);
      // A WhatsApp message must come from the WhatsApp sender; a Messaging Service picks its own.
      const sender = from.startsWith('MG') || !to.startsWith('whatsapp:') ? from : `whatsapp:${from}`;
      return (await rest()).sendMessage({ to, from: sender, body, ...(options.statusCallback ? { statusCallback: options.statusCallback } : {}) });
    },
  };
}

export function twilioSender(settings: TwilioSettings, platform: Platform, env: Env): MessageSender {
  const sms = twilioSms(settings, platform, env);
  return {
    async send({ to, body }) {
      await sms.send(to, body);
    },
  };
}

/** The settings as a function's configuration (configShapes.twilioAccount/twilioSender) reads them. */
export const twilioSettingsOf = (config: { [ENV.twilioAccountSid]?: string | undefined; [ENV.twilioSender]?: string | undefined }): TwilioSettings => ({
  accountSid: config[ENV.twilioAccountSid],
  sender: config[ENV.twilioSender],
});
