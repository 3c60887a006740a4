// The machine the figures were measured on: they mean little without it.
import { cpus, totalmem, platform, arch, release } from 'node:os';

export function machineLines(): string[] {
  const cpu = cpus();
  return [
    `cpu      ${cpu[0]?.model ?? 'unknown'} (${cpu.length} logical cores)`,
    `memory   ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `os       ${platform()} ${release()} ${arch()}`,
    `node     ${process.version}`,
  ];
}
