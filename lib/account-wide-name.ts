import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A name for what CloudFront keeps account-wide (response headers policies, origin access
 * controls): CloudFront is global, so a name CDK derives from the construct path alone is taken
 * by the same stage in a second region. The stack name carries the stage, the region the rest.
 * At most 20 + 22 characters before `what` (settings.ts keeps the stage short): an origin access
 * control allows 64 in all.
 */
export function accountWideName(scope: IConstruct, what: string): string {
  const stack = Stack.of(scope);
  return `${stack.stackName}-${stack.region}-${what}`;
}
