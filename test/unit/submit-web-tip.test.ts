// Web intake's one use case with in-memory ports: what is queued (redacted, stamped, with a
// receipt hash only when a receipt was asked for) and what the tipster is given back.
import { describe, expect, it } from 'vitest';
import { submitWebTip, type WebTipPorts, type WebTipSubmission } from '../../functions/core/intake/submit-web-tip';
import { hashReceiptCode, parseReceiptCode } from '../../functions/core/receipt';
import { tipReceivedSchema, type TipReceived } from '../../functions/core/tip';
import { countingSecret, movableClock, recordingQueue, recordingSealer } from '../support/fakes';

const NOW = '2026-11-27T07:00:00.000Z';
const PEPPER = 'receipt-pepper-for-tests';
const CODE = '4821093375610284';
const TEXT = 'hay una menor trabajando en un bar de la pampa, no la dejan salir';

function world(options: { receiptCode?: string } = {}) {
  const tips = recordingQueue<TipReceived>('tips');
  const clock = movableClock(NOW);
  const pepper = countingSecret(PEPPER, 'receiptPepper');
  const codesMade = { count: 0 };
  let ids = 0;
  const ports: WebTipPorts = {
    tips,
    sealEvidence: recordingSealer(),
    receiptPepper: pepper,
    newMessageId: () => `web_test-${++ids}`,
    now: clock.now,
    ...(options.receiptCode === undefined
      ? {}
      : {
          newReceiptCode: () => {
            codesMade.count += 1;
            return options.receiptCode!;
          },
        }),
  };
  return { ports, tips, clock, pepper, codesMade };
}

const submission = (overrides: Partial<WebTipSubmission> = {}): WebTipSubmission => ({ text: TEXT, receipt: false, ...overrides });

describe('submitWebTip: the receipt', () => {
  it('when asked for, is returned formatted in groups of four, and only its hash is queued', async () => {
    // Arrange
    const w = world({ receiptCode: CODE });

    // Act
    const result = await submitWebTip(submission({ receipt: true }), w.ports);

    // Assert
    expect(result.receipt).toBe('4821 0933 7561 0284');
    const [queued] = w.tips.sent;
    expect(queued?.receiptHash).toBe(await hashReceiptCode(CODE, PEPPER));
    expect(queued?.receiptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(w.tips.sent)).not.toContain(CODE);
    expect(JSON.stringify(w.tips.sent)).not.toContain('4821 0933');
  });

  it('is hashed with the pepper from its port (another pepper gives another hash)', async () => {
    // Arrange
    const w = world({ receiptCode: CODE });

    // Act
    const { tip } = await submitWebTip(submission({ receipt: true }), w.ports);

    // Assert
    expect(w.pepper.reads.count).toBe(1);
    expect(tip.receiptHash).not.toBe(await hashReceiptCode(CODE, 'another-pepper'));
  });

  it('when not asked for, is neither made nor returned, and no hash is queued', async () => {
    // Arrange
    const w = world({ receiptCode: CODE });

    // Act
    const result = await submitWebTip(submission({ receipt: false }), w.ports);

    // Assert
    expect('receipt' in result).toBe(false);
    expect(w.codesMade.count).toBe(0);
    expect(w.pepper.reads.count).toBe(0);
    expect(w.tips.sent).toHaveLength(1);
    expect('receiptHash' in w.tips.sent[0]!).toBe(false);
  });

  it('without an injected generator, is a fresh 16-digit code whose hash is the one queued', async () => {
    // Arrange
    const w = world();

    // Act
    const first = await submitWebTip(submission({ receipt: true }), w.ports);
    const second = await submitWebTip(submission({ receipt: true }), w.ports);

    // Assert
    expect(first.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    expect(first.receipt).not.toBe(second.receipt);
    expect(first.tip.receiptHash).toBe(await hashReceiptCode(parseReceiptCode(first.receipt!), PEPPER));
  });
});

describe('submitWebTip: the queued tip', () => {
  it("is a valid web TipReceived with the port's message id and the clock's time, and is what is returned", async () => {
    // Arrange
    const w = world();
    w.clock.advance(42_000);

    // Act
    const { tip } = await submitWebTip(submission(), w.ports);

    // Assert
    expect(w.tips.sent).toEqual([tip]);
    expect(tipReceivedSchema.safeParse(tip).success).toBe(true);
    expect(tip).toMatchObject({ type: 'TipReceived', version: 1, channel: 'web', messageId: 'web_test-1', receivedAt: '2026-11-27T07:00:42.000Z', text: TEXT });
    expect('contactKey' in tip).toBe(false);
  });

  it('takes a new message id from the port for every tip', async () => {
    // Arrange
    const w = world();

    // Act
    await submitWebTip(submission(), w.ports);
    await submitWebTip(submission(), w.ports);

    // Assert
    expect(w.tips.sent.map((t) => t.messageId)).toEqual(['web_test-1', 'web_test-2']);
  });

  it('is redacted: a phone number and an e-mail address in the text are not queued', async () => {
    // Arrange
    const w = world();
    const text = 'my sister is held at a bar in Mazuko, call +51 987 654 321 or write to rosa.quispe@gmail.com';

    // Act
    const { tip } = await submitWebTip(submission({ text }), w.ports);

    // Assert
    expect(tip.text).toBe('my sister is held at a bar in Mazuko, call [PHONE] or write to [EMAIL]');
    expect(tip.redactions).toEqual({ PHONE: 1, EMAIL: 1 });
    expect(JSON.stringify(w.tips.sent)).not.toMatch(/987\s?654\s?321|rosa\.quispe|gmail/);
  });

  it("carries the answer's followUpOf and the form's signals", async () => {
    // Arrange
    const w = world();

    // Act
    const { tip } = await submitWebTip(submission({ followUpOf: '7K2F9QXM', signals: { minor: 'yes', happeningNow: true } }), w.ports);

    // Assert
    expect(w.tips.sent[0]).toMatchObject({ followUpOf: '7K2F9QXM', signals: { minor: 'yes', happeningNow: true } });
    expect(tipReceivedSchema.safeParse(tip).success).toBe(true);
  });

  it('has no followUpOf or signals when none were given', async () => {
    // Arrange
    const w = world();

    // Act
    await submitWebTip(submission(), w.ports);

    // Assert
    const queued = w.tips.sent[0]!;
    expect('followUpOf' in queued).toBe(false);
    expect('signals' in queued).toBe(false);
  });

  it('keeps the language the page gave, whatever the text looks like', async () => {
    // Arrange
    const w = world();

    // Act
    const { tip } = await submitWebTip(submission({ text: 'my sister is held at the bar', lang: 'qu' }), w.ports);

    // Assert
    expect(tip.lang).toBe('qu');
  });

  it.each([
    ['es', TEXT],
    ['en', 'my sister is being held at a bar and they took her passport'],
    ['pt', 'minha filha de 15 anos esta trabalhando num bar e nao pode sair'],
  ] as const)('detects the language (%s) from the text when none was given', async (lang, text) => {
    // Arrange
    const w = world();

    // Act
    const { tip } = await submitWebTip(submission({ text }), w.ports);

    // Assert
    expect(tip.lang).toBe(lang);
  });

  it('replaces lone surrogates, which no queue can carry, with U+FFFD', async () => {
    // Arrange
    const w = world();

    // Act
    const { tip } = await submitWebTip(submission({ text: 'hay una menor \uD800 en el bar' }), w.ports);

    // Assert
    expect(tip.text).toBe('hay una menor \uFFFD en el bar');
  });

  it('a queue failure reaches the caller, so no receipt is shown for a tip that was not queued', async () => {
    // Arrange
    const w = world({ receiptCode: CODE });
    const failure = new Error('queue unavailable');
    w.tips.failWith(failure);

    // Act
    const result = submitWebTip(submission({ receipt: true }), w.ports);

    // Assert
    await expect(result).rejects.toBe(failure);
  });
});
