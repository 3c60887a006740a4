// Twilio Messaging webhook (SMS and WhatsApp). Verifies Twilio's signature before reading
// anything, strips identifying data, queues a TipReceived and answers the tipster in TwiML.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { sqsClient } from '../adapters/aws-clients';
import { answerError, bodyText, fieldErrors, header, requireContentType, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { loadContactKeySecret, loadTwilioAuthToken } from '../adapters/secrets';
import { sqsTipQueue } from '../adapters/sqs-tip-queue';
import { isSignedByTwilio, twimlMessage } from '../adapters/twilio-webhook';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { acknowledgement, parseEmergencyNumbers } from '../core/acknowledgement';
import { InvalidRequest } from '../core/errors';
import { isSenderAddress } from '../core/contact-key';
import { tipFromSms } from '../core/intake';
import { MAX_TIP_TEXT, type MessageSid } from '../core/tip';

const config = readConfig({ ...configShapes.tipsQueue, ...configShapes.publicUrl, ...configShapes.emergencyNumbers });
const webhookUrl = `${config[ENV.publicUrl]}/sms/twilio`;
const emergencyNumbers = parseEmergencyNumbers(config[ENV.emergencyNumbers]);
const queue = sqsTipQueue(sqsClient(), config[ENV.tipsQueueUrl]);
const logger = createLogger('sms-intake');

/** Twilio's form bodies are a few KB at most; anything larger is not Twilio. */
const MAX_BODY_BYTES = 64 * 1024;

// Only the fields this handler needs are read; the rest (FromCity, FromZip, ToState…) are
// dropped here and never leave the function.
const inboundMessage = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/, 'MessageSid must be SM or MM followed by 32 hex digits'),
  From: z.string().max(64).refine(isSenderAddress, 'From must be a phone number in E.164 form, optionally whatsapp:-prefixed'),
  Body: z.string().max(MAX_TIP_TEXT, `Body must be at most ${MAX_TIP_TEXT} characters`),
});

function twiml(statusCode: number, xml: string): HttpResult {
  return { statusCode, headers: { 'content-type': 'text/xml; charset=utf-8', ...SAFE_HEADERS }, body: xml };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    requireContentType(event, 'application/x-www-form-urlencoded');
    const params = Object.fromEntries(new URLSearchParams(bodyText(event, MAX_BODY_BYTES)));
    const url = event.rawQueryString ? `${webhookUrl}?${event.rawQueryString}` : webhookUrl;
    if (!isSignedByTwilio(await loadTwilioAuthToken(), header(event, 'x-twilio-signature'), url, params)) {
      logger.warn('rejected: bad or missing Twilio signature', { status: 403 });
      return { statusCode: 403, headers: { ...SAFE_HEADERS, 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden: this endpoint only accepts requests signed by Twilio.' };
    }
    const parsed = inboundMessage.safeParse(params);
    if (!parsed.success) throw new InvalidRequest('The webhook body is missing Twilio message fields.', fieldErrors(parsed.error.issues));

    const tip = tipFromSms(
      { messageSid: parsed.data.MessageSid as MessageSid, from: parsed.data.From, body: parsed.data.Body, receivedAt: new Date() },
      { contactKeySecret: await loadContactKeySecret() },
    );
    await queue.send(tip);
    logger.info('tip queued', { messageId: tip.messageId, channel: tip.channel });
    return twiml(200, twimlMessage(acknowledgement(tip.lang, emergencyNumbers)));
  } catch (error: unknown) {
    // A server fault is rethrown: Twilio retries with the same MessageSid, stored once.
    return answerError(error, logger);
  }
};
