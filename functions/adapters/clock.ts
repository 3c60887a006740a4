// The time the paging function decides with, and the operator API counts its reports back
// from. In AWS it is the system clock. The local stack can point it at a file holding an offset
// in milliseconds, so that its tests move time past a deadline instead of sleeping through it.
import { readFileSync } from 'node:fs';
import { ENV } from '../config/env-names';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Read on every call: it is a few bytes, and a test expects a move of the clock to apply at once. */
export function offsetFileClock(path: string): Clock {
  return () => {
    let offset = 0;
    try {
      offset = Number(readFileSync(path, 'utf8').trim()) || 0;
    } catch {
      // no file yet: no offset
    }
    return new Date(Date.now() + offset);
  };
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const file = env[ENV.clockOffsetFile];
  return file ? offsetFileClock(file) : systemClock;
}
