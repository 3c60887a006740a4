// Document and phone numbers read aloud as a quantity ("cuarenta y un millones…", "cento e vinte e
// três milhões…", "forty-one million…", "iskay chunka tawayuq hunu…"), and the amounts and counts
// said the same way that must stay. Every value here is invented.
import { describe, it } from 'vitest';
import type { PlaceholderKind } from '../../functions/core/tip';
import { type RedactionCase, checkRedaction } from '../support/redaction-cases';

type Case = RedactionCase & { kind?: PlaceholderKind };

const check = (c: Case): void => checkRedaction(c, c.kind ?? 'ID');

const spanish: Case[] = [
  {
    text: 'mi cédula es la V veintiséis millones cuatrocientos ochenta mil doscientos treinta',
    gone: ['V veintiséis', 'veintiséis millones cuatrocientos ochenta mil doscientos treinta'],
    kept: ['mi cédula es la'],
  },
  { text: 'mi DNI es setenta y dos millones ciento cinco mil novecientos ochenta y ocho', gone: ['setenta y dos millones', 'novecientos ochenta y ocho'] },
  {
    text: 'DNI número: cuarenta y cinco millones trescientos veintidós mil diecisiete, gracias',
    gone: ['cuarenta y cinco millones trescientos veintidós mil diecisiete'],
    kept: ['gracias'],
  },
  {
    text: 'el dni de la señora es diez millones novecientos mil cuatrocientos uno y tiene 40 años',
    gone: ['diez millones novecientos mil cuatrocientos uno'],
    kept: ['tiene 40 años'],
  },
  { text: 'Cédula E-ochenta y un millones doscientos dos mil seiscientos', gone: ['E-ochenta', 'doscientos dos mil seiscientos'] },
  { text: 'carnet de extranjería nro. nueve millones seiscientos mil trescientos treinta', gone: ['nueve millones seiscientos mil trescientos treinta'] },
  { text: 'dni 63 millones 718 mil 204', gone: ['63 millones 718 mil 204'] },
  { text: 'mi DNI real es catorce millones seiscientos nueve mil trescientos', gone: ['catorce millones seiscientos nueve mil trescientos'] },
  {
    text: 'su RUT es doce millones trescientos mil cuatrocientos cinco guion K, la tienen en Mazuko',
    gone: ['doce millones trescientos mil cuatrocientos cinco', 'guion K'],
    kept: ['la tienen en Mazuko'],
  },
  {
    text: 'mi cel es novecientos cincuenta y un millones trescientos cuarenta mil ochocientos veintidós',
    gone: ['novecientos cincuenta y un millones', 'ochocientos veintidós'],
    kind: 'PHONE',
  },
  {
    text: 'anota: treinta y siete millones doscientos cincuenta mil ciento cuarenta, es el de ella',
    gone: ['treinta y siete millones doscientos cincuenta mil ciento cuarenta'],
    kept: ['anota:', 'es el de ella'],
  },
];

const portuguese: Case[] = [
  {
    text: 'meu CPF é trezentos e quarenta e cinco milhões seiscentos e setenta e oito mil novecentos e um traço dois três',
    gone: ['trezentos e quarenta e cinco milhões', 'novecentos e um', 'traço dois três'],
  },
  { text: 'o RG dela é vinte e dois milhões quinhentos e oitenta mil e setenta', gone: ['vinte e dois milhões quinhentos e oitenta mil e setenta'] },
  {
    text: 'meu zap é novecentos e noventa e dois milhões cento e dez mil trezentos e seis',
    gone: ['noventa e dois milhões', 'trezentos e seis'],
    kind: 'PHONE',
  },
];

const english: Case[] = [
  {
    text: 'passport number fifty-three million eight hundred and twelve thousand four hundred and six',
    gone: ['fifty-three million eight hundred and twelve thousand four hundred and six'],
  },
  { text: 'my ID is twelve million three hundred forty-five thousand six hundred seventy-eight.', gone: ['twelve million', 'six hundred seventy-eight'] },
  {
    text: 'write this down: forty-seven million one hundred thousand two hundred and nine',
    gone: ['forty-seven million one hundred thousand two hundred and nine'],
    kept: ['write this down:'],
  },
];

// Unreviewed by a speaker; the numerals and how they compose are cited in number-words.json.
const quechua: Case[] = [
  {
    text: 'DNI-y: pusaq chunka pichqayuq hunu iskay pachak waranqa kimsa chunka tawayuq. Yanapawaychik',
    gone: ['pusaq chunka pichqayuq hunu iskay pachak waranqa kimsa chunka tawayuq'],
    kept: ['Yanapawaychik'],
  },
  {
    text: 'DNI: tawa chunka hukniyoq hunu qanchis pachaq isqon chunka waranqa soqta',
    gone: ['tawa chunka hukniyoq hunu qanchis pachaq isqon chunka waranqa soqta'],
  },
  { text: 'numeroy: isqun pachak pichqa chunka huk hunu pachak chunka waranqa pusaq', gone: ['isqun pachak pichqa chunka huk hunu'], kind: 'PHONE' },
];

const amountsAndCounts: Case[] = [
  { text: 'el dueño ganó dieciocho millones de soles con las chicas', untouched: true },
  { text: 'pagaron un millón doscientos treinta mil quinientos soles por la draga', untouched: true },
  { text: 'a dívida era de dois milhões trezentos e cinquenta mil e quarenta reais', untouched: true },
  { text: 'he paid S/ three million two hundred thousand and fifty', untouched: true },
  { text: 'cobran en dólares: cuatro millones ochocientos mil cien', untouched: true },
  { text: 'el distrito tiene un millón doscientos mil cuatrocientas personas', untouched: true },
  { text: 'ganan dos millones trescientos mil al año con la mina', untouched: true },
  { text: 'la chica de diecisiete años le debe tres mil quinientos soles', untouched: true },
  { text: 'en el año dos mil veintitrés la llevaron a Mazuko', untouched: true },
  { text: 'mil gracias, la chica tiene catorce años y está en el km ciento ocho', untouched: true },
  { text: 'su DNI lo retiene el dueño por una deuda de veinte mil soles', untouched: true },
  { text: 'mi número de casa es mil doscientos', untouched: true },
  { text: 'hay tres millones quinientos mil doce hectáreas de bosque', untouched: true },
  { text: 'iskay waranqa soles manukun', untouched: true },
];

describe.each([
  ['Spanish', spanish],
  ['Portuguese', portuguese],
  ['English', english],
  ['Quechua', quechua],
] as const)('a number read as a quantity in %s', (_lang, cases) => {
  it.each(cases)('$text', (c) => check(c));
});

describe('quantities that stay: money, counts, years', () => {
  it.each(amountsAndCounts)('$text', (c) => check(c));
});
