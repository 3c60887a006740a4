import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ackUnknownText,
  alreadyAcknowledgedText,
  confirmationText,
  gsm7Length,
  isGsm7,
  pageCode,
  pageText,
  supervisorText,
  toGsm7,
} from '../../functions/core/paging';
import messages from '../../functions/core/paging/messages.json' with { type: 'json' };
import { INDICATOR_IDS, LANGS } from '../../functions/core/tip';
import { scoreUrgency } from '../../functions/core/triage/score';

const SETTINGS = { seed: 20250310, numRuns: 500 };
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const tokens = (s: string) =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const KNOWN_REGIONS = ['Madre de Dios', 'Apurímac', 'Cusco', 'Puno', 'Ucayali', 'Arequipa', 'Ayacucho', 'Lima', 'Bolivia', 'Venezuela'];
const tipId = fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{8}$/);

describe('GSM-7', () => {
  it.each([
    ['plain ASCII', 'tipline CRITICAL T-7K2F', true],
    ['é ñ ü ò à Ñ Ü ¿ ¡ are in the alphabet', 'engaño ¿qué? ¡pingüino! però à', true],
    ['á is not', 'Apurímac', false],
    ['ó is not', 'explotación', false],
    ['ú is not', 'Túpac', false],
    ['curly quotes are not', '“hola”', false],
    ['emoji are not', 'ok 👍', false],
    ['€ is, through the extension table', '5€', true],
  ] as const)('%s', (_name, text, expected) => {
    expect(isGsm7(text)).toBe(expected);
  });

  it('counts extension characters twice', () => {
    expect(gsm7Length('[a]')).toBe(5);
    expect(gsm7Length('á')).toBeNaN();
  });

  it.each([
    ['Apurímac', 'Apurimac'],
    ['Explotación SEXUAL', 'Explotacion SEXUAL'],
    ['Túpac   Amaru\n', 'Tupac Amaru'],
    ['engaño, pingüino, café', 'engaño, pingüino, café'],
    ['“km 107” – Mazuko…', '"km 107" - Mazuko...'],
    ['[Ñuñoa]', '(Ñuñoa)'],
    ['Łódź 👍', 'Lodz ?'],
  ] as const)('transliterates %j -> %j', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
  });

  it('transliterates anything into basic GSM-7 (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        const out = toGsm7(text);
        expect(isGsm7(out)).toBe(true);
        expect(gsm7Length(out)).toBe(out.length);
      }),
      SETTINGS,
    );
  });
});

describe('the page', () => {
  it.each([
    ['en', 'critical', 'Madre de Dios', ['minor', 'document_retention'], 'tipline CRITICAL T-7K2F Madre de Dios: minor, documents retained. Reply ACK 7K2F'],
    [
      'es',
      'critical',
      'Madre de Dios',
      ['minor', 'document_retention'],
      'tipline CRITICO T-7K2F Madre de Dios: menor, documentos retenidos. Responde ACK 7K2F',
    ],
    ['es', 'high', 'Apurímac', ['deception', 'debt_bondage'], 'tipline ALTO T-7K2F Apurimac: deuda forzada, engaño. Responde ACK 7K2F'],
    ['qu', 'critical', 'Cusco', ['minor'], 'tipline CRITICO T-7K2F Cusco: irqi. ACK 7K2F nispa kutichiy'],
    ['pt', 'critical', 'Madre de Dios', ['minor', 'document_retention'], 'tipline CRITICO T-7K2F Madre de Dios: menor, documentos retidos. Responda ACK 7K2F'],
    ['es', 'high', null, [], 'tipline ALTO T-7K2F sin region. Responde ACK 7K2F'],
    ['en', 'high', '  ', ['threats', 'threats'], 'tipline HIGH T-7K2F no region: threats. Reply ACK 7K2F'],
  ] as const)('%s %s %j %j', (lang, level, region, indicators, expected) => {
    expect(pageText({ lang, level, code: '7K2F', region, indicators: [...indicators] })).toBe(expected);
  });

  it('drops the least telling indicators and says how many with +N', () => {
    const text = pageText({ lang: 'es', level: 'critical', code: '7K2F', region: 'Madre de Dios', indicators: [...INDICATOR_IDS] });
    expect(text).toMatch(/^tipline CRITICO T-7K2F Madre de Dios: peligro ahora, menor, explotacion sexual, .* \+\d+\. Responde ACK 7K2F$/);
    expect(text).not.toContain('engaño');
    expect(text.length).toBeLessThanOrEqual(160);
    const shown = text.split(': ')[1]!.split(' +')[0]!.split(', ').length;
    const paged = INDICATOR_IDS.filter((id) => id !== 'official_complicity');
    expect(Number(/\+(\d+)\./.exec(text)?.[1])).toBe(paged.length - shown);
  });

  it('never says that officials may be complicit, not even as a count', () => {
    const alone = pageText({ lang: 'es', level: 'critical', code: '7K2F', region: 'Madre de Dios', indicators: ['official_complicity'] });
    expect(alone).toBe('tipline CRITICO T-7K2F Madre de Dios. Responde ACK 7K2F');
  });

  it('is one GSM-7 segment for every level x language x indicator set x region (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('critical' as const, 'high' as const),
        fc.constantFrom(...LANGS),
        fc.shuffledSubarray([...INDICATOR_IDS]),
        fc.oneof(fc.constantFrom(...KNOWN_REGIONS), fc.constant(null), fc.string({ unit: 'grapheme', maxLength: 80 })),
        tipId,
        (level, lang, indicators, region, id) => {
          const code = pageCode(id);
          const text = pageText({ level, lang, code, region, indicators });
          expect(isGsm7(text)).toBe(true);
          expect(gsm7Length(text)).toBeLessThanOrEqual(160);
          expect(text).toContain(`ACK ${code}`);
          expect(text).toContain(`T-${code}`);
        },
      ),
      SETTINGS,
    );
  });

  it('holds the worst case: all eleven indicators, a 30-character region, every language and level', () => {
    for (const lang of LANGS) {
      for (const level of ['critical', 'high'] as const) {
        const text = pageText({ lang, level, code: 'ZZZZ', region: 'Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww', indicators: [...INDICATOR_IDS] });
        expect(gsm7Length(text)).toBeLessThanOrEqual(160);
        expect(text).toMatch(/\+\d+[.]/);
      }
    }
  });

  it('is made only of its fixed vocabulary, the region and the code (property)', () => {
    const vocabularies = Object.fromEntries(LANGS.map((lang) => [lang, tokens(JSON.stringify(messages[lang]))]));
    const vocabulary = (lang: (typeof LANGS)[number]) => vocabularies[lang] ?? [];
    fc.assert(
      fc.property(
        fc.constantFrom('critical' as const, 'high' as const),
        fc.constantFrom(...LANGS),
        fc.shuffledSubarray([...INDICATOR_IDS]),
        fc.oneof(fc.constantFrom(...KNOWN_REGIONS), fc.constant(null)),
        tipId,
        (level, lang, indicators, region, id) => {
          const code = pageCode(id);
          const allowed = new Set([...vocabulary(lang), ...tokens(region ?? ''), fold(code), 't']);
          const text = pageText({ level, lang, code, region, indicators });
          for (const token of tokens(text)) if (!/^\d+$/.test(token)) expect(allowed).toContain(token);
        },
      ),
      SETTINGS,
    );
  });
});

describe('the page never carries the tip', () => {
  const tips = [
    'mi hija de 15 está en un prostibar en La Pampa, le quitaron su DNI y no la dejan salir',
    'They took my passport at the bar in Mazuko and say I owe 3000 soles for the bus',
    'Warmi wawaymi 14 watayuq, mina nisqapi llamkachkan Huepetuhe, maqanku. Yanapawaychik',
    'Mi sobrina Rosa trabaja en el km 107 de la Interoceánica, la golpean y la encierran de noche, ahorita la van a llevar a Puerto Maldonado',
    'Un señor ofreció trabajo de cocinera en Delta 1, pagó el pasaje y ahora dicen que debe 2000 y no le pagan el sueldo',
  ];

  it.each(tips)('%s', (text) => {
    const assessment = scoreUrgency(text);
    const region = assessment.places[0]?.region ?? null;
    // The scorer must have made this a paging tip, or the test would prove nothing.
    expect(['critical', 'high']).toContain(assessment.level);
    const level = assessment.level as 'critical' | 'high';
    const regionTokens = new Set(tokens(region ?? ''));
    for (const lang of LANGS) {
      const page = pageText({ level, lang, code: 'QX4M', region, indicators: assessment.indicators.map((i) => i.id) });
      const pageTokens = new Set(tokens(page));
      // Indicator labels are fixed words ("menor", "sueldo retenido"), so a tip may share one
      // with its page by meaning ("no le pagan el sueldo"); any other word would be a leak.
      const labels = new Set(tokens(JSON.stringify(messages[lang])));
      const leaked = tokens(text).filter((t) => t.length >= 4 && !regionTokens.has(t) && !labels.has(t) && pageTokens.has(t));
      expect(leaked).toEqual([]);
      // And the distinctive words are simply not there.
      for (const word of ['hija', 'prostibar', 'passport', 'rosa', 'sobrina', 'wawaymi', 'cocinera', 'pampa', 'mazuko', 'huepetuhe', '3000', '2000']) {
        if (!regionTokens.has(word)) expect(pageTokens.has(word)).toBe(false);
      }
    }
  });
});

describe('page code', () => {
  it('is the first four characters of the tip id', () => {
    expect(pageCode('7K2F9QXM')).toBe('7K2F');
  });

  it.each(['7K2F', '7k2f9qxm', '7K2F9QXMA', 'IL0U9QXM', ''])('refuses %j', (id) => {
    expect(() => pageCode(id)).toThrow(RangeError);
  });
});

describe('replies to the responder and notices to supervisors', () => {
  it.each(LANGS)('in %s they are one GSM-7 segment with no accent outside the alphabet', (lang) => {
    const texts = [
      confirmationText(lang, '7K2F'),
      ackUnknownText(lang),
      alreadyAcknowledgedText(lang, '7K2F'),
      ...(['nobody_on_call', 'policy_exhausted', 'paging_stopped'] as const).map((reason) =>
        supervisorText({
          reason,
          code: '7K2F',
          level: 'critical',
          region: 'Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww',
          cycle: 2,
          steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
          policyId: 'a'.repeat(40),
          lang,
        }),
      ),
    ];
    for (const text of texts) {
      expect(isGsm7(text)).toBe(true);
      expect(gsm7Length(text)).toBeLessThanOrEqual(160);
    }
    expect(confirmationText(lang, '7K2F')).toContain('T-7K2F');
  });

  it('numbers levels and rounds from 1 for people', () => {
    const nobody = { reason: 'nobody_on_call', code: '7K2F', level: 'high', region: 'Cusco', cycle: 0, steps: [0], policyId: 'cusco', lang: 'en' } as const;
    expect(supervisorText(nobody)).toBe('tipline notice: T-7K2F HIGH Cusco: nobody on call at level 1 (cusco). Escalating.');
    expect(supervisorText({ reason: 'paging_stopped', code: '7K2F', level: 'critical', region: null, cycle: 2, lang: 'es' })).toBe(
      'tipline aviso: T-7K2F CRITICO sin region: nadie confirmo en 3 rondas. Ya no se llama: asigne a alguien.',
    );
  });

  it('keeps every message of the data file within the alphabet as written', () => {
    const strings = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as object).flatMap(strings));
    for (const text of strings(messages)) expect(isGsm7(text), text).toBe(true);
  });
});
