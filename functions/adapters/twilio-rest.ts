// Twilio's REST side: replies to tipsters and deleting Twilio's copies of messages. The twilio
// library makes every request (its client, RequestClient, axios, Basic auth, form encoding), but
// only through the pieces Messages needs: `import twilio from 'twilio'` bundles every Twilio
// product (3.7 MB minified) and even the 2010 API's `account` pulls in calls, conferences, SIP…
// (930 KB); the base client, one Version and the Messages resource come to about 430 KB, most of
// it axios and its dependencies.
import BaseTwilio from 'twilio/lib/base/BaseTwilio.js';
import DomainExport from 'twilio/lib/base/Domain.js';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import VersionExport from 'twilio/lib/base/Version.js';
import type V2010 from 'twilio/lib/rest/api/V2010.js';
import { MessageListInstance, type MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message.js';

export interface TwilioRestConfig {
  accountSid: string;
  authToken: string;
  /** A stand-in for Twilio (e.g. a recording server in tests): replaces https://api.twilio.com. */
  apiBaseUrl?: string;
}

/**
 * `status` is Twilio's HTTP status, or 0 when no answer was read (network failure, timeout, or a
 * request refused before it was sent). The message never carries the number or the text, and the
 * library's own error is not kept as `cause`: Twilio's messages quote the number ("The 'To'
 * number +51… is not a valid phone number").
 */
import { TwilioRequestFailed } from './twilio-errors';
import type { TwilioRest } from '../core/ports';

export { TwilioRequestFailed };

const TWILIO_API_ORIGIN = 'https://api.twilio.com';
/** api.twilio.com, or the edge/region form the library builds from TWILIO_EDGE / TWILIO_REGION. */
const TWILIO_API_ORIGIN_PATTERN = /^https:\/\/api(\.[a-z0-9-]+)*\.twilio\.com(?=\/|$)/i;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/i;
const MESSAGE_SID = /^(SM|MM)[0-9a-f]{32}$/i;
/** Below the cleanup consumer's 20 s and API Gateway's 30 s, so a slow Twilio is a retryable failure rather than a killed invocation. */
const REQUEST_TIMEOUT_MS = 10_000;

// Twilio's CommonJS marks Domain and Version `__esModule` with `exports.default`. TypeScript
// (bundler resolution) reads that as the default export; Node and esbuild's ESM output hand the
// whole `module.exports` to a default import instead. Unwrapping once works under both.
function commonJsDefault<T>(imported: T): T {
  const wrapper = imported as unknown as { default?: T };
  return typeof imported === 'object' && imported !== null && wrapper.default !== undefined ? wrapper.default : imported;
}
const Domain = commonJsDefault(DomainExport);
const Version = commonJsDefault(VersionExport);

/**
 * The library's own RequestClient with two changes: it never debug-logs (that would print
 * message SIDs and response headers), and, given a stand-in base URL, it sends Twilio API requests to
 * `apiBaseUrl` and refuses any other URL, so that nothing can leave for twilio.com.
 */
class TiplineRequestClient extends RequestClient {
  constructor(private readonly apiBaseUrl: string | undefined) {
    super({ timeout: REQUEST_TIMEOUT_MS });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: this.target(opts.uri), logLevel: undefined });
  }

  private target(uri: string): string {
    if (this.apiBaseUrl === undefined) return uri;
    if (!TWILIO_API_ORIGIN_PATTERN.test(uri)) throw new TwilioRequestFailed(0, undefined, false);
    return uri.replace(TWILIO_API_ORIGIN_PATTERN, this.apiBaseUrl);
  }
}

/** Build once per configuration, at module scope: the client keeps its connections alive. */
export function twilioRest(config: TwilioRestConfig): TwilioRest {
  const apiBaseUrl = config.apiBaseUrl?.replace(/\/+$/, '');
  const client = new BaseTwilio.Client(config.accountSid, config.authToken, { httpClient: new TiplineRequestClient(apiBaseUrl) });
  // The Messages resource needs only the Version base's request methods; V2010 itself would add
  // the account getters and with them every other 2010 resource.
  const v2010 = new Version(new Domain(client, TWILIO_API_ORIGIN), '2010-04-01') as unknown as V2010;
  const messages = MessageListInstance(v2010, config.accountSid);

  return {
    async sendMessage(message) {
      const sender: Pick<MessageListInstanceCreateOptions, 'from' | 'messagingServiceSid'> = MESSAGING_SERVICE_SID.test(message.from)
        ? { messagingServiceSid: message.from }
        : { from: message.from };
      try {
        const created = await messages.create({
          to: message.to,
          ...sender,
          body: message.body,
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
          // Message Redaction, per message. `discard`: once the carrier has the message, Twilio
          // keeps no body (not in the Console, the API or its support tools). `obfuscate`: the
          // tipster's number is kept with its last four digits replaced by XXXX. Both need
          // Message Redaction (Message Privacy) enabled on the Twilio account, which Twilio turns
          // on by request; without it Twilio refuses the send with 400 (error 30029 / 30030), and
          // we would rather fail than send a retained copy. No Messaging Service is needed: they
          // apply to a plain From number as well. With phone-number redaction on, Twilio's built-in
          // STOP handling keeps unredacted numbers, so Twilio asks for it to be turned off
          // (warnings 23001/23002) and opt-outs handled by us.
          contentRetention: 'discard',
          addressRetention: 'obfuscate',
        });
        return { sid: created.sid };
      } catch (error: unknown) {
        throw requestFailed(error);
      }
    },

    async deleteMessage(sid) {
      if (!MESSAGE_SID.test(sid)) throw new TwilioRequestFailed(0, undefined, false);
      try {
        await messages(sid).remove();
        return 'deleted';
      } catch (error: unknown) {
        const failure = requestFailed(error);
        if (failure.status === 404) return 'not_found';
        throw failure;
      }
    },
  };
}

function requestFailed(error: unknown): TwilioRequestFailed {
  if (error instanceof TwilioRequestFailed) return error;
  if (typeof error !== 'object' || error === null) return new TwilioRequestFailed(0, undefined, false);
  const fields = error as { isAxiosError?: unknown; status?: unknown; code?: unknown };
  // axios only throws when no answer came back: the library accepts every HTTP status as a response.
  if (fields.isAxiosError === true) return new TwilioRequestFailed(0, undefined, true);
  // RestException and TwilioServiceException both carry Twilio's status and error code.
  if (typeof fields.status === 'number') {
    const status = fields.status;
    return new TwilioRequestFailed(status, typeof fields.code === 'number' ? fields.code : undefined, status === 429 || status >= 500);
  }
  return new TwilioRequestFailed(0, undefined, false);
}
