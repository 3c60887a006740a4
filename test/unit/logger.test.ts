import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowedFields, createLogger, errorName, type LogFields } from '../../functions/adapters/logger';

afterEach(() => vi.restoreAllMocks());

describe('log fields', () => {
  it('keeps only allow-listed fields, whatever a caller smuggles in', () => {
    const smuggled = { tipId: 'ABCDEFGH', From: '+51987654321', body: 'mi hija', event: { headers: {} }, count: 2 } as unknown as LogFields;
    expect(allowedFields(smuggled)).toEqual({ tipId: 'ABCDEFGH', count: 2 });
  });

  it('drops objects and truncates long strings in allowed fields', () => {
    const fields = { outcome: { nested: '+51987654321' }, route: 'x'.repeat(500) } as unknown as LogFields;
    const out = allowedFields(fields);
    expect(out.outcome).toBeUndefined();
    expect(String(out.route)).toHaveLength(80);
  });

  it('writes one JSON line without anything but the message and allowed fields', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    vi.spyOn(console, 'info').mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
    createLogger('test').info('tip queued', { channel: 'sms', From: '+51987654321' } as unknown as LogFields);
    const output = lines.join('\n');
    expect(output).toContain('tip queued');
    expect(output).not.toContain('987654321');
  });

  it('names errors without their messages', () => {
    const error = new TypeError('could not parse +51987654321');
    expect(errorName(error)).toBe('TypeError');
    expect(errorName('boom')).toBe('string');
  });
});
