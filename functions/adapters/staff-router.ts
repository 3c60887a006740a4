// The one shape of a staff API function: authenticate the token, check the route table for the
// caller's role (deny by default), dispatch, and map every error through the one mapper. Route
// handlers receive who is asking and when; a tip id in the path is read with `tipIdOf`.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidRequest } from '../core/errors';
import type { Actor } from '../core/operator-actions';
import type { Clock } from '../core/ports';
import { tipIdSchema, type TipId } from '../core/tip-id';
import { answerError, json, type HttpResult } from './http';
import type { TiplineLogger } from './logger';
import { authorize, type OperatorAuthenticator } from './operator-auth';

export interface StaffRequest {
  event: APIGatewayProxyEventV2;
  actor: Actor;
  now: Date;
}

export type StaffRoute = (request: StaffRequest) => Promise<HttpResult>;

export interface StaffRouterDeps {
  authenticate: OperatorAuthenticator;
  logger: TiplineLogger;
  /** The wall time stamped on actions. */
  now: Clock;
}

export function staffRouter<K extends string>(routes: Record<K, StaffRoute>, deps: StaffRouterDeps): (event: APIGatewayProxyEventV2) => Promise<HttpResult> {
  return async (event) => {
    try {
      const actor = await deps.authenticate(event);
      authorize(actor, event.routeKey);
      const route = (routes as Record<string, StaffRoute | undefined>)[event.routeKey];
      if (!route) return json(404, { error: 'not_found', message: 'No such staff route.' });
      return await route({ event, actor, now: deps.now() });
    } catch (error: unknown) {
      return answerError(error, deps.logger, { route: event.routeKey });
    }
  };
}

export function tipIdOf(event: APIGatewayProxyEventV2): TipId {
  const parsed = tipIdSchema.safeParse(event.pathParameters?.id ?? '');
  if (!parsed.success) throw new InvalidRequest('A tip id has 8 letters and digits, as shown in the queue.', { id: 'invalid tip id' });
  return parsed.data;
}
