import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, seal, SealedValueInvalid } from '../../functions/adapters/envelope';
import { localDataKeys } from '../../local/data-keys';

const keys = localDataKeys(randomBytes(32).toString('hex'));
const context = { purpose: 'contact-vault', contactKey: 'a'.repeat(64) };

describe('envelope encryption', () => {
  it('opens what it sealed, and the sealed form holds nothing readable', async () => {
    const sealed = await seal(keys, 'whatsapp:+51987654321', context);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('987654321');
    expect(await open(keys, sealed, context)).toBe('whatsapp:+51987654321');
  });

  it('uses a fresh data key and IV each time', async () => {
    expect(await seal(keys, '+51987654321', context)).not.toBe(await seal(keys, '+51987654321', context));
  });

  it('does not open under another context: a value cannot be moved to another row or purpose', async () => {
    const sealed = await seal(keys, '+51987654321', context);
    await expect(open(keys, sealed, { ...context, contactKey: 'b'.repeat(64) })).rejects.toBeInstanceOf(SealedValueInvalid);
    await expect(open(keys, sealed, { purpose: 'twilio-cleanup' })).rejects.toBeInstanceOf(SealedValueInvalid);
    expect(await open(keys, sealed, { contactKey: context.contactKey, purpose: context.purpose })).toBe('+51987654321');
  });

  it('rejects tampering and another master key', async () => {
    const sealed = await seal(keys, '+51987654321', context);
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0]! ^= 1;
    await expect(open(keys, [...parts.slice(0, 3), flipped.toString('base64url'), parts[4]].join('.'), context)).rejects.toBeInstanceOf(SealedValueInvalid);
    await expect(open(localDataKeys(randomBytes(32).toString('hex')), sealed, context)).rejects.toBeInstanceOf(SealedValueInvalid);
    await expect(open(keys, 'v2.a.b.c.d', context)).rejects.toBeInstanceOf(SealedValueInvalid);
    await expect(open(keys, 'garbage', context)).rejects.toBeInstanceOf(SealedValueInvalid);
  });

  it('refuses a local master key of the wrong size', () => {
    expect(() => localDataKeys('abcd')).toThrow(/32 bytes/);
  });
});
