import { describe, expect, it } from 'vitest';
import { acknowledgement, followUpAcknowledgement, parseEmergencyNumbers, slowDown, webReceiptNotice, withPlace } from '../../functions/core/acknowledgement';
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

  it("in Portuguese gives Brazil's numbers after the deployment's, in one GSM-7 segment", () => {
    const text = acknowledgement('pt', parseEmergencyNumbers('105:Policía,1818'));
    expect(text).toBe(
      'Recebemos sua mensagem. Alguém da equipe vai ler logo. Pode seguir escrevendo. Perigo agora? No Peru ligue 105 (Policia) ou 1818. No Brasil: 190 ou Disque 100.',
    );
    expect(gsm7Length(text), text).toBeLessThanOrEqual(SMS_SEGMENT_SEPTETS);
  });

  it("in Portuguese gives Brazil's numbers when slowing a flood down too, and without any configured number", () => {
    const slow = slowDown('pt', parseEmergencyNumbers('105,1818'));
    expect(slow).toBe(
      'Recebemos muitas mensagens suas seguidas. Espere alguns minutos e escreva de novo. Perigo agora? No Peru ligue 105 ou 1818. No Brasil: 190 ou Disque 100.',
    );
    expect(gsm7Length(slow), slow).toBeLessThanOrEqual(SMS_SEGMENT_SEPTETS);
    for (const text of [acknowledgement('pt', []), slowDown('pt', [])]) {
      expect(text).toMatch(/No Brasil: 190 ou Disque 100\.$/);
      expect(text).not.toContain('Perigo agora');
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

// Issue 16: the acknowledgement was 153 characters with accents, 3 UCS-2 segments, and repeated
// for every follow-up message of a thread. It is one GSM-7 segment in every language, whatever
// the deployment's labels, and a follow-up within the thread window gets one word.
describe('the acknowledgement is one GSM-7 segment', () => {
  const CONFIGS = {
    'the default, with an accented label': '105:Policía,1818',
    'two accented labels': '105:Policía,1818:Línea contra la trata',
    'plain numbers': '105,1818',
    'a long list with long labels': '105:Policía Nacional del Perú,1818:Línea gratuita contra la trata de personas,100:Ministerio de la Mujer,911:Emergencias',
  };

  describe.each(LANGS)('in %s', (lang) => {
    it.each(Object.entries(CONFIGS))('with %s: GSM-7, at most 160 septets, the first number always there', (_name, config) => {
      const numbers = parseEmergencyNumbers(config);
      for (const text of [acknowledgement(lang, numbers), slowDown(lang, numbers)]) {
        expect(isGsm7(text), text).toBe(true);
        expect(gsm7Length(text), text).toBeLessThanOrEqual(SMS_SEGMENT_SEPTETS);
        expect(text).toContain(numbers[0]!.number);
      }
    });

    it('with the default numbers keeps both of them, and says a person will read it', () => {
      const text = acknowledgement(lang, parseEmergencyNumbers('105:Policía,1818'));
      expect(text).toContain('105');
      expect(text).toContain('1818');
      expect(text.length).toBeGreaterThan(60);
    });

    it('a follow-up gets one short GSM-7 word or two, with no numbers', () => {
      const text = followUpAcknowledgement(lang);
      expect(isGsm7(text), text).toBe(true);
      expect(gsm7Length(text)).toBeLessThanOrEqual(20);
      expect(text).not.toMatch(/\d/);
    });
  });
});
