import type { Operators } from '../operators';

/** What `/ops/config.json` tells the dashboard; the local stack serves `{ localSignIn: true }` instead. */
export interface DashboardConfig {
  issuer: string;
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  logoutUrl: string;
  redirectUri: string;
  apiUrl: string;
}

/**
 * Registers the dashboard's app client, which signs in and out at `url`, and says where the
 * hosted UI and the API (same origin as the dashboard) are.
 */
export function dashboardConfig(operators: Operators, origin: string, url: string): DashboardConfig {
  const client = operators.addDashboardClient(url);
  return {
    issuer: operators.issuerUrl,
    clientId: client.userPoolClientId,
    authorizeUrl: `${operators.signInUrl}/oauth2/authorize`,
    tokenUrl: `${operators.signInUrl}/oauth2/token`,
    // The dashboard adds client_id and logout_uri (= redirectUri) itself.
    logoutUrl: `${operators.signInUrl}/logout`,
    redirectUri: url,
    apiUrl: origin,
  };
}
