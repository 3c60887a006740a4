// Timing helpers: nanosecond clock, percentiles by rank (no interpolation, so p99 is a real run).
export const now = (): bigint => process.hrtime.bigint();

export function percentile(sortedNs: readonly number[], p: number): number {
  if (sortedNs.length === 0) return Number.NaN;
  const rank = Math.min(sortedNs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedNs.length) - 1));
  return sortedNs[rank]!;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

/** p50, p99 and mean of samples in nanoseconds, reported in microseconds. */
export function summarise(samplesNs: number[]): Summary {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  return { n: sorted.length, p50: percentile(sorted, 50) / 1e3, p99: percentile(sorted, 99) / 1e3, mean: total / sorted.length / 1e3 };
}

/** Runs fn once and returns its duration in nanoseconds. */
export function time(fn: () => unknown): number {
  const t0 = now();
  fn();
  return Number(now() - t0);
}

export const us = (x: number): string => `${x.toFixed(1).padStart(8)} µs`;
