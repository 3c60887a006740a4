// The local stand-in for Cognito: an issuer with its own RSA key, publishing its public key
// as a JWKS and signing ID tokens shaped like Cognito's (sub, cognito:groups, token_use: id)
// for the seeded demo users. The operator API verifies them with the very code it uses for
// Cognito's tokens.
import { createPrivateKey, createPublicKey, createSign, createHash, type KeyObject } from 'node:crypto';
import demoUsers from './demo-users.json' with { type: 'json' };

export const LOCAL_AUDIENCE = 'tipline-local-dashboard';
export type DemoUser = Exclude<keyof typeof demoUsers, '_why'>;
export const DEMO_USERS = Object.keys(demoUsers).filter((key) => key !== '_why') as DemoUser[];

const TOKEN_LIFETIME_SECONDS = 60 * 60;

export interface LocalIdentity {
  issuer: string;
  audience: string;
  jwksUri: string;
  jwks(): { keys: object[] };
  /** An ID token for a demo user; `claims` override any claim (tests use it for bad tokens). */
  idToken(user: DemoUser, claims?: Record<string, unknown>): string;
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signJwt(privateKey: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const head = b64url({ alg: 'RS256', kid, typ: 'JWT' });
  const body = b64url(payload);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export function localIdentity(baseUrl: string, privateKeyPem: string): LocalIdentity {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const kid = createHash('sha256').update(JSON.stringify(publicJwk)).digest('base64url').slice(0, 16);
  const issuer = `${baseUrl}/local`;
  return {
    issuer,
    audience: LOCAL_AUDIENCE,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    jwks: () => ({ keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] }),
    idToken(user, claims = {}) {
      const person = demoUsers[user];
      const now = Math.floor(Date.now() / 1000);
      return signJwt(privateKey, kid, {
        sub: person.sub,
        'cognito:groups': person.groups,
        'cognito:username': user,
        name: person.name,
        email: person.email,
        // As Cognito's custom attribute: which roster responder the account is (operator-auth.ts).
        ...('responderId' in person ? { 'custom:responderId': person.responderId } : {}),
        iss: issuer,
        aud: LOCAL_AUDIENCE,
        token_use: 'id',
        auth_time: now,
        iat: now,
        exp: now + TOKEN_LIFETIME_SECONDS,
        ...claims,
      });
    },
  };
}
