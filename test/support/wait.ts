// Waiting for a condition with a deadline, never for a fixed time: a negative check after a
// fixed sleep passes on a slow machine without proving anything, and a positive one flakes.
export interface WaitOptions {
  /** What is awaited, for the failure message: "the tip in the operator queue". */
  what: string | (() => string);
  /** How long the condition may take before the test fails. */
  timeoutMs?: number;
  /** How long to pause between two checks. */
  intervalMs?: number;
}

type NotYet = undefined | null | false;

/**
 * Checks `condition` until it gives a value other than undefined, null or false, and resolves
 * with that value. A check that throws counts as "not yet"; if time runs out, the failure
 * names what was awaited and quotes the last error. The last check is made at the deadline.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitOptions): Promise<Exclude<T, NotYet>> {
  const { timeoutMs = 15_000, intervalMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, NotYet>;
      lastError = undefined;
    } catch (error: unknown) {
      lastError = error;
    }
    const left = deadline - Date.now();
    if (left <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
  }
  const what = typeof options.what === 'function' ? options.what() : options.what;
  const cause = lastError instanceof Error ? ` (last check threw: ${lastError.message})` : '';
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
}
