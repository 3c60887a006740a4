import type { Construct } from 'constructs';

/** Reads an optional `-c key=value` / cdk.json context string; a wrong type fails the synth. */
export function contextString(scope: Construct, key: string): string | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`context value "${key}" must be a non-empty string`);
  }
  return value.trim();
}
