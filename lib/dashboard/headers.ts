import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { accountWideName } from '../account-wide-name';

/** The dashboard's response headers: the page's, and the same with `no-store` for what holds data. */
export interface DashboardHeaders {
  contentSecurityPolicy: string;
  /** CSP, HSTS and friends on every response. */
  security: ResponseHeadersPolicy;
  /** The same, plus `Cache-Control: no-store`: for config.json and API answers (tip data). */
  noStore: ResponseHeadersPolicy;
}

/**
 * A strict CSP (scripts and styles from the dashboard's own origin, which also serves the API;
 * the token endpoint is Cognito's at `signInUrl`), HSTS, no referrer, no framing.
 */
export function dashboardHeaders(scope: Construct, signInUrl: string): DashboardHeaders {
  const contentSecurityPolicy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // The API is same-origin (distribution.ts); the token endpoint is Cognito's.
    `connect-src 'self' ${signInUrl}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const securityHeadersBehavior = {
    contentSecurityPolicy: { contentSecurityPolicy, override: true },
    strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
    referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
  };
  const security = new ResponseHeadersPolicy(scope, 'SecurityHeaders', {
    responseHeadersPolicyName: accountWideName(scope, 'dashboard-headers'),
    comment: 'tipline dashboard: strict CSP, HSTS, no referrer, no framing',
    securityHeadersBehavior,
  });
  const noStore = new ResponseHeadersPolicy(scope, 'NoStoreHeaders', {
    responseHeadersPolicyName: accountWideName(scope, 'dashboard-no-store'),
    comment: 'tipline dashboard config and API: security headers, never cached',
    securityHeadersBehavior,
    // A stale config.json would send sign-ins to an old client; API answers hold tip data,
    // which must not stay in the disk cache of a shared laptop.
    customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: 'no-store', override: true }] },
  });
  return { contentSecurityPolicy, security, noStore };
}
