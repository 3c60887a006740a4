// The receipt inbox: with the code they wrote down, a web tipster reads what operators asked
// and what they themselves wrote, and can answer. Staff notes never reach it.
import { ClientError } from './errors';
import type { StoredMessage } from './tip-record';

export class WrongReceipt extends ClientError {
  override name = 'WrongReceipt';
  readonly status = 401;
  readonly code = 'wrong_receipt';
  constructor() {
    super('That receipt code does not match any tip. Check the 16 digits and try again.');
  }
}

export interface InboxEntry {
  kind: 'in' | 'out';
  at: string;
  text: string;
}

export interface InboxPorts {
  hash(code: string): Promise<string>;
  tipFor(receiptHash: string): Promise<string | undefined>;
  thread(tipId: string): Promise<StoredMessage[]>;
}

export async function openInbox(code: string, ports: InboxPorts): Promise<{ tipId: string; entries: InboxEntry[] }> {
  const tipId = await ports.tipFor(await ports.hash(code));
  if (!tipId) throw new WrongReceipt();
  const entries = (await ports.thread(tipId))
    .filter((m) => (m.kind ?? 'in') !== 'note')
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((m) => ({ kind: (m.kind ?? 'in') as 'in' | 'out', at: m.receivedAt, text: m.text }));
  return { tipId, entries };
}
