import { join } from 'node:path';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { Distribution, IResponseHeadersPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { BucketDeployment } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { dashboardConfig, type DashboardConfig } from './dashboard/config';
import { deploySite } from './dashboard/deployment';
import { siteDistribution } from './dashboard/distribution';
import { dashboardHeaders } from './dashboard/headers';
import { DASHBOARD_DIST, DASHBOARD_PATH } from './dashboard/paths';
import { siteBucket } from './dashboard/site-bucket';
import type { Operators } from './operators';
import type { CustomDomain } from './settings';
import { REPO_ROOT } from './tipline-function';

export type { DashboardConfig } from './dashboard/config';
export * from './dashboard/paths';

/** What the distribution needs of the public form, which it serves at `/`. */
export interface PublicSite {
  /** For every response of the form: its page, its static files and its inbox API. */
  responseHeaders: IResponseHeadersPolicy;
}

export interface DashboardProps {
  operators: Operators;
  publicForm: PublicSite;
  /** Settings `dashboardDomain`; unset, the distribution's own *.cloudfront.net name. */
  domain?: CustomDomain;
  /** The built dashboard; `web/ops/dist` in the repository by default. */
  siteDir?: string;
  /**
   * Sent to the API in a custom origin header on every request CloudFront forwards, so that the
   * web functions trust CloudFront-Viewer-Address from CloudFront only (adapters/http.ts).
   */
  originVerify: ISecret;
}

/**
 * The operator dashboard: a private bucket behind CloudFront, which also fronts the HTTP API
 * under `/api/*`. One origin for the page and the API means no CORS at all (the API answers no
 * browser on another origin), `connect-src 'self'` plus Cognito in the CSP, and the same paths
 * as the local stack, where `/ops` and `/api` share one server.
 *
 * The same distribution serves the public tip form at `/` (the API's `GET /` and `POST /`),
 * its two static files from the bucket, and its receipt inbox. Chosen over exposing the API's
 * execute-api host to tipsters, knowing the trade-off: CloudFront terminates TLS and sees every
 * request in clear, but it is AWS, like every other hop of the path already; it gives HSTS
 * (preload) on our own responses, a WAF that HTTP APIs cannot have (edge-firewall.ts), and it
 * records no viewer IP because access logs stay off. The threat model cites this decision.
 *
 * The parts are in `dashboard/`: the bucket, the response headers, the distribution and its
 * behaviours, config.json and the deployment.
 */
export class Dashboard extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** CSP, HSTS and friends on every response. */
  readonly securityHeaders: ResponseHeadersPolicy;
  /** The same, plus `Cache-Control: no-store`: for config.json and API answers (tip data). */
  readonly noStoreHeaders: ResponseHeadersPolicy;
  readonly contentSecurityPolicy: string;
  /** `https://<host>`: the dashboard's origin, which is also where the API is called. */
  readonly origin: string;
  /** `https://<host>/ops/`: the sign-in redirect and logout target. */
  readonly url: string;
  readonly config: DashboardConfig;
  /** Whether `web/ops/dist` was there at synth (otherwise a placeholder page is deployed). */
  readonly built: boolean;
  readonly deployment: BucketDeployment;
  /**
   * For CDK's deployment provider, which copies the dashboard and the form files into the
   * bucket: one function shared by every BucketDeployment in the stack, so they must all pass
   * this same log group (PublicForm.deployAssetsTo does).
   */
  readonly deploymentLogs: LogGroup;
  /** The HTTP API behind `/`, `/api/inbox*` and `/api/*`, known once proxyApi is called. */
  private api: HttpApi | undefined;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const { operators, domain } = props;

    this.bucket = siteBucket(this);
    const headers = dashboardHeaders(this, operators.signInUrl);
    this.contentSecurityPolicy = headers.contentSecurityPolicy;
    this.securityHeaders = headers.security;
    this.noStoreHeaders = headers.noStore;
    this.distribution = siteDistribution(this, {
      bucket: this.bucket,
      headers,
      formHeaders: props.publicForm.responseHeaders,
      api: () => {
        if (this.api === undefined) throw new Error('Dashboard.proxyApi was never called: the distribution has no API origin');
        return this.api;
      },
      domain,
      originVerify: props.originVerify,
    });

    this.origin = domain?.origin ?? `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}${DASHBOARD_PATH}`;
    this.config = dashboardConfig(operators, this.origin, this.url);

    const site = deploySite(this, {
      bucket: this.bucket,
      distribution: this.distribution,
      config: this.config,
      siteDir: props.siteDir ?? join(REPO_ROOT, DASHBOARD_DIST),
      connectOrigin: operators.signInUrl,
    });
    this.built = site.built;
    this.deploymentLogs = site.logs;
    this.deployment = site.deployment;
  }

  /**
   * Connects the HTTP API behind `/`, `/api/inbox*` and `/api/*`. The behaviours exist from the
   * constructor on, because only there can the default behaviour be set; the API cannot exist
   * that early, since its JWT authorizer needs the app client that this construct creates.
   */
  proxyApi(api: HttpApi): void {
    if (this.api !== undefined) throw new Error('Dashboard.proxyApi: the API is already connected');
    this.api = api;
  }
}
