// The app as `cdk synth` builds it, in one place so that bin/app.ts and the tests that check the
// deploy path (every `-c` option the README names) build exactly the same stacks.
import type { App } from 'aws-cdk-lib';
import { TiplineEdgeStack } from './edge-firewall';
import { edgeStackNameFor, readSettings, stackNameFor, type TiplineSettings } from './settings';
import { TiplineStack } from './tipline-stack';

export interface TiplineApp {
  settings: TiplineSettings;
  main: TiplineStack;
  /** Only with `edgeStack=true`. */
  edge: TiplineEdgeStack | undefined;
}

/**
 * The stacks of one stage: `tipline-<stage>` and, on request, `tipline-<stage>-edge`. The stack
 * id is the stack name, so that `cdk deploy tipline-staging` names what it deploys and two
 * stages never share a CloudFormation stack in one account and region.
 */
export function buildTiplineApp(app: App): TiplineApp {
  const settings = readSettings(app);
  const main = new TiplineStack(app, stackNameFor(settings.stage), {
    description: `tipline (${settings.stage}): anonymous tip line for human-trafficking reports`,
    settings,
  });
  // Only on request, so that a plain `cdk deploy` still names a single stack.
  const edge = settings.edgeStack
    ? new TiplineEdgeStack(app, edgeStackNameFor(settings.stage), {
        description: `tipline (${settings.stage}): the WAF WebACL in front of the CloudFront distribution (us-east-1)`,
        mainStackName: main.stackName,
      })
    : undefined;
  return { settings, main, edge };
}
