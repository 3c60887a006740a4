// Property-based: names no list holds, introduced, signed or labelled in the tipsters' four
// languages, never survive; the incident around them (and third persons' names) does. Home
// addresses after a residence cue go; the same address for the incident stays. Handles glued
// with "_" or "." go wherever they stand. A 160-character SMS redacts well under 1 ms.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactIdentifiers } from '../../functions/core/redaction/redact';

const SETTINGS = { seed: 20250301, numRuns: 300 };

// Invented names, in no word list of the redactor: the rules must work on shape and context.
const given = fc.constantFrom(
  'Yanira',
  'Suleyka',
  'Dorimar',
  'Ketsy',
  'Anyeli',
  'Rudith',
  'Nilsa',
  'Eudocia',
  'Wendoly',
  'Jhanela',
  'Thayná',
  'Kleber',
  'Ivonei',
  'Maelys',
);
const surname = fc.constantFrom('Quilca', 'Sumire', 'Cjuro', 'Hualla', 'Oblitas', 'Ccasani', 'Tintaya', 'Ancco', 'Llaccho', 'Pfuro', 'Bezerra', 'Wakefield');
const fullName = fc.tuple(given, fc.option(surname, { nil: undefined })).map(([g, s]) => (s ? `${g} ${s}` : g));

const tail = fc.constantFrom(
  ', mi hija está en el bar La Choza del km 107',
  '. La tienen en Mazuko desde el lunes',
  '\nsu DNI lo tiene el dueño',
  ', ela está numa boate em Iñapari',
  '. She is held at a camp near Huepetuhe',
  '. Ususiy Laberintopi kachkan',
);
const incident = (t: string): string => t.replace(/^[,.\n]\s*/, '');

/** Intro templates: {N} is the writer's name. */
const introduced = fc.constantFrom(
  'me llamo {N}',
  'me yamo {N}',
  'mi nombre es {N}',
  'Hola, soy {N}',
  'quien les escribe es {N}',
  'habla {N}',
  'meu nome é {N}',
  'me chamo {N}',
  'aqui é a {N}',
  'My name is {N}',
  "Hi, I'm {N}",
  'this is {N}',
  'sutiymi {N}',
  'ñuqa {N} kani',
  'Nombres y apellidos: {N}',
  'Nome: {N}',
  'Contacto: {N}',
  'soy la tía, {N}',
  'sou a mãe dela, {N}',
  "I'm her aunt, {N}",
  'mi nombre {N}',
  'meu nome {N}',
  'quien le habla es {N}',
  'quem tá falando aqui é {N}',
  'aquí le escribe {N}',
  'Nombre: (prefiero no decir) {N}',
  'Name (optional): {N}',
);

/** Sign-off templates: the incident comes first, the name last. */
const signed = fc.constantFrom(
  'Saludos,\n{N}',
  'Gracias, {N}',
  'Atte. {N}',
  '— {N}',
  'Obrigada, {N}',
  'Abraços, {N}',
  'Thanks, {N}',
  'Best, {N}',
  'Bendiciones, {N}',
  'xoxo {N}',
  'Atte. tía {N}',
  'Saludos, la mamá {N}',
  'bendiciones, hno. {N}',
  'Att. Prof. {N}',
  'Obrigada, a tia {N}',
  'Thanks, her aunt {N}',
  'atte. su vecina {N} de Sicuani',
);

/** The writer's own contact, introduced by their name: {N} is the name. */
const contactIntroduced = fc.constantFrom(
  'si quieren más info: Lic. {N}, cel 984 112 367',
  'para más información: {N}, WhatsApp 951 330 872',
  'you can contact me: {N} 📱 +51 951 330 872',
  'qualquer coisa: Irmã {N}, zap 68 99912 4471',
  'Ing. {N} / cel 973 220 118',
  'Prof. {N} — DNI 41 228 903',
);

/** Another form of the writer's name right after it: {N} and {M}. */
const secondForms = fc.constantFrom('me llamo {N} ({M}) mototaxista', 'soy {N}, o sea {M}', 'me chamo {N}, ou seja {M}', 'my name is {N}, aka {M}');

/** How to ask for the writer, their nickname, the person they write for, a stacked title, a Quechua "this is": {N} is the name. */
const askedForOrNicknamed = fc.constantFrom(
  'pregunten por la Lic. {N}',
  'pode perguntar pelo {N}',
  'Ask for {N} at the hostel',
  'me ubican como Don {N}',
  'en la draga me decían {N}',
  'me chamam de {N}',
  'everyone calls me {N}',
  'escribo de parte de mi abuela {N}',
  'escrevo em nome da minha avó {N}',
  'Nombre: Lic. Enf. {N}',
  'Name: Dr. med. {N}',
  'Kayqa {N}',
  'payaypa rantinpi qillqani, {N} sutin',
);

/** The writer's name corrected or given again in full: {N} first, then {M}. */
const givenAgain = fc.constantFrom(
  'mi nombre es {N}\nbueno en verdad {M}',
  'me llamo {N}, digo, {M}',
  'meu nome é {N}. Quer dizer, {M}',
  'my name is {N}, I mean {M}',
);

const words = (name: string): string[] => name.split(' ');
const fill = (template: string, name: string): string => template.replace('{N}', name);

describe('the writer’s name never survives', () => {
  it('in a self-introduction, a label or a relation introduction', () => {
    fc.assert(
      fc.property(introduced, fullName, tail, (template, name, t) => {
        const out = redactIdentifiers(fill(template, name) + t).text;
        for (const w of words(name)) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('in a sign-off', () => {
    fc.assert(
      fc.property(tail, signed, fullName, (t, template, name) => {
        const text = `${incident(t)}.\n${fill(template, name)}`;
        const out = redactIdentifiers(text).text;
        for (const w of words(name)) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('before the writer’s own contact', () => {
    fc.assert(
      fc.property(tail, contactIntroduced, fullName, (t, template, name) => {
        const out = redactIdentifiers(`${incident(t)}\n${fill(template, name)}`).text;
        for (const w of words(name)) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('in a second form right after it', () => {
    fc.assert(
      fc.property(secondForms, fullName, fullName, tail, (template, name, other, t) => {
        const out = redactIdentifiers(fill(template, name).replace('{M}', other) + t).text;
        for (const w of [...words(name), ...words(other)]) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('after an ask-for cue, as a nickname, for the person written for, and after stacked titles', () => {
    fc.assert(
      fc.property(askedForOrNicknamed, fullName, tail, (template, name, t) => {
        const out = redactIdentifiers(fill(template, name) + t).text;
        for (const w of words(name)) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('corrected, or given again in full after a Quechua "kani"', () => {
    fc.assert(
      fc.property(givenAgain, fullName, fullName, tail, (template, name, other, t) => {
        const out = redactIdentifiers(fill(template, name).replace('{M}', other) + t).text;
        for (const w of [...words(name), ...words(other)]) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
    fc.assert(
      fc.property(given, surname, surname, tail, (name, first, second, t) => {
        const out = redactIdentifiers(`ñuqa ${name} kani, ${name} ${first} ${second}${t}`).text;
        for (const w of [name, first, second]) expect(out).not.toContain(w);
        expect(out).toContain(incident(t));
      }),
      SETTINGS,
    );
  });

  it('in lower case after a strong trigger', () => {
    fc.assert(
      fc.property(fc.constantFrom('me llamo {N}', 'mi nombre es {N}', 'me chamo {N}', 'Nombre: {N}'), fullName, (template, name) => {
        const out = redactIdentifiers(`${fill(template, name.toLowerCase())}, tengo 16`).text;
        for (const w of words(name.toLowerCase())) expect(out).not.toContain(w);
        expect(out).toContain('tengo 16');
      }),
      SETTINGS,
    );
  });
});

describe('another person’s name stays', () => {
  it('after "de"/"da"/"of" in a relation introduction', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('soy la mamá de {N}', 'soy el tío de {N}', 'sou a tia da {N}', "I'm the teacher of {N}", 'soy vecina de {N}'),
        fullName,
        tail,
        (template, name, t) => {
          const out = redactIdentifiers(fill(template, name) + t).text;
          expect(out).toContain(name);
        },
      ),
      SETTINGS,
    );
  });

  it('when someone else’s contact follows it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'el que las trae es don {N}, su cel 973 110 228, anda en moto',
          'la señora {N} tiene este número 984 556 120 y recluta',
          'o aliciador é o {N}, o zap dele é 68 99912 4471, mora em Cobija',
        ),
        fullName,
        (template, name) => {
          expect(redactIdentifiers(fill(template, name)).text).toContain(name);
        },
      ),
      SETTINGS,
    );
  });

  it('when the incident names the victim or the owner', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'mi hija {N} está en el bar',
          'el dueño se llama {N}',
          'a menina {N} sumiu',
          'willkay {N} Mazukopi kachkan',
          'los clientes preguntan por la {N} cada noche',
          'the clients ask for {N} every night',
          'el dueño pregunta por {N} en el bar',
          'payaypa rantinpi qillqani, ususiy {N} Mazukopi kachkan',
          'lo vi en el face, {N} lo publicó anoche',
        ),
        fullName,
        (template, name) => {
          const text = fill(template, name);
          expect(redactIdentifiers(text).text).toBe(text);
        },
      ),
      SETTINGS,
    );
  });
});

const street = fc.constantFrom('Jr.', 'Av.', 'Calle', 'Psje.', 'Jirón', 'Rua', 'Travessa');
const houseNumber = fc.integer({ min: 100, max: 2999 });

describe('home addresses', () => {
  it('after a residence cue go, and the town after them stays', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('vivo en', 'vivimos en la', 'mi casa queda en', 'mi dirección es', 'moro na', 'minha casa fica na', 'I live at', 'my address is'),
        street,
        surname,
        houseNumber,
        (cue, type, name, n) => {
          const out = redactIdentifiers(`${cue} ${type} ${name} ${n}, Puerto Maldonado`).text;
          expect(out).not.toContain(name);
          expect(out).not.toContain(String(n));
          expect(out).toContain('[ADDRESS]');
          expect(out).toContain('Puerto Maldonado');
        },
      ),
      SETTINGS,
    );
  });

  it('closing the writer’s own contact line go, after the town they name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('escríbanme al 951 334 782', 'mi cel 984 223 118,', 'me liga no 68 99912 4471,', 'call me on +51 973 220 118,'),
        street,
        surname,
        houseNumber,
        (contact, type, name, n) => {
          const out = redactIdentifiers(`la tienen en el km 108\n${contact}\nde Juliaca ${type} ${name} ${n}`).text;
          expect(out).not.toContain(name);
          expect(out).toContain('[ADDRESS]');
          expect(out).toContain('de Juliaca');
          expect(out).toContain('km 108');
        },
      ),
      SETTINGS,
    );
  });

  it('of the incident stay', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('el bar queda en', 'la tienen en el local de', 'o dono mora na', 'the bar is on'),
        street,
        surname,
        houseNumber,
        (lead, type, name, n) => {
          const text = `${lead} ${type} ${name} ${n}`;
          expect(redactIdentifiers(text).text).toBe(text);
        },
      ),
      SETTINGS,
    );
  });
});

// Five letters or more: shorter ones may be abbreviations ("ref.1", "pag.12"), which stay.
const handleWord = fc.stringMatching(/^[a-z]{5,9}$/);
const gluedHandle = fc
  .tuple(handleWord, fc.constantFrom('_', '.'), fc.oneof(handleWord, fc.integer({ min: 1, max: 999 }).map(String)))
  .map(([a, sep, b]) => `${a}${sep}${b}`)
  .filter((h) => !/\.(com|net|org|pe|jpg|png|pdf|mp3|mp4|gob|edu)$/.test(h));

describe('page names', () => {
  const pageWord = fc.constantFrom('Chambitas', 'Selvática', 'Oportunidad', 'Amazonía', 'Chicas', 'Viagens', 'Jobs', 'Empleos', 'Lindas', 'Bonitas');
  const pageName = fc.tuple(pageWord, pageWord, fc.option(fc.constantFrom('2024', '2025'), { nil: undefined })).map((p) => p.filter(Boolean).join(' '));
  it('after a page or profile word go, the incident after them stays', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          'vio un anuncio de una pagina {P}',
          'tiene un perfil no face {P}',
          "le escribe por facebook, sale con el nombre '{P}'",
          'a fb page called {P}',
          'facebookpi "{P}"',
          'ela achou uma página {P}',
          'el face del bar es {P} ahí suben fotos',
          'la dueña tiene face, {P}, con fotos,',
          '"{P}" sutiyoq paginata rikurqani,',
          'o insta da boate é {P} onde postam fotos',
        ),
        pageName,
        (template, name) => {
          const out = redactIdentifiers(`${template.replace('{P}', name)} ofrece trabajo en Mazuko`).text;
          for (const w of name.split(' ')) expect(out).not.toContain(w);
          expect(out).toContain('ofrece trabajo en Mazuko');
          expect(out).toContain('[HANDLE]');
        },
      ),
      SETTINGS,
    );
  });

  it('are not read into a bar’s name without a page word', () => {
    fc.assert(
      fc.property(fc.constantFrom('la tienen en el bar {P}', 'trabaja en la discoteca {P}', 'la llevaron al prostibar {P}'), pageName, (template, name) => {
        const text = `${template.replace('{P}', name)} ofrece trabajo en Mazuko`;
        expect(redactIdentifiers(text).text).toBe(text);
      }),
      SETTINGS,
    );
  });
});

describe('handles', () => {
  it('glued with "_" or "." with a digit or an unusual word go wherever they stand', () => {
    fc.assert(
      fc.property(gluedHandle, fc.constantFrom('la recluta ', 'sigan a ', 'me escribió ', ''), (handle, lead) => {
        fc.pre(handle.includes('_') || /\d/.test(handle));
        const out = redactIdentifiers(`${lead}${handle} por favor`).text;
        expect(out).not.toContain(handle);
        expect(out).toContain('por favor');
      }),
      SETTINGS,
    );
  });
});

describe('speed', () => {
  it('redacts a 160-character SMS well under 1 ms', () => {
    const samples = fc.sample(
      fc.tuple(introduced, fullName, tail, signed, fullName).map(([a, n, t, s, m]) => `${fill(a, n)}${t}. ${fill(s, m)}`.slice(0, 160)),
      { seed: SETTINGS.seed, numRuns: 200 },
    );
    for (const s of samples) redactIdentifiers(s);
    const start = performance.now();
    for (let r = 0; r < 5; r++) for (const s of samples) redactIdentifiers(s);
    const perSms = (performance.now() - start) / (5 * samples.length);
    expect(perSms).toBeLessThan(1);
  });
});
