// Who is calling the staff API, and may they. Tokens are verified here with aws-jwt-verify,
// the same code in AWS (Cognito's issuer, behind API Gateway's JWT authorizer as a first
// gate) and in the local stack (the local issuer): signature, issuer, audience, expiry, and
// that it is an ID token. Then the route table decides by group; anything else is denied.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { JwtVerifier } from 'aws-jwt-verify';
import type { Fetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { ROLES, ROUTES, type Role } from '../config/tables';
import type { Actor } from '../core/operator-actions';
import { Forbidden, Unauthenticated } from '../core/errors';
import { header } from './http';

export type OperatorAuthenticator = (event: APIGatewayProxyEventV2) => Promise<Actor>;

export interface JwtConfig {
  issuer: string;
  audience: string;
  /** Defaults to `<issuer>/.well-known/jwks.json`, where Cognito publishes its keys. */
  jwksUri?: string;
}

const roleSet: ReadonlySet<string> = new Set(ROLES);

/**
 * aws-jwt-verify fetches keys over HTTPS only. The local issuer serves them over plain HTTP on
 * the loopback interface, so only there the keys are fetched with Node's own fetch; the
 * verification itself is the library's, unchanged. Anything but loopback stays HTTPS-only.
 */
const loopbackFetcher: Fetcher = {
  async fetch(uri) {
    const response = await fetch(uri);
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    return response.arrayBuffer();
  },
};
const isLoopbackHttp = (uri: string) => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(uri);

export function jwtAuthenticator(config: JwtConfig): OperatorAuthenticator {
  const jwksUri = config.jwksUri ?? `${config.issuer}/.well-known/jwks.json`;
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: config.audience,
      jwksUri,
      // Cognito ID tokens carry the groups; access tokens carry no audience to check.
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id') throw new Error('not an ID token');
      },
    },
    ...(isLoopbackHttp(jwksUri) ? [{ jwksCache: new SimpleJwksCache({ fetcher: loopbackFetcher }) }] : []),
  );
  return async (event) => {
    const token = /^Bearer\s+(\S+)$/i.exec(header(event, 'authorization') ?? '')?.[1];
    if (!token) throw new Unauthenticated();
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(token)) as Record<string, unknown>;
    } catch {
      throw new Unauthenticated();
    }
    const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]) : [];
    const roles = groups.filter((g): g is Role => typeof g === 'string' && roleSet.has(g));
    const name = [payload.name, payload['cognito:username'], payload.email, payload.sub].find((v): v is string => typeof v === 'string' && v.length > 0);
    if (typeof payload.sub !== 'string') throw new Unauthenticated();
    return { id: payload.sub, name: name ?? payload.sub, roles };
  };
}

const allowed = new Map<string, readonly Role[]>(ROUTES.map((route) => [`${route.method} ${route.path}`, route.roles]));

/** Deny by default: a route that is not in the table, or a role it does not list, is refused. */
export function authorize(actor: Actor, routeKey: string): void {
  const roles = allowed.get(routeKey);
  if (!roles || !actor.roles.some((role) => roles.includes(role))) {
    throw new Forbidden(`Your role (${actor.roles.join(', ') || 'none'}) cannot do this; ask a supervisor for access.`);
  }
}

/** The verifier for this deployment, from the environment checked at cold start. */
export function operatorAuthenticatorFromEnv(): OperatorAuthenticator {
  const config = readConfig(configShapes.jwt);
  const jwksUri = config[ENV.jwtJwksUri];
  return jwtAuthenticator({ issuer: config[ENV.jwtIssuer], audience: config[ENV.jwtAudience], ...(jwksUri ? { jwksUri } : {}) });
}
