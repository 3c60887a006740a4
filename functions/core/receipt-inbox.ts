// The receipt inbox: with the code they wrote down, a web tipster reads what operators asked
// and what they themselves wrote, and can answer. Staff notes never reach it.
//
// Two limits, so that guessing stays slow without tipsters locking each other out: a sender's
// address is charged only for wrong codes (many tipsters share one carrier address, CG-NAT, and
// each reads their own inbox often), and every attempt at one code counts against that code,
// whatever the address and whichever instance answers it.
import { createHmac } from 'node:crypto';
import { ClientError } from './errors';
import type { AttemptBudget } from './rate-limit';
import { parseReceiptCode } from './receipt';
import type { StoredMessage } from './tip-record';

export class WrongReceipt extends ClientError {
  override name = 'WrongReceipt';
  readonly status = 401;
  readonly code = 'wrong_receipt';
  constructor() {
    super('That receipt code does not match any tip. Check the 16 digits and try again.');
  }
}

/** Too many attempts from this address, or at this code: the answer says when to try again. */
export class InboxBusy extends ClientError {
  override name = 'InboxBusy';
  readonly status = 429;
  readonly code = 'too_many_attempts';
  readonly retryAfterSeconds: number;
  constructor(retryAfterMs: number) {
    super('Too many attempts in a short time; try again later. If someone is in danger now, call the police.');
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  }
  /** Whole minutes, rounded up, as the tipster is told. */
  get retryAfterMinutes(): number {
    return Math.ceil(this.retryAfterSeconds / 60);
  }
  override body() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
  override headers() {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}

export interface InboxEntry {
  kind: 'in' | 'out';
  at: string;
  text: string;
}

export interface InboxLimit {
  limit: number;
  windowMs: number;
}

export interface InboxPorts {
  /** The code's slow keyed hash (scrypt under the pepper), as the Receipts table holds it. */
  hash(code: string): Promise<string>;
  tipFor(receiptHash: string): Promise<string | undefined>;
  thread(tipId: string): Promise<StoredMessage[]>;
  /** The caller's address, charged for each attempt and given back when the code was right. */
  sender: AttemptBudget;
  /**
   * Counts one attempt under `codeKey` in the window that starts at `windowStart`, where every
   * instance sees it, and answers the attempts in that window so far, this one included.
   */
  countCodeAttempt(codeKey: string, windowStart: Date, keepUntil: Date): Promise<number>;
  /** Keys a receipt hash for the attempt count (codeAttemptKey), so that the count cannot be joined to the Receipts table. */
  codeKey(receiptHash: string): Promise<string>;
  perCode: InboxLimit;
}

/** The key attempts at one code are counted under: an HMAC of its slow hash, never the code or the hash itself. */
export function codeAttemptKey(receiptHash: string, pepper: string): string {
  const key = createHmac('sha256', pepper).update('tipline inbox attempts v1').digest();
  return createHmac('sha256', key).update(receiptHash).digest('base64url');
}

/** Fixed windows aligned on the epoch, so every instance counts one code in the same window. */
export function attemptWindow(now: Date, windowMs: number): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}

export async function openInbox(code: string, ports: InboxPorts, now: Date): Promise<{ tipId: string; entries: InboxEntry[] }> {
  // A malformed code is no guess at anything: refused before any limit or hash.
  const digits = parseReceiptCode(code);
  // Charged before the slow hash and given back only for a right code, so that a burst of
  // parallel wrong guesses cannot all pass before the first is counted.
  const senderWait = ports.sender.take(now);
  if (senderWait > 0) throw new InboxBusy(senderWait);
  const receiptHash = await ports.hash(digits);
  // Counted for wrong codes too, so that a refusal here says nothing about whether the code exists.
  const window = attemptWindow(now, ports.perCode.windowMs);
  const attempts = await ports.countCodeAttempt(await ports.codeKey(receiptHash), window.start, window.end);
  if (attempts > ports.perCode.limit) throw new InboxBusy(window.end.getTime() - now.getTime());
  const tipId = await ports.tipFor(receiptHash);
  if (!tipId) throw new WrongReceipt();
  ports.sender.giveBack(now);
  const entries = (await ports.thread(tipId))
    .filter((m) => (m.kind ?? 'in') !== 'note')
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((m) => ({ kind: (m.kind ?? 'in') as 'in' | 'out', at: m.receivedAt, text: m.text }));
  return { tipId, entries };
}
