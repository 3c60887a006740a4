// Handles, profile links and page names are hidden whoever they belong to (kind HANDLE); file
// names, times, money, decimals and public web addresses are incident details and stay.
import { describe, it } from 'vitest';
import { type RedactionCase as Case, checkRedaction } from '../support/redaction-cases';

const check = (c: Case): void => checkRedaction(c, 'HANDLE');

const askedToFind: Case[] = [
  { text: 'búscame como x_77 en el face', gone: ['x_77'] },
  { text: 'buscame como rositalinda', gone: ['rositalinda'] },
  { text: 'agrégame en face como Dayana Sucso, ahí te cuento', gone: ['Dayana', 'Sucso'], kept: ['ahí te cuento'] },
  { text: 'me encuentras en tiktok como La Flaca Mazuko', gone: ['Flaca'] },
  { text: 'add me on ig: fiona.b', gone: ['fiona.b'] },
  { text: 'me procura no insta como priscila_mr', gone: ['priscila_mr'] },
];

const displayNames: Case[] = [
  { text: 'en el face sale como Marisela Flores, ella recluta chicas', gone: ['Marisela', 'Flores'], kept: ['ella recluta chicas'] },
  { text: 'mi face es Noemí Ttito Mamani', gone: ['Noemí', 'Ttito', 'Mamani'] },
  { text: 'su página se llama Empleos Madre de Dios Chicas y publica avisos', gone: ['Empleos Madre de Dios Chicas'], kept: ['y publica avisos'] },
  { text: 'el grupo de facebook llamado Chambas Selva Ya ofrece pasajes', gone: ['Chambas Selva Ya'], kept: ['ofrece pasajes'] },
  { text: "There's a Facebook page called 'Trabajo Selva Urgente' posting ads", gone: ['Trabajo Selva Urgente'], kept: ['posting ads'] },
  { text: 'meu insta é Gabriela Moura', gone: ['Gabriela', 'Moura'] },
  { text: 'mi ig es dayanita', gone: ['dayanita'] },
  { text: 'la cuenta de tiktok se llama chamba.facil.mdd', gone: ['chamba.facil.mdd'] },
];

// Page and profile names written as plain words after a page or profile word: the run ends at
// a closing quote, punctuation, the line's end or a lower-case word.
const plainPageNames: Case[] = [
  {
    text: 'mi prima vio una pagina Chambas Selva Urgente 2025 que ofrecia 2000 soles',
    gone: ['Chambas Selva Urgente', '2025'],
    kept: ['que ofrecia 2000 soles'],
  },
  { text: 'la reclutan por una página Empleos Amazonía Chicas, dice mesera', gone: ['Empleos Amazonía Chicas'], kept: [', dice mesera'] },
  { text: 'tiene un perfil en face Yoli Viajes Perú y escribe a chicas', gone: ['Yoli Viajes'], kept: ['y escribe a chicas'] },
  { text: 'ela tem um perfil no insta Bella Modelos Acre\nela paga a passagem', gone: ['Bella Modelos Acre'], kept: ['ela paga a passagem'] },
  { text: 'achei uma página Trabalho Fácil Peru oferecendo passagem', gone: ['Trabalho Fácil'], kept: ['oferecendo passagem'] },
  { text: 'la engañó por facebook, sale como Mayra Linda 💋 y le pide fotos', gone: ['Mayra Linda'], kept: ['y le pide fotos'] },
  { text: 'en el face la encuentras como Karen Viajes Sur y recluta', gone: ['Karen Viajes Sur'], kept: ['y recluta'] },
  { text: 'le escribe por tiktok, aparece con el nombre "Chamba Rápida MDD" y le ofrece', gone: ['Chamba Rápida MDD'], kept: ['y le ofrece'] },
  { text: 'she found a facebook page Amazon Jobs Girls offering 3000', gone: ['Amazon Jobs Girls'], kept: ['offering 3000'] },
  { text: 'the recruiter has a profile Nina Travel Peru on instagram', gone: ['Nina Travel'], kept: ['on instagram'] },
  { text: 'el grupo de facebook Chicas Selva Bonitas ofrece pasajes', gone: ['Chicas Selva Bonitas'], kept: ['ofrece pasajes'] },
  { text: 'kay paginata qhawariy facebookpi "Llamkay Selva Sur" chaymi engañan', gone: ['Llamkay Selva Sur'], kept: ['chaymi engañan'] },
  { text: 'Facebook-pi "Trabajos Puerto Ya" sutiyuq paginata rikurqani', gone: ['Trabajos Puerto Ya'], kept: ['sutiyuq paginata rikurqani'] },
  { text: "facebookmanta 'Chicas Mazuko Trabajo' paginamanta qillqarqanku", gone: ['Chicas Mazuko Trabajo'], kept: ['paginamanta qillqarqanku'] },
];

// Page and profile names described in words: after whose page it is, after a comma when the
// account is someone's, in lower case after a naming phrase, and before Quechua "called".
const describedPageNames: Case[] = [
  {
    text: 'el face del bar es Luna Roja Laberinto Oficial ahí suben fotos de las chicas',
    gone: ['Luna Roja Laberinto Oficial'],
    kept: ['ahí suben fotos de las chicas'],
  },
  { text: 'la tía tiene face, Marcelina Dávila Cobija, con foto de flores', gone: ['Marcelina Dávila Cobija'], kept: ['con foto de flores'] },
  { text: 'escríbanle al face de mi prima, se llama morenita dulce sicuani', gone: ['morenita dulce sicuani'], kept: ['escríbanle al face de mi prima'] },
  { text: 'her insta is called sunny jobs arequipa and she hires girls', gone: ['sunny jobs arequipa'], kept: ['and she hires girls'] },
  { text: 'en tiktok sale como la chinita del oriente y sube videos', gone: ['chinita del oriente'], kept: ['y sube videos'] },
  { text: 'o insta da boate é Noite Quente Acre onde postam fotos', gone: ['Noite Quente Acre'], kept: ['onde postam fotos'] },
  { text: 'the recruiter has facebook, Sunny Gigs Peru, where she posts jobs', gone: ['Sunny Gigs Peru'], kept: ['where she posts jobs'] },
  { text: 'su perfil de tiktok se llama bella selvatica tours con fotos', gone: ['bella selvatica tours'], kept: ['con fotos'] },
  { text: 'my profile is called lucky jane travels\nthe boat left at 9', gone: ['lucky jane travels'], kept: ['the boat left at 9'] },
  { text: '"Chamba Selva Sur" sutiyoq paginata rikurqani', gone: ['Chamba Selva Sur'], kept: ['sutiyoq paginata rikurqani'] },
  { text: 'Llamkay Rapido Sur nisqa grupopi qillqanku', gone: ['Llamkay Rapido Sur'], kept: ['nisqa grupopi qillqanku'] },
];

const notPageNames: Case[] = [
  { text: "bar 'La Cabaña Roja' nisqapi tomachinku", untouched: true },
  { text: "'Mi Lucerito' sutiyuq bar Mazukopi", untouched: true },
  { text: "kay runa 'Don Abelardo' sutiyoq sipaskunata pusan", untouched: true },
  { text: 'lo vi en el face, Rosalba Quispe, la hija de la dueña, lo publicó', untouched: true },
  { text: 'la dueña tiene face, Rosalba lo maneja', untouched: true },
  { text: 'el face de la dueña es peligroso', untouched: true },
  { text: 'el face de la dueña, Rosalba Quispe, tiene fotos', untouched: true },
  { text: 'vi la página, Rosalba, y me asusté', untouched: true },
  { text: 'en el face se llama a las chicas para trabajar', untouched: true },
  { text: 'trabaja en el bar Noches de Amor del km 107', untouched: true },
  { text: 'la llevaron a la discoteca Luna Azul en Mazuko', untouched: true },
  { text: 'la llevaron al prostibar La Casona de Laberinto', untouched: true },
  { text: 'vi en facebook que en Puerto Maldonado ofrecen trabajo', untouched: true },
  { text: 'el perfil de Yeni Ccori ya no existe', untouched: true },
  { text: 'la página de Rosalba Quispe tiene sus fotos', untouched: true },
  { text: 'vi su perfil. Rosalba Quispe es la dueña', untouched: true },
  { text: 'la pagina Web de la Policia dice eso', untouched: true },
  { text: 'el grupo Los Kjarkas tocaba en el bar', untouched: true },
  { text: 'su cuenta Puerto Maldonado', untouched: true },
  { text: 'en su perfil Rosalba sube fotos', untouched: true },
  { text: 'la vi en facebook, se llama Rosalba Quispe y tiene 15', untouched: true },
  { text: 'ayer en facebook, como Rosalba dijo, hay anuncios', untouched: true },
  { text: 'VI UNA PAGINA TRABAJOS SELVA OFRECIAN 2500 MENSUAL', untouched: true },
  { text: 'facebookta qhawarirqani', untouched: true },
  { text: 'una faceta "oculta" del dueño', untouched: true },
];

const links: Case[] = [
  { text: 'vende fotos en onlyfans.com/dayana_vip', gone: ['dayana_vip'] },
  { text: 'su perfil linkedin.com/in/ricardo-luque-88 dice gerente', gone: ['ricardo-luque-88'], kept: ['dice gerente'] },
  { text: 'escribe al wa.link/k3x9pz para el trabajo', gone: ['k3x9pz'], kept: ['para el trabajo'] },
  { text: 'el número es wa.me/51911222333', gone: ['51911222333'] },
  { text: 'nos pasaron discord.gg/chambas77', gone: ['chambas77'] },
  { text: 'canal t.me/trabajos_selva_pe', gone: ['trabajos_selva_pe'] },
  { text: 'sale en kwai.com/@flaquita.mdd', gone: ['flaquita.mdd'] },
  { text: 'https://vm.tiktok.com/ZMabc123/ ese video', gone: ['ZMabc123'], kept: ['ese video'] },
  { text: 'le escribe @chamba_facil cada noche', gone: ['chamba_facil'], kept: ['cada noche'] },
];

const gluedHandles: Case[] = [
  { text: 'el que la recluta es x_77', gone: ['x_77'] },
  { text: 'busquen a luis_ferro_oficial, él las lleva', gone: ['luis_ferro_oficial'], kept: ['él las lleva'] },
  { text: 'la página gocha.oportunidades ofrece trabajo', gone: ['gocha.oportunidades'], kept: ['ofrece trabajo'] },
  { text: 'su usuario es dayana.88', gone: ['dayana.88'] },
];

const notHandles: Case[] = [
  { text: 'les mando la foto.jpg y el audio_2024.mp3', untouched: true },
  { text: 'a las 10.30 pm la sacaron', untouched: true },
  { text: 'le deben S/. 1500 y S/ 200', untouched: true },
  { text: 'pesa 1.5 kilos y mide 1.60', untouched: true },
  { text: 'llamen al 1818 o vean www.gob.pe/mimp', untouched: true },
  { text: 'denuncien en mimp.gob.pe', untouched: true },
  { text: 'la I.E. del AA.HH. Los Pinos', untouched: true },
  { text: 'llegó a Mazuko.Ayer la vieron', untouched: true },
  { text: 'estoy en mazuko.ayuda', untouched: true },
  { text: 'vi en tiktok un anuncio de trabajo', untouched: true },
  { text: 'lo vi en el face de mi prima', untouched: true },
  { text: 'en el fb de mazuko hay un anuncio', untouched: true },
  { text: 'vi un aviso en facebook: se buscan señoritas', untouched: true },
  { text: 'me di cuenta como la tratan', untouched: true },
  { text: 'el face es peligroso', untouched: true },
  { text: 'Facebook-pi rikurqani', untouched: true },
  { text: 'un anuncio de Facebook de "anfitrionas" para la selva', untouched: true },
];

describe.each([
  ['asked to be found', askedToFind],
  ['profile and page names', displayNames],
  ['page names in plain words', plainPageNames],
  ['page names described in words', describedPageNames],
  ['profile links', links],
  ['glued handles', gluedHandles],
] as const)('handles: %s', (_class, cases) => {
  it.each(cases)('$text', (c) => check(c));
});

describe('handles: look-alikes that stay', () => {
  it.each(notHandles)('$text', (c) => check(c));
});

describe('handles: bar names, places and people next to page words stay', () => {
  it.each(notPageNames)('$text', (c) => check(c));
});
