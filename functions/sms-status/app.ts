// Twilio's delivery reports for pages and notices. Signed like the inbound webhook; a status
// moves a delivery forward only (a late "sent" never overwrites "delivered"), and a report for
// a message we do not track (a reply to a tipster) is acknowledged and forgotten.
import { documentClient } from '../adapters/aws-clients';
import { secretsOf } from '../adapters/secrets';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { dynamoDeliveries, isKnownStatus } from '../adapters/dynamo-paging';
import { answerError, fieldErrors, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { awsPlatform, type Platform } from '../adapters/platform';
import { readTwilioForm } from '../adapters/twilio-webhook';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import { InvalidRequest } from '../core/errors';
import type { Clock, TipDeliveries } from '../core/ports';
import { messageSidSchema } from '../core/tip';

export const configShape = { ...configShapes.publicUrl, ...configShapes.pageDeliveriesTable };

export interface SmsStatusDeps {
  callbackUrl: string;
  twilioAuthToken(): Promise<string>;
  deliveries: Pick<TipDeliveries, 'applyStatus'>;
  now: Clock;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): SmsStatusDeps {
  const config = readConfig(configShape, env);
  return {
    callbackUrl: `${config[ENV.publicUrl]}/sms/status`,
    twilioAuthToken: secretsOf(platform, env).twilioAuthToken,
    deliveries: dynamoDeliveries(documentClient(platform), config[ENV.pageDeliveriesTable]),
    now: () => new Date(),
    logger: createLogger('sms-status'),
  };
}

// Only these two fields are read: To, From and the rest of the report stay in this request.
const statusReport = z.object({
  MessageSid: messageSidSchema,
  MessageStatus: z.string().regex(/^[a-z_]{3,20}$/, 'MessageStatus must be a Twilio message status'),
});

export function makeHandler(deps: SmsStatusDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    try {
      const parsed = statusReport.safeParse(await readTwilioForm(event, deps.callbackUrl, deps.twilioAuthToken));
      if (!parsed.success) throw new InvalidRequest('The status report is missing Twilio fields.', fieldErrors(parsed.error.issues));
      const { MessageSid, MessageStatus } = parsed.data;
      const applied = isKnownStatus(MessageStatus) && (await deps.deliveries.applyStatus(MessageSid, MessageStatus, deps.now()));
      deps.logger.info('delivery status', { outcome: applied ? MessageStatus : 'ignored' });
      return { statusCode: 204, headers: { ...SAFE_HEADERS }, body: '' };
    } catch (error: unknown) {
      return answerError(error, deps.logger);
    }
  };
}
