import { Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Shortest reason an acknowledgement may carry. Long enough that "not needed" or "false
 * positive" do not pass: a reason has to say what is different here.
 */
export const MIN_ACKNOWLEDGEMENT_REASON = 20;

/**
 * The two cdk-nag packs the app is checked against. cdk-nag 3 runs them as CDK validation
 * plugins (not aspects): an unacknowledged error stops `cdk synth`, and the test calls
 * `validateScope` on the same packs. Acknowledgements are copied into each resource's
 * `cdk_nag` metadata, so the template itself says which rule was waived and why.
 */
export function nagPacks(scope: IConstruct): NagPack[] {
  return [new AwsSolutionsChecks(scope, { verbose: true, writeSuppressionsToCloudFormation: true }), new ServerlessChecks(scope, { verbose: true })];
}

export interface NagAcknowledgement {
  /** The rule id as cdk-nag reports it, with the finding in brackets when it has one. */
  id: string;
  reason: string;
}

/**
 * The only way this app waives a cdk-nag rule: on the construct that owns the resource, with a
 * reason. Never on a stack (every resource under it would be waived, present and future).
 */
export function acknowledge(scope: IConstruct, ...rules: [NagAcknowledgement, ...NagAcknowledgement[]]): void {
  if (Stack.isStack(scope) || scope.node.scope === undefined) {
    throw new Error(`cdk-nag rules are acknowledged on resources, not on ${scope.node.path || 'the app'}`);
  }
  for (const rule of rules) {
    if (rule.reason.trim().length < MIN_ACKNOWLEDGEMENT_REASON) {
      throw new Error(`acknowledging ${rule.id} on ${scope.node.path} needs a reason of at least ${MIN_ACKNOWLEDGEMENT_REASON} characters`);
    }
  }
  Validations.of(scope).acknowledge(...rules);
}
