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

/**
 * Reads an optional boolean context value. `-c key=true` arrives as a string and cdk.json may
 * hold a real boolean; anything but true/false fails the synth rather than meaning "off".
 */
export function contextBoolean(scope: Construct, key: string): boolean | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`context value "${key}" must be true or false, got ${JSON.stringify(value)}`);
}

/** Reads an optional positive whole number, given as a number (cdk.json) or digits (`-c`). */
export function contextPositiveInteger(scope: Construct, key: string): number | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  if (value === undefined) return undefined;
  const parsed = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new Error(`context value "${key}" must be a positive whole number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
