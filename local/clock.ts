// The local stack's clock: the system's, plus an offset that POST /local/clock moves forward,
// so that paging deadlines (and report windows) fall due without waiting for them.
import type { Clock } from '../functions/core/ports';

export interface MovableClock {
  now: Clock;
  advance(ms: number): void;
  offsetMs(): number;
}

export function movableClock(): MovableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
    offsetMs: () => offset,
  };
}
