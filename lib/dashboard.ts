import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contextString } from './context';
import type { Operators } from './operators';
import { REPO_ROOT } from './tipline-function';

/** Where `npm run build:web` writes the dashboard (Vite, base `/ops/`). */
export const DASHBOARD_DIST = 'web/ops/dist';
export const DASHBOARD_PATH = '/ops/';
export const API_PATH_PATTERN = '/api/*';
export const CONFIG_PATH = '/ops/config.json';

export interface DashboardProps {
  operators: Operators;
  /** The built dashboard; `web/ops/dist` in the repository by default. */
  siteDir?: string;
}

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
 * The operator dashboard: a private bucket behind CloudFront, which also fronts the HTTP API
 * under `/api/*`. One origin for the page and the API means no CORS at all (the API answers no
 * browser on another origin), `connect-src 'self'` plus Cognito in the CSP, and the same paths
 * as the local stack, where `/ops` and `/api` share one server.
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

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const { operators } = props;
    const custom = customDomain(this);

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      // Retained, without auto-delete: the bucket holds only a build that git can reproduce, so
      // an orphan after `cdk destroy` costs nothing; DESTROY would fail on a non-empty bucket
      // anyway, and auto-delete would add a Lambda allowed to delete objects. Unversioned for
      // the same reason: the history of the dashboard is the repository.
      removalPolicy: RemovalPolicy.RETAIN,
      autoDeleteObjects: false,
    });

    this.contentSecurityPolicy = [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      // The API is same-origin (below); the token endpoint is Cognito's.
      `connect-src 'self' ${operators.signInUrl}`,
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    const securityHeadersBehavior = {
      contentSecurityPolicy: { contentSecurityPolicy: this.contentSecurityPolicy, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
    };
    this.securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'tipline dashboard: strict CSP, HSTS, no referrer, no framing',
      securityHeadersBehavior,
    });
    this.noStoreHeaders = new ResponseHeadersPolicy(this, 'NoStoreHeaders', {
      comment: 'tipline dashboard config and API: security headers, never cached',
      securityHeadersBehavior,
      // A stale config.json would send sign-ins to an old client; API answers hold tip data,
      // which must not stay in the disk cache of a shared laptop.
      customHeadersBehavior: { customHeaders: [{ header: 'Cache-Control', value: 'no-store', override: true }] },
    });

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'tipline operator dashboard',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: this.indexFunction() }],
      },
      additionalBehaviors: {
        [CONFIG_PATH]: {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: this.noStoreHeaders,
        },
      },
      // No error-response rewrites to index.html: they would apply to `/api/*` as well and turn
      // the API's 403/404 answers into a 200 page. The dashboard routes in the fragment.
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Off on purpose: CloudFront access logs record every viewer's IP address, and staff
      // working from home would be on that list.
      enableLogging: false,
      ...(custom === undefined
        ? {}
        : {
            domainNames: [custom.host],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', custom.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }),
    });

    this.origin = custom?.origin ?? `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}${DASHBOARD_PATH}`;

    const client = operators.addDashboardClient(this.url);
    this.config = {
      issuer: operators.issuerUrl,
      clientId: client.userPoolClientId,
      authorizeUrl: `${operators.signInUrl}/oauth2/authorize`,
      tokenUrl: `${operators.signInUrl}/oauth2/token`,
      // The dashboard adds client_id and logout_uri (= redirectUri) itself.
      logoutUrl: `${operators.signInUrl}/logout`,
      redirectUri: this.url,
      apiUrl: this.origin,
    };

    const dist = props.siteDir ?? join(REPO_ROOT, DASHBOARD_DIST);
    this.built = existsSync(join(dist, 'index.html'));
    if (!this.built) {
      // A placeholder rather than a failed synth: `cdk synth` and the infrastructure tests must
      // work on a clean clone, and the web build belongs to another part of the repository.
      Annotations.of(this).addWarningV2(
        'tipline:dashboardNotBuilt',
        `${dist} has no index.html: a placeholder page is deployed at ${DASHBOARD_PATH}. Run npm run build:web first.`,
      );
    }
    const site = this.built ? Source.asset(dist) : Source.data('index.html', PLACEHOLDER_PAGE);
    this.deployment = new BucketDeployment(this, 'Deploy', {
      // config.json last, so a stray one in the build cannot shadow the generated one.
      sources: [site, Source.jsonData('config.json', this.config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: DASHBOARD_PATH.slice(1),
      // Browsers revalidate, so a new index.html never points at assets a deploy has pruned.
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [`${DASHBOARD_PATH}*`],
      memoryLimit: 256,
    });
  }

  /**
   * Sends `/api/*` through the distribution to the HTTP API, uncached, with every viewer header
   * but Host (API Gateway routes on its own host name; Authorization is forwarded because
   * caching is off).
   */
  proxyApi(api: HttpApi): void {
    const stack = Stack.of(this);
    this.distribution.addBehavior(
      API_PATH_PATTERN,
      new HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
        protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
        originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      }),
      {
        // A token must never cross the network in clear text, so no redirect from http.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.noStoreHeaders,
      },
    );
  }

  /** `/` and `/ops` go to `/ops/`; a path ending in `/` serves its index.html. */
  private indexFunction(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'IndexRewrite', {
      comment: 'tipline dashboard: directory index and /ops redirect',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  if (request.uri === '/' || request.uri === '${DASHBOARD_PATH.slice(0, -1)}') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '${DASHBOARD_PATH}' } } };
  }
  if (request.uri.endsWith('/')) request.uri += 'index.html';
  return request;
}`),
    });
  }
}

// No script and no inline style, so the CSP above serves it unchanged.
const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>tipline</title></head>
<body><p>El panel no se ha compilado. The dashboard was not built: run <code>npm run build:web</code> and deploy again.</p></body></html>
`;

interface CustomDomain {
  host: string;
  origin: string;
  certificateArn: string;
}

/**
 * Context `dashboardUrl` (`https://<host>/ops/`) moves the dashboard to a custom domain; it then
 * needs `dashboardCertificateArn` (ACM, us-east-1). Only with a certificate of our own can
 * CloudFront hold viewers to TLS 1.2: the default *.cloudfront.net certificate is fixed at TLSv1.
 */
function customDomain(scope: Construct): CustomDomain | undefined {
  const dashboardUrl = contextString(scope, 'dashboardUrl');
  const certificateArn = contextString(scope, 'dashboardCertificateArn');
  if (dashboardUrl === undefined) {
    if (certificateArn !== undefined) throw new Error('context value "dashboardCertificateArn" needs "dashboardUrl" as well');
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(dashboardUrl);
  } catch {
    throw new Error(`context value "dashboardUrl" must be a URL like https://ops.example.org${DASHBOARD_PATH}`);
  }
  if (url.protocol !== 'https:' || url.pathname !== DASHBOARD_PATH || url.search !== '' || url.hash !== '' || url.port !== '' || url.username !== '') {
    throw new Error(`context value "dashboardUrl" must be https://<host>${DASHBOARD_PATH}, got ${JSON.stringify(dashboardUrl)}`);
  }
  if (certificateArn === undefined) {
    throw new Error('context value "dashboardUrl" needs "dashboardCertificateArn" (an ACM certificate in us-east-1 for its host)');
  }
  if (!/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/.test(certificateArn)) {
    throw new Error('context value "dashboardCertificateArn" must be an ACM certificate ARN in us-east-1');
  }
  return { host: url.hostname, origin: url.origin, certificateArn };
}
