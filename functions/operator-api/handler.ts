// The operator API: the open queue in urgency order and one tip with its thread and evidence.
// Every route authenticates first; an unknown route is a 404, never a default action.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { documentClient } from '../adapters/aws-clients';
import { dynamoTipReader, InvalidCursor } from '../adapters/dynamo-tip-store';
import { answerError, fieldErrors, json, type HttpResult } from '../adapters/http';
import { createLogger } from '../adapters/logger';
import { operatorAuthenticatorFromEnv } from '../adapters/operator-auth';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { InvalidRequest, TipNotFound } from '../core/errors';
import { toQueueItem, toTipDetail } from '../core/operator-views';
import { TIP_ID_PATTERN } from '../core/tip-id';

const config = readConfig({ ...configShapes.tipsTable, ...configShapes.messagesTable });
const store = dynamoTipReader(documentClient(), { tips: config[ENV.tipsTable], messages: config[ENV.messagesTable] });
const authenticate = operatorAuthenticatorFromEnv();
const logger = createLogger('operator-api');

const queueQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

async function getQueue(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const query = queueQuery.safeParse(event.queryStringParameters ?? {});
  if (!query.success) throw new InvalidRequest('Bad query parameters.', fieldErrors(query.error.issues));
  try {
    const page = await store.listOpenTips(query.data.cursor ? { limit: query.data.limit, cursor: query.data.cursor } : { limit: query.data.limit });
    return json(200, { tips: page.tips.map(toQueueItem), ...(page.cursor ? { cursor: page.cursor } : {}) });
  } catch (error: unknown) {
    if (error instanceof InvalidCursor) throw new InvalidRequest(error.message, { cursor: error.message });
    throw error;
  }
}

async function getTip(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const tipId = (event.pathParameters?.id ?? '').toUpperCase();
  if (!TIP_ID_PATTERN.test(tipId)) throw new InvalidRequest('A tip id has 8 letters and digits, as shown in the queue.', { id: 'invalid tip id' });
  const tip = await store.getTip(tipId);
  if (!tip) throw new TipNotFound(tipId);
  return json(200, toTipDetail(tip, await store.listMessages(tipId)));
}

const routes: Record<string, (event: APIGatewayProxyEventV2) => Promise<HttpResult>> = {
  'GET /api/queue': getQueue,
  'GET /api/tips/{id}': getTip,
};

export const handler = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  try {
    authenticate(event);
    const route = routes[event.routeKey];
    if (!route) return json(404, { error: 'not_found', message: 'No such operator route.' });
    return await route(event);
  } catch (error: unknown) {
    return answerError(error, logger, { route: event.routeKey });
  }
};
