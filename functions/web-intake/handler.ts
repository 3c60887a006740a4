// POST /api/tips from the web form. Redacts, queues, and hands the tipster a receipt code
// that is shown once and stored only as a slow hash.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { sqsClient } from '../adapters/aws-clients';
import { answerError, bodyText, clientAddress, fieldErrors, json, requireContentType, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { loadReceiptPepper } from '../adapters/secrets';
import { sqsTipQueue } from '../adapters/sqs-queue';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { acknowledgement, parseEmergencyNumbers, webReceiptNotice } from '../core/acknowledgement';
import { InvalidRequest, TooManyRequests } from '../core/errors';
import { tipFromWeb } from '../core/intake';
import { DailyKeyedHash, FixedWindowLimiter } from '../core/rate-limit';
import { formatReceiptCode, hashReceiptCode, newReceiptCode } from '../core/receipt';
import { LANGS, MAX_TIP_TEXT } from '../core/tip';

const config = readConfig({ ...configShapes.tipsQueue, ...configShapes.emergencyNumbers });
const emergencyNumbers = parseEmergencyNumbers(config[ENV.emergencyNumbers]);
const queue = sqsTipQueue(sqsClient(), config[ENV.tipsQueueUrl]);
const logger = createLogger('web-intake');

const MAX_BODY_BYTES = 16 * 1024;

// The sender's address is only ever a key into this in-memory counter, hashed under a key that
// changes daily and is never written down; it is not logged, queued or stored.
const senders = new DailyKeyedHash();
const perSender = new FixedWindowLimiter(20, 10 * 60_000);

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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidRequest('The body is not valid JSON; send {"text": "..."}.');
  }
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    const now = new Date();
    if (!perSender.allow(senders.hash(clientAddress(event), now), now.getTime())) throw new TooManyRequests();
    requireContentType(event, 'application/json');
    const parsed = webTip.safeParse(parseJson(bodyText(event, MAX_BODY_BYTES)));
    if (!parsed.success) throw new InvalidRequest('The tip could not be read; see the fields below.', fieldErrors(parsed.error.issues));

    const receiptPepper = await loadReceiptPepper();
    const receipt = newReceiptCode();
    const tip = tipFromWeb({
      messageId: `web_${randomUUID()}`,
      text: parsed.data.text,
      ...(parsed.data.lang ? { lang: parsed.data.lang } : {}),
      ...(parsed.data.signals ? { signals: parsed.data.signals } : {}),
      receiptHash: await hashReceiptCode(receipt, receiptPepper),
      receivedAt: now,
    });
    await queue.send(tip);
    logger.info('tip queued', { messageId: tip.messageId, channel: 'web' });
    const formatted = formatReceiptCode(receipt);
    return json(202, {
      receipt: formatted,
      message: `${acknowledgement(tip.lang, emergencyNumbers)} ${webReceiptNotice(tip.lang, formatted)}`,
    });
  } catch (error: unknown) {
    return answerError(error, logger);
  }
};
