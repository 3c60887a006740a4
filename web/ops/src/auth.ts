// The ID token lives in memory and in this tab's sessionStorage (a reload keeps the session;
// another tab or a closed browser does not). Nothing goes to localStorage or cookies.
import type { SignInConfig } from './config';

const TOKEN_KEY = 'tipline.ops.idToken';
const PKCE_KEY = 'tipline.ops.pkce';

let token: string | null = null;

export function currentToken(): string | null {
  if (token === null) token = sessionStorage.getItem(TOKEN_KEY);
  if (token !== null && isExpired(token)) signOutLocally();
  return token;
}

function keep(idToken: string): void {
  token = idToken;
  sessionStorage.setItem(TOKEN_KEY, idToken);
}

export function signOutLocally(): void {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Only to hide a session that has already run out; the API is what verifies the token. */
function isExpired(jwt: string): boolean {
  try {
    const payload: unknown = JSON.parse(atob(base64FromUrl(jwt.split('.')[1] ?? '')));
    const exp = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>).exp : undefined;
    return typeof exp === 'number' && exp * 1000 <= Date.now();
  } catch {
    return true;
  }
}

const base64FromUrl = (s: string): string =>
  s
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(s.length / 4) * 4, '=');
const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = (): string => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** The local stack redirects to /ops/#id_token=…; the token must not stay in the address bar or history. */
export function takeTokenFromFragment(): { keep(): void } | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const idToken = fragment.get('id_token');
  if (idToken === null) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return idToken === '' ? null : { keep: () => keep(idToken) };
}

export async function startCognitoSignIn(config: Extract<SignInConfig, { kind: 'cognito' }>): Promise<never> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const url = new URL(config.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
  return new Promise<never>(() => {});
}

/** Completes the hosted UI's redirect (?code=…&state=…). Throws with a reason to show. */
export async function finishCognitoSignIn(config: Extract<SignInConfig, { kind: 'cognito' }>): Promise<void> {
  const query = new URLSearchParams(location.search);
  const code = query.get('code');
  const error = query.get('error_description') ?? query.get('error');
  if (code === null && error === null) return;
  history.replaceState(null, '', location.pathname);
  const saved = sessionStorage.getItem(PKCE_KEY);
  sessionStorage.removeItem(PKCE_KEY);
  if (error !== null) throw new Error(error);
  const pkce = saved ? (JSON.parse(saved) as { verifier?: unknown; state?: unknown }) : {};
  if (typeof pkce.verifier !== 'string' || pkce.state !== query.get('state')) throw new Error('state mismatch');
  const res = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: code ?? '',
      redirect_uri: config.redirectUri,
      code_verifier: pkce.verifier,
    }),
  });
  const body: unknown = await res.json().catch(() => null);
  const idToken = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).id_token : undefined;
  if (!res.ok || typeof idToken !== 'string') throw new Error(`token endpoint answered ${res.status}`);
  keep(idToken);
}

export function signOut(config: SignInConfig): void {
  signOutLocally();
  if (config.kind === 'cognito') {
    const url = new URL(config.logoutUrl);
    url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri }).toString();
    location.assign(url.toString());
  }
}
