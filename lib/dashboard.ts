import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, Lazy, RemovalPolicy, Stack } from 'aws-cdk-lib';
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
  type IOrigin,
  type IResponseHeadersPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contextString } from './context';
import { acknowledge } from './nag';
import type { Operators } from './operators';
import { REPO_ROOT } from './tipline-function';

/** Where `npm run build:web` writes the dashboard (Vite, base `/ops/`). */
export const DASHBOARD_DIST = 'web/ops/dist';
export const DASHBOARD_PATH = '/ops/';
export const API_PATH_PATTERN = '/api/*';
export const CONFIG_PATH = '/ops/config.json';
export const DASHBOARD_PATH_PATTERN = '/ops/*';
/** The public form's static files, served from the bucket's `form/` prefix. */
export const FORM_ASSET_PATHS = ['/form.js', '/form.css'] as const;
/** The receipt inbox: public, so under the form's headers, ahead of `/api/*`. */
export const INBOX_PATH_PATTERN = '/api/inbox*';

/** What the distribution needs of the public form, which it serves at `/`. */
export interface PublicSite {
  /** For every response of the form: its page, its static files and its inbox API. */
  responseHeaders: IResponseHeadersPolicy;
}

export interface DashboardProps {
  operators: Operators;
  publicForm: PublicSite;
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
 *
 * The same distribution serves the public tip form at `/` (the API's `GET /` and `POST /`),
 * its two static files from the bucket, and its receipt inbox. Chosen over exposing the API's
 * execute-api host to tipsters, knowing the trade-off: CloudFront terminates TLS and sees every
 * request in clear, but it is AWS, like every other hop of the path already; it gives HSTS
 * (preload) on our own responses, a WAF that HTTP APIs cannot have (edge-firewall.ts), and it
 * records no viewer IP because access logs stay off. The threat model cites this decision.
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
    acknowledge(this.bucket, {
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs: only CloudFront (through the origin access control) reads this bucket and only the deployment provider writes it, so the logs would hold nothing but those two, and CloudTrail already records the deployments; a log bucket would be one more store to protect.',
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

    // One signer for both of the bucket's origins, so one bucket policy statement covers them.
    const access = new S3OriginAccessControl(this, 'SiteAccess', { signing: Signing.SIGV4_ALWAYS });
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl: access });
    // `/form.js` is the object `form/form.js`: the form's files keep their own prefix, which
    // their deployment prunes without touching the dashboard's.
    const formOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket, { originAccessControl: access, originPath: '/form' });
    const apiOrigin = this.apiOrigin();
    const indexRewrite = this.indexFunction();
    const dashboardBehavior = {
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.securityHeaders,
      functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: indexRewrite }],
    };
    const formAssetBehavior = {
      origin: formOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      // Cached at the edge (they change only on deploy, which invalidates them); browsers are
      // told no-store by the form's headers.
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: props.publicForm.responseHeaders,
    };
    // Uncached, with every viewer header but Host (API Gateway routes on its own host name;
    // Authorization is forwarded because caching is off).
    const toApi = {
      origin: apiOrigin,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'tipline public form and operator dashboard',
      // The public form (the API's GET / and POST /). Redirected rather than refused on http, so
      // a typed address works; ALLOW_ALL is CloudFront's only set with POST in it, and the API
      // has no route for the other methods.
      defaultBehavior: {
        ...toApi,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: props.publicForm.responseHeaders,
      },
      // CloudFront takes the first pattern that matches, in this order.
      additionalBehaviors: {
        [CONFIG_PATH]: {
          origin: siteOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          responseHeadersPolicy: this.noStoreHeaders,
        },
        [DASHBOARD_PATH_PATTERN]: dashboardBehavior,
        // Only to be redirected to /ops/ by the index rewrite.
        [DASHBOARD_PATH.slice(0, -1)]: dashboardBehavior,
        ...Object.fromEntries(FORM_ASSET_PATHS.map((path) => [path, formAssetBehavior])),
        // A token must never cross the network in clear text, so no redirect from http.
        [INBOX_PATH_PATTERN]: { ...toApi, viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: props.publicForm.responseHeaders },
        [API_PATH_PATTERN]: { ...toApi, viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: this.noStoreHeaders },
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

    acknowledge(
      this.distribution,
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction on purpose: tipsters report from wherever they are (abroad, across a border, through a VPN or Tor), and a blocked country would be exactly where a victim is held.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Access logging off on purpose (threat-model.md): CloudFront access logs record every viewer\'s IP address and User-Agent, which for the public form is the list of tipsters this project must never hold.',
      },
    );
    if (custom === undefined) {
      acknowledge(this.distribution, {
        id: 'AwsSolutions-CFR4',
        reason:
          'Only without a custom domain: the *.cloudfront.net certificate fixes the minimum viewer protocol at TLSv1 and cannot be changed; with dashboardUrl and dashboardCertificateArn set, the distribution requires TLSv1.2_2021 and this rule passes.',
      });
    }

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
    this.deploymentLogs = new LogGroup(this, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
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
      logGroup: this.deploymentLogs,
    });
    this.acknowledgeDeploymentProvider();
  }

  /**
   * CDK's deployment provider (a Lambda that runs only while CloudFormation deploys) is
   * configured by aws-s3-deployment, not here: its findings are acknowledged on it, one by one.
   */
  private acknowledgeDeploymentProvider(): void {
    const provider = this.deployment.handlerRole.node.scope;
    if (provider === undefined) throw new Error('the BucketDeployment provider has no function');
    const stack = Stack.of(this);
    const siteId = stack.resolve(stack.getLogicalId(this.bucket.node.defaultChild as CfnBucket)) as string;
    const runtime =
      "CDK's BucketDeployment provider: aws-s3-deployment chooses its Python runtime and ships its aws-cli layer for it, and it runs only during a deployment, never on a request.";
    acknowledge(
      provider,
      { id: 'AwsSolutions-L1', reason: runtime },
      { id: 'Serverless-LambdaLatestVersion', reason: runtime },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment provider role: aws-s3-deployment attaches the basic logging policy to the one role all deployments share; the function only logs file copies during a deployment.",
      },
      {
        id: 'Serverless-LambdaDLQ',
        reason: 'Invoked by CloudFormation as a custom resource, which waits for its answer and rolls the deployment back on failure: there is no asynchronous event to keep.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason: 'A deployment-time copy of static files configured by aws-s3-deployment; tracing it would add an X-Ray right on Resource "*" and tell nothing CloudFormation events do not.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: "aws-s3-deployment's read grant (GetBucket*: bucket metadata only) on the two buckets it copies between: CDK's bootstrap assets bucket and the site bucket.",
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason: "aws-s3-deployment's grant to read the staged asset zip from CDK's bootstrap assets bucket and to compare objects in the site bucket before copying.",
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:List*]',
        reason: "aws-s3-deployment's grant to list the staged assets and the site bucket's objects, so that files removed from the build are pruned.",
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:Abort*]',
        reason: "aws-s3-deployment's write grant on the site bucket: aborting its own multipart uploads of large files.",
      },
      {
        id: 'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: "aws-s3-deployment's write grant on the site bucket: pruning files a new build no longer has (dashboard under ops/, form files under form/).",
      },
      {
        id: `AwsSolutions-IAM5[Resource::<${siteId}.Arn>/*]`,
        reason: 'The objects of the one site bucket (dashboard and form files), which the provider replaces on every deployment.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        reason: "The objects of CDK's bootstrap assets bucket (default qualifier), where cdk deploy stages the zip the provider unpacks; read only.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'cloudfront:CreateInvalidation and GetInvalidation, to invalidate the replaced files after a deployment; aws-s3-deployment grants them on "*".',
      },
    );
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

  private apiOrigin(): IOrigin {
    const stack = Stack.of(this);
    const domainName = Lazy.string({
      produce: () => {
        if (this.api === undefined) throw new Error('Dashboard.proxyApi was never called: the distribution has no API origin');
        return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
      },
    });
    return new HttpOrigin(domainName, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
  }

  /** `/ops` goes to `/ops/`; a path ending in `/` serves its index.html. `/` is the public form's. */
  private indexFunction(): CloudFrontFunction {
    return new CloudFrontFunction(this, 'IndexRewrite', {
      comment: 'tipline dashboard: directory index and /ops redirect',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  if (request.uri === '${DASHBOARD_PATH.slice(0, -1)}') {
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
