import { Lazy, Stack } from 'aws-cdk-lib';
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
  HttpVersion,
  type IOrigin,
  type IResponseHeadersPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  Signing,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../../functions/config/secret-rules';
import { accountWideName } from '../account-wide-name';
import { acknowledge } from '../nag';
import type { CustomDomain } from '../settings';
import type { DashboardHeaders } from './headers';
import { API_PATH_PATTERN, CONFIG_PATH, DASHBOARD_PATH, DASHBOARD_PATH_PATTERN, FORM_ASSET_PATHS, INBOX_PATH_PATTERN } from './paths';

export interface SiteDistributionProps {
  bucket: Bucket;
  headers: DashboardHeaders;
  /** For every response of the public form: its page, its static files and its inbox API. */
  formHeaders: IResponseHeadersPolicy;
  /**
   * The HTTP API behind `/`, `/api/inbox*` and `/api/*`, asked for only when the template is
   * rendered: the API is built after the distribution (Dashboard.proxyApi).
   */
  api: () => HttpApi;
  /** Unset: the distribution's own *.cloudfront.net name and certificate. */
  domain: CustomDomain | undefined;
  /** Its value goes to the API in ORIGIN_VERIFY_HEADER on every request. */
  originVerify: ISecret;
}

/**
 * The distribution and its behaviours: the public form at `/` (the API's `GET /` and `POST /`)
 * and its static files, the dashboard under `/ops/`, the receipt inbox and the operator API.
 */
export function siteDistribution(scope: Construct, props: SiteDistributionProps): Distribution {
  const { bucket, headers, formHeaders, domain } = props;
  // One signer for both of the bucket's origins, so one bucket policy statement covers them.
  const access = new S3OriginAccessControl(scope, 'SiteAccess', {
    originAccessControlName: accountWideName(scope, 'site-access'),
    signing: Signing.SIGV4_ALWAYS,
  });
  const siteOrigin = S3BucketOrigin.withOriginAccessControl(bucket, { originAccessControl: access });
  // `/form.js` is the object `form/form.js`: the form's files keep their own prefix, which
  // their deployment prunes without touching the dashboard's.
  const formOrigin = S3BucketOrigin.withOriginAccessControl(bucket, { originAccessControl: access, originPath: '/form' });
  const apiOrigin = httpApiOrigin(scope, props.api, props.originVerify);
  const indexRewrite = indexFunction(scope);
  const dashboardBehavior = {
    origin: siteOrigin,
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    cachePolicy: CachePolicy.CACHING_OPTIMIZED,
    responseHeadersPolicy: headers.security,
    functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: indexRewrite }],
  };
  const formAssetBehavior = {
    origin: formOrigin,
    viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    // Cached at the edge (they change only on deploy, which invalidates them); browsers are
    // told no-store by the form's headers.
    cachePolicy: CachePolicy.CACHING_OPTIMIZED,
    responseHeadersPolicy: formHeaders,
  };
  // Uncached, with every viewer header but Host (API Gateway routes on its own host name;
  // Authorization is forwarded because caching is off), plus CloudFront's viewer headers, among
  // them CloudFront-Viewer-Address, which rate limits key on (functions/adapters/http.ts).
  const toApi = {
    origin: apiOrigin,
    allowedMethods: AllowedMethods.ALLOW_ALL,
    cachePolicy: CachePolicy.CACHING_DISABLED,
    originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
  };
  const distribution = new Distribution(scope, 'Distribution', {
    comment: 'tipline public form and operator dashboard',
    // The public form (the API's GET / and POST /). Redirected rather than refused on http, so
    // a typed address works; ALLOW_ALL is CloudFront's only set with POST in it, and the API
    // has no route for the other methods.
    defaultBehavior: {
      ...toApi,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: formHeaders,
    },
    // CloudFront takes the first pattern that matches, in this order.
    additionalBehaviors: {
      [CONFIG_PATH]: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        responseHeadersPolicy: headers.noStore,
      },
      [DASHBOARD_PATH_PATTERN]: dashboardBehavior,
      // Only to be redirected to /ops/ by the index rewrite.
      [DASHBOARD_PATH.slice(0, -1)]: dashboardBehavior,
      ...Object.fromEntries(FORM_ASSET_PATHS.map((path) => [path, formAssetBehavior])),
      // A token must never cross the network in clear text, so no redirect from http.
      [INBOX_PATH_PATTERN]: { ...toApi, viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: formHeaders },
      [API_PATH_PATTERN]: { ...toApi, viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY, responseHeadersPolicy: headers.noStore },
    },
    // No error-response rewrites to index.html: they would apply to `/api/*` as well and turn
    // the API's 403/404 answers into a 200 page. The dashboard routes in the fragment.
    httpVersion: HttpVersion.HTTP2_AND_3,
    // Off on purpose: CloudFront access logs record every viewer's IP address, and staff
    // working from home would be on that list.
    enableLogging: false,
    ...(domain === undefined
      ? {}
      : {
          domainNames: [domain.host],
          certificate: Certificate.fromCertificateArn(scope, 'Certificate', domain.certificateArn),
          minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
        }),
  });

  acknowledge(
    distribution,
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'No geo restriction on purpose: tipsters report from wherever they are (abroad, across a border, ' +
        'through a VPN or Tor), and a blocked country would be exactly where a victim is held.',
    },
    {
      id: 'AwsSolutions-CFR3',
      reason:
        "Access logging off on purpose (threat-model.md): CloudFront access logs record every viewer's IP address and User-Agent, " +
        'which for the public form is the list of tipsters this project must never hold.',
    },
  );
  if (domain === undefined) {
    acknowledge(distribution, {
      id: 'AwsSolutions-CFR4',
      reason:
        'Only without a custom domain: the *.cloudfront.net certificate fixes the minimum viewer protocol at TLSv1 and cannot be changed; ' +
        'with dashboardUrl and dashboardCertificateArn set, the distribution requires TLSv1.2_2021 and this rule passes.',
    });
  }
  return distribution;
}

/**
 * The API's execute-api host, over TLS 1.2 only. That host is public, so CloudFront proves it
 * sent a request with the origin-verification secret in a custom header (it replaces any
 * header of that name a viewer sends); only then do the functions take the viewer address
 * CloudFront reports. The value is a dynamic reference resolved by CloudFormation at deploy,
 * never written into the template.
 */
function httpApiOrigin(scope: Construct, api: () => HttpApi, originVerify: ISecret): IOrigin {
  const stack = Stack.of(scope);
  const domainName = Lazy.string({ produce: () => `${api().apiId}.execute-api.${stack.region}.${stack.urlSuffix}` });
  return new HttpOrigin(domainName, {
    protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerify.secretValue.unsafeUnwrap() },
  });
}

/** `/ops` goes to `/ops/`; a path ending in `/` serves its index.html. `/` is the public form's. */
function indexFunction(scope: Construct): CloudFrontFunction {
  return new CloudFrontFunction(scope, 'IndexRewrite', {
    functionName: accountWideName(scope, 'index-rewrite'),
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
