// Who is calling the staff API, and may they. Tokens are verified here with aws-jwt-verify,
// the same code in AWS (Cognito's issuer, behind API Gateway's JWT authorizer as a first
// gate) and in the local stack (the local issuer): signature, issuer, audience, expiry, and
// that it is an ID token. Then the route table decides by group; anything else is denied.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { JwtVerifier } from 'aws-jwt-verify';
import type { JwksCache } from 'aws-jwt-verify/jwk';
import { ENV } from '../config/env-names';
import type { Platform } from './platform';
import { ROLES, ROUTES, type Role } from '../config/tables';
import type { Actor } from '../core/operator-actions';
import { Forbidden, Unauthenticated } from '../core/errors';
import { idSchema } from '../core/paging/model';
import { header } from './http';

export type OperatorAuthenticator = (event: APIGatewayProxyEventV2) => Promise<Actor>;

export interface JwtConfig {
  issuer: string;
  audience: string;
  /** Defaults to `<issuer>/.well-known/jwks.json`, where Cognito publishes its keys. */
  jwksUri?: string;
}

const roleSet: ReadonlySet<string> = new Set(ROLES);

/** `jwksCache`: where the keys come from; aws-jwt-verify's own HTTPS-only cache when unset. */
export function jwtAuthenticator(config: JwtConfig, jwksCache?: JwksCache): OperatorAuthenticator {
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
    ...(jwksCache ? [{ jwksCache }] : []),
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
    const responderId = responderIdOf(payload);
    return { id: payload.sub, name: name ?? payload.sub, roles, ...(responderId ? { responderId } : {}) };
  };
}

/**
 * Which roster responder a staff account is: the Cognito custom attribute `responderId`, which
 * only an administrator sets (the dashboard's client cannot write it; lib/operators.ts), carried
 * in the ID token as `custom:responderId`. The signature covers it, so nobody can claim another
 * responder's pages. Anything that is not a roster id is ignored: that account sees no tip.
 */
export const RESPONDER_ID_CLAIM = 'custom:responderId';

function responderIdOf(payload: Record<string, unknown>): string | undefined {
  const value = payload[RESPONDER_ID_CLAIM];
  return typeof value === 'string' && idSchema.safeParse(value).success ? value : undefined;
}

const allowed = new Map<string, readonly Role[]>(ROUTES.map((route) => [`${route.method} ${route.path}`, route.roles]));

/** Deny by default: a route that is not in the table, or a role it does not list, is refused. */
export function authorize(actor: Actor, routeKey: string): void {
  const roles = allowed.get(routeKey);
  if (!roles || !actor.roles.some((role) => roles.includes(role))) {
    throw new Forbidden(`Your role (${actor.roles.join(', ') || 'none'}) cannot do this; ask a supervisor for access.`);
  }
}

/** The verifier for this deployment, from its configuration (configShapes.jwt). */
export function operatorAuthenticatorOf(
  config: { [ENV.jwtIssuer]: string; [ENV.jwtAudience]: string; [ENV.jwtJwksUri]?: string | undefined },
  platform: Pick<Platform, 'jwksCache'>,
): OperatorAuthenticator {
  const issuer = config[ENV.jwtIssuer];
  const audience = config[ENV.jwtAudience];
  const jwksUri = config[ENV.jwtJwksUri];
  return jwtAuthenticator({ issuer, audience, ...(jwksUri ? { jwksUri } : {}) }, platform.jwksCache);
}
