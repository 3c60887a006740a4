// Deny by default, proven: every staff route, called by every role and by every kind of bad
// token an attacker would try. Only the combinations in the route table get through.
import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROUTES } from '../../functions/config/tables';
import { signJwt } from '../../local/identity';
import { call, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const tokens = stack.tokens as Record<'operator' | 'operator2' | 'supervisor' | 'responder', string>;

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return { header: header!, payload: payload! };
}

/** A token like the operator's, with some claims changed, signed with `key` (the issuer's unless given). */
function forged(claims: Record<string, unknown>, key = createPrivateKey(stack.identityPrivateKey)): string {
  const { header, payload } = decode(tokens.operator);
  return signJwt(key, String(header.kid), { ...payload, ...claims });
}

const now = () => Math.floor(Date.now() / 1000);
const BAD_TOKENS: Record<string, () => string | undefined> = {
  'no token': () => undefined,
  'expired token': () => forged({ iat: now() - 7200, exp: now() - 3600 }),
  'token for another audience': () => forged({ aud: 'some-other-app' }),
  'token from another issuer': () => forged({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_attacker' }),
  'token signed with another key': () => forged({}, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey),
  'alg none': () => {
    const { payload } = decode(tokens.operator);
    return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;
  },
  'access token instead of an ID token': () => forged({ token_use: 'access' }),
  'tampered payload (groups added)': () => {
    const [head, , signature] = tokens.responder.split('.');
    const payload = { ...decode(tokens.responder).payload, 'cognito:groups': ['supervisor'] };
    return `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
  },
};

const ROLE_TOKENS: Record<'operator' | 'supervisor' | 'responder' | 'no group', string> = {
  operator: tokens.operator,
  supervisor: tokens.supervisor,
  responder: tokens.responder,
  'no group': '',
};

const staffRoutes = ROUTES.filter((route) => route.auth === 'jwt');
let tipId = '';

function bodyFor(path: string): unknown {
  if (path.endsWith('/status')) return { status: 'escalated' };
  if (path.endsWith('/notes')) return { text: 'nota de prueba' };
  if (path.endsWith('/level')) return { level: 'high', reason: 'prueba de roles' };
  if (path.endsWith('/replies')) return { text: '¿Hola?' };
  if (path.endsWith('/reveal-requests')) return { reason: 'Oficio de prueba para la tabla de roles' };
  // A case and a referral that do not exist (404) for the case routes; a tip linked to itself (400).
  if (path.endsWith('/link')) return { to: tipId };
  if (path.endsWith('/referrals')) return { agencyId: 'fistrap-mdd', summary: 'prueba de roles', share: { level: false, indicators: false, places: false } };
  if (path.endsWith('/outcome')) return { rescuedAdults: 0, rescuedMinors: 0, arrests: 0, chargesFiled: false, conviction: false, noActionReason: 'prueba' };
  return undefined;
}

async function request(route: (typeof staffRoutes)[number], token: string | undefined) {
  // A span and a request that do not exist: the role is decided before either is looked up.
  const path = route.path
    .replace('{id}', tipId)
    .replace('{spanId}', encodeURIComponent('sms_0000000000#0'))
    .replace('{requestId}', '00000000-0000-4000-8000-000000000000')
    .replace('{caseId}', 'C00000000')
    .replace('{referralId}', 'R00000000');
  return call(stack, token, route.method, path, route.method === 'POST' ? bodyFor(route.path) : undefined);
}

beforeAll(async () => {
  await postSignedSms(stack, twilioWebhook({ From: '+51966000123', Body: 'tabla-roles: le quitaron el dni a mi prima' }));
  tipId = (await queuedTip(stack, (t) => t.preview.startsWith('tabla-roles'))).tipId;
  ROLE_TOKENS['no group'] = forged({ 'cognito:groups': [] });
});

describe('route × role × relation', () => {
  // The table lets responders call GET tip and GET pages; whether they get anything is decided by
  // their relation to the tip (test/integration/need-to-know.test.ts): this one was never paged.
  it('a responder gets, for a tip never paged to them, exactly the answer of a tip that does not exist', async () => {
    for (const path of ['/api/tips/{id}', '/api/tips/{id}/pages']) {
      const answer = async (id: string) => {
        const res = await call(stack, tokens.responder, 'GET', path.replace('{id}', id));
        return { status: res.status, body: (await res.text()).replaceAll(id, '<id>') };
      };
      const asked = await answer(tipId);
      expect(asked.status, path).toBe(404);
      expect(asked, path).toEqual(await answer('ZZZZZZZZ'));
    }
  });
});

describe('route × role', () => {
  it('covers every staff route', () => {
    expect(staffRoutes.length).toBeGreaterThanOrEqual(10);
  });

  it('lets staff work cases and referrals, and keeps the overdue list to supervisors', () => {
    const cases = staffRoutes.filter((route) => /^\/api\/(cases|agencies|referrals)\b|\/link$/.test(route.path));
    expect(cases.map((route) => `${route.method} ${route.path}`)).toHaveLength(7);
    for (const route of cases) expect(route.roles, route.path).toEqual(route.path === '/api/referrals/overdue' ? ['supervisor'] : ['operator', 'supervisor']);
  });

  it('keeps sealed evidence to supervisors on all five of its routes', () => {
    const evidence = staffRoutes.filter((route) => /\/(evidence|reveal-requests)\b/.test(route.path));
    expect(evidence.map((route) => `${route.method} ${route.path}`)).toHaveLength(5);
    for (const route of evidence) expect(route.roles, route.path).toEqual(['supervisor']);
  });

  for (const route of staffRoutes) {
    describe(`${route.method} ${route.path}`, () => {
      for (const role of Object.keys(ROLE_TOKENS) as Array<keyof typeof ROLE_TOKENS>) {
        const allowed = (route.roles as readonly string[]).includes(role);
        it(`${role}: ${allowed ? 'allowed' : '403'}`, async () => {
          const res = await request(route, ROLE_TOKENS[role]);
          if (allowed) expect([401, 403]).not.toContain(res.status);
          else expect(res.status).toBe(403);
          expect(res.status).toBeLessThan(500);
        });
      }
      for (const [name, make] of Object.entries(BAD_TOKENS)) {
        it(`${name}: 401`, async () => {
          const res = await request(route, make());
          expect(res.status).toBe(401);
          expect(((await res.json()) as { message: string }).message).toMatch(/Sign in/);
        });
      }
    });
  }
});
