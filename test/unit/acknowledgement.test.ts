import { describe, expect, it } from 'vitest';
import { acknowledgement, parseEmergencyNumbers, slowDown, webReceiptNotice, withPlace } from '../../functions/core/acknowledgement';
import { detectLanguage } from '../../functions/core/language';
import { gsm7Length, isGsm7, SMS_SEGMENT_SEPTETS } from '../../functions/core/paging/gsm7';
import { LANGS } from '../../functions/core/tip';

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

  it.each([
    'o dono ficou com o passaporte dela',
    'tô presa num quarto',
    'TO PRESA NUM QUARTO',
    'minha filha de 15 anos',
    'socorro, tô presa num quarto e não me deixam sair',
    'Minha irmã foi levada pra um garimpo em Huepetuhe, tiraram o documento dela',
    'o patrão não paga e diz que a gente deve a passagem',
    'a menina tem 14 anos e trabalha na boate',
    'ele bate nela',
    'ajuda por favor',
  ])('%j is Portuguese (Brazilian, near Iñapari)', (text) => {
    expect(detectLanguage(text)).toBe('pt');
  });

  // Words Spanish shares with Portuguese ("de", "que", "no", "esta", "por"), Spanish written
  // without accents or ñ ("anos", "oi" for "oí", "na" for "nada") and Portuguese loan words in a
  // Spanish tip must not turn it Portuguese.
  it.each([
    'mi hija esta en un bar',
    'no la dejan salir',
    'mi hija de 15 anos esta en un bar de la pampa',
    'no le pagan y dice q debe el pasaje',
    'se la llevaron a brasil con un señor',
    'oi gritos en el cuarto de al lado',
    'na que ver, es un bar normal',
    'me quitaron mi pasaporte en la boate',
    'mi prima brasileira esta en un bar',
    'escribeme a rosa123@gmail.com mi hija no regresa',
    'socorro',
  ])('%j stays Spanish', (text) => {
    expect(detectLanguage(text)).toBe('es');
  });

  it.each(['what do i do', 'they took her to a garimpo'])('%j stays English', (text) => {
    expect(detectLanguage(text)).toBe('en');
  });
});

/** A message of more than one segment gives 7 septets of each to the header that joins them. */
const TWO_SEGMENTS = 2 * (SMS_SEGMENT_SEPTETS - 7);

describe('acknowledgement', () => {
  const numbers = parseEmergencyNumbers('105:Policía,1818:Línea contra la trata');

  it('parses the configured emergency numbers and ignores junk', () => {
    expect(numbers).toEqual([
      { number: '105', label: 'Policía' },
      { number: '1818', label: 'Línea contra la trata' },
    ]);
    expect(parseEmergencyNumbers('abc, ,911')).toEqual([{ number: '911', label: '' }]);
  });

  it.each(LANGS)('in %s it is short and carries the emergency numbers', (lang) => {
    const text = acknowledgement(lang, numbers);
    expect(text).toContain('105');
    expect(text).toContain('1818');
    // Two SMS segments at most on a cheap phone (UCS-2 segments are 67 characters).
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it('says nothing about trafficking, in case someone else reads the phone', () => {
    for (const lang of LANGS) expect(acknowledgement(lang, numbers)).not.toMatch(/trata de personas|tráfico|trafficking|denuncia/i);
  });

  it('in English and Quechua is one GSM-7 segment with plain numbers', () => {
    const plain = parseEmergencyNumbers('105,1818');
    for (const lang of ['en', 'qu'] as const) {
      const text = acknowledgement(lang, plain);
      expect(isGsm7(text), text).toBe(true);
      expect(gsm7Length(text), text).toBeLessThanOrEqual(SMS_SEGMENT_SEPTETS);
    }
  });

  it("in Portuguese gives Brazil's numbers after the deployment's, in two GSM-7 segments with plain numbers", () => {
    const plain = parseEmergencyNumbers('105,1818');
    const text = acknowledgement('pt', plain);
    expect(text).toBe(
      'Recebemos sua mensagem. Uma pessoa da equipe vai ler em breve. Pode continuar escrevendo aqui. ' +
        'Se houver perigo agora, ligue sem custo para 105 ou 1818. ' +
        'No Brasil, ligue 190 (Policia Militar) ou Disque 100 (direitos humanos).',
    );
    expect(isGsm7(text), text).toBe(true);
    expect(gsm7Length(text), text).toBeGreaterThan(SMS_SEGMENT_SEPTETS);
    expect(gsm7Length(text), text).toBeLessThanOrEqual(TWO_SEGMENTS);
  });

  it("in Portuguese gives Brazil's numbers when slowing a flood down too, and without any configured number", () => {
    const plain = parseEmergencyNumbers('105,1818');
    const slow = slowDown('pt', plain);
    expect(slow).toBe(
      'Recebemos muitas mensagens suas seguidas. Espere alguns minutos e escreva de novo. Se houver perigo agora, ligue sem custo para 105 ou 1818. ' +
        'No Brasil, ligue 190 (Policia Militar) ou Disque 100 (direitos humanos).',
    );
    expect(isGsm7(slow), slow).toBe(true);
    expect(gsm7Length(slow), slow).toBeLessThanOrEqual(TWO_SEGMENTS);
    for (const text of [acknowledgement('pt', []), slowDown('pt', [])]) {
      expect(text).toMatch(/No Brasil, ligue 190 \(Policia Militar\) ou Disque 100 \(direitos humanos\)\.$/);
      expect(text).not.toContain('Se houver perigo');
      expect(isGsm7(text), text).toBe(true);
    }
  });

  it("gives Brazil's numbers in Portuguese only", () => {
    for (const lang of ['es', 'en', 'qu'] as const) {
      for (const text of [acknowledgement(lang, numbers), slowDown(lang, numbers), acknowledgement(lang, [])]) {
        expect(text).not.toMatch(/\b190\b|Disque|Brasil/);
      }
    }
  });

  it('in Portuguese gives the web receipt and labels the place', () => {
    expect(webReceiptNotice('pt', '1234 5678 9012 3456')).toBe(
      'Guarde este código para ler nossas perguntas e responder: 1234 5678 9012 3456. Não o compartilhe.',
    );
    // "Lugar" as in Spanish: the scorer reads "local" as a venue.
    expect(withPlace('minha filha', 'Iñapari', 'pt')).toBe('minha filha\nLugar: Iñapari');
  });
});
