// Twilio Messaging webhook (SMS and WhatsApp). Verifies Twilio's signature before reading
// anything, strips identifying data, queues a TipReceived, keeps the sender's address sealed
// in the contact vault for replies, and answers the tipster in TwiML. A message that is only
// BORRAR erases that address instead.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient, sqsClient } from '../adapters/aws-clients';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { dynamoContactVaultWriter } from '../adapters/dynamo-contact-vault';
import { dynamoResponderLookup } from '../adapters/dynamo-roster';
import { seal } from '../adapters/envelope';
import { answerError, bodyText, fieldErrors, header, requireContentType, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { loadContactKeySecret, loadTwilioAuthToken } from '../adapters/secrets';
import { sqsJobQueue, sqsTipQueue } from '../adapters/sqs-queue';
import { isSignedByTwilio, twimlEmpty, twimlMessage } from '../adapters/twilio-webhook';
import { DEFAULT_VAULT_TTL_DAYS } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { acknowledgement, parseEmergencyNumbers, slowDown } from '../core/acknowledgement';
import { contactKey, isSenderAddress, normaliseSenderAddress } from '../core/contact-key';
import { erasureConfirmation, erasureLanguage, isErasureRequest } from '../core/erasure';
import { InvalidRequest } from '../core/errors';
import { tipFromSms } from '../core/intake';
import { detectLanguage } from '../core/language';
import { parseAck } from '../core/paging/ack';
import type { PagingJob } from '../core/paging/jobs';
import { FixedWindowLimiter } from '../core/rate-limit';
import { MAX_TIP_TEXT, type ContactKey, type MessageSid } from '../core/tip';
import { TWILIO_CLEANUP_CONTEXT, type DeleteTwilioMessage } from '../core/twilio-cleanup';

const config = readConfig({
  ...configShapes.tipsQueue,
  ...configShapes.publicUrl,
  ...configShapes.emergencyNumbers,
  ...configShapes.contactVaultTable,
  [ENV.vaultTtlDays]: z.coerce.number().int().min(1).max(365).default(DEFAULT_VAULT_TTL_DAYS),
  [ENV.deleteInboundFromTwilio]: z.enum(['true', 'false']).default('false'),
  [ENV.twilioCleanupQueueUrl]: z.url().optional(),
  ...configShapes.pagingQueue,
  [ENV.responderContactsTable]: z.string().min(3),
});
const webhookUrl = `${config[ENV.publicUrl]}/sms/twilio`;
const emergencyNumbers = parseEmergencyNumbers(config[ENV.emergencyNumbers]);
const sqs = sqsClient();
const queue = sqsTipQueue(sqs, config[ENV.tipsQueueUrl]);
const dataKeys = dataKeySourceFromEnv();
const vault = dynamoContactVaultWriter(documentClient(), config[ENV.contactVaultTable], dataKeys, config[ENV.vaultTtlDays]);
const cleanupQueueUrl = config[ENV.deleteInboundFromTwilio] === 'true' ? config[ENV.twilioCleanupQueueUrl] : undefined;
if (config[ENV.deleteInboundFromTwilio] === 'true' && !cleanupQueueUrl) {
  throw new Error(`${ENV.deleteInboundFromTwilio} is true but ${ENV.twilioCleanupQueueUrl} is not set.`);
}
const cleanup = cleanupQueueUrl ? sqsJobQueue<DeleteTwilioMessage>(sqs, cleanupQueueUrl) : undefined;
const paging = sqsJobQueue<PagingJob>(sqs, config[ENV.pagingQueueUrl]);
const responders = dynamoResponderLookup(documentClient(), config[ENV.responderContactsTable]);
const logger = createLogger('sms-intake');
// Generous: a frightened tipster sends many short fragments; a flood from one phone is abuse.
const perContact = new FixedWindowLimiter(30, 10 * 60_000);

/** Twilio's form bodies are a few KB at most; anything larger is not Twilio. */
const MAX_BODY_BYTES = 64 * 1024;

// Only the fields this handler needs are read; the rest (FromCity, FromZip, ToState…) are
// dropped here and never leave the function.
const inboundMessage = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/, 'MessageSid must be SM or MM followed by 32 hex digits'),
  From: z.string().max(64).refine(isSenderAddress, 'From must be a phone number in E.164 form, optionally whatsapp:-prefixed'),
  Body: z.string().max(MAX_TIP_TEXT, `Body must be at most ${MAX_TIP_TEXT} characters`),
});
type InboundMessage = z.infer<typeof inboundMessage>;

function twiml(xml: string): HttpResult {
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8', ...SAFE_HEADERS }, body: xml };
}

/** The sender's address as Twilio must be given it to answer on the same channel. */
function replyAddress(from: string): string {
  const e164 = normaliseSenderAddress(from);
  return /^whatsapp:/i.test(from.trim()) ? `whatsapp:${e164}` : e164;
}

async function deleteTwilioCopyLater(sid: MessageSid): Promise<void> {
  if (!cleanup) return;
  await cleanup.send({ type: 'DeleteTwilioMessage', version: 1, sealedSid: await seal(dataKeys, sid, TWILIO_CLEANUP_CONTEXT) });
}

async function erase(message: InboundMessage, key: string): Promise<HttpResult> {
  await vault.forget(key);
  await deleteTwilioCopyLater(message.MessageSid as MessageSid);
  logger.info('contact erased at the tipster\'s request', { outcome: 'erased' });
  return twiml(twimlMessage(erasureConfirmation(erasureLanguage(message.Body))));
}

/**
 * A responder's "ACK 7K2F": handed to paging, which confirms by SMS. Answered with an empty
 * TwiML so that nothing here differs in a way a non-responder could ever see: their "ACK" is
 * just a tip.
 */
async function acknowledge(message: InboundMessage, responderId: string, code: string | null): Promise<HttpResult> {
  await paging.send({ type: 'AckReceived', responderId, code, receivedAt: new Date().toISOString() });
  await deleteTwilioCopyLater(message.MessageSid as MessageSid);
  logger.info('responder acknowledgement queued', { outcome: 'ack' });
  return twiml(twimlEmpty());
}

async function acceptTip(message: InboundMessage, key: ContactKey): Promise<HttpResult> {
  const now = new Date();
  if (!perContact.allow(key, now.getTime())) {
    logger.warn('rate limited', { outcome: 'rate_limited' });
    return twiml(twimlMessage(slowDown(detectLanguage(message.Body), emergencyNumbers)));
  }
  const tip = tipFromSms({ messageSid: message.MessageSid as MessageSid, from: message.From, body: message.Body, receivedAt: now, contactKey: key }, { contactKeySecret: await loadContactKeySecret() });
  await queue.send(tip);
  await vault.remember(key, replyAddress(message.From), now);
  await deleteTwilioCopyLater(message.MessageSid as MessageSid);
  logger.info('tip queued', { messageId: tip.messageId, channel: tip.channel });
  return twiml(twimlMessage(acknowledgement(tip.lang, emergencyNumbers)));
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

    const key = contactKey(parsed.data.From, await loadContactKeySecret());
    if (isErasureRequest(parsed.data.Body)) return await erase(parsed.data, key);
    const ack = parseAck(parsed.data.Body);
    const responderId = ack ? await responders.responderFor(key) : undefined;
    if (ack && responderId) return await acknowledge(parsed.data, responderId, ack.code);
    return await acceptTip(parsed.data, key);
  } catch (error: unknown) {
    // A server fault is rethrown: Twilio retries with the same MessageSid, stored once.
    return answerError(error, logger);
  }
};
