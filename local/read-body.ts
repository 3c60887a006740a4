// A request body read whole, up to a limit: the local servers answer 413 past it, as API
// Gateway and Twilio do, without holding more than the limit in memory.
import type { IncomingMessage } from 'node:http';

export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limitBytes ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
