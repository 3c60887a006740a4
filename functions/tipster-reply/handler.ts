// POST /api/tips/{id}/replies: an operator's question to the tipster. The only function that
// can open the contact vault; the address it recovers goes to Twilio and nowhere else (not
// into the response, not into a log, not into the thread).
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoContactVaultReader } from '../adapters/dynamo-contact-vault';
import { dynamoTipLookup, dynamoTipWriter } from '../adapters/dynamo-tip-store';
import { answerError, json, parseJsonBody, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { authorize, operatorAuthenticatorFromEnv } from '../adapters/operator-auth';
import { loadTwilioAuthToken } from '../adapters/secrets';
import { twilioSenderFromEnv } from '../adapters/twilio-sender';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { InvalidRequest } from '../core/errors';
import { staffRef } from '../core/operator-actions';
import { replyToTipster } from '../core/reply';
import { TIP_ID_PATTERN } from '../core/tip-id';

const config = readConfig({ ...configShapes.tipsTable, ...configShapes.messagesTable, ...configShapes.contactVaultTable, ...configShapes.auditTable });
const dynamo = documentClient();
const tips = dynamoTipLookup(dynamo, config[ENV.tipsTable]);
// Writes only: the reply joins the thread; this function never reads the thread.
const thread = dynamoTipWriter(dynamo, { tips: config[ENV.tipsTable], messages: config[ENV.messagesTable] });
const vault = dynamoContactVaultReader(dynamo, config[ENV.contactVaultTable], dataKeySourceFromEnv());
const audit = dynamoAuditLog(dynamo, config[ENV.auditTable]);
const sender = twilioSenderFromEnv(loadTwilioAuthToken);
const authenticate = operatorAuthenticatorFromEnv();
const logger = createLogger('tipster-reply');

/** Two SMS segments' worth of plain text; a reply is a question, not a letter. */
const MAX_REPLY = 320;
const replyBody = z.strictObject({
  text: z.string({ error: 'text is required' }).trim().min(1, 'text is required').max(MAX_REPLY, `text must be at most ${MAX_REPLY} characters (two SMS)`),
});

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    const actor = await authenticate(event);
    authorize(actor, event.routeKey);
    const tipId = (event.pathParameters?.id ?? '').toUpperCase();
    if (!TIP_ID_PATTERN.test(tipId)) throw new InvalidRequest('A tip id has 8 letters and digits, as shown in the queue.', { id: 'invalid tip id' });
    const { text } = parseJsonBody(event, replyBody, 4096, '{"text": "..."}');

    const now = new Date();
    const { channel, id } = await replyToTipster({ tipId, text }, staffRef(actor), { tips, thread, vault, sender, now: () => now, newId: randomUUID });
    await audit.record({ tipId, at: now.toISOString(), actor: staffRef(actor), action: 'reply', details: { channel, replyId: id } });
    logger.info('reply sent', { tipId, channel });
    return json(202, { status: 'sent', channel });
  } catch (error: unknown) {
    return answerError(error, logger, { route: event.routeKey });
  }
};
