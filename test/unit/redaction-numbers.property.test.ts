// Property-based: phones and DNIs written in any digit form, with any separators and hidden
// characters, with look-alike letters, spelled in es/pt/en/qu, split in pieces, across two
// messages, across sentences or across the lines of a pasted chat, never survive redaction;
// incident details and chat timestamps written around them always do.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

const SETTINGS = { seed: 20250214, numRuns: 250 };

const digit = fc.integer({ min: 0, max: 9 });
const digitString = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const mobile = digitString(8).map((d) => `9${d}`);
const dni = digitString(8);
const digitsOf = (s: string) => s.replace(/\D/g, '');

/** One digit in one of the forms people paste from keyboards, "fancy font" sites and emoji pickers. */
const DIGIT_FORMS: Array<(d: number) => string> = [
  (d) => String(d),
  (d) => String.fromCodePoint(0xff10 + d),
  (d) => String.fromCodePoint(0x1d7ce + d),
  (d) => String.fromCodePoint(0x1d7d8 + d),
  (d) => String.fromCodePoint(0x1d7f6 + d),
  (d) => String.fromCodePoint(d === 0 ? 0x24ea : 0x245f + d),
  (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[d]!,
  (d) => `${d}\ufe0f\u20e3`,
  (d) => `${d}\u20e3`,
  (d) => String.fromCodePoint(d === 0 ? 0x24ff : 0x2775 + d),
  (d) => String.fromCodePoint(d === 0 ? 0x1f10b : 0x277f + d),
  (d) => String.fromCodePoint(d === 0 ? 0x1f10c : 0x2789 + d),
  (d) => String.fromCodePoint(0x0660 + d),
  (d) => String.fromCodePoint(0x06f0 + d),
  (d) => String.fromCodePoint(0x0966 + d),
  (d) => String.fromCodePoint(0x0e50 + d),
];
const INVISIBLE = ['', '', '', '\u200b', '\u200c', '\u200d', '\u200e', '\u2060', '\u2063', '\u202e', '\u2066', '\u2069', '\u061c', '\ufeff', '\u00ad'];
const SEPARATORS = [' ', '  ', '\t', '\n', ';', '_', '/', '|', '*', '·', '~', '.', ',', '-', ' - ', ' / ', '', '', ' ', '-'];
const GROUPINGS = [[3, 3, 3], [1, 4, 4], [2, 3, 4], [3, 6], [9], [4, 4], [2, 2, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1, 1], [3, 2, 2, 2]];

function group(d: string, sizes: readonly number[]): string[] {
  const parts: string[] = [];
  let at = 0;
  for (const s of sizes) {
    if (at >= d.length) break;
    parts.push(d.slice(at, at + s));
    at += s;
  }
  if (at < d.length) parts.push(d.slice(at));
  return parts;
}

/** A number with random digit forms, separators between groups and invisible characters between digits. */
const disguised = (number: fc.Arbitrary<string>) =>
  number.chain((d) =>
    fc
      .tuple(
        fc.constantFrom(...GROUPINGS),
        fc.array(fc.nat(DIGIT_FORMS.length - 1), { minLength: d.length, maxLength: d.length }),
        fc.array(fc.constantFrom(...INVISIBLE), { minLength: d.length, maxLength: d.length }),
        fc.array(fc.constantFrom(...SEPARATORS), { minLength: 9, maxLength: 9 }),
      )
      .map(([sizes, forms, hidden, seps]) => {
        let i = 0;
        const written = group(d, sizes)
          .map((g) => [...g].map((c) => DIGIT_FORMS[forms[i]!]!(Number(c)) + hidden[i++]).join(''))
          .map((g, k) => (k === 0 ? g : seps[k]! + g))
          .join('');
        return { raw: d, written };
      }),
  );

/** Groups of three with one 0 or 1 typed as the letter it looks like ("9O4 l38 27O"). */
const lookalike = mobile.chain((d) =>
  fc.tuple(fc.constantFrom(' ', '-', '.', ''), fc.array(fc.boolean(), { minLength: 3, maxLength: 3 })).map(([sep, swap]) => {
    const written = group(d, [3, 3, 3])
      .map((g, k) => {
        if (!swap[k]) return g;
        const at = g.search(/[01]/);
        if (at < 0) return g;
        const letter = g[at] === '0' ? (k % 2 ? 'O' : 'o') : k % 2 ? 'l' : 'I';
        return g.slice(0, at) + letter + g.slice(at + 1);
      })
      .join(sep);
    return { raw: d, written };
  }),
);

/** Any number of the 0s and 1s typed as letters, whole groups included ("9OO 5l2 33O", "9O5 lOO 33O"). */
const LETTER_FOR = { '0': ['O', 'o', 'O'], '1': ['l', 'I', 'l'] } as const;
const manyLookalikes = mobile.chain((d) =>
  fc.tuple(fc.constantFrom(' ', '-', '.', ' - ', '/'), fc.array(fc.nat(3), { minLength: 9, maxLength: 9 })).map(([sep, picks]) => {
    const chars = [...d].map((c, i) => ((c === '0' || c === '1') && picks[i]! < 3 ? LETTER_FOR[c][picks[i]!]! : c));
    const written = group(chars.join(''), [3, 3, 3]).join(sep);
    return { raw: d, written };
  }),
);

const SPELLED: Record<string, string[][]> = {
  es: [
    ['cero', 'sero'],
    ['uno'],
    ['dos'],
    ['tres'],
    ['cuatro', 'kuatro'],
    ['cinco', 'sinco'],
    ['seis'],
    ['siete', 'siette'],
    ['ocho', 'osho'],
    ['nueve', 'nuebe'],
  ],
  pt: [['zero'], ['um', 'uma'], ['dois', 'duas'], ['três'], ['quatro'], ['cinco'], ['seis', 'meia'], ['sete'], ['oito'], ['nove']],
  en: [['zero', 'oh'], ['one'], ['two'], ['three'], ['four'], ['five'], ['six'], ['seven'], ['eight'], ['nine']],
  qu: [["ch'usaq", 'chusaq'], ['huk'], ['iskay'], ['kimsa'], ['tawa'], ['pichqa', 'phisqa'], ['suqta', 'soqta'], ['qanchis'], ['pusaq'], ['isqun', 'isqon']],
};
const WORD_SEPARATORS = [' ', ' ', ', ', '-', '/', '\n', ' , '];

/** A number read out word by word in one language, some digits left as digits. */
const spelled = mobile.chain((d) =>
  fc
    .tuple(
      fc.constantFrom(...Object.keys(SPELLED)),
      fc.array(fc.tuple(fc.nat(1), fc.nat(9)), { minLength: 9, maxLength: 9 }),
      fc.constantFrom(...WORD_SEPARATORS),
    )
    .map(([lang, picks, sep]) => {
      const words = [...d].map((c, i) => {
        const [variant, roll] = picks[i]!;
        if (roll === 0) return c;
        const forms = SPELLED[lang]![Number(c)]!;
        return forms[variant % forms.length]!;
      });
      return { raw: d, written: words.join(sep), words: words.filter((w) => /\p{L}/u.test(w)) };
    }),
);

const CUES = ['mi cel es ', 'llamame al ', 'mi numero: ', 'meu zap é ', 'my number is ', 'wsp ', 'numeroy ', ''];
const TAILS = ['', '.', ' por favor', ', ayuda', '\nurgente'];

const inSentence = (arb: fc.Arbitrary<{ raw: string; written: string }>) =>
  fc.tuple(fc.constantFrom(...CUES), arb, fc.constantFrom(...TAILS)).map(([cue, x, tail]) => ({ ...x, text: `${cue}${x.written}${tail}` }));

const wordsLeft = (out: string, words: readonly string[]) => words.filter((w) => new RegExp(`(?<![\\p{L}'])${w}(?![\\p{L}'])`, 'iu').test(out));

describe('redacting numbers, whatever they are written with', () => {
  it.each([
    ['mobile phones', inSentence(disguised(mobile))],
    ['DNIs', inSentence(disguised(dni))],
    ['phones with look-alike letters', inSentence(lookalike)],
    ['phones with many look-alike letters', inSentence(manyLookalikes)],
  ] as const)('never lets the digits of %s survive', (_name, arb) => {
    fc.assert(
      fc.property(arb, ({ raw, text }) => {
        const out = redactIdentifiers(text).text;
        expect(digitsOf(out)).not.toContain(raw);
        expect(digitsOf(out).length).toBeLessThan(4);
        expect(out).not.toMatch(/[0-9OolI]{3}/);
      }),
      SETTINGS,
    );
  });

  it('never lets a spelled number survive, in any language or spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CUES), spelled, fc.constantFrom(...TAILS), (cue, x, tail) => {
        const out = redactIdentifiers(`${cue}${x.written}${tail}`).text;
        expect(digitsOf(out)).toBe('');
        expect(wordsLeft(out, x.words)).toEqual([]);
      }),
      SETTINGS,
    );
  });
});

const STRICT_CUES = ['mi cel es ', 'llamame al ', 'mi numero: ', 'meu zap é ', 'my number is ', 'wsp ', 'numeroy ', 'su número es '];
const SENTENCE_GROUPINGS = [
  [3, 3, 3],
  [3, 3, 3],
  [2, 3, 4],
  [3, 2, 4],
  [4, 5],
  [3, 6],
  [2, 2, 2, 3],
];
const GROUP_BREAKS = ['. ', '. ', '.\n', '... ', '! '];
const IN_GROUP = ['-', ' ', '-', ''];

/** A number read out in sentences: each group in digits or in one language's words, hyphenated or not. */
const sentences = (groupings: readonly number[][], breaks: readonly string[]) =>
  mobile.chain((d) =>
    fc
      .tuple(
        fc.constantFrom(...groupings),
        fc.constantFrom(...Object.keys(SPELLED)),
        fc.array(fc.tuple(fc.boolean(), fc.constantFrom(...IN_GROUP), fc.nat(1)), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(...breaks),
      )
      .map(([sizes, lang, styles, brk]) => {
        const words: string[] = [];
        const written = group(d, sizes)
          .map((g, k) => {
            const [spell, inner, variant] = styles[k]!;
            if (!spell) return g;
            const spelt = [...g].map((c) => {
              const forms = SPELLED[lang]![Number(c)]!;
              return forms[variant % forms.length]!;
            });
            words.push(...spelt);
            return spelt.join(inner || ' ');
          })
          .join(brk);
        return { raw: d, written, words };
      }),
  );

describe('redacting numbers read out in sentences', () => {
  it('never lets a group survive after a cue, in any language', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRICT_CUES), sentences(SENTENCE_GROUPINGS, GROUP_BREAKS), fc.constantFrom(...TAILS), (cue, x, tail) => {
        const out = redactIdentifiers(`${cue}${x.written}${tail}`).text;
        expect(digitsOf(out)).toBe('');
        expect(wordsLeft(out, x.words)).toEqual([]);
      }),
      SETTINGS,
    );
  });

  it('never lets three groups of three survive without a cue', () => {
    fc.assert(
      fc.property(sentences([[3, 3, 3]], ['. ', '.\n', '... ']), fc.constantFrom('', ' es el número', ', llamen', '\nayuda'), (x, tail) => {
        const out = redactIdentifiers(`${x.written}${tail}`).text;
        expect(digitsOf(out)).toBe('');
      }),
      SETTINGS,
    );
  });
});

/** A number cut in two or three pieces, each of at least two digits. */
const cuts = (d: string) =>
  fc.tuple(fc.integer({ min: 2, max: d.length - 2 }), fc.integer({ min: 0, max: d.length })).map(([a, b]) => {
    const second = b > a + 2 && b < d.length - 1 ? b : d.length;
    return [d.slice(0, a), d.slice(a, second), d.slice(second)].filter((p) => p.length > 0);
  });

const PIECE_TEMPLATES: Array<(p: string[]) => string> = [
  ([a, b, c]) => `mi número empieza con ${a} y termina en ${b}${c ?? ''}`,
  ([a, b, c]) => `mi cel: ${a}... el resto ${b} ${c ?? ''}`,
  ([a, b, c]) => `${a} y lo demás ${b}${c ? ` y ${c}` : ''}`,
  ([a, b, c]) => `los primeros son ${a} y después ${b}${c ? ` luego ${c}` : ''}`,
  ([a, b, c]) => `meu zap começa com ${a} e termina com ${b}${c ?? ''}`,
  ([a, b, c]) => `my number starts with ${a} and the rest is ${b} ${c ?? ''}`,
  ([a, b, c]) => `wsp ${a}, ${b}${c ? `, ${c}` : ''}`,
];

describe('redacting numbers given in pieces', () => {
  it('never lets a piece of a phone survive', () => {
    fc.assert(
      fc.property(
        mobile.chain((d) => fc.tuple(fc.constant(d), cuts(d), fc.nat(PIECE_TEMPLATES.length - 1))),
        ([, parts, t]) => {
          const out = redactIdentifiers(PIECE_TEMPLATES[t]!(parts)).text;
          expect(digitsOf(out)).toBe('');
        },
      ),
      SETTINGS,
    );
  });

  it('never lets a half of a DNI survive', () => {
    fc.assert(
      fc.property(
        dni,
        fc.constantFrom('mi dni es {a} y {b}', 'dni: {a} y el resto {b}', 'el dni de mi hija es {a} y {b}', 'su documento empieza con {a} y termina en {b}'),
        (d, t) => {
          const out = redactIdentifiers(t.replace('{a}', d.slice(0, 4)).replace('{b}', d.slice(4))).text;
          expect(digitsOf(out)).toBe('');
          expect(out).toContain('[ID]');
        },
      ),
      SETTINGS,
    );
  });

  it('never lets the rest of a number survive in the next message of the thread', () => {
    const openers = ['mi número es', 'my number is:', 'meu zap é', 'mi cel', 'llamame al', 'el celular de mi tía:'];
    fc.assert(
      fc.property(mobile, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...openers), fc.constantFrom(' ', '-', '\n', ''), (d, cut, opener, sep) => {
        const head = d.slice(0, cut);
        const first = redactIdentifiers(head ? `${opener} ${head}` : opener);
        const rest = d.slice(cut);
        const second = redactIdentifiers(`${rest.slice(0, 3)}${sep}${rest.slice(3)}`, { continuesNumber: first.numberOpen });
        expect(first.numberOpen).toBe(true);
        expect(digitsOf(first.text)).toBe('');
        expect(digitsOf(second.text)).toBe('');
      }),
      SETTINGS,
    );
  });
});

const INCIDENT_DETAILS: Array<fc.Arbitrary<string>> = [
  fc.integer({ min: 1, max: 450 }).map((n) => `km ${n}`),
  fc.integer({ min: 1, max: 450 }).map((n) => `kilómetro ${n}`),
  fc.integer({ min: 10, max: 17 }).map((n) => `tiene ${n} años`),
  fc.integer({ min: 10, max: 17 }).map((n) => `la de ${n}`),
  fc.integer({ min: 50, max: 9999 }).map((n) => `S/ ${n}`),
  fc.integer({ min: 1, max: 99 }).map((n) => `${n} mil soles`),
  fc.integer({ min: 100, max: 9999 }).map((n) => `${n} reais`),
  fc.integer({ min: 10, max: 999 }).map((n) => `USD ${n}`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `a las ${h}:${String(m).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 23 }).map((h) => `${h}h`),
  fc
    .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1990, max: 2030 }), fc.constantFrom('/', '.', '-'))
    .map(([d, m, y, s]) => `${String(d).padStart(2, '0')}${s}${String(m).padStart(2, '0')}${s}${y}`),
  fc.integer({ min: 1990, max: 2030 }).map((y) => `en ${y}`),
  fc.integer({ min: 2, max: 40 }).map((n) => `${n} chicas`),
  fc.integer({ min: 1, max: 999 }).map((n) => `bar La Choza, Jr. Loreto ${n}`),
  fc.constantFrom('0800-10828', 'la línea 100', 'al 105', 'al 1818', 'Disque 100', 'ligue 190', 'placa V1K-482', 'placa ABC-123'),
];

describe('keeping incident details', () => {
  it('leaves text made only of incident details unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(...INCIDENT_DETAILS), { minLength: 1, maxLength: 4 }), fc.constantFrom(', ', ' y ', '. ', '\n'), (details, sep) => {
        const text = details.join(sep);
        const result = redactIdentifiers(text);
        expect({ text: result.text, counts: result.counts }).toEqual({ text, counts: {} });
      }),
      SETTINGS,
    );
  });

  it('keeps incident details beside a disguised phone', () => {
    fc.assert(
      fc.property(disguised(mobile), fc.oneof(...INCIDENT_DETAILS), (p, detail) => {
        const out = redactIdentifiers(`mi cel ${p.written}, ${detail}`).text;
        expect(digitsOf(out)).not.toContain(p.raw);
        expect(out).toContain(detail);
      }),
      SETTINGS,
    );
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
/** The timestamps chat apps put before each pasted line, and the sender's name some add. */
const STAMPS: Array<(h: number, m: number) => string> = [
  (h, m) => `[${pad(h)}:${pad(m)}] `,
  (h, m) => `${pad(h)}:${pad(m)} `,
  (h, m) => `[6/12 ${pad(h)}:${pad(m)}] `,
  (h, m) => `[6/12/24, ${pad(h)}:${pad(m)}:13] Rosa: `,
  (h, m) => `06/12/2024 ${h}:${pad(m)} - Tía Meche: `,
  (h, m) => `- ${(h % 12) + 1}:${pad(m)} p. m. - `,
  (h, m) => `[${(h % 12) + 1}:${pad(m)} a. m., 6/12/2024] `,
  (h, m) => `[${pad(h)}:${pad(m)}] Kati: `,
  (h, m) => `${pad(h)}:${pad(m)} | Yo: `,
  (h, m) => `Rosa Quispe, [06.12.24 ${pad(h)}:${pad(m)}]\n`,
];
/** What of a timestamp must stay as it was: all but the sender's name. */
const timeOf = (stamp: string): string => stamp.replace(/^[^\d[(-]+, |(?: \| | )?(?:Rosa|Tía Meche|Kati|Yo|Me|Eu): $/gu, '');
const SENDERS = ['Yo: ', 'Me: ', 'Eu: '];
const INTERJECTIONS = ['uy se envio', 'perdon', 'espera', 'ay', 'se cortó', 'sorry', 'opa', 'jajaja', '😅', 'q paso', 'ya'];
const CHAT_CUES = ['el que las trae es el Flaco, su cel', 'mi numero es', 'el wsp del dueño', 'meu zap é', 'my number is', 'el celular de la señora'];
const CHAT_DETAILS = [
  'tiene 15 años',
  'son 3 chicas',
  'km 108',
  'le cobran S/ 1,500',
  '4 mil',
  '800 soles le debe',
  'a las 9',
  'el 12/05',
  'la de 14',
  'al 105',
];

interface ChatLine {
  prefix: string;
  body: string;
}

/** A mobile's digits split over two or three chat lines, with short interjections between. */
const chatBurst = fc
  .tuple(
    mobile,
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 6, max: 8 }),
    fc.boolean(),
    fc.constantFrom(...CHAT_CUES),
    fc.oneof(
      fc.constantFrom(...STAMPS).map((f) => ({ f })),
      fc.constantFrom(...SENDERS).map((s) => ({ f: (_h: number, _m: number) => s })),
    ),
    fc.array(fc.array(fc.constantFrom(...INTERJECTIONS), { maxLength: 2 }), { minLength: 2, maxLength: 2 }),
    fc.constantFrom(' ', '', '-'),
  )
  .map(([d, a, b, three, cue, { f }, gaps, sep]) => {
    const parts = three ? [d.slice(0, a), d.slice(a, b), d.slice(b)] : [d.slice(0, a), d.slice(a)];
    const bodies: string[] = [];
    parts.forEach((p, k) => {
      const digits = p.length > 2 ? `${p.slice(0, 1)}${sep}${p.slice(1)}` : p;
      bodies.push(k === 0 ? `${cue} ${digits}` : digits);
      if (k < parts.length - 1) bodies.push(...gaps[k]!);
    });
    bodies.push('ahi esta');
    const lines: ChatLine[] = bodies.map((body, k) => ({ prefix: f(20, 40 + k), body }));
    return { raw: d, lines, text: lines.map((l) => l.prefix + l.body).join('\n') };
  });

describe('redacting a number split over the lines of a pasted chat', () => {
  it('never lets a part survive, and keeps every timestamp where it was', () => {
    fc.assert(
      fc.property(chatBurst, ({ lines, text }) => {
        let rest = redactIdentifiers(text).text;
        for (const { prefix } of lines) {
          const stamp = timeOf(prefix);
          const at = rest.indexOf(stamp);
          expect(at, `"${stamp}" was lost`).toBeGreaterThanOrEqual(0);
          expect(digitsOf(rest.slice(0, at))).toBe('');
          rest = rest.slice(at + stamp.length);
        }
        expect(digitsOf(rest)).toBe('');
      }),
      SETTINGS,
    );
  });

  it('keeps the incident details on the lines after an unfinished number', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STAMPS.filter((f) => timeOf(f(0, 0)) === f(0, 0))),
        fc.constantFrom('su cel 951 38', 'mi numero es 96', 'el wsp del dueño 932 0'),
        fc.array(fc.constantFrom(...CHAT_DETAILS, ...INTERJECTIONS), { minLength: 1, maxLength: 3 }),
        (stamp, opening, after) => {
          const lines = [opening, ...after].map((body, k) => stamp(21, 10 + k) + body);
          const out = redactIdentifiers(lines.join('\n')).text.split('\n');
          for (let k = 1; k < lines.length; k++) expect(out[k]).toBe(lines[k]);
        },
      ),
      SETTINGS,
    );
  });
});

// Numbers read as a quantity ("cuarenta y un millones doscientos mil quinientos"). The renderers
// below follow each language's grammar on their own, so they check the reader, not mirror it.
type Renderer = (n: number) => string;

const ES_UNITS = ['', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
const ES_TEENS = ['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve'];
const ES_TWENTIES = ['veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const ES_TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const ES_HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

function esBelow1000(n: number, beforeScale: boolean): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(n === 100 ? 'cien' : ES_HUNDREDS[h]!);
  if (r >= 30) words.push(ES_TENS[Math.floor(r / 10)]! + (r % 10 ? ` y ${ES_UNITS[r % 10]}` : ''));
  else if (r >= 20) words.push(ES_TWENTIES[r - 20]!);
  else if (r >= 10) words.push(ES_TEENS[r - 10]!);
  else if (r > 0) words.push(ES_UNITS[r]!);
  const said = words.join(' ');
  // "veintiún millones", "cuarenta y un mil": "uno" is shortened before a scale word.
  return beforeScale ? said.replace(/uno$/, 'ún').replace(/ ún$/, ' un').replace(/^ún$/, 'un') : said;
}

const es: Renderer = (n) => {
  const m = Math.floor(n / 1e6);
  const t = Math.floor(n / 1000) % 1000;
  const r = n % 1000;
  const parts: string[] = [];
  if (m > 0) parts.push(m === 1 ? 'un millón' : `${esBelow1000(m, true)} millones`);
  if (t > 0) parts.push(t === 1 ? 'mil' : `${esBelow1000(t, true)} mil`);
  if (r > 0) parts.push(esBelow1000(r, false));
  return parts.join(' ');
};

const PT_UNITS = ['', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove'];
const PT_TEENS = ['dez', 'onze', 'doze', 'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
const PT_TENS = ['', '', 'vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
const PT_HUNDREDS = ['', 'cento', 'duzentos', 'trezentos', 'quatrocentos', 'quinhentos', 'seiscentos', 'setecentos', 'oitocentos', 'novecentos'];

function ptBelow1000(n: number): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(n === 100 ? 'cem' : PT_HUNDREDS[h]!);
  if (r >= 20) words.push(PT_TENS[Math.floor(r / 10)]! + (r % 10 ? ` e ${PT_UNITS[r % 10]}` : ''));
  else if (r >= 10) words.push(PT_TEENS[r - 10]!);
  else if (r > 0) words.push(PT_UNITS[r]!);
  return words.join(' e ');
}

const pt: Renderer = (n) => {
  const m = Math.floor(n / 1e6);
  const t = Math.floor(n / 1000) % 1000;
  const r = n % 1000;
  const parts: string[] = [];
  if (m > 0) parts.push(m === 1 ? 'um milhão' : `${ptBelow1000(m)} milhões`);
  if (t > 0) parts.push(t === 1 ? 'mil' : `${ptBelow1000(t)} mil`);
  // "… mil e quinhentos", "… mil e setenta": the last group takes "e" when it is round or small.
  if (r > 0) parts.push((r < 100 || r % 100 === 0 ? 'e ' : '') + ptBelow1000(r));
  return parts.join(' ');
};

const EN_UNITS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const EN_TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function enBelow1000(n: number, and: boolean): string {
  const h = Math.floor(n / 100);
  const r = n % 100;
  const words: string[] = [];
  if (h > 0) words.push(`${EN_UNITS[h]} hundred`);
  if (h > 0 && r > 0 && and) words.push('and');
  if (r >= 20) words.push(EN_TENS[Math.floor(r / 10)]! + (r % 10 ? `-${EN_UNITS[r % 10]}` : ''));
  else if (r >= 10) words.push(EN_TEENS[r - 10]!);
  else if (r > 0) words.push(EN_UNITS[r]!);
  return words.join(' ');
}

const en =
  (and: boolean): Renderer =>
  (n) => {
    const m = Math.floor(n / 1e6);
    const t = Math.floor(n / 1000) % 1000;
    const r = n % 1000;
    const parts: string[] = [];
    if (m > 0) parts.push(`${enBelow1000(m, and)} million`);
    if (t > 0) parts.push(`${enBelow1000(t, and)} thousand`);
    if (r > 0) parts.push(enBelow1000(r, and));
    return parts.join(' ');
  };

// Southern Quechua (unreviewed by a speaker; sources in number-words.json): "iskay chunka" 20,
// "chunka kimsayuq" 13 (-yuq after a vowel, -niyuq after a consonant), "kimsa pachak" 300,
// "waranqa" 1000, "hunu" a million.
const QU_UNITS = ['', 'huk', 'iskay', 'kimsa', 'tawa', 'pichqa', 'suqta', 'qanchis', 'pusaq', 'isqun'];
const quUnitAfter = (u: number): string => QU_UNITS[u]! + (/[aeiou]$/.test(QU_UNITS[u]!) ? 'yuq' : 'niyuq');

function quBelow1000(n: number): string {
  const h = Math.floor(n / 100);
  const d = Math.floor(n / 10) % 10;
  const u = n % 10;
  const words: string[] = [];
  if (h > 0) words.push(h === 1 ? 'pachak' : `${QU_UNITS[h]} pachak`);
  if (d > 0) words.push(d === 1 ? 'chunka' : `${QU_UNITS[d]} chunka`);
  if (u > 0) words.push(h > 0 || d > 0 ? quUnitAfter(u) : QU_UNITS[u]!);
  return words.join(' ');
}

const qu: Renderer = (n) => {
  const m = Math.floor(n / 1e6);
  const t = Math.floor(n / 1000) % 1000;
  const r = n % 1000;
  const parts: string[] = [];
  if (m > 0) parts.push(`${quBelow1000(m)} hunu`);
  if (t > 0) parts.push(t === 1 ? 'waranqa' : `${quBelow1000(t)} waranqa`);
  if (r > 0) parts.push(quBelow1000(r));
  return parts.join(' ');
};

const RENDERERS: Record<string, Renderer> = { es, pt, en: en(false), enAnd: en(true), qu };
const SCALE_WORDS = /\b(?:millones|millón|milhões|milhão|million|thousand|mil|hunu|waranqa)\b/iu;

const ID_CUES = [
  'mi DNI es ',
  'mi cédula es la V ',
  'DNI número: ',
  'el dni de la chica es ',
  'meu CPF é ',
  'o RG dela é ',
  'passport number ',
  'my ID is ',
  'DNI-y: ',
  'carnet de extranjería nro. ',
];
const PHONE_CUES = ['mi cel es ', 'llámame al ', 'meu zap é ', 'my number is ', 'numeroy: ', 'su celular es el '];
const QUANTITY_TAILS = ['', '.', ', gracias', ' y tiene 15 años', '. La tienen en el km 108', ', debe 2000 soles'];

/** A DNI, a cédula or a mobile, read as a quantity in one language. */
const spokenNumber = (number: fc.Arbitrary<number>) =>
  fc.tuple(number, fc.constantFrom(...Object.keys(RENDERERS))).map(([n, lang]) => ({ n, said: RENDERERS[lang]!(n) }));

const dniValue = fc.integer({ min: 10_000_000, max: 99_999_999 });
const mobileValue = fc.integer({ min: 900_000_000, max: 999_999_999 });

describe('redacting numbers read as a quantity', () => {
  it.each([
    ['an ID', ID_CUES, dniValue],
    ['a phone', PHONE_CUES, mobileValue],
  ] as const)('never lets %s read as a quantity survive after its cue', (_name, cues, value) => {
    fc.assert(
      fc.property(fc.constantFrom(...cues), spokenNumber(value), fc.constantFrom(...QUANTITY_TAILS), (cue, { said }, tail) => {
        const out = redactIdentifiers(`${cue}${said}${tail}`).text;
        expect(out.toLowerCase()).not.toContain(said.toLowerCase());
        expect(out).not.toMatch(SCALE_WORDS);
        expect(out).toMatch(/\[(?:ID|PHONE)\]/);
        expect(out).toContain(cue.replace(/ V $/, '').trimEnd());
        expect(out).toContain(tail.trim());
      }),
      SETTINGS,
    );
  });

  it('never lets a DNI-long quantity survive without a cue, unless it is round', () => {
    const notRound = dniValue.filter((n) => n % 1000 !== 0);
    fc.assert(
      fc.property(
        fc.constantFrom('anota: ', 'me dijo ', 'write this: ', 'é este: ', ''),
        spokenNumber(notRound),
        fc.constantFrom('', ', es el de ella', '. Ayuda'),
        (lead, { said }, tail) => {
          const out = redactIdentifiers(`${lead}${said}${tail}`).text;
          expect(out.toLowerCase()).not.toContain(said.toLowerCase());
          expect(out).not.toMatch(SCALE_WORDS);
        },
      ),
      SETTINGS,
    );
  });

  const MONEY = [
    (q: string) => `le deben ${q} soles`,
    (q: string) => `pagaron ${q} de soles`,
    (q: string) => `a dívida é de ${q} reais`,
    (q: string) => `he paid S/ ${q}`,
    (q: string) => `${q} dólares por la chica`,
    (q: string) => `en soles, ${q}`,
  ];
  const COUNTS = [(q: string) => `hay ${q} habitantes`, (q: string) => `${q} de personas`, (q: string) => `${q} hectáreas de bosque`];

  it('keeps amounts of money and counts said the same way, even with a cue before them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MONEY, ...COUNTS),
        spokenNumber(fc.integer({ min: 1_000_000, max: 99_999_999 })),
        fc.constantFrom('', 'su DNI lo tiene el dueño y ', 'la chica tiene 16 años, '),
        (frame, { said }, lead) => {
          const text = lead + frame(said);
          expect(redactIdentifiers(text).text).toBe(text);
        },
      ),
      SETTINGS,
    );
  });

  it('keeps round sums and short quantities without a cue', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 999 }).map((n) => n * 1_000_000),
          fc.integer({ min: 1, max: 99_999 }).map((n) => n * 1000),
          fc.integer({ min: 1, max: 999_999 }),
        ),
        fc.constantFrom(...Object.keys(RENDERERS)),
        fc.constantFrom(
          (q: string) => `ganan ${q} al año`,
          (q: string) => `la deuda llegó a ${q}`,
          (q: string) => `fueron ${q} en total`,
        ),
        (n, lang, frame) => {
          const text = frame(RENDERERS[lang]!(n));
          expect(redactIdentifiers(text).text).toBe(text);
        },
      ),
      SETTINGS,
    );
  });
});
