// POST /api/tips/{id}/replies: an operator's question to the tipster. The only function that
// can open the contact vault; the address it recovers goes to Twilio and nowhere else (not
// into the response, not into a log).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { dynamoContactVaultReader } from '../adapters/dynamo-contact-vault';
import { dynamoTipLookup } from '../adapters/dynamo-tip-store';
import { answerError, bodyText, fieldErrors, json, requireContentType, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { operatorAuthenticatorFromEnv } from '../adapters/operator-auth';
import { loadTwilioAuthToken } from '../adapters/secrets';
import { twilioSenderFromEnv } from '../adapters/twilio-sender';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { InvalidRequest } from '../core/errors';
import { replyToTipster } from '../core/reply';
import { TIP_ID_PATTERN } from '../core/tip-id';

const config = readConfig({ ...configShapes.tipsTable, ...configShapes.contactVaultTable });
const dynamo = documentClient();
// Tips only: the reply reads a tip's contact key and channel, never its messages.
const tips = dynamoTipLookup(dynamo, config[ENV.tipsTable]);
const vault = dynamoContactVaultReader(dynamo, config[ENV.contactVaultTable], dataKeySourceFromEnv());
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
    authenticate(event);
    const tipId = (event.pathParameters?.id ?? '').toUpperCase();
    if (!TIP_ID_PATTERN.test(tipId)) throw new InvalidRequest('A tip id has 8 letters and digits, as shown in the queue.', { id: 'invalid tip id' });
    requireContentType(event, 'application/json');
    let body: unknown;
    try {
      body = JSON.parse(bodyText(event, 4096));
    } catch (error: unknown) {
      if (error instanceof SyntaxError) throw new InvalidRequest('The body is not valid JSON; send {"text": "..."}.');
      throw error;
    }
    const parsed = replyBody.safeParse(body);
    if (!parsed.success) throw new InvalidRequest('The reply could not be read; see the fields below.', fieldErrors(parsed.error.issues));

    const { channel } = await replyToTipster({ tipId, text: parsed.data.text }, { tips, vault, sender, now: () => new Date() });
    logger.info('reply sent', { tipId, channel });
    return json(202, { status: 'sent', channel });
  } catch (error: unknown) {
    return answerError(error, logger, { route: event.routeKey });
  }
};
