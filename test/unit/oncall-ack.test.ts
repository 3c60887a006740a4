import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCode, pageForAck, parseAck } from '../../functions/core/paging';

describe('an ACK', () => {
  it.each([
    ['ACK 7K2F', '7K2F'],
    ['ack7k2f', '7K2F'],
    [' Ack  7k2f. ', '7K2F'],
    ['ACK', null],
    ['ack', null],
    ['Ack!', null],
    ['ACK.', null],
    ['ack,', null],
    ['ACK 7K2F!!', '7K2F'],
    ['¡ACK 7k2f!', '7K2F'],
    ['ACK: 7K2F', '7K2F'],
    ['ACK #7K2F', '7K2F'],
    ['ACK-7K2F', '7K2F'],
    ['ACK\n7K2F', '7K2F'],
    ['ACK T-7K2F', '7K2F'],
    ['ack t-7k2f', '7K2F'],
    ['ACK T7K2F', '7K2F'],
    // Crockford: I and L are 1, O is 0.
    ['ack 7k2i', '7K21'],
    ['ACK OLIO', '0110'],
    // The whole tip id, if a responder copies it from the dashboard.
    ['ACK 7K2F9QXM', '7K2F'],
    // Full-width characters from some phone keyboards.
    ['ＡＣＫ ７Ｋ２Ｆ', '7K2F'],
  ] as const)('%j -> code %j', (body, code) => {
    expect(parseAck(body)).toEqual({ code });
  });

  it('reads a T followed by four code characters as the code itself (T is a Crockford digit)', () => {
    expect(parseAck('ack t7k2')).toEqual({ code: 'T7K2' });
  });
});

describe('not an ACK: a message that must reach a person', () => {
  it.each([
    'ack, mi hija no volvio',
    'ack mi hija',
    'no ack',
    'NO ACK 7K2F',
    'BORRAR',
    'ackkk',
    'acks',
    'acknowledged',
    'ACK 7K2',
    'ACK 7K2F9',
    'ACK 7K2F 7K2F',
    'ACK 7K2F gracias',
    'ACK 7K2F, ya voy',
    'ACK T',
    'ack ayuda',
    'ACK AQUI',
    'ACK 7K2U',
    'ok',
    'OK 7K2F',
    'si',
    'recibido',
    'listo 7K2F',
    'A C K',
    'AC K 7K2F',
    'hola ack',
    '7K2F',
    'T-7K2F',
    '',
    '   ',
    'ACK '.padEnd(50, '.'),
  ])('%j', (body) => {
    expect(parseAck(body)).toBeNull();
  });

  it('is never an ACK when anything but the code follows the keyword (property)', () => {
    const word = fc.stringMatching(/^[a-zñáéíóú]{2,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('ACK', 'ack', 'Ack'),
        fc.constantFrom(' ', ', ', ': '),
        fc.array(word, { minLength: 2, maxLength: 6 }),
        (keyword, sep, words) => {
          expect(parseAck(`${keyword}${sep}${words.join(' ')}`)).toBeNull();
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });

  it('is never an ACK unless the message starts with the keyword (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (body) => {
        fc.pre(!/^[¡¿.\s]*ack/iu.test(body.normalize('NFKC')));
        expect(parseAck(body)).toBeNull();
      }),
      { seed: 43, numRuns: 500 },
    );
  });
});

describe('which page an ACK is for', () => {
  const open = [
    { tipId: '7K2F9QXM', code: '7K2F', pagedAt: '2025-03-10T07:00:00Z' },
    { tipId: 'B0B0AAAA', code: 'B0B0', pagedAt: '2025-03-10T07:30:00Z' },
    { tipId: '7K2FZZZZ', code: '7K2F', pagedAt: '2025-03-10T06:00:00Z' },
  ];

  it.each([
    ['a bare ACK: the newest open page', { code: null }, 'B0B0AAAA'],
    ['a code: its page', { code: '7K2F' }, '7K2F9QXM'],
    ['a code typed with O for 0', { code: normaliseCode('BOBO') }, 'B0B0AAAA'],
    ['a code with no open page', { code: 'ZZZZ' }, undefined],
  ] as const)('%s', (_name, ack, tipId) => {
    expect(pageForAck(ack, open)?.tipId).toBe(tipId);
  });

  it('finds nothing when the responder has no open page', () => {
    expect(pageForAck({ code: null }, [])).toBeUndefined();
  });
});
