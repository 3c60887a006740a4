// Whose identifier is it: someone else's (sealed as evidence) or the writer's own (dropped).
// When the words before it do not say, or say both, it is the writer's: sealing a tipster's own
// number is the one mistake this must not make.
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

const others: Array<[string, string]> = [
  ['el número de la reclutadora es 956 417 283', '956 417 283'],
  ['la dueña del bar tiene este celular 987-654-321', '987-654-321'],
  ['su whatsapp es +51 945 112 233', '+51 945 112 233'],
  ['el anuncio decía que llamen al 951 222 333', '951 222 333'],
  ['la página del bar es facebook.com/bar.lasdelicias', 'facebook.com/bar.lasdelicias'],
  ["the recruiter's number is 944 555 666", '944 555 666'],
  ['the owner uses owner.bar@gmail.com', 'owner.bar@gmail.com'],
  ['o dono da boate tem o zap 68 99901 2345', '68 99901 2345'],
  ['el patrón tiene el dni 41236587', '41236587'],
  ['la chica que la llevó tiene un perfil @yoli.trabajos.pe', '@yoli.trabajos.pe'],
  ['ela tem uma conta no insta @agencia.sonho.br', '@agencia.sonho.br'],
];

const writers = [
  'mi cel es 956 417 283',
  'llámame al 956 417 283',
  'escríbeme a rosa.q@gmail.com',
  'my number is 956 417 283',
  'meu zap é 68 99901 2345',
  'la señora me dio su número 956 417 283',
  '956 417 283',
  'mi dni 41236587',
  'mi perfil es @rosita.q.22',
];

describe('attribution of identifiers', () => {
  it.each(others)('%j: sealed as evidence (%s), replaced in the text', (text, value) => {
    const result = redactIdentifiers(text);
    expect(result.evidence.map((e) => e.value)).toEqual([value]);
    expect(result.text).not.toContain(value);
  });

  it.each(writers)("%j: the writer's (or unclear), dropped and never sealed", (text) => {
    const result = redactIdentifiers(text);
    expect(result.evidence).toEqual([]);
    expect(Object.values(result.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('a name or an address is never evidence, whoever the words before it point at', () => {
    const result = redactIdentifiers('su mamá se llama así: me llamo Rosa Quispe y vivo en Jr. Tacna 455');
    expect(result.evidence).toEqual([]);
  });

  it("each span's ordinal is its placeholder's place in the redacted text", () => {
    const result = redactIdentifiers('mi cel 987 111 222. el número del dueño es 956 417 283 y su correo dueno.bar@gmail.com');
    const placeholders = [...result.text.matchAll(/\[[A-Z]+\]/g)].map((m) => m[0]);
    for (const span of result.evidence) expect(placeholders[span.ordinal]).toBe(`[${span.kind}]`);
    expect(result.evidence.map((e) => [e.ordinal, e.value])).toEqual([
      [1, '956 417 283'],
      [2, 'dueno.bar@gmail.com'],
    ]);
  });
});
