// The receipt inbox's limits (core/receipt-inbox): attempts at one code are counted whatever the
// address, so a code cannot be tried slowly from many addresses and one tipster's refreshes
// never touch another's; an address is charged only for wrong codes, so tipsters behind one
// carrier address (CG-NAT) cannot lock each other out by reading their own inboxes.
import { describe, expect, it } from 'vitest';
import { INTAKE_LIMITS } from '../../functions/config/defaults';
import { SenderLimiter } from '../../functions/core/rate-limit';
import { InvalidReceiptCode } from '../../functions/core/receipt';
import { attemptWindow, codeAttemptKey, InboxBusy, openInbox, WrongReceipt, type InboxPorts } from '../../functions/core/receipt-inbox';
import type { StoredMessage } from '../../functions/core/tip-record';

const PEPPER = 'a-receipt-pepper-of-the-deployment';
const RIGHT = '1234 5678 9012 3456';
const OTHER_RIGHT = '6543 2109 8765 4321';
const WRONG = '0000 0000 0000 0001';
const PER_CODE = INTAKE_LIMITS.inboxAttemptsPerCode;
const PER_SENDER = INTAKE_LIMITS.inboxFailuresPerSender;
// A minute into a ten-minute window, so that nothing here straddles two windows.
const NOW = new Date(Math.floor(Date.parse('2026-03-01T14:00:00Z') / PER_CODE.windowMs) * PER_CODE.windowMs + 60_000);

/** What every instance shares (the per-code counts and the receipts), and what each keeps in memory (the per-address counts). */
function world() {
  const counts = new Map<string, number>();
  const hashed: string[] = [];
  const receipts = new Map([
    [`h:${RIGHT.replace(/\s/g, '')}`, 'TIP00001'],
    [`h:${OTHER_RIGHT.replace(/\s/g, '')}`, 'TIP00002'],
  ]);
  const thread: StoredMessage[] = [
    { messageId: 'm2', tipId: 'TIP00001', channel: 'web', lang: 'es', text: '¿Dónde está?', receivedAt: '2026-03-01T13:00:00Z', redactions: {}, kind: 'out' },
    { messageId: 'm1', tipId: 'TIP00001', channel: 'web', lang: 'es', text: 'mi hija', receivedAt: '2026-03-01T12:00:00Z', redactions: {} },
    { messageId: 'm3', tipId: 'TIP00001', channel: 'web', lang: 'es', text: 'nota interna', receivedAt: '2026-03-01T13:30:00Z', redactions: {}, kind: 'note' },
  ] as StoredMessage[];
  const instance = () => new SenderLimiter(PER_SENDER.limit, PER_SENDER.windowMs);
  const ports = (limiter: SenderLimiter, address: string): InboxPorts => ({
    hash: async (code) => {
      hashed.push(code);
      return `h:${code}`;
    },
    tipFor: async (hash) => receipts.get(hash),
    thread: async (tipId) => thread.filter((m) => m.tipId === tipId),
    sender: limiter.budgetOf(address),
    countCodeAttempt: async (key, windowStart) => {
      const at = `${key}#${windowStart.toISOString()}`;
      counts.set(at, (counts.get(at) ?? 0) + 1);
      return counts.get(at)!;
    },
    codeKey: async (hash) => codeAttemptKey(hash, PEPPER),
    perCode: PER_CODE,
  });
  return { counts, hashed, instance, ports };
}

const outcome = (attempt: Promise<unknown>): Promise<string> =>
  attempt.then(
    () => 'open',
    (error: unknown) => (error instanceof InboxBusy ? 'busy' : error instanceof WrongReceipt ? 'wrong' : String(error)),
  );

describe('attempts at one receipt code', () => {
  it(`are limited to ${PER_CODE.limit} a window whatever the address, and whichever instance answers`, async () => {
    const w = world();
    const instances = [w.instance(), w.instance()];
    const results: string[] = [];
    for (let i = 0; i < PER_CODE.limit; i++) results.push(await outcome(openInbox(RIGHT, w.ports(instances[i % 2]!, `10.0.${i}.1`), NOW)));
    expect(results.every((r) => r === 'open')).toBe(true);
    // One more, from a fresh address on either instance: refused, with the time left in the window.
    const refused = await openInbox(RIGHT, w.ports(instances[0]!, '10.9.9.9'), NOW).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InboxBusy);
    expect((refused as InboxBusy).retryAfterSeconds).toBe(9 * 60);
    expect((refused as InboxBusy).retryAfterMinutes).toBe(9);
    // Another tipster's code is untouched: one tipster's refreshes never lock out another.
    expect(await outcome(openInbox(OTHER_RIGHT, w.ports(instances[0]!, '10.9.9.9'), NOW))).toBe('open');
    // And the next window starts afresh.
    expect(await outcome(openInbox(RIGHT, w.ports(instances[1]!, '10.9.9.9'), new Date(NOW.getTime() + PER_CODE.windowMs)))).toBe('open');
  });

  it('are counted for wrong codes too, so that a refusal never tells whether a code exists', async () => {
    const w = world();
    const results: string[] = [];
    for (let i = 0; i <= PER_CODE.limit; i++) results.push(await outcome(openInbox(WRONG, w.ports(w.instance(), `10.1.${i}.1`), NOW)));
    expect(results.slice(0, PER_CODE.limit).every((r) => r === 'wrong')).toBe(true);
    expect(results.at(-1)).toBe('busy');
  });

  it('are counted under a keyed hash of the slow hash: never the code, never the hash the Receipts table holds', async () => {
    const w = world();
    await openInbox(RIGHT, w.ports(w.instance(), '10.0.0.1'), NOW);
    const [stored] = [...w.counts.keys()];
    const digits = RIGHT.replace(/\s/g, '');
    expect(stored).not.toContain(digits);
    expect(stored).not.toContain(`h:${digits}`);
    expect(stored!.startsWith(codeAttemptKey(`h:${digits}`, PEPPER))).toBe(true);
    expect(codeAttemptKey(`h:${digits}`, 'another-pepper')).not.toBe(codeAttemptKey(`h:${digits}`, PEPPER));
  });
});

describe('an address', () => {
  it('is never charged for a right code: a tipster behind a shared address opens and refreshes as often as the code allows', async () => {
    const w = world();
    const shared = w.instance();
    // Two tipsters behind one carrier address, far more opens than the address's limit.
    for (let i = 0; i < PER_CODE.limit; i++) {
      expect(await outcome(openInbox(RIGHT, w.ports(shared, '100.64.0.1'), NOW))).toBe('open');
      expect(await outcome(openInbox(OTHER_RIGHT, w.ports(shared, '100.64.0.1'), NOW))).toBe('open');
    }
  });

  it(`is refused after ${PER_SENDER.limit} wrong codes, before the slow hash, right codes included, with the time left; other addresses are not`, async () => {
    const w = world();
    const instance = w.instance();
    for (let i = 0; i < PER_SENDER.limit; i++) expect(await outcome(openInbox(WRONG, w.ports(instance, '198.51.100.7'), NOW))).toBe('wrong');
    const hashedBefore = w.hashed.length;
    const refused = await openInbox(RIGHT, w.ports(instance, '198.51.100.7'), new Date(NOW.getTime() + 30_000)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InboxBusy);
    expect((refused as InboxBusy).retryAfterSeconds).toBe(PER_SENDER.windowMs / 1000 - 30);
    expect(w.hashed.length).toBe(hashedBefore);
    expect(await outcome(openInbox(WRONG, w.ports(instance, '198.51.100.8'), NOW))).toBe('wrong');
  });

  it('is charged before the slow hash, so parallel wrong guesses cannot all slip in before the first is counted', async () => {
    const w = world();
    const instance = w.instance();
    const burst = await Promise.all(Array.from({ length: 50 }, () => outcome(openInbox(WRONG, w.ports(instance, '203.0.113.5'), NOW))));
    expect(burst.filter((r) => r === 'wrong')).toHaveLength(PER_SENDER.limit);
    expect(burst.filter((r) => r === 'busy')).toHaveLength(50 - PER_SENDER.limit);
  });

  it('is not charged for a code that is not 16 digits: that guesses nothing', async () => {
    const w = world();
    const instance = w.instance();
    for (let i = 0; i < PER_SENDER.limit * 2; i++)
      await expect(openInbox('1234', w.ports(instance, '198.51.100.9'), NOW)).rejects.toBeInstanceOf(InvalidReceiptCode);
    expect(await outcome(openInbox(WRONG, w.ports(instance, '198.51.100.9'), NOW))).toBe('wrong');
    expect(w.hashed).toHaveLength(1);
  });
});

describe('the inbox opened', () => {
  it('shows the tipster their messages and the replies in order, never staff notes', async () => {
    const w = world();
    const opened = await openInbox(RIGHT, w.ports(w.instance(), '10.0.0.1'), NOW);
    expect(opened.tipId).toBe('TIP00001');
    expect(opened.entries.map((e) => [e.kind, e.text])).toEqual([
      ['in', 'mi hija'],
      ['out', '¿Dónde está?'],
    ]);
  });
});

describe('the refusal', () => {
  it('says when to try again, in seconds and in whole minutes rounded up', () => {
    expect(new InboxBusy(61_000).retryAfterMinutes).toBe(2);
    expect(new InboxBusy(1).retryAfterSeconds).toBe(1);
    expect(new InboxBusy(1).retryAfterMinutes).toBe(1);
    const busy = new InboxBusy(720_000);
    expect(busy.status).toBe(429);
    expect(busy.headers()).toEqual({ 'retry-after': '720' });
    expect(busy.body()).toEqual({ retryAfterSeconds: 720 });
  });

  it('comes at the end of a fixed window that every instance agrees on', () => {
    const { start, end } = attemptWindow(new Date(NOW.getTime() + 123_456), PER_CODE.windowMs);
    expect(start.getTime() % PER_CODE.windowMs).toBe(0);
    expect(end.getTime() - start.getTime()).toBe(PER_CODE.windowMs);
  });
});
