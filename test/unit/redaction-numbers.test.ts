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

/** Groups read out as sentences: spelled words joined by hyphens, then digit groups after ". ". */
const sentenceGroups: Case[] = [
  { text: 'mi número es nueve-ocho-siete. 512. 330', gone: ['987512330', 'nueve-ocho-siete', '512', '330'], as: ['PHONE'] },
  { text: 'mi numero es cuatro-seis-uno. 207. 958 por favor', gone: ['207', '958', 'cuatro-seis-uno'], kept: ['por favor'], as: ['PHONE'] },
  { text: 'meu número é nove-sete-um. 806. 442', gone: ['806', '442', 'nove-sete-um'], as: ['PHONE'] },
  { text: 'my number is nine-four-two. 168. 357.', gone: ['168', '357', 'nine-four-two'], as: ['PHONE'] },
  { text: 'numeroy isqun-tawa-iskay. 603. 185', gone: ['603', '185', 'isqun-tawa-iskay'], as: ['PHONE'] },
  { text: 'mi cel es 964. tres-cero-ocho. 271', gone: ['964', 'tres-cero-ocho', '271'], as: ['PHONE'] },
  { text: 'mi cel es 9-4-6. 3-0-8. 2-7-1', gone: ['9-4-6', '3-0-8', '2-7-1'], as: ['PHONE'] },
  { text: 'wsp: nueve cinco dos. cero siete uno. seis seis tres', gone: ['cero siete uno', 'seis seis tres'], as: ['PHONE'] },
  { text: 'el cel del tipo es nueve-ocho-uno. 440. 276', gone: ['440', '276'], as: ['PHONE'] },
  { text: 'nueve-seis-tres. 118. 540 es el número de la señora', gone: ['118', '540', 'nueve-seis-tres'], kept: ['es el número de la señora'], as: ['PHONE'] },
  { text: 'mi número es 958. 31. 4027', gone: ['958', '31', '4027'], as: ['PHONE'] },
  { text: 'call me nine-three-seven. five-zero-two. six-one-eight', gone: ['five-zero-two', 'six-one-eight'], as: ['PHONE'] },
  { text: 'Mi número: nueve-ocho-siete. Quinientos doce. Trescientos treinta.', gone: ['Quinientos doce', 'Trescientos treinta'], as: ['PHONE'] },
  { text: 'mi cel 973... 215... 864', gone: ['973', '215', '864'], as: ['PHONE'] },
];

/** Sentences of numbers that are incident details: they read like groups, and stay. */
const sentenceDetails: string[] = [
  'Pagó 2000. Luego 3000 más',
  'Le cobraron 150. 200. 300 soles',
  'fue en 2019. 2020. 2021 también',
  'el 12. 05. 2021 se la llevaron',
  'tiene 15. 16 años la otra',
  'son 3. 4 son menores. 2 ya salieron',
  'km 108. 110. 115 hay bares',
];

/** Chat bursts and SMS pasted as a transcript, a number split over lines with something between. */
const chatBursts: Case[] = [
  {
    text: '[20:41] el que las trae es el Flaco, su cel 951 38\n[20:41] uy se envio\n[20:42] 2 614\n[20:43] ahi esta',
    gone: ['951 38', '2 614'],
    kept: ['[20:41] el que las trae', '\n[20:41] uy se envio\n[20:42] ', '\n[20:43] ahi esta'],
    as: ['PHONE'],
  },
  {
    text: '[07:15] su numero es 967 2\n[07:15] perdon\n[07:16] 04 518',
    gone: ['967 2', '04 518'],
    kept: ['[07:15] su numero es ', '\n[07:15] perdon\n[07:16] '],
  },
  { text: '21:03 el celular de la señora 984 11\n21:03 espera\n21:04 se corto\n21:05 7 352', gone: ['984 11', '7 352'], kept: ['21:03 el celular', '21:05 '] },
  { text: '[6/12 20:41] wsp del dueño 932 0\n[6/12 20:41] ay\n[6/12 20:42] 47 816', gone: ['932 0', '47 816'], kept: ['[6/12 20:41] wsp', '[6/12 20:42] '] },
  {
    text: '[6/12/24, 20:41:13] Rosa: su cel 958 26\n[6/12/24, 20:41:20] Rosa: uy\n[6/12/24, 20:42:01] Rosa: 1 739',
    gone: ['958 26', '1 739'],
    kept: ['[6/12/24, 20:42:01] '],
  },
  { text: '6/12/24 20:41 - Dani: el numero 941 5\n6/12/24 20:42 - Dani: 20 873', gone: ['941 5', '20 873'], kept: ['6/12/24 20:41 - ', '6/12/24 20:42 - '] },
  { text: '- 8:05 p. m. - su cel 975 30\n- 8:06 p. m. - 1 248', gone: ['975 30', '1 248'], kept: ['- 8:05 p. m. - su cel ', '- 8:06 p. m. - '] },
  { text: '[8:41 p. m., 6/12/2024] mi numero 962 7\n[8:42 p. m., 6/12/2024] 40 153', gone: ['962 7', '40 153'], kept: ['[8:42 p. m., 6/12/2024] '] },
  { text: '[20:40] el numero del Chato es\n[20:41] 953\n[20:41] 208\n[20:42] 617', gone: ['953', '208', '617'], kept: ['[20:41] ', '[20:42] '] },
  {
    text: '[20:41] su cel es nueve cinco uno\n[20:42] perdon\n[20:42] tres ocho dos seis uno cuatro',
    gone: ['nueve cinco uno', 'tres ocho dos'],
    kept: ['[20:42] perdon'],
  },
  { text: '[20:41] su cel 951 38\n[20:41] uy se envio\n[20:42] ese es 2 614', gone: ['951 38', '2 614'], kept: ['ese es'] },
  {
    text: '[20:41] 9\n[20:41] 6\n[20:41] 3\n[20:42] 5\n[20:42] 0\n[20:42] 8\n[20:43] 1\n[20:43] 7\n[20:43] 4',
    gone: ['963508174'],
    kept: ['[20:41] ', '[20:43] '],
  },
  { text: '[20:41] Kati: 948 62\n[20:42] Kati: 0 371', gone: ['948 62', '0 371'], kept: ['[20:42] Kati: '] },
  { text: '[20:42] 951 382 614', gone: ['951382614'], kept: ['[20:42] '], as: ['PHONE'] },
  { text: 'a las 9:30 me escribio del 951 204 388', gone: ['951204388'], kept: ['a las 9:30'], as: ['PHONE'] },
  { text: 'Yo: mi cel es 957 41\nYo: 3 260\nEllos: ok', gone: ['957 41', '3 260'], kept: ['Yo: mi cel es ', '\nYo: ', '\nEllos: ok'] },
  { text: 'Yo: mi cel es 957 41\nÉl: que?\nYo: 3 260\nÉl: ya', gone: ['957 41', '3 260'], kept: ['Él: que?', 'Él: ya'] },
  { text: 'Me: my number is 946 12\nMe: sorry\nMe: 0 587', gone: ['946 12', '0 587'], kept: ['Me: sorry'] },
  { text: 'Eu: meu zap é 68 9 99\nEu: ops\nEu: 21 3457', gone: ['68 9 99', '21 3457'], kept: ['Eu: ops'] },
  { text: 'mi cel es 951 38\nperdón\nse envió\n2 614', gone: ['951 38', '2 614'], kept: ['perdón\nse envió'] },
  {
    text: 'Rosa Quispe, [06.12.24 20:41]\nsu cel 957 30\n\nRosa Quispe, [06.12.24 20:41]\nuy\n\nRosa Quispe, [06.12.24 20:42]\n8 146',
    gone: ['957 30', '8 146'],
    kept: ['[06.12.24 20:41]\nuy', '[06.12.24 20:42]\n'],
  },
  { text: '20:41 | Yo: su cel 943 70\n20:41 | Yo: ups\n20:42 | Yo: 2 158', gone: ['943 70', '2 158'], kept: ['20:41 | Yo: ups\n20:42 | Yo: '] },
  { text: '[20:41] mi numero:\n[20:42] 951 38\n[20:42] uy\n[20:43] 2 614', gone: ['951 38', '2 614'], kept: ['[20:42] uy\n[20:43] '] },
];

/** Chat lines around an unfinished number keep their incident details and timestamps. */
const chatDetails: Case[] = [
  { text: '[20:41] su cel 951 38\n[20:42] tiene 15 años', kept: ['[20:42] tiene 15 años'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] son 3 chicas', kept: ['[20:42] son 3 chicas'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] km 108', kept: ['[20:42] km 108'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] S/ 1,500', kept: ['[20:42] S/ 1,500'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] 4 mil', kept: ['[20:42] 4 mil'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] 800 soles le debe', kept: ['[20:42] 800 soles le debe'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] a las 9', kept: ['[20:42] a las 9'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 38\n[20:42] 12/05', kept: ['[20:42] 12/05'], gone: ['951 38'] },
  { text: '[20:41] su cel 951 382 614\n[20:42] tiene 15\n[20:43] 16', kept: ['[20:42] tiene 15\n[20:43] 16'], gone: ['951382614'] },
  {
    text: '[20:41] su cel 951 38\n[20:41] no se\n[20:42] la chica\n[20:42] tiene miedo\n[20:43] ya no contesta\n[20:44] 26',
    kept: ['[20:44] 26'],
    gone: ['951 38'],
  },
];

const chatWithoutNumbers: string[] = [
  '[21:14] Hola disculpe\n[21:15] en Mazuko hay 6 chicas\n[21:15] la menor tiene 14\n[21:16] 15 años la otra',
  '[20:41] tiene 15\n[20:42] 16 años',
  '[20:41] la de 14\n[20:42] 15 tambien',
  '6/12/24, 20:41 - Rosa: estan en el km 108\n6/12/24, 20:42 - Rosa: les cobran 800 soles',
  '- 8:05 p. m. - llegaron a las 21:15\n- 8:06 p. m. - eran 3',
  '20:41 se fue el 12/05/2024\n20:42 con 2 mas',
  'a las 21:15 llegaron',
];

/** Look-alike letters, other separators, and a country code in words. */
const moreForms: Case[] = [
  { text: 'cel 9OO 5l2 33O', gone: ['9OO', '5l2', '33O'], as: ['PHONE'] },
  { text: 'llamen al 9OO-4l7-2O8', gone: ['9OO', '4l7', '2O8'], as: ['PHONE'] },
  { text: 'el numero de la tia es 9O6 l2O 38O', gone: ['9O6', 'l2O', '38O'], as: ['PHONE'] },
  { text: 'escribanle al 9O5.l2O.47O', gone: ['9O5', 'l2O', '47O'], as: ['PHONE'] },
  { text: 'cel 9 O 5 l 2 O 3 3 O', gone: ['9 O 5 l 2 O 3 3 O', '5 l 2'], as: ['PHONE'] },
  { text: 'cel 9-O-4-l-6-O-3-2-8', gone: ['4-l-6-O-3'], as: ['PHONE'] },
  { text: 'su cel es 9 5 1 - 2 O 3 - 3 O 7', gone: ['2 O 3', '3 O 7'], as: ['PHONE'] },
  { text: 'cel OO51 962 403 187', gone: ['962403187', 'OO51'], as: ['PHONE'] },
  { text: 'mi cel 9-7-3-1-1-5-4-0-8 o escribeme', gone: ['973115408'], kept: [' o escribeme'] },
  { text: 'cel 951\\203\\417', gone: ['951203417'] },
  { text: 'cel 9_6_1 2_0_3 3_0_8', gone: ['961203308'] },
  { text: 'whatsapp mas cincuenta y uno nueve cinco uno dos cero tres tres cero uno', gone: ['cincuenta y uno', 'dos cero tres'], as: ['PHONE'] },
  { text: 'whatsapp más 51 nueve cuatro ocho dos cero tres tres cero uno', gone: ['51', 'ocho dos cero'], as: ['PHONE'] },
  { text: 'cero cero cinco uno nueve seis tres dos cero cuatro cuatro uno siete', gone: ['cero cero cinco uno', 'dos cero cuatro'], as: ['PHONE'] },
  { text: 'call plus five one nine five one two zero three three zero one', gone: ['five one nine', 'zero three'], as: ['PHONE'] },
  {
    text: 'zap: mais cinquenta e cinco, sessenta e oito, nove nove nove um dois três quatro cinco',
    gone: ['cinquenta e cinco', 'sessenta e oito', 'um dois'],
    as: ['PHONE'],
  },
  { text: 'lo vio IO veces, Ollanta dijo que sí', kept: ['lo vio IO veces, Ollanta dijo que sí'] },
  { text: 'tiene 14 o 15 años, son 2 o 3 chicas', kept: ['tiene 14 o 15 años, son 2 o 3 chicas'] },
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

describe('class 9: groups read out as sentences', () => {
  it.each(sentenceGroups)('$text', assertCase);

  it.each(sentenceDetails)('%s stays', (text) => {
    const result = redactIdentifiers(text);
    expect({ text: result.text, counts: result.counts }).toEqual({ text, counts: {} });
  });
});

describe('class 10: a number split over the lines of a pasted chat', () => {
  it.each(chatBursts)('$text', assertCase);

  it.each(chatDetails)('$text', assertCase);

  it.each(chatWithoutNumbers)('%s stays', (text) => {
    const result = redactIdentifiers(text);
    expect({ text: result.text, counts: result.counts }).toEqual({ text, counts: {} });
  });

  it('keeps a number open across an interjection at the end of a message', () => {
    const opening = redactIdentifiers('[20:41] su cel 951 38\n[20:41] uy se envio');
    expect(opening.numberOpen).toBe(true);
    expect(redactIdentifiers('[20:42] 2 614', { continuesNumber: opening.numberOpen }).text).toBe('[20:42] [PHONE]');
  });
});

describe('class 11: look-alike letters, separators and country codes in words', () => {
  it.each(moreForms)('$text', assertCase);
});
