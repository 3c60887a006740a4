import { describe, expect, it } from 'vitest';
import { acknowledgement, parseEmergencyNumbers } from '../../functions/core/acknowledgement';
import { detectLanguage } from '../../functions/core/language';

describe('language of the answer', () => {
  it.each([
    ['mi hija de 15 esta en un bar', 'es'],
    ['hola', 'es'],
    ['', 'es'],
    ['12345', 'es'],
    ['they took my passport at the bar and say i owe 3000 soles', 'en'],
    ['Please help. A 15-year-old girl is being held', 'en'],
    ["Warmi wawaymi 14 watayuq, mina nisqapi llamk'achkan, maqanku. Yanapawaychik", 'qu'],
    ['imaynalla, yanapawaychik', 'qu'],
  ] as const)('%j -> %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('acknowledgement', () => {
  const numbers = parseEmergencyNumbers('105:Policía,1818:Línea contra la trata');

  it('parses the configured emergency numbers and ignores junk', () => {
    expect(numbers).toEqual([
      { number: '105', label: 'Policía' },
      { number: '1818', label: 'Línea contra la trata' },
    ]);
    expect(parseEmergencyNumbers('abc, ,911')).toEqual([{ number: '911', label: '' }]);
  });

  it.each(['es', 'en', 'qu'] as const)('in %s it is short and carries the emergency numbers', (lang) => {
    const text = acknowledgement(lang, numbers);
    expect(text).toContain('105');
    expect(text).toContain('1818');
    // Two SMS segments at most on a cheap phone (UCS-2 segments are 67 characters).
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it('says nothing about trafficking, in case someone else reads the phone', () => {
    for (const lang of ['es', 'en', 'qu'] as const) expect(acknowledgement(lang, numbers)).not.toMatch(/trata de personas|trafficking|denuncia/i);
  });
});
