// Small state files of the local stack (the clock, held deadlines): written whole, through a
// temporary file and a rename, so that a stack killed mid-write leaves the previous version.
import { renameSync, writeFileSync } from 'node:fs';

export function writeJsonFile(path: string, value: unknown): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
