// Who is calling the operator API. In AWS the HTTP API's authorizer has verified the caller
// before the handler runs (IAM now; Cognito JWT with the sign-in issue), so the handler reads
// the verified identity from the request context. The local stack has no authorizer in front:
// it hands the handler a dev token to compare instead. Either way the handler denies by default.
import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Unauthenticated } from '../core/errors';
import { ENV } from '../config/env-names';
import { header } from './http';

export interface Actor {
  id: string;
}

export type OperatorAuthenticator = (event: APIGatewayProxyEventV2) => Actor;

export function devTokenAuthenticator(devToken: string): OperatorAuthenticator {
  const expected = Buffer.from(devToken);
  return (event) => {
    const presented = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '')?.[1];
    const given = Buffer.from(presented ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Unauthenticated();
    return { id: 'local-dev-operator' };
  };
}

interface AuthorizerContext {
  iam?: { userArn?: string; userId?: string };
  jwt?: { claims?: Record<string, unknown> };
}

export function gatewayAuthenticator(): OperatorAuthenticator {
  return (event) => {
    const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
    const id = authorizer?.iam?.userArn ?? authorizer?.iam?.userId ?? (authorizer?.jwt?.claims?.sub as string | undefined);
    if (!id) throw new Unauthenticated();
    return { id };
  };
}

/** The local stack hands in a dev token; in AWS the gateway's authorizer has already decided. */
export function operatorAuthenticatorFromEnv(env: NodeJS.ProcessEnv = process.env): OperatorAuthenticator {
  const devToken = env[ENV.devOperatorToken];
  return devToken ? devTokenAuthenticator(devToken) : gatewayAuthenticator();
}
