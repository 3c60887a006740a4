// Twilio's delivery reports for pages and notices. Signed like the inbound webhook; a status
// moves a delivery forward only (a late "sent" never overwrites "delivered"), and a report for
// a message we do not track (a reply to a tipster) is acknowledged and forgotten.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { dynamoDeliveries, isKnownStatus } from '../adapters/dynamo-paging';
import { answerError, bodyText, fieldErrors, header, requireContentType, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { loadTwilioAuthToken } from '../adapters/secrets';
import { isSignedByTwilio } from '../adapters/twilio-webhook';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { InvalidRequest } from '../core/errors';

const config = readConfig({ ...configShapes.publicUrl, [ENV.pageDeliveriesTable]: z.string().min(3) });
const callbackUrl = `${config[ENV.publicUrl]}/sms/status`;
const deliveries = dynamoDeliveries(documentClient(), config[ENV.pageDeliveriesTable]);
const logger = createLogger('sms-status');

// Only these two fields are read: To, From and the rest of the report stay in this request.
const statusReport = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/, 'MessageSid must be SM or MM followed by 32 hex digits'),
  MessageStatus: z.string().regex(/^[a-z_]{3,20}$/, 'MessageStatus must be a Twilio message status'),
});

const empty = (statusCode: number): HttpResult => ({ statusCode, headers: { ...SAFE_HEADERS }, body: '' });

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    requireContentType(event, 'application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(bodyText(event, 64 * 1024)));
    const url = event.rawQueryString ? `${callbackUrl}?${event.rawQueryString}` : callbackUrl;
    if (!isSignedByTwilio(await loadTwilioAuthToken(), header(event, 'x-twilio-signature'), url, params)) {
      logger.warn('rejected: bad or missing Twilio signature', { status: 403 });
      return { statusCode: 403, headers: { ...SAFE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden: this endpoint only accepts requests signed by Twilio.' };
    }
    const parsed = statusReport.safeParse(params);
    if (!parsed.success) throw new InvalidRequest('The status report is missing Twilio fields.', fieldErrors(parsed.error.issues));
    const { MessageSid, MessageStatus } = parsed.data;
    const applied = isKnownStatus(MessageStatus) && (await deliveries.applyStatus(MessageSid, MessageStatus, new Date()));
    logger.info('delivery status', { outcome: applied ? MessageStatus : 'ignored' });
    return empty(204);
  } catch (error: unknown) {
    return answerError(error, logger);
  }
};
