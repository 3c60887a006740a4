// /ops/config.json says how to sign in: the local stack's demo issuer, or Cognito's hosted UI.
export type SignInConfig =
  | { kind: 'local' }
  | { kind: 'cognito'; clientId: string; authorizeUrl: string; tokenUrl: string; logoutUrl: string; redirectUri: string };

const COGNITO_FIELDS = ['clientId', 'authorizeUrl', 'tokenUrl', 'logoutUrl', 'redirectUri'] as const;

export function parseConfig(raw: unknown): SignInConfig {
  if (typeof raw !== 'object' || raw === null) throw new Error('config.json is not an object');
  const record = raw as Record<string, unknown>;
  if (record.localSignIn === true) return { kind: 'local' };
  const fields: Record<string, string> = {};
  for (const name of COGNITO_FIELDS) {
    const value = record[name];
    if (typeof value !== 'string' || value === '') throw new Error(`config.json lacks ${name}`);
    fields[name] = value;
  }
  for (const name of ['authorizeUrl', 'tokenUrl', 'logoutUrl', 'redirectUri'] as const) {
    if (new URL(fields[name]!).protocol !== 'https:' && location.protocol === 'https:') throw new Error(`config.json ${name} is not https`);
  }
  return {
    kind: 'cognito',
    clientId: fields.clientId!,
    authorizeUrl: fields.authorizeUrl!,
    tokenUrl: fields.tokenUrl!,
    logoutUrl: fields.logoutUrl!,
    redirectUri: fields.redirectUri!,
  };
}

export async function loadConfig(): Promise<SignInConfig> {
  const res = await fetch(new URL('config.json', new URL(import.meta.env.BASE_URL, location.origin)), { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json answered ${res.status}`);
  return parseConfig(await res.json());
}
