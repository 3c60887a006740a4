// A port in use is the commonest start-up failure; say which and what to do.
import { createServer } from 'node:net';

export class PortInUse extends Error {
  override name = 'PortInUse';
  constructor(port: number, what: string, envName: string) {
    super(
      `Port ${port} (${what}) is already in use, perhaps by an earlier tipline still running. Stop that program, or choose another port with ${envName}=<port>.`,
    );
  }
}

export function assertPortFree(port: number, what: string, envName: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUse(port, what, envName) : error);
    });
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve()));
  });
}
