// POST /api/tips from the enhanced web form: a web tip (submitWebTip) and a receipt code that is
// shown once and stored only as a slow hash.
import { secretsOf } from '../adapters/secrets';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { answerError, clientAddress, json, parseJsonBody, type HttpResult } from '../adapters/http';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { dataKeysOf, sealerOf } from '../adapters/envelope';
import { awsPlatform, systemClock, type Platform } from '../adapters/platform';
import { sqsClient, sqsTipQueue } from '../adapters/sqs-queue';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import { acknowledgement, parseEmergencyNumbers, webReceiptNotice, type EmergencyNumber } from '../core/acknowledgement';
import { TooManyRequests } from '../core/errors';
import { submitWebTip, type WebTipPorts } from '../core/intake/submit-web-tip';
import { INTAKE_LIMITS, SenderLimiter } from '../core/rate-limit';
import { LANGS, MAX_TIP_TEXT } from '../core/tip';

export const configShape = { ...configShapes.tipsQueue, ...configShapes.emergencyNumbers };

export interface WebIntakeDeps extends WebTipPorts {
  emergencyNumbers: EmergencyNumber[];
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): WebIntakeDeps {
  const config = readConfig(configShape, env);
  return {
    tips: sqsTipQueue(sqsClient(platform), config[ENV.tipsQueueUrl]),
    sealEvidence: sealerOf(dataKeysOf(platform, env)),
    receiptPepper: secretsOf(platform, env).receiptPepper,
    newMessageId: () => `web_${randomUUID()}`,
    // Intake stamps the wall time, as Twilio and the queue do; the platform's clock is the one
    // decisions are made with (paging, reports), which tests may move.
    now: systemClock,
    emergencyNumbers: parseEmergencyNumbers(config[ENV.emergencyNumbers]),
    logger: createLogger('web-intake'),
  };
}

const MAX_BODY_BYTES = 16 * 1024;

const webTip = z.strictObject({
  text: z
    .string({ error: 'text is required: describe what is happening' })
    .trim()
    .min(1, 'text is required: describe what is happening')
    .max(MAX_TIP_TEXT, `text must be at most ${MAX_TIP_TEXT} characters; send the rest in a second tip`),
  lang: z.enum(LANGS, { error: `lang must be one of ${LANGS.join(', ')}` }).optional(),
  signals: z
    .strictObject({
      minor: z.enum(['yes', 'no', 'unknown']).optional(),
      happeningNow: z.boolean().optional(),
    })
    .optional(),
});

export function makeHandler(deps: WebIntakeDeps) {
  const perSender = new SenderLimiter(INTAKE_LIMITS.webTipsPerSender.limit, INTAKE_LIMITS.webTipsPerSender.windowMs);
  return async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    try {
      if (!perSender.allow(clientAddress(event), deps.now())) throw new TooManyRequests();
      const body = parseJsonBody(event, webTip, MAX_BODY_BYTES, '{"text": "..."}');
      const { tip, receipt = '' } = await submitWebTip({ ...body, receipt: true }, deps);
      deps.logger.info('tip queued', { messageId: tip.messageId, channel: 'web' });
      return json(202, { receipt, message: `${acknowledgement(tip.lang, deps.emergencyNumbers)} ${webReceiptNotice(tip.lang, receipt)}` });
    } catch (error: unknown) {
      return answerError(error, deps.logger);
    }
  };
}
