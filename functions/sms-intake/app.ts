// Twilio Messaging webhook (SMS and WhatsApp). Verifies Twilio's signature before reading
// anything, then hands the message to receiveSms (erase, ACK, a responder's text, slow down, or a
// tip) and answers the sender in TwiML. Only the fields below are read; the rest (FromCity,
// FromZip…) never leave this request.
import { documentClient } from '../adapters/aws-clients';
import { secretsOf } from '../adapters/secrets';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { dynamoContactVaultWriter } from '../adapters/dynamo-contact-vault';
import { dynamoResponderLookup } from '../adapters/dynamo-roster';
import { dataKeysOf, seal, sealerOf } from '../adapters/envelope';
import { dynamoIntakeMemory } from '../adapters/dynamo-intake-memory';
import { answerError, fieldErrors, SAFE_HEADERS, type HttpResult } from '../adapters/http';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { sqsClient, sqsJobQueue, sqsTipQueue } from '../adapters/sqs-queue';
import { readTwilioForm, twimlEmpty, twimlMessage } from '../adapters/twilio-webhook';
import { DEFAULT_VAULT_TTL_DAYS, MAX_VAULT_TTL_DAYS } from '../config/defaults';
import { ENV } from '../config/env-names';
import { configShapes, InvalidConfiguration, readConfig, type Env } from '../config/runtime';
import { parseEmergencyNumbers } from '../core/acknowledgement';
import { isSenderAddress } from '../core/contact-key';
import { InvalidRequest } from '../core/errors';
import { receiveSms, type ReceiveSmsPorts } from '../core/intake/receive-sms';
import type { PagingJob } from '../core/paging/jobs';
import { FixedWindowLimiter, INTAKE_LIMITS } from '../core/rate-limit';
import { MAX_TIP_TEXT, messageSidSchema } from '../core/tip';
import { TWILIO_CLEANUP_CONTEXT, type DeleteTwilioMessage } from '../core/twilio-cleanup';

export const configShape = {
  ...configShapes.tipsQueue,
  ...configShapes.publicUrl,
  ...configShapes.emergencyNumbers,
  ...configShapes.threadWindow,
  ...configShapes.contactVaultTable,
  ...configShapes.intakeMemoryTable,
  [ENV.vaultTtlDays]: z.coerce.number().int().min(1).max(MAX_VAULT_TTL_DAYS).default(DEFAULT_VAULT_TTL_DAYS),
  [ENV.deleteInboundFromTwilio]: z.enum(['true', 'false']).default('false'),
  [ENV.twilioCleanupQueueUrl]: z.url().optional(),
  ...configShapes.pagingQueue,
  ...configShapes.responderContactsTable,
};

export interface SmsIntakeDeps extends Omit<ReceiveSmsPorts, 'perContact'> {
  webhookUrl: string;
  twilioAuthToken(): Promise<string>;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): SmsIntakeDeps {
  const config = readConfig(configShape, env);
  const deleteInbound = config[ENV.deleteInboundFromTwilio] === 'true';
  const cleanupQueueUrl = config[ENV.twilioCleanupQueueUrl];
  if (deleteInbound && !cleanupQueueUrl) {
    throw new InvalidConfiguration(`${ENV.deleteInboundFromTwilio} is true but ${ENV.twilioCleanupQueueUrl} is not set.`);
  }
  const cleanup = deleteInbound && cleanupQueueUrl ? sqsJobQueue<DeleteTwilioMessage>(sqsClient(platform), cleanupQueueUrl) : undefined;
  return {
    webhookUrl: `${config[ENV.publicUrl]}/sms/twilio`,
    twilioAuthToken: secretsOf(platform, env).twilioAuthToken,
    contactKeySecret: secretsOf(platform, env).contactKeySecret,
    tips: sqsTipQueue(sqsClient(platform), config[ENV.tipsQueueUrl]),
    vault: dynamoContactVaultWriter(documentClient(platform), config[ENV.contactVaultTable], dataKeysOf(platform, env), config[ENV.vaultTtlDays]),
    // An erasure is remembered as long as the address would have been kept: the first message
    // after it, whenever it comes, says how to erase again.
    memory: dynamoIntakeMemory(documentClient(platform), config[ENV.intakeMemoryTable], config[ENV.vaultTtlDays] * 86_400),
    sealEvidence: sealerOf(dataKeysOf(platform, env)),
    responders: dynamoResponderLookup(documentClient(platform), config[ENV.responderContactsTable]),
    paging: sqsJobQueue<PagingJob>(sqsClient(platform), config[ENV.pagingQueueUrl]),
    forgetTwilioCopy: async (sid) => {
      if (!cleanup) return;
      await cleanup.send({ type: 'DeleteTwilioMessage', version: 1, sealedSid: await seal(dataKeysOf(platform, env), sid, TWILIO_CLEANUP_CONTEXT) });
    },
    emergencyNumbers: parseEmergencyNumbers(config[ENV.emergencyNumbers]),
    threadWindowMs: config[ENV.threadWindowMinutes] * 60_000,
    // Intake stamps the wall time, as Twilio and the queue do; the platform's clock is the one
    // decisions are made with (paging, reports), which tests may move.
    now: systemClock,
    logger: createLogger('sms-intake'),
  };
}

const inboundMessage = z.object({
  MessageSid: messageSidSchema,
  From: z.string().max(64).refine(isSenderAddress, 'From must be a phone number in E.164 form, optionally whatsapp:-prefixed'),
  Body: z.string().max(MAX_TIP_TEXT, `Body must be at most ${MAX_TIP_TEXT} characters`),
});

function twiml(xml: string): HttpResult {
  return { statusCode: 200, headers: { 'content-type': 'text/xml; charset=utf-8', ...SAFE_HEADERS }, body: xml };
}

const LOG = {
  erased: ['info', "contact erased at the tipster's request"],
  ack: ['info', 'responder acknowledgement queued'],
  responder_text: ['info', 'responder text queued for paging'],
  rate_limited: ['warn', 'rate limited'],
  queued: ['info', 'tip queued'],
} as const;

export function makeHandler(deps: SmsIntakeDeps) {
  const ports: ReceiveSmsPorts = { ...deps, perContact: new FixedWindowLimiter(INTAKE_LIMITS.smsPerContact.limit, INTAKE_LIMITS.smsPerContact.windowMs) };
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    try {
      const params = await readTwilioForm(event, deps.webhookUrl, deps.twilioAuthToken);
      const parsed = inboundMessage.safeParse(params);
      if (!parsed.success) throw new InvalidRequest('The webhook body is missing Twilio message fields.', fieldErrors(parsed.error.issues));
      const outcome = await receiveSms({ messageSid: parsed.data.MessageSid, from: parsed.data.From, body: parsed.data.Body }, ports);
      const [level, message] = LOG[outcome.kind];
      deps.logger[level](message, outcome.kind === 'queued' ? { messageId: outcome.tip.messageId, channel: outcome.tip.channel } : { outcome: outcome.kind });
      // A responder is answered by paging, which knows their pages; a tipster's reply never reaches them.
      return twiml('reply' in outcome ? twimlMessage(outcome.reply) : twimlEmpty());
    } catch (error: unknown) {
      // A server fault is rethrown: Twilio retries with the same MessageSid, stored once.
      return answerError(error, deps.logger);
    }
  };
}
