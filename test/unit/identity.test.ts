import { describe, expect, it } from 'vitest';
import { contactKey, InvalidSenderAddress, normaliseSenderAddress, smsMessageId } from '../../functions/core/contact-key';
import { formatReceiptCode, hashReceiptCode, InvalidReceiptCode, newReceiptCode, parseReceiptCode } from '../../functions/core/receipt';
import { messageSidSchema } from '../../functions/core/tip';

const SECRET = 's'.repeat(64);

describe('contact key', () => {
  it.each([
    ['+51987654321', '+51987654321'],
    ['whatsapp:+51987654321', '+51987654321'],
    ['WhatsApp:+51 987 654 321', '+51987654321'],
    [' +51-987-654-321 ', '+51987654321'],
  ])('normalises %s', (from, e164) => {
    expect(normaliseSenderAddress(from)).toBe(e164);
  });

  it.each(['987654321', 'hello', '', 'whatsapp:', '+0123', '+51987654321999999'])('rejects %j', (from) => {
    expect(() => normaliseSenderAddress(from)).toThrow(InvalidSenderAddress);
  });

  it('is the same for SMS and WhatsApp from one phone, different across phones and secrets', () => {
    const sms = contactKey('+51987654321', SECRET);
    expect(contactKey('whatsapp:+51987654321', SECRET)).toBe(sms);
    expect(contactKey('+51987654322', SECRET)).not.toBe(sms);
    expect(contactKey('+51987654321', 't'.repeat(64))).not.toBe(sms);
    expect(sms).toMatch(/^[0-9a-f]{64}$/);
    expect(sms).not.toContain('987654321');
  });

  it('keys message ids so they cannot be joined with Twilio records', () => {
    const sid = messageSidSchema.parse(`SM${'0'.repeat(32)}`);
    const id = smsMessageId(sid, SECRET);
    expect(id).toMatch(/^sms_[0-9a-f]{40}$/);
    expect(id).not.toContain(sid);
    expect(smsMessageId(sid, SECRET)).toBe(id);
  });
});

describe('receipt codes', () => {
  it('are 16 digits, shown in groups of four', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^\d{16}$/);
    expect(formatReceiptCode('1234567890123456')).toBe('1234 5678 9012 3456');
  });

  it('parse back from what a person types', () => {
    expect(parseReceiptCode(' 1234 5678-9012 3456 ')).toBe('1234567890123456');
    expect(() => parseReceiptCode('1234')).toThrow(InvalidReceiptCode);
  });

  it('hash slowly and deterministically under a pepper, never containing the code', async () => {
    const hash = await hashReceiptCode('1234 5678 9012 3456', 'p'.repeat(64));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashReceiptCode('1234567890123456', 'p'.repeat(64))).toBe(hash);
    expect(await hashReceiptCode('1234567890123456', 'q'.repeat(64))).not.toBe(hash);
    expect(hash).not.toContain('1234567890123456');
  });
});

describe('wellFormed', () => {
  it('replaces lone surrogates and keeps pairs', async () => {
    const { wellFormed } = await import('../../functions/core/intake/tip-from');
    expect(wellFormed('a\ud800b')).toBe('a\ufffdb');
    expect(wellFormed('a\udc00')).toBe('a\ufffd');
    expect(wellFormed('niña 😀')).toBe('niña 😀');
  });
});
