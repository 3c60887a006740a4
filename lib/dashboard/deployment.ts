import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Stack } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { acknowledge } from '../nag';
import type { DashboardConfig } from './config';
import { DASHBOARD_PATH } from './paths';

/** What the site's asset leaves out, wherever in the folder it sits. */
export const SOURCE_MAP_GLOBS = ['*.map', '**/*.map'] as const;

export interface SiteDeploymentProps {
  bucket: Bucket;
  distribution: Distribution;
  config: DashboardConfig;
  /** The built dashboard (its index.html at the top). */
  siteDir: string;
  /**
   * Where the page's script may connect besides its own origin: the hosted UI's origin, whose
   * token endpoint the sign-in POSTs to. Known only at deploy time (it holds the account id), so
   * it is written into index.html's CSP by the deployment (withConnectOrigin), never at build.
   */
  connectOrigin: string;
}

export interface SiteDeployment {
  /** Whether `siteDir` had an index.html at synth (otherwise a placeholder page is deployed). */
  built: boolean;
  /** The deployment provider's log group, which every BucketDeployment in the stack must share. */
  logs: LogGroup;
  deployment: BucketDeployment;
}

/**
 * Copies the dashboard and a generated config.json under `ops/` of the bucket and invalidates
 * them. Without a build, a placeholder page and a synth warning on `scope`.
 */
export function deploySite(scope: Construct, props: SiteDeploymentProps): SiteDeployment {
  const { siteDir } = props;
  const built = existsSync(join(siteDir, 'index.html'));
  if (!built) {
    // A placeholder rather than a failed synth: `cdk synth` and the infrastructure tests must
    // work on a clean clone, and the web build belongs to another part of the repository.
    Annotations.of(scope).addWarningV2(
      'tipline:dashboardNotBuilt',
      `${siteDir} has no index.html: a placeholder page is deployed at ${DASHBOARD_PATH}. Run npm run build:web first.`,
    );
  }
  // Source maps never leave the build folder: they would hand anyone the dashboard's source,
  // comments and all. Left out of the asset itself (not BucketDeployment's `exclude`, which
  // would also stop the prune from deleting maps an older deployment put there). index.html is
  // written by the deployment, with the sign-in origin computed from the stack in its CSP.
  const site = built
    ? [
        Source.asset(siteDir, { exclude: [...SOURCE_MAP_GLOBS, 'index.html'] }),
        Source.data('index.html', withConnectOrigin(readFileSync(join(siteDir, 'index.html'), 'utf8'), props.connectOrigin)),
      ]
    : [Source.data('index.html', PLACEHOLDER_PAGE)];
  const logs = new LogGroup(scope, 'DeploymentLogs', { retention: RetentionDays.ONE_MONTH });
  const deployment = new BucketDeployment(scope, 'Deploy', {
    // config.json last, so a stray one in the build cannot shadow the generated one.
    sources: [...site, Source.jsonData('config.json', props.config)],
    destinationBucket: props.bucket,
    destinationKeyPrefix: DASHBOARD_PATH.slice(1),
    // Browsers revalidate, so a new index.html never points at assets a deploy has pruned.
    cacheControl: [CacheControl.noCache()],
    distribution: props.distribution,
    distributionPaths: [`${DASHBOARD_PATH}*`],
    memoryLimit: 256,
    logGroup: logs,
  });
  acknowledgeDeploymentProvider(deployment, props.bucket);
  return { built, logs, deployment };
}

const META_CSP = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;

/**
 * The built page's meta CSP with `connect-src 'self' <origin>`: a meta policy and the
 * distribution's header policy both apply, so the header (which names the hosted UI too) cannot
 * widen what the meta one allows, and the sign-in's token request would be refused. The build
 * does not know the origin; the app does. A page without a meta CSP is left as it is.
 */
export function withConnectOrigin(html: string, origin: string): string {
  return html.replace(META_CSP, (_match, open: string, policy: string, close: string) => {
    const directives = policy
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive !== '' && !/^connect-src(\s|$)/i.test(directive));
    return `${open}${[...directives, `connect-src 'self' ${origin}`].join('; ')}${close}`;
  });
}

// No script and no inline style, so the dashboard's CSP serves it unchanged.
const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>tipline</title></head>
<body><p>El panel no se ha compilado. The dashboard was not built: run <code>npm run build:web</code> and deploy again.</p></body></html>
`;

/**
 * CDK's deployment provider (a Lambda that runs only while CloudFormation deploys) is
 * configured by aws-s3-deployment, not here: its findings are acknowledged on it, one by one.
 */
function acknowledgeDeploymentProvider(deployment: BucketDeployment, bucket: Bucket): void {
  const provider = deployment.handlerRole.node.scope;
  if (provider === undefined) throw new Error('the BucketDeployment provider has no function');
  const stack = Stack.of(bucket);
  const siteId = stack.resolve(stack.getLogicalId(bucket.node.defaultChild as CfnBucket)) as string;
  const runtime =
    "CDK's BucketDeployment provider: aws-s3-deployment chooses its Python runtime and ships " +
    'its aws-cli layer for it, and it runs only during a deployment, never on a request.';
  acknowledge(
    provider,
    { id: 'AwsSolutions-L1', reason: runtime },
    { id: 'Serverless-LambdaLatestVersion', reason: runtime },
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK's BucketDeployment provider role: aws-s3-deployment attaches the basic logging policy to " +
        'the one role all deployments share; the function only logs file copies during a deployment.',
    },
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked by CloudFormation as a custom resource, which waits for its answer and ' +
        'rolls the deployment back on failure: there is no asynchronous event to keep.',
    },
    {
      id: 'Serverless-LambdaTracing',
      reason:
        'A deployment-time copy of static files configured by aws-s3-deployment; ' +
        'tracing it would add an X-Ray right on Resource "*" and tell nothing CloudFormation events do not.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      reason:
        "aws-s3-deployment's read grant (GetBucket*: bucket metadata only) " +
        "on the two buckets it copies between: CDK's bootstrap assets bucket and the site bucket.",
    },
    {
      id: 'AwsSolutions-IAM5[Action::s3:GetObject*]',
      reason:
        "aws-s3-deployment's grant to read the staged asset zip from CDK's bootstrap assets bucket and to compare objects in the site bucket before copying.",
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
