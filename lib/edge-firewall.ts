import { Annotations, Aws, CfnOutput, CfnRule, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { acknowledge } from './nag';
import type { WafSetting } from './settings';

/**
 * Requests one address may make to the public write paths in five minutes before WAF answers
 * 429 for the rest of the window: one a second on average, far above a person filling a form or
 * trying a receipt, far below a script flooding the queue or guessing receipts.
 */
export const PUBLIC_RATE_LIMIT = 300;
export const PUBLIC_RATE_WINDOW_SECONDS = 300;

/**
 * The public write paths the rate rule counts, as [match, path]. Not `/sms/*`: Twilio calls
 * the execute-api URL, not the CDN, and from a small pool of its own addresses, so a per-IP
 * limit there would drop every tipster's texts at once on the night they flood in. Not the
 * operator API either: a newsroom or NGO office shares one address.
 */
export const RATE_LIMITED_PATHS = [
  ['EXACTLY', '/', 'POST'],
  ['EXACTLY', '/api/tips', undefined],
  ['STARTS_WITH', '/api/inbox', undefined],
] as const satisfies ReadonlyArray<readonly ['EXACTLY' | 'STARTS_WITH', string, 'POST' | undefined]>;

/**
 * The WebACL in front of the distribution. CLOUDFRONT scope, so it can only be created in
 * us-east-1: see attachEdgeFirewall for how the app gets it there.
 *
 * No logging configuration and no sampled requests, on purpose: both record the client's IP
 * address (and sampled requests its headers) for every matched request, which is exactly the
 * list of tipsters this project must never hold. CloudWatch metrics are counts only.
 */
export class EdgeFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'tipline - rate limit on the public form and intake, known bad inputs blocked, common rules counted',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('tipline-edge'),
      rules: [
        {
          name: 'PublicWriteRateLimit',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: PUBLIC_RATE_LIMIT,
              evaluationWindowSec: PUBLIC_RATE_WINDOW_SECONDS,
              // The address CloudFront saw, not X-Forwarded-For, which the client writes itself.
              aggregateKeyType: 'IP',
              scopeDownStatement: { orStatement: { statements: RATE_LIMITED_PATHS.map(([match, path, method]) => pathStatement(match, path, method)) } },
            },
          },
          // 429 rather than WAF's default 403, so the form (and the load test) can tell "slow
          // down" from "forbidden".
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: visibility('tipline-public-write-rate'),
        },
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 1,
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
          // Counted, not enforced: its body-size and XSS rules would block real tips (long
          // free text, pasted messages) until tuned against the metrics.
          overrideAction: { count: {} },
          visibilityConfig: visibility('tipline-common-rules'),
        },
        {
          name: 'AWSManagedRulesKnownBadInputsRuleSet',
          priority: 2,
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesKnownBadInputsRuleSet' } },
          // Enforced: it matches exploit payloads (Log4j lookups, Java deserialisation, a
          // localhost Host header, exploitable paths), which no tipster's words or form field
          // produce, unlike the common set's size and XSS rules above.
          overrideAction: { none: {} },
          visibilityConfig: visibility('tipline-known-bad-inputs'),
        },
      ],
    });
  }
}

function pathStatement(match: 'EXACTLY' | 'STARTS_WITH', path: string, method: 'POST' | undefined): CfnWebACL.StatementProperty {
  const onPath: CfnWebACL.StatementProperty = {
    byteMatchStatement: {
      fieldToMatch: { uriPath: {} },
      positionalConstraint: match,
      searchString: path,
      // Decoded and normalized first, so `/api/%69nbox` or `//api/inbox` are counted too.
      textTransformations: [
        { priority: 0, type: 'URL_DECODE' },
        { priority: 1, type: 'NORMALIZE_PATH' },
      ],
    },
  };
  if (method === undefined) return onPath;
  const onMethod: CfnWebACL.StatementProperty = {
    byteMatchStatement: {
      fieldToMatch: { method: {} },
      positionalConstraint: 'EXACTLY',
      searchString: method,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
  return { andStatement: { statements: [onPath, onMethod] } };
}

export type EdgeFirewallChoice = { kind: 'own'; firewall: EdgeFirewall } | { kind: 'imported'; webAclArn: string } | { kind: 'off' };

/**
 * Puts a WebACL in front of the distribution. The stack is env-agnostic (offline synth, any
 * account), but a CloudFront-scoped WebACL exists only in us-east-1, so:
 *
 * - by default the WebACL is in this stack, and a template rule stops a deploy to any other
 *   region before anything is created: failing closed rather than silently serving the form
 *   without its rate limit;
 * - `-c webAclArn=<arn>` attaches a WebACL made elsewhere instead, for a stack in another region:
 *   deploy the edge stack (`tipline-<stage>-edge`, `-c edgeStack=true`, pinned to us-east-1, the
 *   same rules) and pass its `WebAclArn` output. No crossRegionReferences: it needs a concrete region on both
 *   stacks, which this one does not have;
 * - `-c wafEnabled=false` leaves the distribution without one, with a synth warning.
 */
export function attachEdgeFirewall(stack: Stack, distribution: Distribution, waf: WafSetting): EdgeFirewallChoice {
  if (waf.kind === 'off') {
    Annotations.of(distribution).addWarningV2(
      'tipline:wafDisabled',
      'wafEnabled=false: the public form and intake have no WAF rate limit, only the API stage throttle.',
    );
    // An option the app offers must synthesize: the choice is the operator's, and the warning
    // above says what it costs.
    acknowledge(distribution, {
      id: 'AwsSolutions-CFR2',
      reason:
        'Only with -c wafEnabled=false, a deliberate choice (a WAF costs a fixed monthly fee an NGO may not carry): the API stage ' +
        'throttle and the in-memory per-sender limits remain, and the synth warns that the WAF rate limit is gone.',
    });
    return { kind: 'off' };
  }
  if (waf.kind === 'imported') {
    distribution.attachWebAclId(waf.webAclArn);
    return { kind: 'imported', webAclArn: waf.webAclArn };
  }
  const firewall = new EdgeFirewall(stack, 'EdgeFirewall');
  distribution.attachWebAclId(firewall.webAcl.attrArn);
  new CfnRule(stack, 'EdgeFirewallNeedsUsEast1', {
    assertions: [
      {
        assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
        assertDescription:
          "The distribution's WAF (CLOUDFRONT scope) can only be created in us-east-1. Deploy this stack there, " +
          'or deploy the edge stack (tipline-<stage>-edge, -c edgeStack=true) and pass -c webAclArn=<its WebAclArn>, or turn the WAF off with -c wafEnabled=false.',
      },
    ],
  });
  return { kind: 'own', firewall };
}

/**
 * The same WebACL on its own, pinned to us-east-1, for a TiplineStack deployed elsewhere
 * (see attachEdgeFirewall). Only in the app with `-c edgeStack=true`, so that a plain
 * `cdk deploy` still names one stack.
 */
export class TiplineEdgeStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props?: Omit<StackProps, 'env'> & { env?: { account?: string }; mainStackName?: string }) {
    const { mainStackName = 'the main stack', ...stackProps } = props ?? {};
    super(scope, id, { ...stackProps, env: { ...stackProps.env, region: 'us-east-1' } });
    this.firewall = new EdgeFirewall(this, 'EdgeFirewall');
    new CfnOutput(this, 'WebAclArn', {
      value: this.firewall.webAcl.attrArn,
      description: `Pass to the main stack: cdk deploy ${mainStackName} -c webAclArn=<this>.`,
    });
  }
}
