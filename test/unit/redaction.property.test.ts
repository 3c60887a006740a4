// Property-based: Peruvian phones, landlines, DNIs and e-mails in many written forms,
// embedded in Spanish sentences, never survive redaction.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

const SETTINGS = { seed: 20240611, numRuns: 300 };

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digitString = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

const mobile = digitString(8).map((d) => `9${d}`);
const landline = fc.tuple(fc.constantFrom('82', '84', '1', '54', '51'), digitString(6)).map(([a, n]) => ({ area: a, local: n }));
const dni = digitString(8);

const separator = fc.constantFrom(' ', '.', '-', '', ' - ');

/** Splits a digit string into groups the way people write phones: 3-3-3, 1-4-4, 2-3-4, singles. */
const grouped = (d: string) =>
  fc.tuple(fc.constantFrom([3, 3, 3], [1, 4, 4], [2, 3, 4], [3, 6], [9], [1, 1, 1, 1, 1, 1, 1, 1, 1], [4, 4], [2, 2, 2, 2]), separator).map(([sizes, sep]) => {
    const parts: string[] = [];
    let at = 0;
    for (const s of sizes) {
      if (at >= d.length) break;
      parts.push(d.slice(at, at + s));
      at += s;
    }
    if (at < d.length) parts.push(d.slice(at));
    return parts.join(sep);
  });

const mobileWritten = mobile.chain((m) =>
  fc.tuple(fc.constant(m), grouped(m), fc.constantFrom('', '+51 ', '+51', '0051 ', '(+51) ', '51')).map(([raw, g, prefix]) => ({
    raw,
    written: prefix + g,
  })),
);

const landlineWritten = landline.chain(({ area, local }) =>
  fc
    .constantFrom(
      `(0${area}) ${local}`,
      `0${area}-${local}`,
      `0${area} ${local}`,
      `+51 ${area} ${local}`,
      `(0${area}) ${local.slice(0, 3)} ${local.slice(3)}`,
      `0${area}${local}`,
    )
    .map((written) => ({ raw: local, written })),
);

const dniWritten = dni.chain((d) =>
  fc
    .constantFrom(
      d,
      d.split('').join(' '),
      `${d.slice(0, 4)} ${d.slice(4)}`,
      `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5)}`,
      `${d}-${(Number(d[7]) + 3) % 10}`,
      `${d.slice(0, 4)}-${d.slice(4)}`,
    )
    .map((written) => ({ raw: d, written })),
);

const localPart = fc.stringMatching(/^[a-z][a-z0-9]{1,8}(?:[._-][a-z0-9]{1,6})?$/);
const domain = fc.constantFrom('gmail.com', 'hotmail.com', 'yahoo.es', 'outlook.com', 'mail.gob.pe', 'example.org');
const emailWritten = fc
  .tuple(localPart, domain)
  .chain(([l, d]) =>
    fc
      .constantFrom(
        `${l}@${d}`,
        `${l.toUpperCase()}@${d.toUpperCase()}`,
        `${l} arroba ${d.replace(/\./g, ' punto ')}`,
        `${l}(at)${d.replace(/\./g, '(dot)')}`,
        `${l} at ${d.replace(/\./g, ' dot ')}`,
      )
      .map((written) => ({ raw: l, written })),
  );

const before = fc.constantFrom(
  'mi cel es ',
  'llamame al ',
  'escribanme ',
  'mi numero ',
  'el dni de mi hija es ',
  'contacto: ',
  '',
  'ayuda ',
  'wsp ',
  'mi correo es ',
);
const after = fc.constantFrom('', '.', ', mi hija de 15 esta en un bar en mazuko', ' por favor', ' urgente!!', '\nayuda');

const inSentence = (id: fc.Arbitrary<{ raw: string; written: string }>) =>
  fc.tuple(before, id, after).map(([b, x, a]) => ({ raw: x.raw, text: `${b}${x.written}${a}` }));

const digitsOnly = (s: string) => s.replace(/\D/g, '');

describe('redactIdentifiers properties', () => {
  it.each([
    ['mobile phones', mobileWritten],
    ['landlines', landlineWritten],
    ['DNIs', dniWritten],
  ] as const)('never lets the digits of %s survive', (_name, arb) => {
    fc.assert(
      fc.property(inSentence(arb), ({ raw, text }) => {
        const out = redactIdentifiers(text).text;
        expect(digitsOnly(out)).not.toContain(raw);
      }),
      SETTINGS,
    );
  });

  it('replaces a whole e-mail, however it is written, and nothing around it', () => {
    fc.assert(
      fc.property(before, emailWritten, after, (b, email, a) => {
        const out = redactIdentifiers(`${b}${email.written}${a}`).text;
        expect(out).toBe(`${b}[EMAIL]${a}`);
      }),
      SETTINGS,
    );
  });

  it('keeps kilometre markers, ages and money next to a redacted phone', () => {
    fc.assert(
      fc.property(
        mobileWritten,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 10, max: 17 }),
        fc.integer({ min: 100, max: 9999 }),
        (p, km, age, soles) => {
          const text = `cel ${p.written}, mi hija de ${age} años esta en el km ${km}, le cobran S/ ${soles}`;
          const out = redactIdentifiers(text).text;
          expect(digitsOnly(out)).not.toContain(p.raw);
          expect(out).toContain(`${age} años`);
          expect(out).toContain(`km ${km}`);
          expect(out).toContain(`S/ ${soles}`);
        },
      ),
      SETTINGS,
    );
  });
});
