// Table-driven cases for the redaction engine: each row says what must go and what must stay.
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';
import type { PlaceholderKind } from '../../functions/core/tip';

interface Case {
  text: string;
  /** Substrings that must not survive. */
  gone?: string[];
  /** Substrings that must survive verbatim. */
  kept?: string[];
  /** Placeholders that must appear. */
  as?: PlaceholderKind[];
}

const digits = (s: string) => s.replace(/\D/g, '');
const squash = (s: string) => s.toLowerCase().replace(/[\s.\-()+]/g, '');

function assertCase(c: Case) {
  // A row with nothing to check would pass whatever the redactor did.
  expect((c.gone?.length ?? 0) + (c.kept?.length ?? 0) + (c.as?.length ?? 0), `"${c.text}" checks nothing`).toBeGreaterThan(0);
  const { text, counts } = redactIdentifiers(c.text);
  for (const g of c.gone ?? []) {
    const d = digits(g);
    if (d.length >= 6) expect(squash(text), `digits of "${g}" leaked`).not.toContain(d);
    else expect(text.toLowerCase(), `"${g}" leaked`).not.toContain(g.toLowerCase());
  }
  for (const k of c.kept ?? []) expect(text, `"${k}" was lost`).toContain(k);
  for (const kind of c.as ?? []) {
    expect(text).toContain(`[${kind}]`);
    expect(counts[kind]).toBeGreaterThan(0);
  }
}

const phones: Case[] = [
  { text: 'mi cel es 974 258 136', gone: ['974 258 136'], as: ['PHONE'] },
  { text: 'llamame al 987654321 porfa', gone: ['987654321'], as: ['PHONE'] },
  { text: 'numero 9 8765 4321', gone: ['9 8765 4321'], as: ['PHONE'] },
  { text: 'escribe al 987.654.321', gone: ['987.654.321'], as: ['PHONE'] },
  { text: 'mi cel: 987-654-321', gone: ['987-654-321'], as: ['PHONE'] },
  { text: 'llamen al +51 965-432-187 rapido', gone: ['+51 965-432-187'], kept: ['rapido'], as: ['PHONE'] },
  { text: 'llamame al +51 923 456 789, mi hermana', gone: ['+51 923 456 789'], kept: ['mi hermana'] },
  { text: 'mi numero +51987654321', gone: ['+51987654321'], as: ['PHONE'] },
  { text: 'mi numero 0051 987 654 321', gone: ['0051 987 654 321'], as: ['PHONE'] },
  { text: 'marca 0051-987-654-321 ya', gone: ['0051-987-654-321'] },
  { text: 'cel (+51) 987 654 321', gone: ['987 654 321'], as: ['PHONE'] },
  { text: 'cel 98 765 4321', gone: ['98 765 4321'] },
  { text: 'cel 9 8 7 6 5 4 3 2 1', gone: ['987654321'] },
  { text: 'cel 987 65 43 21', gone: ['987654321'] },
  { text: 'fijo (082) 571234 en la tienda', gone: ['(082) 571234'], kept: ['en la tienda'], as: ['PHONE'] },
  { text: 'llamen al 082-571234', gone: ['082-571234'], as: ['PHONE'] },
  { text: 'el telefono del local es 082 571234', gone: ['082 571234'] },
  { text: 'fono 571234', gone: ['571234'], as: ['PHONE'] },
  { text: 'Lima 01 234 5678', gone: ['01 234 5678'] },
  { text: 'UK number +44 7700 900123 call me', gone: ['+44 7700 900123'], as: ['PHONE'] },
  { text: 'mi tia en Bolivia +591 71234567', gone: ['+591 71234567'], kept: ['Bolivia'] },
  { text: 'venezolana, su numero +58 412 1234567', gone: ['+58 412 1234567'] },
  { text: 'yapeame al 912345678', gone: ['912345678'], as: ['PHONE'] },
  { text: 'plin 9 1234 5678 por favor', gone: ['912345678'], kept: ['por favor'] },
  { text: 'mi whatsapp es whatsapp:+51987654321', gone: ['51987654321'] },
  { text: 'wsp 51987654321', gone: ['51987654321'] },
  { text: 'escriban a wa.me/51987654321', gone: ['51987654321'] },
  { text: 'ID 51987654321@s.whatsapp.net', gone: ['51987654321'] },
  { text: 'nueve ocho siete seis cinco cuatro tres dos uno', gone: ['nueve ocho siete seis'], as: ['PHONE'] },
  { text: 'mi cel es nueve, ocho, siete, seis, cinco, cuatro, tres, dos, uno', gone: ['cuatro, tres, dos'], as: ['PHONE'] },
  { text: 'nueve-ocho-siete-seis-cinco-cuatro-tres-dos-uno', gone: ['siete-seis-cinco'] },
  { text: 'mi numero es 987 seis cinco cuatro 321', gone: ['987', 'seis cinco cuatro', '321'], as: ['PHONE'] },
  { text: 'nine eight seven six five four three two one', gone: ['six five four'], as: ['PHONE'] },
  { text: 'noventa y ocho setenta y seis cincuenta y cuatro treinta y dos', gone: ['setenta y seis cincuenta'] },
  { text: 'isqun pusaq qanchis suqta pichqa tawa kimsa iskay huk', gone: ['suqta pichqa tawa'] },
  { text: 'PROMO!!! recarga 10 soles y recibe 20, envia al 987111222', gone: ['987111222'], kept: ['10 soles'] },
  { text: 'cel987654321', gone: ['987654321'] },
  { text: 'Mi número: 987 654 321.', gone: ['987654321'] },
  { text: 'cel 987 654 321\nmi hija tiene 15', gone: ['987654321'], kept: ['mi hija tiene 15'] },
  { text: 'cel 987–654–321', gone: ['987654321'] },
  { text: 'cel 987,654,321', gone: ['987654321'] },
  { text: 'numero 987 654 321 o 912 345 678', gone: ['987654321', '912345678'] },
  { text: '+1 (555) 123-4567 es el numero del gringo', gone: ['5551234567'] },
];

const emails: Case[] = [
  { text: 'mi correo es rosa.mamani88@gmail.com y', gone: ['rosa.mamani88@gmail.com', 'mamani88'], as: ['EMAIL'] },
  { text: '(tom.baker@example.org, +44 7700 900123)', gone: ['tom.baker@example.org', '+44 7700 900123'], as: ['EMAIL', 'PHONE'] },
  { text: 'ROSA_Q@HOTMAIL.COM', gone: ['ROSA_Q'], as: ['EMAIL'] },
  { text: 'correo: juan-perez+tips@mail.gob.pe.', gone: ['juan-perez', 'tips@mail'], as: ['EMAIL'] },
  { text: 'rosa arroba gmail punto com', gone: ['rosa', 'gmail'], as: ['EMAIL'] },
  { text: 'escribeme a rosa88 arroba hotmail.com', gone: ['rosa88', 'hotmail'], as: ['EMAIL'] },
  { text: 'rosa punto quispe arroba gmail punto com', gone: ['quispe', 'gmail'], as: ['EMAIL'] },
  { text: 'write to tom at example dot org please', gone: ['tom at example'], kept: ['please'], as: ['EMAIL'] },
  { text: 'rosa(at)gmail(dot)com', gone: ['rosa', 'gmail'], as: ['EMAIL'] },
  { text: 'rosa [at] gmail [dot] com', gone: ['rosa', 'gmail'], as: ['EMAIL'] },
  { text: 'rosa @ gmail . com', gone: ['rosa', 'gmail'], as: ['EMAIL'] },
  { text: 'correo rosaq arroba gmail', gone: ['rosaq', 'gmail'], as: ['EMAIL'] },
  { text: 'she is at the bar in Mazuko', kept: ['at the bar in Mazuko'] },
  { text: 'we met at school. Then she left', kept: ['at school. Then she left'] },
  { text: 'estamos en la casa. rosa arroba gmail punto com', kept: ['estamos en la casa.'], as: ['EMAIL'] },
];

const ids: Case[] = [
  { text: 'mi dni 41236587, mi hija de 15', gone: ['41236587'], kept: ['mi hija de 15'], as: ['ID'] },
  { text: 'mi dni es 4 7 8 5 9 6 3 2, trabajo', gone: ['4 7 8 5 9 6 3 2'], as: ['ID'] },
  { text: 'DNI 10117410-2', gone: ['101174102'], as: ['ID'] },
  { text: 'DNI 10117410-K y mas', gone: ['10117410', '-K'], kept: ['y mas'], as: ['ID'] },
  { text: 'DNI41236587', gone: ['41236587'], as: ['ID'] },
  { text: 'documento de identidad N° 41236587', gone: ['41236587'], as: ['ID'] },
  { text: 'D.N.I. 41 23 65 87', gone: ['41236587'] },
  { text: 'dni 4123-6587', gone: ['41236587'] },
  { text: 'dni 41.236.587', gone: ['41236587'] },
  { text: 'su dni termina en 36587', gone: ['36587'] },
  { text: 'carnet de extranjeria 001234567', gone: ['001234567'], as: ['ID'] },
  { text: 'CE 001234567 venezolana', gone: ['001234567'], kept: ['venezolana'], as: ['ID'] },
  { text: 'carné de extranjería N° 000123456', gone: ['000123456'], as: ['ID'] },
  { text: 'pasaporte AB123456', gone: ['AB123456', '123456'], as: ['ID'] },
  { text: 'pasaporte AB12C345', gone: ['AB12C345'], as: ['ID'] },
  { text: 'passport number X1234567', gone: ['X1234567'], as: ['ID'] },
  { text: 'my passport is 123456789', gone: ['123456789'], as: ['ID'] },
  { text: 'RUC 10412365871', gone: ['10412365871'], as: ['ID'] },
  { text: 'ruc: 20123456789 de la empresa', gone: ['20123456789'], kept: ['de la empresa'] },
  { text: 'el ruc es 15123456789', gone: ['15123456789'] },
  { text: 'cedula V-12.345.678', gone: ['12345678'], as: ['ID'] },
  { text: 'cédula de identidad 1234567 LP', gone: ['1234567'], as: ['ID'] },
  { text: 'CI 7654321', gone: ['7654321'], as: ['ID'] },
  { text: 'su CUI 41236587-3', gone: ['412365873'], as: ['ID'] },
  { text: 'el documento 41236587 lo tiene el patron', gone: ['41236587'], kept: ['lo tiene el patron'] },
  { text: 'numero 41236587', gone: ['41236587'] },
  { text: 'bare eight digits 41236587 here', gone: ['41236587'] },
  { text: 'bare seven 4123658', gone: ['4123658'] },
  { text: 'cuatro uno dos tres seis cinco ocho siete es mi dni', gone: ['uno dos tres seis'] },
];

const handles: Case[] = [
  { text: 'escribeme a @rosita_88 en ig', gone: ['rosita_88'], as: ['HANDLE'] },
  { text: 'ig: rosita_88', gone: ['rosita_88'], as: ['HANDLE'] },
  { text: 'IG rosa.q.88', gone: ['rosa.q.88'], as: ['HANDLE'] },
  { text: 'mi face es Rosa Linda Quispe, ayuda', gone: ['Rosa Linda', 'Quispe'], kept: ['ayuda'], as: ['HANDLE'] },
  { text: 'mi face es rosita.linda', gone: ['rosita.linda'], as: ['HANDLE'] },
  { text: 'tiktok @trabajos.md', gone: ['trabajos.md'], as: ['HANDLE'] },
  { text: 'tik tok: chamba_mdd', gone: ['chamba_mdd'], as: ['HANDLE'] },
  { text: 'instagram: @la.flaca', gone: ['la.flaca'], as: ['HANDLE'] },
  { text: 'facebook.com/rosa.quispe.123', gone: ['rosa.quispe.123'], as: ['HANDLE'] },
  { text: 'https://www.tiktok.com/@rosita88 ahi esta', gone: ['rosita88'], kept: ['ahi esta'], as: ['HANDLE'] },
  { text: 'telegram: @ayudame', gone: ['ayudame'], as: ['HANDLE'] },
  { text: 'vi en tiktok un anuncio de trabajo', kept: ['vi en tiktok un anuncio de trabajo'] },
  { text: 'lo vi en el face de mi prima', kept: ['el face de mi prima'] },
];

const names: Case[] = [
  { text: 'me llamo Jhon Ccahuana, mi dni', gone: ['Jhon', 'Ccahuana'], as: ['NAME'] },
  { text: 'me llamo rosa quispe tengo 15', gone: ['rosa', 'quispe'], kept: ['tengo 15'], as: ['NAME'] },
  { text: 'Me llamo María Elena Huamán Condori y trabajo en Mazuko', gone: ['María', 'Huamán', 'Condori'], kept: ['y trabajo en Mazuko'] },
  { text: 'mi nombre es Rosa Quispe', gone: ['Rosa', 'Quispe'], as: ['NAME'] },
  { text: 'mi nombre es ana y vivo en laberinto', gone: ['ana '], kept: ['vivo en laberinto'] },
  { text: 'mi nombre: Ana Paucar', gone: ['Ana', 'Paucar'], as: ['NAME'] },
  { text: 'Nombre: Luz Mamani\nLugar: La Pampa', gone: ['Luz', 'Mamani'], kept: ['La Pampa'] },
  { text: 'me llamo Rosa de la Cruz y mi hija', gone: ['Rosa', 'Cruz'], kept: ['y mi hija'] },
  { text: 'me llamo Rosa de Puno', gone: ['Rosa'], kept: ['de Puno'] },
  { text: 'me llamo Ana-Lucía Quispe', gone: ['Ana-Lucía', 'Quispe'] },
  { text: 'soy Carmen Apaza, mi cel es 974 258 136.', gone: ['Carmen Apaza', '974258136'] },
  { text: 'soy Rosa Quispe, su mamá', gone: ['Rosa', 'Quispe'], kept: ['su mamá'] },
  { text: 'soy rosa su mama', gone: ['rosa'], kept: ['su mama'] },
  { text: 'soy jhon ccahuana y trabajo en la mina', gone: ['jhon', 'ccahuana'], kept: ['y trabajo en la mina'] },
  { text: 'soy la señora Rosa Quispe', gone: ['Rosa', 'Quispe'] },
  { text: 'soy la sra. Luz Paucar de Puno', gone: ['Luz', 'Paucar'], kept: ['de Puno'] },
  { text: 'soy Don Teodoro', gone: ['Teodoro'] },
  { text: 'Soy Yesenia, tengo 16', gone: ['Yesenia'], kept: ['tengo 16'] },
  { text: 'habla Gladys Mamani de Huepetuhe', gone: ['Gladys', 'Mamani'], kept: ['de Huepetuhe'] },
  { text: 'atte. Rosa Quispe', gone: ['Rosa', 'Quispe'] },
  { text: 'me dicen la Flaca', gone: ['Flaca'] },
  { text: 'My name is Tom Baker (tom.baker@example.org)', gone: ['Tom', 'Baker'], as: ['NAME', 'EMAIL'] },
  { text: "my name's sarah and I live in Cusco", gone: ['sarah'], kept: ['and I live in Cusco'] },
  { text: "I'm Tom from Lima", gone: ['Tom'], kept: ['from Lima'] },
  { text: 'I am Mary Jones, a teacher', gone: ['Mary', 'Jones'], kept: ['a teacher'] },
  { text: 'im tom and i need help', gone: ['tom '], kept: ['and i need help'] },
  { text: 'Hi, this is Peter Smith from the school', gone: ['Peter', 'Smith'], kept: ['from the school'] },
  { text: 'ñuqa Rosa kani, wawaymi 14 watayuq', gone: ['Rosa'], kept: ['wawaymi 14 watayuq'] },
  { text: 'Ñuqa Rosa Quispe kani', gone: ['Rosa', 'Quispe'] },
  { text: 'ñuqa mariluz kani', gone: ['mariluz'] },
  { text: 'sutiymi Rosa. Warmi wawaymi', gone: ['Rosa'], kept: ['Warmi wawaymi'] },
  { text: 'Rosa sutiy, yanapawaychik', gone: ['Rosa'], kept: ['yanapawaychik'] },
  { text: 'Rosa Quispe sutiymi', gone: ['Rosa', 'Quispe'] },
  { text: 'Rosa kani', gone: ['Rosa'] },
  { text: 'nombre completo: Juan Carlos Huaman', gone: ['Juan', 'Carlos', 'Huaman'] },
  { text: 'Soy Maria Elena Quispe Condori Mamani', gone: ['Maria', 'Elena', 'Quispe', 'Condori', 'Mamani'] },
  { text: 'soy mariluz quispe, ayuda', gone: ['mariluz', 'quispe'], kept: ['ayuda'] },
  { text: 'Hola soy Flor mi cel 987654321 y mi hija esta en el bar Las Palmeras km 107', gone: ['Flor', '987654321'], kept: ['mi cel', 'Las Palmeras km 107'] },
  { text: 'Soy Maria de Huepetuhe y mi numero es 9-8-7-6-5-4-3-2-1', gone: ['Maria', '987654321'], kept: ['de Huepetuhe'] },
  { text: 'this is Rosa from Puno', gone: ['Rosa'], kept: ['from Puno'] },
];

const keptNearMisses: Case[] = [
  { text: 'soy su mamá', kept: ['soy su mamá'] },
  { text: 'soy de La Pampa', kept: ['soy de La Pampa'] },
  { text: 'soy de puno y trabajo aca', kept: ['soy de puno'] },
  { text: 'soy menor de edad', kept: ['soy menor de edad'] },
  { text: 'soy mesera en un bar', kept: ['soy mesera en un bar'] },
  { text: 'Soy Mesera en Mazuko', kept: ['Soy Mesera en Mazuko'] },
  { text: 'soy peruana', kept: ['soy peruana'] },
  { text: 'soy venezolana y no tengo papeles', kept: ['soy venezolana'] },
  { text: 'soy nueva aqui', kept: ['soy nueva aqui'] },
  { text: 'yo soy la tía', kept: ['yo soy la tía'] },
  { text: 'I am scared', kept: ['I am scared'] },
  { text: "I'm from Cusco", kept: ["I'm from Cusco"] },
  { text: 'this is urgent', kept: ['this is urgent'] },
  { text: 'This is Mazuko, km 108', kept: ['This is Mazuko, km 108'] },
  { text: 'me llamó mi hermana ayer', kept: ['me llamó mi hermana ayer'] },
  { text: 'me llamo ayer el patron', kept: ['ayer el patron'] },
  { text: 'warmi kani', kept: ['warmi kani'] },
  { text: 'esta en el km 108 de la interoceanica', kept: ['km 108'] },
  { text: 'kilómetro 107 cerca de Mazuko', kept: ['kilómetro 107'] },
  { text: 'en el km. 98', kept: ['km. 98'] },
  { text: 'km 108 2000 soles', kept: ['km 108', '2000 soles'] },
  { text: 'tiene 15 años', kept: ['15 años'] },
  { text: 'le cobran S/ 2000 de deuda', kept: ['S/ 2000'] },
  { text: 'debe S/. 1500', kept: ['S/. 1500'] },
  { text: 'debe 2500 soles', kept: ['2500 soles'] },
  { text: 'le pagan $300 al mes', kept: ['$300'] },
  { text: 'una deuda de 1,500,000 soles', kept: ['1,500,000 soles'] },
  { text: 'debe 2 mil soles', kept: ['2 mil soles'] },
  { text: 'paso en 2021', kept: ['2021'] },
  { text: 'llame al 1818 y al 105', kept: ['1818', '105'] },
  { text: 'llamen a la linea 0800-1-2345', kept: ['0800-1-2345'] },
  { text: 'a las 10:30 de la noche', kept: ['10:30'] },
  { text: 'a las 10.30 pm', kept: ['10.30'] },
  { text: 'hace 3 meses', kept: ['3 meses'] },
  { text: 'trabajamos 15 horas', kept: ['15 horas'] },
  { text: 'son 12 chicas y 3 menores', kept: ['12 chicas', '3 menores'] },
  { text: 'el 12.05.2021 se la llevaron', kept: ['12.05.2021'] },
  { text: 'el 12-05-2021', kept: ['12-05-2021'] },
  { text: 'el 12/05/2021', kept: ['12/05/2021'] },
  { text: 'placa ABC-123', kept: ['ABC-123'] },
  { text: 'mototaxi placa 1234-AB', kept: ['1234-AB'] },
  { text: 'el bar La Choza en Delta 1', kept: ['La Choza', 'Delta 1'] },
  { text: 'mi dni esta vencido, como lo renuevo?', kept: ['mi dni esta vencido'] },
  { text: 'entre 14 y 17 años', kept: ['14 y 17 años'] },
  { text: 'salio en el bus de las 8, llega a las 11', kept: ['las 8', 'las 11'] },
  { text: 'dos o tres chicas', kept: ['dos o tres chicas'] },
  { text: 'Warmi wawaymi 14 watayuq', kept: ['Warmi wawaymi 14 watayuq'] },
  { text: 'girls as young as 13 near km 108, hurry', kept: ['13', 'km 108'] },
  { text: 'soy la hermana de Rosa', kept: ['soy la hermana de Rosa'] },
  { text: 'Soy Testigo de lo que pasa', kept: ['Soy Testigo'] },
  { text: "I'm 15 and scared", kept: ["I'm 15 and scared"] },
  { text: 'i am in Mazuko', kept: ['i am in Mazuko'] },
  { text: 'pague 350 soles el 2019 y 400 en 2020', kept: ['350 soles el 2019 y 400 en 2020'] },
  { text: 'la placa es ABC-1234', kept: ['ABC-1234'] },
  { text: 'el patron se llama Pedro Ramos', kept: ['Pedro Ramos'] },
  { text: 'tengo 2 hijos de 5 y 7 años, vivo en el km 110 hace 10 años', kept: ['5 y 7 años', 'km 110', '10 años'] },
];

describe.each([
  ['phones', phones],
  ['e-mails', emails],
  ['identity documents', ids],
  ['handles', handles],
  ['self-introduced names', names],
] as const)('redactIdentifiers: %s', (_kind, cases) => {
  it.each(cases)('$text', (c) => assertCase(c));
});
describe('redactIdentifiers: incident details survive', () => {
  it.each(keptNearMisses)('$text', (c) => {
    // Arrange, Act
    const { text, counts } = redactIdentifiers(c.text);
    // Assert
    for (const k of c.kept ?? []) expect(text).toContain(k);
    expect(counts).toEqual({});
  });
});

describe('redactIdentifiers: the result', () => {
  it('counts each placeholder kind and holds no original value', () => {
    // Arrange
    const tip = 'me llamo Rosa Quispe, cel 987654321, dni 41236587, rosa@gmail.com, ig @rosita_88';
    // Act
    const result = redactIdentifiers(tip);
    // Assert
    expect(result.counts).toEqual({ NAME: 1, PHONE: 1, ID: 1, EMAIL: 1, HANDLE: 1 });
    const json = JSON.stringify(result);
    for (const secret of ['Rosa', 'Quispe', '987654321', '41236587', 'rosa@gmail.com', 'rosita_88']) {
      expect(json).not.toContain(secret);
    }
  });

  it('returns text without identifiers unchanged', () => {
    const tip = 'hola buenas tardes';
    expect(redactIdentifiers(tip)).toEqual({ text: tip, counts: {}, hidden: 0, numberOpen: false, evidence: [] });
  });

  it('handles the empty string', () => {
    expect(redactIdentifiers('')).toEqual({ text: '', counts: {}, hidden: 0, numberOpen: false, evidence: [] });
  });
});
