// The writer's own home address (kind ADDRESS) after a first-person residence cue. A town alone
// and the address of the incident stay: responders need the region and the place.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import { type RedactionCase as Case, checkRedaction } from '../support/redaction-cases';

const check = (c: Case): void => checkRedaction(c, 'ADDRESS');

const spanish: Case[] = [
  { text: 'vivo en Jr. Ayacucho 742, Puerto Maldonado, con mis hijos', gone: ['Ayacucho 742'], kept: ['Puerto Maldonado', 'con mis hijos'] },
  {
    text: 'vivimos en la Av. Dos de Mayo 1130 dpto 204 y mi hija trabaja en el bar',
    gone: ['Dos de Mayo 1130', 'dpto 204'],
    kept: ['y mi hija trabaja en el bar'],
  },
  { text: 'mi casa queda en el AA.HH. Nueva Esperanza Mz. F Lt. 12', gone: ['Nueva Esperanza', 'Mz. F', 'Lt. 12'] },
  { text: 'mi casa está en Psje. Los Cedros 318, al costado de la bodega Doña Tere', gone: ['Los Cedros 318', 'bodega Doña Tere'] },
  { text: 'mi dirección es Calle Arequipa 509 segundo piso', gone: ['Arequipa 509', 'segundo piso'] },
  { text: 'mi domicilio: Urb. San Fernando Mz C Lt 7', gone: ['San Fernando', 'Mz C', 'Lt 7'] },
  { text: 'vivo en el P.J. Santa Cecilia Mz. D, frente a la posta', gone: ['Santa Cecilia', 'frente a la posta'] },
  { text: 'vivo en el asentamiento humano Los Laureles, casa N° 14', gone: ['Los Laureles', 'N° 14'] },
  { text: 'vivo en jr cusco 611 cerca al mercado, ayuda', gone: ['cusco 611', 'cerca al mercado'], kept: ['ayuda'] },
  { text: 'vivo al costado de la ferretería El Clavo, en Mazuko', gone: ['ferretería El Clavo'], kept: ['en Mazuko'] },
  { text: 'vivo frente al colegio Santa Rosa. Mi hija no vuelve', gone: ['colegio Santa Rosa'], kept: ['Mi hija no vuelve'] },
  { text: 'vivo en el km 112 de la carretera, casa 8, al lado del grifo', gone: ['casa 8', 'lado del grifo'] },
  { text: 'Rufina Ccama kani, Jr. Huancané 215, Juliaca.', gone: ['Huancané 215'], kept: ['Juliaca'] },
  { text: 'me llamo Dayana, vivo en Prolongación Tambopata 1450 interior 3', gone: ['Tambopata 1450', 'interior 3'] },
  { text: 'Nombre: Clotilde Ayme\nDirección: Jr. Lambayeque 388', gone: ['Lambayeque 388'] },
  // Residence labels with a qualifier, and forms whose name label has more than one word.
  { text: 'Dirección actual: Jr. Arequipa 318, Juliaca', gone: ['Arequipa 318'], kept: ['Juliaca'] },
  { text: 'Domicilio actual: Psje. Las Flores 122 Mz. C\nHecho: la retienen', gone: ['Las Flores 122', 'Mz. C'], kept: ['la retienen'] },
  { text: 'mi dirección actual es Av. Circunvalación 540', gone: ['Circunvalación 540'] },
  { text: 'Nombre completo: Irene Cusi\nDirección: Calle Los Olmos 214, dpto 5, Sicuani', gone: ['Los Olmos 214', 'dpto 5'], kept: ['Sicuani'] },
  { text: 'Lugar de residencia: Urb. Santa Rosa Mz. D Lt. 9', gone: ['Santa Rosa', 'Mz. D', 'Lt. 9'] },
  { text: 'vivo por el Jr. Apurímac cuadra 4, cerca al mercado', gone: ['Apurímac cuadra 4'], kept: ['cerca al mercado'] },
  { text: 'yo vivo en Av. Grau 1052 (frente al grifo), si necesitan declaro', gone: ['Grau 1052', 'frente al grifo)'], kept: ['si necesitan declaro'] },
  // A street address that closes the writer's own contact line, after only a town.
  { text: 'soy Nestor, hermano mayor, escribanme al 951 334 782\nde Cusco Jr. Huáscar 310', gone: ['Huáscar 310'], kept: ['de Cusco'] },
  { text: 'mi cel 984 223 118, de Juliaca Jr. Lampa 555', gone: ['Lampa 555'], kept: ['de Juliaca'] },
  { text: 'vivo a la altura del Jr. Moquegua cuadra 5', gone: ['Moquegua cuadra 5'] },
  { text: 'estoy alojada en el Jr. Tarapacá 345 con mi hija', gone: ['Tarapacá 345'], kept: ['con mi hija'] },
];

const portuguese: Case[] = [
  { text: 'moro na Rua Sete de Setembro 410, bairro Aeroporto.', gone: ['Sete de Setembro 410', 'Aeroporto'] },
  { text: 'moro em Brasiléia, Travessa Beija-Flor 77', gone: ['Beija-Flor 77'], kept: ['Brasiléia'] },
  { text: 'minha casa fica na Rua das Palmeiras 12 perto da igreja', gone: ['Palmeiras 12'] },
  { text: 'meu endereço é Avenida Brasil 902, apto 31', gone: ['Brasil 902', 'apto 31'] },
  { text: 'Nome: Bia Lima\nendereço: Rua Acre 212', gone: ['Acre 212'] },
  { text: 'moro pela Travessa Sete 45, Brasiléia', gone: ['Sete 45'], kept: ['Brasiléia'] },
  { text: 'me liga no 68 99912 4471, de Brasiléia Rua Acre 212', gone: ['Acre 212'], kept: ['de Brasiléia'] },
];

const english: Case[] = [
  { text: 'I live at 45 Maple Street, Cusco', gone: ['45 Maple Street'], kept: ['Cusco'] },
  { text: 'I live on Jr. Piura 233 near the market', gone: ['Piura 233'] },
  { text: 'my address is Av. Fitzcarrald 1020, flat 2', gone: ['Fitzcarrald 1020', 'flat 2'] },
  { text: 'Current address: 45 Maple Street, Cusco', gone: ['45 Maple Street'], kept: ['Cusco'] },
  { text: 'call me on +44 7700 900 123, from Lima Av. Arequipa 1200', gone: ['Arequipa 1200'], kept: ['from Lima'] },
  { text: "I'm staying at 45 Elm Street, Cusco", gone: ['45 Elm Street'], kept: ['Cusco'] },
];

const quechua: Case[] = [
  { text: 'wasiyqa Jr. Ucayali 455-pi kachkan, Puerto Maldonado', gone: ['Ucayali 455'], kept: ['Puerto Maldonado'] },
  { text: 'calle Pumacahua 118 wasiypi tiyani. Ususiy ripurqan', gone: ['Pumacahua 118'], kept: ['Ususiy ripurqan'] },
  { text: 'Sicuanipi tiyani, Calle Mariscal Castilla 318. Yanapawaychik', gone: ['Mariscal Castilla 318'], kept: ['Yanapawaychik'] },
  { text: 'Wasiy: Puno, Jr. Deza 640. yanapaway', gone: ['Deza 640'], kept: ['yanapaway'] },
];

const staysIncident: Case[] = [
  { text: 'vivo en Mazuko', untouched: true },
  { text: 'vivo en Puerto Maldonado hace 3 años', untouched: true },
  { text: 'vivimos en Huepetuhe y el bar abre de noche', untouched: true },
  { text: 'moro em Assis Brasil', untouched: true },
  { text: 'I live in Puerto Maldonado', untouched: true },
  { text: 'el prostíbulo queda en Jr. Loreto 456', untouched: true },
  { text: 'la tienen en el bar de la Av. Madre de Dios 120', untouched: true },
  { text: 'vivo en Mazuko y el bar está en Jr. Lima 300', kept: ['Jr. Lima 300'] },
  { text: 'tengo 2 hijos, vivo en el km 110 hace 10 años', untouched: true },
  { text: 'vivo en la calle principal, cerca del bar', untouched: true },
  { text: 'vivo en Puerto Maldonado al lado de una casa donde llegan carros', untouched: true },
  { text: 'ela mora em Brasiléia, Rua Amazonas 45', untouched: true },
  { text: 'Dirección: Jr. Loreto 456, ahí las tienen', untouched: true },
  { text: 'vivo en Puerto Maldonado 2019', untouched: true },
  { text: 'SOY WILMER TTITO 951 443 287. MI HERMANO ESTA EN LA DRAGA', kept: ['MI HERMANO ESTA EN LA DRAGA'], noneOfKind: true },
  { text: 'vivo en Mazuko al lado de una casa donde gritan chicas', untouched: true },
  { text: "el bar 'Kimbara' de Av. Madre de Dios 1245 tiene chicas", untouched: true },
  { text: 'el hostal en la calle Ica tiene chicas', untouched: true },
  { text: 'escribanme al 951334782\nel bar está en Jr. Loreto 456', kept: ['Jr. Loreto 456'], noneOfKind: true },
  { text: 'mi cel 951 334 782. La tienen en Jr. Loreto 456', kept: ['Jr. Loreto 456'], noneOfKind: true },
  { text: 'llamenme al 951334782, la casa de la señora queda en Jr. Loreto 456', kept: ['Jr. Loreto 456'], noneOfKind: true },
  { text: 'el dueño tiene el cel 951 334 782, de Puno Jr. Lampa 555', kept: ['Jr. Lampa 555'], noneOfKind: true },
  { text: 'Dirección actual del bar: Jr. Loreto 456', untouched: true },
  { text: 'Domicilio del denunciado: Jr. Loreto 456', untouched: true },
  { text: 'el dueño vive por el Jr. Ayacucho cuadra 4', untouched: true },
  { text: 'vivo por aquí cerca del bar', untouched: true },
];

describe.each([
  ['Spanish', spanish],
  ['Portuguese', portuguese],
  ['English', english],
  ['Quechua', quechua],
] as const)('the writer’s home address in %s', (_lang, cases) => {
  it.each(cases)('$text', (c) => check(c));
});

describe('addresses that stay: towns and the incident', () => {
  it.each(staysIncident)('$text', (c) => check(c));
});

// A town, a district or an aside may stand between the residence cue and the street; street
// words may be lower case; "s/n", "mz", "lt" and "cuadra" belong to the address.
const asides: Case[] = [
  {
    text: 'vivo en la casa de mi tía, calle los pinos s/n, frente a la losa',
    gone: ['los pinos s/n', 'frente a la losa'],
    kept: ['vivo en la casa de mi tía'],
  },
  { text: 'vivo en Iberia, en el barrio de la señora Rosa, psje las orquídeas mz b lt 4', gone: ['las orquídeas', 'mz b lt 4'], kept: ['vivo en Iberia'] },
  {
    text: 'mi casa queda en Laberinto, por el colegio, av los incas 345 y mi hija no vuelve',
    gone: ['los incas 345'],
    kept: ['Laberinto', 'y mi hija no vuelve'],
  },
  { text: 'moro em Cobija, na casa da minha avó, travessa são josé 88, perto da feira', gone: ['são josé 88'], kept: ['moro em Cobija'] },
  { text: 'I live in Cusco, in Wanchaq district, on Pasaje Los Alamos 214 near the school', gone: ['Los Alamos 214'], kept: ['Cusco', 'Wanchaq'] },
  { text: 'vivo en la casa de mi tía que queda en el jirón Los Pinos 230', gone: ['Los Pinos 230'], kept: ['vivo en la casa de mi tía'] },
  { text: 'vivo en Mazuko hace 3 años, jr los mineros cuadra 2', gone: ['los mineros', 'cuadra 2'], kept: ['vivo en Mazuko hace 3 años'] },
  { text: 'vivimos en huepetuhe, en la calle sin nombre, mz c lt 9', gone: ['sin nombre', 'mz c', 'lt 9'], kept: ['vivimos en huepetuhe'] },
  { text: 'vivo en la casa parroquial de Mazuko, km 108, jr. las flores s/n', gone: ['las flores s/n'], kept: ['Mazuko, km 108'] },
  { text: 'resido en Puerto Maldonado en el jr. 2 de mayo 455, cel 987654321', gone: ['2 de mayo 455'], kept: ['Puerto Maldonado'] },
];

const asidesThatStay: Case[] = [
  { text: 'vivo en Mazuko, el bar está en Jr. Lima 300', untouched: true },
  { text: 'vivo en Mazuko y trabajo en el bar de jr Lima 300', untouched: true },
  { text: 'vivo en Mazuko, la discoteca queda en jr Arequipa 220', untouched: true },
  { text: 'vivo en cusco. El bar está en la calle Tigre 120', untouched: true },
  { text: 'vivo en Mazuko, la tienen en el jirón Lima 300', untouched: true },
  { text: 'vivo en Mazuko; la chica está en jr Lima 300', untouched: true },
  { text: 'vivo en Mazuko, ella vive en jr los pinos 120', untouched: true },
  { text: 'el bar está en la calle sin nombre al lado del grifo', untouched: true },
];

describe('the writer’s home address after a town or an aside', () => {
  it.each(asides)('$text', (c) => check(c));
  it.each(asidesThatStay)('stays: $text', (c) => check(c));
});

const RESIDENCE_CUES = ['vivo en ', 'yo vivo en ', 'vivimos en ', 'resido en ', 'moro em ', 'I live in '];
const TOWNS = ['Mazuko', 'Puerto Maldonado', 'cusco', 'Iberia', 'Laberinto', 'Brasiléia'];
const LEADS = [
  ' ',
  ', ',
  ' en san sebastián ',
  ', en la casa parroquial, ',
  ', en la casa de mi tía, ',
  ', barrio de la señora Rosa, ',
  ' na ',
  ', por el colegio, ',
  ' hace 2 años, ',
];
const STREET_TYPES = ['jirón', 'jr', 'Jr.', 'calle', 'pasaje', 'psje', 'av', 'Avenida', 'rua', 'travessa', 'Pasaje'];
const STREET_NAMES = ['Los Mineros', 'los pinos', 'Las Orquídeas', 'Tacna', 'San Martín', 'das Flores', 'los inkas'];
const HOUSE = ['117', 's/n', '455', 'mz B lt 4', 'cuadra 3', 'N° 230', '1204'];
const TAILS = ['', ' ahí está mi mamá', '. Ayuda por favor', ', tengo miedo', ' y mi hija no vuelve'];
const VENUES = ['el bar', 'la discoteca', 'el prostíbulo', 'la chica', 'el local'];
const VENUE_VERBS = ['está', 'queda', 'funciona', 'atiende'];
const SETTINGS = { seed: 20250301, numRuns: 200 };

describe('the writer’s street after a residence cue, whatever stands before it', () => {
  it('hides the street and its number, and keeps the town and what follows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESIDENCE_CUES),
        fc.constantFrom(...TOWNS),
        fc.constantFrom(...LEADS),
        fc.constantFrom(...STREET_TYPES),
        fc.constantFrom(...STREET_NAMES),
        fc.constantFrom(...HOUSE),
        fc.constantFrom(...TAILS),
        (cue, town, lead, type, name, house, tail) => {
          const before = `${cue}${town}${lead}`;
          const { text, counts } = redactIdentifiers(`${before}${type} ${name} ${house}${tail}`);
          expect(text.startsWith(before.trimEnd()), text).toBe(true);
          expect(text.toLowerCase()).not.toContain(name.toLowerCase());
          expect(text).not.toContain(house);
          expect(text).toContain(tail.trim());
          expect(counts.ADDRESS).toBe(1);
        },
      ),
      SETTINGS,
    );
  });

  it('keeps the incident’s street when another clause names it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RESIDENCE_CUES.slice(0, 4)),
        fc.constantFrom(...TOWNS),
        fc.constantFrom(', ', ' y ', '. ', '; '),
        fc.constantFrom(...VENUES),
        fc.constantFrom(...VENUE_VERBS),
        fc.constantFrom(...STREET_TYPES),
        fc.constantFrom(...STREET_NAMES),
        fc.constantFrom(...HOUSE),
        (cue, town, sep, venue, verb, type, name, house) => {
          const text = `${cue}${town}${sep}${venue} ${verb} en ${type} ${name} ${house}`;
          expect(redactIdentifiers(text).text).toBe(text);
        },
      ),
      SETTINGS,
    );
  });
});
