// Table-driven cases for numbers, IDs and e-mails written the way people really write them
// (the red team's classes), and for the incident details that must survive beside them.
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import type { PlaceholderKind } from '../../functions/core/tip';

interface Case {
  text: string;
  /** Must not survive: as text, and digits-only when it holds six digits or more. */
  gone?: string[];
  /** Must survive verbatim. */
  kept?: string[];
  /** Placeholders that must appear. */
  as?: PlaceholderKind[];
  /** The previous message of the thread ended where a number was starting. */
  continuesNumber?: boolean;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

function assertCase(c: Case) {
  expect((c.gone?.length ?? 0) + (c.kept?.length ?? 0) + (c.as?.length ?? 0), `"${c.text}" checks nothing`).toBeGreaterThan(0);
  // Act
  const { text, counts } = redactIdentifiers(c.text, { continuesNumber: c.continuesNumber });
  // Assert
  for (const g of c.gone ?? []) {
    expect(text.toLowerCase(), `"${g}" leaked`).not.toContain(g.toLowerCase());
    if (digitsOf(g).length >= 6) expect(digitsOf(text), `digits of "${g}" leaked`).not.toContain(digitsOf(g));
  }
  for (const k of c.kept ?? []) expect(text, `"${k}" was lost`).toContain(k);
  for (const kind of c.as ?? []) {
    expect(text).toContain(`[${kind}]`);
    expect(counts[kind]).toBeGreaterThan(0);
  }
}

const digitForms: Case[] = [
  { text: 'mi cel ９７１ ３６４ ８２５', gone: ['971364825'], as: ['PHONE'] },
  { text: 'llamame 𝟗𝟕𝟏𝟑𝟔𝟒𝟖𝟐𝟓', gone: ['971364825'], as: ['PHONE'] },
  { text: 'wsp 𝟡𝟟𝟙 𝟛𝟞𝟜 𝟠𝟚𝟝', gone: ['971364825'], as: ['PHONE'] },
  { text: 'cel ⑨⑦① ③⑥④ ⑧②⑤', gone: ['971364825'], as: ['PHONE'] },
  { text: 'cel ⑼⑺⑴⑶⑹⑷⑻⑵⑸', gone: ['971364825'], as: ['PHONE'] },
  { text: 'cel ⁹⁷¹³⁶⁴⁸²⁵', gone: ['971364825'], as: ['PHONE'] },
  { text: 'numero 9️⃣7️⃣1️⃣3️⃣6️⃣4️⃣8️⃣2️⃣5️⃣', gone: ['971364825'], as: ['PHONE'] },
  { text: 'numero ❾❼❶ ➂➅➃ ➑➁➄', gone: ['971364825'], as: ['PHONE'] },
  { text: 'رقمي ٩٧١٣٦٤٨٢٥', gone: ['971364825'], as: ['PHONE'] },
  { text: 'DNI ४७१२८३५६', gone: ['47128356'], as: ['ID'] },
  { text: 'cel 9\u200b7\u200b1\u200b3\u200b6\u200b4\u200b8\u200b2\u200b5', gone: ['971364825'], as: ['PHONE'] },
  { text: 'cel \u202e528463179\u202c', gone: ['528463179', '971364825'], as: ['PHONE'] },
  { text: 'cel 97\u00ad13\u206064\u206682\u20695', gone: ['971364825'], as: ['PHONE'] },
];

const separators: Case[] = [
  { text: 'mi cel 958  417  263', gone: ['958417263'], as: ['PHONE'] },
  { text: 'cel 958\t417\t263', gone: ['958417263'], as: ['PHONE'] },
  { text: 'mi numero:\n958\n417\n263\ngracias', gone: ['958417263'], kept: ['gracias'], as: ['PHONE'] },
  { text: '958\r\n417\r\n263', gone: ['958417263'] },
  { text: 'cel 958;417;263', gone: ['958417263'] },
  { text: 'cel 958_417_263', gone: ['958417263'] },
  { text: 'cel 958/417/263', gone: ['958417263'] },
  { text: 'cel 958|417|263', gone: ['958417263'] },
  { text: 'cel 958*417*263', gone: ['958417263'] },
  { text: 'cel 958·417·263', gone: ['958417263'] },
  { text: 'cel 958~417~263', gone: ['958417263'] },
  { text: 'cel 958.417.263', gone: ['958417263'] },
  { text: 'cel 958,417,263', gone: ['958417263'] },
  { text: 'cel 958-417-263', gone: ['958417263'] },
  { text: 'cel 958 - 417 / 263', gone: ['958417263'] },
  { text: 'cel 95_84;17|2*63', gone: ['958417263'] },
  { text: 'ayuda 958, 417, 263 urgente', gone: ['958417263'], kept: ['urgente'] },
  { text: 'cel (9)(5)(8)(4)(1)(7)(2)(6)(3)', gone: ['958417263'] },
  { text: 'cel 958..417..263', gone: ['958417263'] },
  { text: 'whatsapp +51 (958) 417 263', gone: ['958417263'], as: ['PHONE'] },
  { text: 'escriban al 9O3 l47 28O', gone: ['903147280', '9O3', 'l47', '28O'], as: ['PHONE'] },
  { text: 'cel 961-2o8-4I5', gone: ['961208415'], as: ['PHONE'] },
  { text: 'mi numero 97744O12835', gone: ['97744O12835', '97744012835'] },
  { text: 'whatsapp 9l7 O32 846', gone: ['917032846'] },
  { text: 'lo vio IO veces, Ollanta dijo que sí', kept: ['lo vio IO veces, Ollanta dijo que sí'] },
];

const spelled: Case[] = [
  { text: 'mi cel nuebe sinco uno dos sero kuatro tres osho siette', gone: ['nuebe', 'kuatro', 'siette'], as: ['PHONE'] },
  { text: 'nueve ocho cinco dos cero uno seis siete ocho', gone: ['cinco dos cero'], as: ['PHONE'] },
  { text: 'nueve/ocho/cinco/dos/cero/uno/seis/siete/ocho', gone: ['dos/cero/uno'] },
  { text: 'nueve-ocho-cinco-dos-cero-uno-seis-siete-ocho', gone: ['dos-cero-uno'] },
  { text: 'nueve, ocho, cinco, dos, cero, uno, seis, siete, ocho', gone: ['dos, cero'] },
  { text: 'nueve\nocho\ncinco\ndos\ncero\nuno\nseis\nsiete\nocho', gone: ['cero\nuno'] },
  { text: 'cel nueve 8 cinco 2 cero 1 seis 7 ocho', gone: ['cinco 2 cero'], as: ['PHONE'] },
  { text: 'meu zap é nove nove meia dois zero quatro três oito sete', gone: ['meia dois', 'três oito'], kept: ['meu zap é'], as: ['PHONE'] },
  { text: 'liga pra seis oito nove nove um meia cinco cinco dois dois um', gone: ['um meia cinco'] },
  { text: 'my number is nine seven one, three six four, eight two five', gone: ['three six four'], as: ['PHONE'] },
  { text: 'nine oh one two two three four five six', gone: ['oh one two'] },
  { text: 'double nine four one three oh two eight six', gone: ['double nine', 'three oh two'], as: ['PHONE'] },
  { text: 'cel nueve58 417 dos63', gone: ['nueve58', '417', 'dos63'], as: ['PHONE'] },
  { text: 'isqun pusaq pichqa iskay chusaq huk suqta qanchis pusaq', gone: ['iskay chusaq huk'] },
  { text: "numeroy isqon pusaq phisqa iskay ch'usaq huk soqta qanchis tawa", gone: ['phisqa iskay', 'soqta qanchis'], as: ['PHONE'] },
  { text: 'noventa y ocho setenta y uno cuarenta y cinco veinte', gone: ['setenta y uno cuarenta'] },
  { text: 'dos o tres chicas, uma menina de doze anos', kept: ['dos o tres chicas, uma menina de doze anos'] },
];

const pieces: Case[] = [
  { text: 'mi número empieza con 9634 y termina en 71825', gone: ['9634', '71825'], as: ['PHONE'] },
  { text: 'empieza con 9516 y termina en 38207', gone: ['9516', '38207'] },
  { text: 'mi cel 956 41 y lo demás 07 93', gone: ['956 41', '07 93'] },
  { text: '948 27 y lo demás 36 15', gone: ['948 27', '36 15'] },
  { text: 'los primeros cinco son 95173 y después 2208', gone: ['95173', '2208'] },
  { text: 'mi cel: 951... el resto 204 388', gone: ['951', '204 388'], as: ['PHONE'] },
  { text: 'wsp 967 y luego 31 y 845 0', gone: ['967', '31 y 845'] },
  { text: 'mi número es 968', gone: ['968'], as: ['PHONE'] },
  { text: 'meu zap é 6899', gone: ['6899'] },
  { text: 'my cell is 951 and the rest 274 306', gone: ['951', '274 306'] },
  { text: 'call me at 963 then 718 and 254', gone: ['963', '718', '254'] },
  { text: 'mi numero es 973 y mi hija tiene 15 años, está en el km 108', gone: ['973'], kept: ['15 años', 'km 108'] },
  { text: 'celular 942 y son 6 chicas', gone: ['942'], kept: ['6 chicas'] },
  { text: 'el telefono de mi tia es 957 13 y el resto 8 462', gone: ['957 13', '8 462'] },
  { text: 'Mi número empieza con 9728. Termina en 40516.', gone: ['9728', '40516'] },
  { text: 'mi número: los primeros 5 son 96302, los últimos 4 son 7714', gone: ['96302', '7714'] },
  { text: 'el celular de mi prima: 983 y luego 105 62 7', gone: ['983', '105 62 7'] },
];

const thread: Array<{ first: string; second: string; gone: string[]; kept?: string[] }> = [
  { first: 'mi número es', second: '953 178 624', gone: ['953178624'] },
  { first: 'my number is:', second: '936 481 207', gone: ['936481207'] },
  { first: 'meu zap é', second: '68 99912 3456', gone: ['6899912', '3456'] },
  { first: 'mi cel 968', second: '37 14', gone: ['37 14'] },
  { first: 'mi dni es 4712', second: '8356', gone: ['8356'] },
  { first: 'llamame al', second: 'nueve siete uno', gone: ['nueve siete uno'] },
  { first: 'wsp: 951 204', second: 'y el resto 388', gone: ['388'] },
  { first: 'mi numero empieza con 9634 y termina en', second: '71825, ayuda', gone: ['71825'], kept: ['ayuda'] },
  { first: 'el número de mi hermana:', second: '26 y 40', gone: ['26 y 40'] },
  { first: 'el número de la chica es', second: 'ahí va: 58 31', gone: ['58 31'] },
  { first: 'te paso mi número', second: '9 4 7 0 6 2 3 1 5', gone: ['9 4 7 0'] },
  { first: 'mi número es nueve cinco', second: 'dos siete uno cero ocho tres seis', gone: ['siete uno cero'] },
];

const closedThreads = [
  'hola buenas noches',
  'estoy en el km 108',
  'mi cel es 987654321.',
  '¿cuál es tu número?',
  'tiene 15 años',
  'le quitaron el dni y le cobran 1500',
];

const documents: Case[] = [
  { text: 'mi dni es 4123 y 6587', gone: ['4123', '6587'], as: ['ID'] },
  { text: 'el dni de la chica es 7305 y 2184, tiene 16', gone: ['7305', '2184'], kept: ['tiene 16'] },
  { text: 'su dni termina en 6587', gone: ['6587'], as: ['ID'] },
  { text: 'dni: cuatro siete uno dos ocho tres cinco seis', gone: ['cuatro siete uno'], as: ['ID'] },
  { text: 'mi dni es el 47 12 83 56', gone: ['47128356'], as: ['ID'] },
  { text: 'AB1234567', gone: ['AB1234567'], as: ['ID'] },
  { text: 'tiene pasaporte XK482917 venezolana', gone: ['XK482917'], kept: ['venezolana'], as: ['ID'] },
  { text: 'passport no. C03815297', gone: ['C03815297'], as: ['ID'] },
  { text: 'lo vi en su documento FTR739105 ayer', gone: ['FTR739105', '739105'], kept: ['ayer'], as: ['ID'] },
  { text: 'su cédula es V-18.452.903', gone: ['18452903', 'V-'], as: ['ID'] },
  { text: 'E-84.120.377 es de la otra chica', gone: ['84120377'], as: ['ID'] },
  { text: 'meu CPF 529.982.247-25', gone: ['52998224725'], as: ['ID'] },
  { text: 'é o 318.604.125-90, o cpf dela', gone: ['31860412590'], as: ['ID'] },
  { text: 'RG 27.391.642-X', gone: ['27391642', '-X'], as: ['ID'] },
  { text: 'meu RG é MG-14.288.307', gone: ['14288307', 'MG-'], as: ['ID'] },
  { text: 'carné de extranjería 003481526', gone: ['003481526'], as: ['ID'] },
  { text: 'CE N° 001947382', gone: ['001947382'], as: ['ID'] },
  { text: 'colegiatura CAL 51873', gone: ['51873'], as: ['ID'] },
];

const emails: Case[] = [
  { text: 'correo lucia.ttito＠gmail.com', gone: ['lucia.ttito', 'gmail'], as: ['EMAIL'] },
  { text: 'rosa.q(a)gmail.com', gone: ['rosa.q', 'gmail'], as: ['EMAIL'] },
  { text: 'rosaq[at]hotmail.com', gone: ['rosaq', 'hotmail'], as: ['EMAIL'] },
  { text: 'luz_88(at)yahoo.es', gone: ['luz_88', 'yahoo'], as: ['EMAIL'] },
  { text: 'kontakt lukas_brenner at web.de bitte', gone: ['lukas_brenner', 'web.de'], kept: ['bitte'], as: ['EMAIL'] },
  { text: 'email me: j.okafor at proton.me', gone: ['j.okafor', 'proton'], as: ['EMAIL'] },
  { text: 'escribe a carmen @gmail.com', gone: ['carmen', 'gmail'], as: ['EMAIL'] },
  { text: 'escribe a carmen@ gmail.com', gone: ['carmen', 'gmail'], as: ['EMAIL'] },
  { text: 'carmen.v @ outlook.com', gone: ['carmen.v', 'outlook'], as: ['EMAIL'] },
  { text: 'correo flor88 arroba hotmail punto com', gone: ['flor88', 'hotmail'], as: ['EMAIL'] },
  { text: 'meu email é rosangela arroba uol ponto com ponto br', gone: ['rosangela', 'uol'], as: ['EMAIL'] },
  { text: 'mail tom dot baker at example dot com', gone: ['baker', 'example'], as: ['EMAIL'] },
  { text: 'ana.q (at) gmail (dot) com', gone: ['ana.q', 'gmail'], as: ['EMAIL'] },
  { text: 'ana{at}hotmail{dot}com', gone: ['ana', 'hotmail'], as: ['EMAIL'] },
  { text: 'ana(@)outlook.es', gone: ['ana', 'outlook'], as: ['EMAIL'] },
  { text: 'ana.flores [a] yahoo.com', gone: ['ana.flores', 'yahoo'], as: ['EMAIL'] },
  { text: 'ANA.FLORES AT GMAIL DOT COM', gone: ['ANA.FLORES', 'GMAIL'], as: ['EMAIL'] },
  { text: 'she is at the bar in Mazuko', kept: ['she is at the bar in Mazuko'] },
  { text: 'I met rosa_88 at school. Then she left', kept: ['at school. Then she left'] },
  { text: 'escribeme a @rosita_88 en ig', gone: ['rosita_88'], kept: ['escribeme a '], as: ['HANDLE'] },
];

const incidentDetails: string[] = [
  'esta en el km 108 de la interoceánica',
  'kilómetro 107 cerca del grifo',
  'entre el km 98 al 115 hay varios bares',
  'del km 98-115',
  'mi hija tiene 15 años',
  'la menor es de 14',
  'le cobran S/ 2000 de deuda',
  'le deben 3 mil soles',
  'me pagaron 1500 reais',
  'pedían USD 300 por cada una',
  'le deben 1500/2000 soles',
  'a las 10:30 de la noche',
  'llegan a las 22h',
  'el 12/05/2024 se la llevaron',
  'el 12.05.2021 se la llevaron',
  'el 2024-05-12 llegó el bus',
  'pasó en 2019 y otra vez en 2023',
  'trabajó ahí 2019-2021',
  'son 6 chicas y 3 menores',
  'bar La Choza, Jr. Loreto 456',
  'Jr. Loreto número 456, al lado del grifo',
  'llamen al 0800-10828 o al 1818',
  'llame al 100, al 105 y al 113',
  'Disque 100 ou ligue 190',
  'la placa es V1K-482',
  'mototaxi placa 1234-AB y camioneta ABC-123',
  'hace 3 meses, 2 semanas',
  'el 12 de mayo a las 10',
  'dos o tres chicas de doce o trece años',
  'le cobraron 1500 y después 2000',
  'Pagó 2000. Luego 3000 más',
  'somos 5, 3 son menores',
  'son las 9 y 30',
  'el 15 de junio a las 9 en el km 103',
  'a las 22:30 del 12/05/24',
  'S/ 2000 y R$ 1.500 y $ 300 y US$ 300 y 300 dólares',
];

/** The incident details beside an identifier: the identifier goes, the detail stays. */
const detailsBesideIdentifiers: Case[] = [
  { text: 'mi cel 951 204 388 y el bar queda en Jr. Loreto 456', gone: ['951204388'], kept: ['Jr. Loreto 456'] },
  { text: 'pago S/ 2000\n951204388', gone: ['951204388'], kept: ['S/ 2000'] },
  { text: 'cel 963 582 741, km 108, tiene 15 años, debe 3 mil soles', gone: ['963582741'], kept: ['km 108', '15 años', '3 mil soles'] },
  { text: 'mi numero es 968 y son 6 chicas en el km 108', gone: ['968'], kept: ['6 chicas', 'km 108'] },
  { text: 'nueve cinco uno dos cero cuatro tres ocho ocho km 108', gone: ['dos cero cuatro'], kept: ['km 108'] },
];

describe('class 1: digits in other forms and hidden characters', () => {
  it.each(digitForms)('$text', assertCase);
});

describe('class 2: phones with any separator, and look-alike letters', () => {
  it.each(separators)('$text', assertCase);
});

describe('class 3: spelled digits in es, pt, en and qu', () => {
  it.each(spelled)('$text', assertCase);
});

describe('class 4: numbers given in pieces', () => {
  it.each(pieces)('$text', assertCase);
});

describe('class 5: a number across two messages of one thread', () => {
  it.each(thread)('$first ⏎ $second', ({ first, second, gone, kept }) => {
    // Act
    const opening = redactIdentifiers(first);
    const rest = redactIdentifiers(second, { continuesNumber: opening.numberOpen });
    // Assert
    expect(opening.numberOpen).toBe(true);
    for (const g of gone) expect(rest.text).not.toContain(g);
    for (const k of kept ?? []) expect(rest.text).toContain(k);
  });

  it.each(closedThreads)('"%s" does not leave a number open', (text) => {
    expect(redactIdentifiers(text).numberOpen).toBe(false);
  });

  it('leaves short numbers alone when the previous message did not open one', () => {
    expect(redactIdentifiers('37 14').text).toBe('37 14');
    expect(redactIdentifiers('37 14', { continuesNumber: true }).text).toBe('[PHONE]');
  });

  it('keeps incident details at the start of a continued message', () => {
    for (const text of ['3 chicas más llegaron', '15 años tiene', 'km 108', 'S/ 500 le cobran']) {
      expect(redactIdentifiers(text, { continuesNumber: true }).text).toBe(text);
    }
  });
});

describe('class 6: identity documents', () => {
  it.each(documents)('$text', assertCase);
});

describe('class 7: e-mails', () => {
  it.each(emails)('$text', assertCase);
});

describe('class 8: incident details stay', () => {
  it.each(incidentDetails)('%s', (text) => {
    const result = redactIdentifiers(text);
    expect({ text: result.text, counts: result.counts }).toEqual({ text, counts: {} });
  });

  it.each(detailsBesideIdentifiers)('$text', assertCase);
});
