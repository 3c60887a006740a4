// The local stack's clock: the system's, plus an offset that POST /local/clock moves, so that
// paging deadlines (and report windows) fall due without waiting for them. The offset is kept
// in the data folder, so that a restart does not send the stack back in time past deadlines
// it has already acted on.
import { existsSync, readFileSync } from 'node:fs';
import type { Clock } from '../functions/core/ports';
import { writeJsonFile } from './json-file';

export interface MovableClock {
  now: Clock;
  /** false on the wall clock (TIPLINE_LOCAL_CLOCK=wall): advance does nothing. */
  movable: boolean;
  /** Moves the clock by ms (negative moves it back), never behind the wall clock. */
  advance(ms: number): void;
  offsetMs(): number;
  /** Called after every move, e.g. to hand over delayed jobs that have just fallen due. */
  onMove(listener: () => void): void;
}

/** Reads a kept offset; a missing or unreadable file starts at the wall clock. */
function keptOffset(file: string | undefined): number {
  if (file === undefined || !existsSync(file)) return 0;
  try {
    const offset = (JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs;
    return typeof offset === 'number' && Number.isFinite(offset) && offset > 0 ? offset : 0;
  } catch {
    return 0;
  }
}

export function movableClock(options: { file?: string } = {}): MovableClock {
  let offset = keptOffset(options.file);
  const listeners: Array<() => void> = [];
  return {
    now: () => new Date(Date.now() + offset),
    movable: true,
    advance: (ms) => {
      offset = Math.max(0, offset + ms);
      if (options.file !== undefined) writeJsonFile(options.file, { offsetMs: offset });
      for (const listener of listeners) listener();
    },
    offsetMs: () => offset,
    onMove: (listener) => void listeners.push(listener),
  };
}

/** The system's clock, as in AWS: paging deadlines are plain SQS delays. */
export function wallClock(): MovableClock {
  return { now: () => new Date(), movable: false, advance: () => undefined, offsetMs: () => 0, onMove: () => undefined };
}
