// The writer's own name, however it is written: sign-offs, form labels, self-introductions
// (misspelt, run together, in four languages), relation introductions. Each row says what must
// go and what must stay; names of victims, owners and other third persons stay.
import { describe, it } from 'vitest';
import { type RedactionCase as Case, checkRedaction } from '../support/redaction-cases';

const check = (c: Case): void => checkRedaction(c, 'NAME');

const signOffs: Case[] = [
  { text: 'la tienen en un bar del km 107.\nSaludos,\nMarisela Q.', gone: ['Marisela'], kept: ['km 107'] },
  { text: 'mi sobrina no vuelve desde el lunes. Gracias, Dayana', gone: ['Dayana'], kept: ['mi sobrina no vuelve'] },
  { text: 'Le cobran 3000 soles de deuda. Att: Lidia', gone: ['Lidia'], kept: ['3000 soles'] },
  { text: 'Por favor intervengan hoy. Atte. Lidia Cconislla', gone: ['Lidia', 'Cconislla'], kept: ['intervengan hoy'] },
  { text: 'Está en la balsa del río Inambari.\n— Noemí', gone: ['Noemí'], kept: ['río Inambari'] },
  { text: 'ayuda q la llevan a Boca Colorado\n-Edith', gone: ['Edith'], kept: ['Boca Colorado'] },
  { text: 'Dios los cuide a todos. Bendiciones, Gladys', gone: ['Gladys'] },
  { text: 'ya no sé qué hacer. Dios le bendiga, Eusebia', gone: ['Eusebia'] },
  { text: 'Ela está na boate perto da ponte. Obrigada, Priscila', gone: ['Priscila'], kept: ['boate perto da ponte'] },
  { text: 'Espero notícias. Abraços, Thaís', gone: ['Thaís'] },
  { text: 'She was taken to the camp near Huepetuhe. Thanks, Liam', gone: ['Liam'], kept: ['Huepetuhe'] },
  { text: 'Please check the bar on the main road. Cheers, Fiona', gone: ['Fiona'], kept: ['main road'] },
  { text: 'Let me know if you need more. Best, Chloe W.', gone: ['Chloe'] },
  { text: 'ya llegó mi prima, gracias a todos xoxo Kary', gone: ['Kary'], kept: ['ya llegó mi prima'] },
  { text: 'gracias por contestar\nxoxo yuliana', gone: ['yuliana'] },
  { text: 'Mi vecina de 15 sigue en el local de Laberinto.\nMuchas gracias por todo\nFlor Cusihuaman', gone: ['Flor', 'Cusihuaman'], kept: ['Laberinto'] },
  { text: 'Hola, la chica sigue en el km 98.\nBuenas noches\nJhoel', gone: ['Jhoel'], kept: ['km 98'] },
  { text: 'Saludos cordiales, Lic. Benedicta Sucso Huarcaya.', gone: ['Benedicta', 'Sucso', 'Huarcaya'] },
  { text: 'Atenciosamente,\nGabriela Moura Teixeira\nAssistente social', gone: ['Gabriela', 'Moura', 'Teixeira'], kept: ['Assistente social'] },
  { text: 'Kind regards, Olivia Brandt, caseworker', gone: ['Olivia', 'Brandt'], kept: ['caseworker'] },
  { text: 'sulpayki, Rufina', gone: ['Rufina'] },
  { text: 'The boat leaves at 9. Please act now. Harriet Lowe, +44 7700 900555', gone: ['Harriet', 'Lowe'] },
  { text: 'Testing the form, ignore this. - Declan', gone: ['Declan'] },
  { text: 'la llevaron anoche\nBendiciones hermana, Eudocia', gone: ['Eudocia'], kept: ['la llevaron anoche'] },
  { text: 'Cheers mate, Hamish', gone: ['Hamish'] },
  { text: 'no contesta el celular\ngracias\nyanira q.', gone: ['yanira'], kept: ['no contesta el celular'] },
  { text: 'está en la draga\n--Wendoly', gone: ['Wendoly'], kept: ['está en la draga'] },
  { text: 'Muito obrigada, Dona Cida', gone: ['Cida'] },
  { text: 'Kind regards,\nFr. Padraig', gone: ['Padraig'] },
  // A relation word or a title between the closing and the name; the town signed from stays.
  { text: 'ya no contesta la niña.\natte. tío Florencio de Quillabamba', gone: ['Florencio'], kept: ['de Quillabamba', 'ya no contesta la niña'] },
  { text: 'ayuden por favor. Saludos, la abuela Eufemia', gone: ['Eufemia'], kept: ['ayuden por favor'] },
  { text: 'no sé nada de ella. Att. Lic. Maribel', gone: ['Maribel'], kept: ['no sé nada de ella'] },
  { text: 'la sacaron de noche. Gracias por leer, su vecina Jacinta Ccallo', gone: ['Jacinta', 'Ccallo'], kept: ['la sacaron de noche'] },
  { text: 'bendiciones, hna. Melchora', gone: ['Melchora'] },
  { text: 'ela sumiu na boate. Deus abençoe, a tia Zuleide de Cobija', gone: ['Zuleide'], kept: ['de Cobija', 'ela sumiu na boate'] },
  { text: 'She is at the camp. Thanks, her uncle Brendan from Cusco', gone: ['Brendan'], kept: ['from Cusco'] },
  { text: 'ususiy Mazukopi kachkan. sulpayki, mama Florencia', gone: ['Florencia'], kept: ['ususiy Mazukopi kachkan'] },
  { text: 'la tienen en el bar. Atte. la tía de la menor, Benigna Cutipa', gone: ['Benigna', 'Cutipa'], kept: ['la tía de la menor'] },
  { text: 'Saludos cordiales,\nLa mamá de Yeni, Rosalba Quispe', gone: ['Rosalba'], kept: ['La mamá de Yeni'] },
  { text: 'ya volvió. Un abrazo, tu amiga Leocadia', gone: ['Leocadia'], kept: ['ya volvió'] },
];

const signOffNearMisses: Case[] = [
  { text: 'la tienen encerrada en el bar\nMazuko', untouched: true },
  { text: 'la chica de 14 sigue ahí.\nBar El Tigre, km 108', untouched: true },
  { text: 'no la dejan salir\nayuda por favor', untouched: true },
  { text: 'la llevaron de noche\nLa Pampa', untouched: true },
  { text: 'la tienen en el bar\nChoque', untouched: true },
  { text: 'le cobran:\n- S/ 1,500 de pasaje\n- S/ 300 de comida', untouched: true },
  { text: 'la deuda es de\n— S/. 800', untouched: true },
  { text: 'la tienen en el bar\nKaraoke Los Angeles', untouched: true },
  { text: 'Gracias, Rosa ya está en casa y el dueño sigue libre', kept: ['Rosa ya está en casa'] },
  { text: 'Gracias por su ayuda, equipo', untouched: true },
  { text: 'Sulpayki, allinmi kashan sobrinayqa, kutimunña wasiman.', untouched: true },
  { text: 'BEST DEALS 2024 >>> click now', untouched: true },
  { text: 'The car is heading out on the Interoceánica now — white pickup. Please alert checkpoints.', untouched: true },
  { text: 'Necesitamos apoyo de inmediato. Parroquia San Martín, Iberia.', untouched: true },
  { text: 'Gracias, la mamá de Yeni Quispe', untouched: true },
  { text: 'Saludos, mi hija Yeni ya volvió a casa', untouched: true },
  { text: 'Gracias, la tía Rosalba ya está en el bar de la Av. Loreto', untouched: true },
];

const formLabels: Case[] = [
  { text: 'Nombres y apellidos: Marisela Huillca Ttito\nLugar: Mazuko', gone: ['Marisela', 'Huillca', 'Ttito'], kept: ['Lugar: Mazuko'] },
  { text: 'Nombre y apellido: dayana sucso\nEdad de la víctima: 16', gone: ['dayana', 'sucso'], kept: ['Edad de la víctima: 16'] },
  { text: 'Nombre Wilmer Ccopa\nHecho: le retienen el DNI', gone: ['Wilmer', 'Ccopa'], kept: ['le retienen el DNI'] },
  { text: 'Apellidos: Cconislla Mayta', gone: ['Cconislla', 'Mayta'] },
  { text: 'Nome: Benedito Farias\nCidade: Brasiléia', gone: ['Benedito', 'Farias'], kept: ['Brasiléia'] },
  { text: 'Nome completo: Priscila Andrade Moura', gone: ['Priscila', 'Andrade', 'Moura'] },
  { text: 'Name: Liam Carter\nWhere: bar near km 110', gone: ['Liam', 'Carter'], kept: ['km 110'] },
  { text: 'Contacto: Noemí Apaza, 987 654 321', gone: ['Noemí', 'Apaza', '987 654 321'] },
  { text: 'Les dejo mi contacto: Ricardo Ttito Luque, parroquia de Iberia', gone: ['Ricardo', 'Ttito', 'Luque'], kept: ['parroquia de Iberia'] },
  { text: 'Pido intervención. Docente: Clotilde Ayme', gone: ['Clotilde', 'Ayme'], kept: ['Pido intervención'] },
  { text: 'Reported by Hamish Grant, volunteer', gone: ['Hamish', 'Grant'], kept: ['volunteer'] },
  // An aside in brackets between the label and the name.
  {
    text: 'Nombre: (prefiero no decir pero si hace falta) Edelmira Quispe Ttito\nLugar: Mazuko',
    gone: ['Edelmira', 'Quispe', 'Ttito'],
    kept: ['Lugar: Mazuko'],
  },
  { text: 'Nombre completo (opcional): Wenceslao Mamani\nHecho: la retienen', gone: ['Wenceslao', 'Mamani'], kept: ['la retienen'] },
  { text: 'Nome (se precisar): Lucélia Rocha', gone: ['Lucélia', 'Rocha'] },
  { text: 'Name (optional): Imogen', gone: ['Imogen'] },
  { text: 'Name (if needed): Rhys Parry\nWhere: km 104', gone: ['Rhys', 'Parry'], kept: ['km 104'] },
  { text: 'mi nombre: (por si acaso) Saturnina, tengo 17', gone: ['Saturnina'], kept: ['tengo 17'] },
  { text: 'Datos del denunciante (reservado):\nLic. Eleodoro Pacco — cel 984 330 127', gone: ['Eleodoro', 'Pacco'] },
  { text: 'Nombre*: Rosalba Quispe\nLugar*: Mazuko', gone: ['Rosalba', 'Quispe'], kept: ['Lugar*: Mazuko'] },
];

const formLabelNearMisses: Case[] = [
  { text: 'Nombre de la víctima: Yeni Ccori, 15 años', kept: ['Yeni Ccori'] },
  { text: 'Nombre del dueño: Pedro Ramos', kept: ['Pedro Ramos'] },
  { text: 'Lugar: La Pampa\nBar: Las Palmeras', untouched: true },
  { text: 'el contacto de la chica es su tía', untouched: true },
  { text: 'Nombre (de la víctima): Yeni Ccori, 15 años', kept: ['Yeni Ccori'] },
  { text: 'Nombre: (de la menor) Yeni Ccori', kept: ['Yeni Ccori'] },
  { text: 'Name (of the girl): Daniela, 14', kept: ['Daniela'] },
];

const selfIntroductions: Case[] = [
  { text: 'me yamo Dayana y tengo 16', gone: ['Dayana'], kept: ['tengo 16'] },
  { text: 'mellamo marisela ttito ayudenme', gone: ['marisela', 'ttito'], kept: ['ayudenme'] },
  { text: 'hola me iamo Jhoel trabajo en la draga', gone: ['Jhoel'], kept: ['trabajo en la draga'] },
  { text: 'mi nonbre es Edith Puma y mi hija esta en el bar', gone: ['Edith', 'Puma'], kept: ['mi hija esta en el bar'] },
  { text: 'me llamo\nNoemí Sucso\nestoy en Laberinto', gone: ['Noemí', 'Sucso'], kept: ['estoy en Laberinto'] },
  { text: 'me llamo "Dayana" y me tienen en un cuarto', gone: ['Dayana'], kept: ['me tienen en un cuarto'] },
  { text: 'me llamo: yuliana, tengo 15', gone: ['yuliana'], kept: ['tengo 15'] },
  { text: 'm llamo Kiara dni no tengo', gone: ['Kiara'], kept: ['dni no tengo'] },
  { text: 'quien escribe es Clotilde Ayme, vecina del local', gone: ['Clotilde', 'Ayme'], kept: ['vecina del local'] },
  { text: 'quien les escribe, Benedicta Sucso, madre de familia de Puno', gone: ['Benedicta', 'Sucso'], kept: ['madre de familia de Puno'] },
  { text: 'Buenas tardes, les escribe Ricardo Luque desde Iberia', gone: ['Ricardo', 'Luque'], kept: ['desde Iberia'] },
  { text: 'Buenas, de parte de Eusebia Ccopa, la abuela de la niña', gone: ['Eusebia', 'Ccopa'], kept: ['la abuela de la niña'] },
  { text: 'hola, habla Gladys Ttito de Mazuko', gone: ['Gladys', 'Ttito'], kept: ['de Mazuko'] },
  { text: 'aquí Marisela, la tía de la chica del bar', gone: ['Marisela'], kept: ['la tía de la chica del bar'] },
  { text: 'Oi, meu nome é Priscila e estou em Iñapari', gone: ['Priscila'], kept: ['estou em Iñapari'] },
  { text: 'me chamo Gabriela Moura, tenho 17', gone: ['Gabriela', 'Moura'], kept: ['tenho 17'] },
  { text: 'boa noite, aqui é a Rosilene de Assis Brasil', gone: ['Rosilene'], kept: ['de Assis Brasil'] },
  { text: 'eu sou a Francisca, mãe da menina', gone: ['Francisca'], kept: ['mãe da menina'] },
  { text: 'sou a Rosilene, trabalho no posto', gone: ['Rosilene'], kept: ['trabalho no posto'] },
  { text: 'Sou eu de novo, a Priscila do posto', gone: ['Priscila'], kept: ['do posto'] },
  { text: 'Hi, this is Fiona Brandt from the clinic', gone: ['Fiona', 'Brandt'], kept: ['from the clinic'] },
  { text: "my name's Declan and I saw two girls locked in", gone: ['Declan'], kept: ['I saw two girls locked in'] },
  { text: "I'm Harriet, a nurse in Mazuko", gone: ['Harriet'], kept: ['a nurse in Mazuko'] },
  { text: "it's Liam here, the boat left", gone: ['Liam'], kept: ['the boat left'] },
  { text: 'sutiymi Rufina, wawaymi 15 watayuq', gone: ['Rufina'], kept: ['wawaymi 15 watayuq'] },
  { text: 'Rufina Ccama sutiy, yanapawaychik', gone: ['Rufina', 'Ccama'], kept: ['yanapawaychik'] },
  { text: 'ñuqa Benedicta Huarcaya kani, ususiy Mazukopi', gone: ['Benedicta', 'Huarcaya'], kept: ['ususiy Mazukopi'] },
  { text: 'me llamo yeni ccori, estoy en el km 108', gone: ['yeni', 'ccori'], kept: ['km 108'] },
  { text: 'ola soi Jhoel de 15 años', gone: ['Jhoel'], kept: ['de 15 años'] },
  { text: 'soy yo otra vez Wilmer, 17 años', gone: ['Wilmer'], kept: ['17 años'] },
  { text: 'Rev. Thomas Ashworth here, the girls are at the dock', gone: ['Thomas', 'Ashworth'], kept: ['the girls are at the dock'] },
  // Without a copula, or as "who is speaking".
  { text: 'ela está em Iñapari. meu nome Rosimeire Alves cpf 123.456.789-09', gone: ['Rosimeire', 'Alves'], kept: ['ela está em Iñapari'] },
  { text: 'mi nombre Teodora, tengo 16', gone: ['Teodora'], kept: ['tengo 16'] },
  { text: 'Hola mi nombre Eulogio y vi todo', gone: ['Eulogio'], kept: ['y vi todo'] },
  { text: 'my name Brynmor, the boat left at 9', gone: ['Brynmor'], kept: ['the boat left at 9'] },
  { text: 'quem tá falando aqui é Gisele, irmã da menina', gone: ['Gisele'], kept: ['irmã da menina'] },
  { text: 'Quem está falando é a Joana, tia da Débora', gone: ['Joana'], kept: ['tia da Débora'] },
  { text: 'quien le habla es Eusebio Ttito, padre de familia', gone: ['Eusebio', 'Ttito'], kept: ['padre de familia'] },
  { text: 'la que les habla es Fortunata, vecina del bar', gone: ['Fortunata'], kept: ['vecina del bar'] },
  { text: 'aquí le escribe Casimiro desde Iberia', gone: ['Casimiro'], kept: ['desde Iberia'] },
  { text: 'this is Gareth writing from Cusco', gone: ['Gareth'], kept: ['from Cusco'] },
  { text: 'quien suscribe, Rosalba Quispe Ttito, madre de familia', gone: ['Rosalba', 'Quispe', 'Ttito'], kept: ['madre de familia'] },
  { text: 'me presento: Hilarión Sucso, vecino de Mazuko', gone: ['Hilarión', 'Sucso'], kept: ['vecino de Mazuko'] },
];

const selfIntroductionNearMisses: Case[] = [
  { text: 'me llamó mi prima llorando anoche', untouched: true },
  { text: 'ME LLAMO LLORANDO MI HERMANA', untouched: true },
  { text: 'Mi nombre aparecerá en algún lado?', untouched: true },
  { text: 'No consigne mi nombre ni mi cargo', untouched: true },
  { text: 'Me llamó la atención que eran muy jóvenes', untouched: true },
  { text: "Hi, I'm a German cyclist riding to Brazil", untouched: true },
  { text: 'ñuqa Sicuani llaqtamanta kani', untouched: true },
  { text: 'Ñuqa Espinar-manta kani, ususiy ripurqan', untouched: true },
  { text: 'ñoqa quechua rimaq kani', untouched: true },
  { text: 'aquí en La Pampa hay chicas menores', untouched: true },
  { text: 'Facebook e Instagram tienen esos anuncios', untouched: true },
  { text: 'no pongan mi nombre Yeni tiene miedo', untouched: true },
  { text: 'quien le habla es la tía de Yeni', kept: ['Yeni'] },
  { text: 'Mi nombre Reservado por seguridad', untouched: true },
  { text: 'Escribe PROMO ahora y gana', untouched: true },
];

const relationIntroductions: Case[] = [
  { text: 'soy la tía, Gladys Ccama, la niña tiene 14', gone: ['Gladys', 'Ccama'], kept: ['la niña tiene 14'] },
  { text: 'soy su esposo Jhonatan, él trabaja en la draga', gone: ['Jhonatan'], kept: ['trabaja en la draga'] },
  { text: 'soy la mamá, Marisela Quispe, ayúdenme', gone: ['Marisela', 'Quispe'], kept: ['ayúdenme'] },
  { text: 'soy su hermano mayor, Edwin, tiene 16 años', gone: ['Edwin'], kept: ['tiene 16 años'] },
  { text: 'sou a mãe dela, Cida, ela tem 15', gone: ['Cida'], kept: ['ela tem 15'] },
  { text: "I'm her aunt, Megan, she is 15", gone: ['Megan'], kept: ['she is 15'] },
  { text: 'soy la vecina, Clotilde, y vi todo', gone: ['Clotilde'], kept: ['y vi todo'] },
  { text: 'Les escribe el párroco de Iberia, Padre Anselmo Quispe.', gone: ['Anselmo', 'Quispe'], kept: ['párroco de Iberia'] },
  { text: 'Soy mototaxista, Wilmer 987 123 456, los llevé al km 110', gone: ['Wilmer'], kept: ['km 110'] },
  { text: 'soy la tía de Yeni, Gladys Ccama, ayúdenla', gone: ['Gladys', 'Ccama'], kept: ['tía de Yeni'] },
  { text: 'I am her father, Mr. Oblitas', gone: ['Oblitas'] },
];

const relationNearMisses: Case[] = [
  { text: 'soy la mamá de Yeni, tiene 15', kept: ['Yeni'] },
  { text: 'soy el tío de Wilber y él está en la draga', kept: ['Wilber'] },
  { text: 'sou a tia da Thaís, ela sumiu', kept: ['Thaís'] },
  { text: "I'm the teacher of Daniela, she did not come", kept: ['Daniela'] },
  { text: 'soy tía de una menor, Maribel de 16 años', kept: ['Maribel'] },
  { text: 'yo soy la tía', untouched: true },
  { text: 'soy la mamá de Rosa, tiene 15', kept: ['Rosa'] },
  { text: 'soy la mamá de Yeni Quispe Mamani', untouched: true },
];

// The writer's own contact, introduced by their name after a contact-me cue or on a titled line.
const contactIntroductions: Case[] = [
  { text: 'la tienen en el km 107. si necesitan más información: Lic. Zoila Huarancca, cel 984 112 367', gone: ['Zoila', 'Huarancca'], kept: ['km 107'] },
  { text: 'para más info: Obst. Gregoria Pari / WhatsApp 951 330 872 (solo noches)', gone: ['Gregoria', 'Pari'], kept: ['solo noches'] },
  { text: 'the girls are on the dredge. You can reach me: Bryony 📱 +44 7700 900 812', gone: ['Bryony'], kept: ['the girls are on the dredge'] },
  { text: 'ela está na boate. qualquer coisa: Irmã Zenaide, zap 68 99912 4471', gone: ['Zenaide'], kept: ['ela está na boate'] },
  { text: 'Ing. Teófilo Ramos / cel 973 220 118\nla chica está en el km 108', gone: ['Teófilo', 'Ramos'], kept: ['la chica está en el km 108'] },
  {
    text: 'Prof. Evarista Quispe Condori — DNI 41 228 903\nLa menor está en La Pampa',
    gone: ['Evarista', 'Quispe', 'Condori'],
    kept: ['La menor está en La Pampa'],
  },
  { text: 'cualquier consulta: Ferdinand, ferdi.k@correo.pe\nel bar abre de noche', gone: ['Ferdinand'], kept: ['el bar abre de noche'] },
  { text: 'mi nombre y número: Adelaida Torres 984 112 367, la chica sigue ahí', gone: ['Adelaida', 'Torres'], kept: ['la chica sigue ahí'] },
];

const contactNearMisses: Case[] = [
  { text: 'el que las trae es el Cholo, su cel 973 110 228, y anda en moto', kept: ['el Cholo'] },
  { text: 'la señora Eusebia tiene este número 984 556 120 y recluta', kept: ['la señora Eusebia'] },
  { text: 'el dueño del bar, Don Abelardo, cel 951 889 017, las amenaza', kept: ['Don Abelardo'] },
  { text: 'para más información: el dueño Patricio, cel 951 889 017, anda armado', kept: ['Patricio'] },
  { text: 'mas info: el bar Las Palmeras, km 108', untouched: true },
  { text: 'Ing. Teófilo Ramos, su cel 973 220 118, es el enganchador\nayuden', kept: ['Teófilo Ramos'] },
];

// Another form of the writer's hidden name right after it is the same person.
const secondForms: Case[] = [
  { text: 'Me llamo Faustino (Tino Quispe) mototaxista', gone: ['Faustino', 'Tino', 'Quispe'], kept: ['mototaxista'] },
  { text: 'soy Rosalía, o sea Rosita Huamán, la vecina', gone: ['Rosalía', 'Rosita', 'Huamán'], kept: ['la vecina'] },
  { text: 'me chamo Aparecida, ou seja Cida Lima, moro em Cobija', gone: ['Aparecida', 'Cida', 'Lima,'], kept: ['moro em Cobija'] },
  { text: 'my name is Bartholomew, aka Bart Jones, I drive the boat', gone: ['Bartholomew', 'Bart', 'Jones'], kept: ['I drive the boat'] },
  { text: 'soy Eleuterio alias el Chino, trabajo en la draga', gone: ['Eleuterio', 'Chino'], kept: ['trabajo en la draga'] },
  { text: 'soy Ambrosio Quispe (alias Bocho) y manejo moto', gone: ['Ambrosio', 'Quispe', 'Bocho'], kept: ['y manejo moto'] },
  { text: 'Nombre: Hermelinda Ccasa (Linda)\nLugar: Laberinto', gone: ['Hermelinda', 'Ccasa', 'Linda)'], kept: ['Lugar: Laberinto'] },
];

const secondFormNearMisses: Case[] = [
  { text: 'me llamo Rosa y mi hija (Yeni Quispe) está en el bar', kept: ['(Yeni Quispe) está en el bar'] },
  { text: 'soy Rosa (la tía) y vi todo', kept: ['(la tía) y vi todo'] },
  { text: 'me llamo Rosa (Puno) y tengo 15', kept: ['(Puno) y tengo 15'] },
  { text: 'soy Rosa, o sea que la tienen encerrada', kept: ['o sea que la tienen encerrada'] },
  { text: 'el tipo se llama Jhon (Jhonny Rojas) y tiene un bar', untouched: true },
  { text: 'los vi en el río.\n- Jocelyn (UK)', kept: ['(UK)'] },
];

// Quechua self-introductions ("this is …", "… kani", "sutiymi …"), the name again in full after
// the hidden one, and a relative writing in someone's place: that person is the tipster too.
const quechuaIntroductions: Case[] = [
  { text: "Kayqa Eulalio, churiy minapi llamk'an", gone: ['Eulalio'], kept: ["churiy minapi llamk'an"] },
  { text: 'kaymi Saturnino Quispe, wawqiy Huepetuhepi kachkan', gone: ['Saturnino', 'Quispe'], kept: ['wawqiy Huepetuhepi kachkan'] },
  { text: 'Genaro kani, yanapawaychik', gone: ['Genaro'], kept: ['yanapawaychik'] },
  { text: 'Genaro Ccahua kani, churiy Delta 1 nisqapi', gone: ['Genaro', 'Ccahua'], kept: ['churiy Delta 1 nisqapi'] },
  { text: 'sutiymi Florentina, ususiy 15 watayuq', gone: ['Florentina'], kept: ['ususiy 15 watayuq'] },
  { text: 'Ñuqa Eusebio kani, Eusebio Ttito Ccahua, Ocongate llaqtamanta', gone: ['Eusebio', 'Ttito', 'Ccahua'], kept: ['Ocongate llaqtamanta'] },
  { text: 'noqa Fidencio kani, Fidencio Ccama Puma', gone: ['Fidencio', 'Ccama', 'Puma'] },
  { text: 'Teófila sutiy, Teófila Mamani Huaman.', gone: ['Teófila', 'Mamani', 'Huaman'] },
  { text: 'payay Asunta Ccoripa rantinpi qillqani, ususin Mazukopi kachkan', gone: ['Asunta', 'Ccori'], kept: ['ususin Mazukopi kachkan'] },
  { text: 'payay Asunta Ccori-pa rantinpi qillqani', gone: ['Asunta', 'Ccori'], kept: ['rantinpi qillqani'] },
  { text: 'payaypa rantinpi qillqamuni, Asunta Ccori sutin. Willkan Mazukopi kachkan', gone: ['Asunta', 'Ccori'], kept: ['Willkan Mazukopi kachkan'] },
  { text: 'mamaypa rantinpi qillqani, sutinmi Benedicta Huaman', gone: ['Benedicta', 'Huaman'], kept: ['mamaypa rantinpi qillqani'] },
  { text: 'escribo de parte de mi abuela Justina Ccoa, ella no sabe leer', gone: ['Justina', 'Ccoa'], kept: ['ella no sabe leer'] },
  { text: 'les escribo en nombre de mi tío Fortunato, él vio todo', gone: ['Fortunato'], kept: ['él vio todo'] },
  { text: 'escrevo em nome da minha avó Ermelinda, ela viu a menina', gone: ['Ermelinda'], kept: ['ela viu a menina'] },
  { text: "I'm writing on behalf of my grandmother Philippa Dunmore, she runs the hostel", gone: ['Philippa', 'Dunmore'], kept: ['she runs the hostel'] },
  { text: 'En nombre de la señora Anatolia Puma: la chica sigue en el bar', gone: ['Anatolia', 'Puma'], kept: ['la chica sigue en el bar'] },
];

const quechuaNearMisses: Case[] = [
  { text: 'payaypa rantinpi qillqani, ususiy Marleny Mazukopi kachkan', kept: ['ususiy Marleny Mazukopi kachkan'] },
  { text: 'Ñuqa Rosaura kani, Velille llaqtamanta', kept: ['Velille llaqtamanta'] },
  { text: 'Eusebio kani, Yeni Quispe ususiy Mazukopi kachkan', kept: ['Yeni Quispe ususiy'] },
  { text: 'Kayqa Mazuko, huk barpi kachkan', untouched: true },
  { text: 'escribo de parte de la mamá de Yeni, ella no sabe escribir', kept: ['Yeni'] },
  { text: 'el dueño escribe en nombre de don Pedro a las chicas', untouched: true },
  { text: 'kay runa Don Abelardo sutiyoq sipaskunata pusan', untouched: true },
];

// How to find or ask for the writer, and the nicknames they give for themself: the name or
// nickname after the cue goes, with its title.
const askForAndNicknames: Case[] = [
  { text: 'si quieren pregunten por la Lic. Marcelina en el turno noche', gone: ['Marcelina'], kept: ['en el turno noche'] },
  { text: 'pueden preguntar por Don Hipólito en el grifo', gone: ['Hipólito'], kept: ['en el grifo'] },
  { text: 'pode perguntar pelo Tonhão do caminhão', gone: ['Tonhão'], kept: ['do caminhão'] },
  { text: 'perguntem pela Dona Zenilda na farmácia', gone: ['Zenilda'], kept: ['na farmácia'] },
  { text: 'Ask for Imogen at the hostel reception', gone: ['Imogen'], kept: ['at the hostel reception'] },
  { text: 'you can ask for Big Tobias at the dock', gone: ['Big Tobias'], kept: ['at the dock'] },
  { text: 'búsquenme como el Chato Rufo en el mercado', gone: ['Chato', 'Rufo'], kept: ['en el mercado'] },
  { text: 'me ubican como Don Pancracio, el de la moto', gone: ['Pancracio'], kept: ['el de la moto'] },
  { text: 'me pueden ubicar como la Gringa del hostal', gone: ['Gringa'], kept: ['del hostal'] },
  { text: 'en la draga me decían Chiquito, tengo 17', gone: ['Chiquito'], kept: ['tengo 17'] },
  { text: 'aqui todos m conocen como Zambo Ccapa', gone: ['Zambo', 'Ccapa'] },
  { text: 'en el mercado me dicen la Gorda Eulalia', gone: ['Gorda', 'Eulalia'], kept: ['en el mercado'] },
  { text: 'me chamam de Pipoca lá no garimpo', gone: ['Pipoca'], kept: ['lá no garimpo'] },
  { text: 'everyone calls me Blue, I drive the boat', gone: ['Blue'], kept: ['I drive the boat'] },
  { text: 'people call me Tex and I saw them', gone: ['Tex'], kept: ['and I saw them'] },
  { text: 'mi chapa es Chino Ramírez', gone: ['Chino', 'Ramírez'] },
  { text: 'me conocen por Cholo Wilber', gone: ['Cholo', 'Wilber'] },
  // A correction after the hidden name gives the real one.
  { text: 'mi nombre es Rosaura\nbueno en verdad Marleny', gone: ['Rosaura', 'Marleny'] },
  { text: 'me llamo Dayanne, digo, Katherine, tengo 16', gone: ['Dayanne', 'Katherine'], kept: ['tengo 16'] },
  { text: 'meu nome é Lucineide. Quer dizer, Luci.', gone: ['Lucineide', 'Luci'] },
  { text: 'my name is Tobias, I mean Toby.', gone: ['Tobias', 'Toby'] },
];

const askForNearMisses: Case[] = [
  { text: 'los clientes preguntan por la Yeni cada noche', untouched: true },
  { text: 'the clients ask for Daniela every night', untouched: true },
  { text: 'el dueño pregunta por la Flaca', untouched: true },
  { text: 'pregunten por ayuda en la comisaría', untouched: true },
  { text: 'ask for help at the police post', untouched: true },
  { text: 'pregunten por el Bar Las Palmeras', untouched: true },
  { text: 'Ask for ID at the door', untouched: true },
  { text: 'pregunten por el Mercado Modelo', untouched: true },
  { text: 'ask for the Bolivian woman at the market', untouched: true },
  { text: 'Ask for Room 12 at the Hostal Sol', untouched: true },
  { text: 'las chicas me dicen que el Chato las vigila', untouched: true },
  { text: 'me dicen que la tienen encerrada', untouched: true },
  { text: 'me decían que era trabajo de mesera', untouched: true },
  { text: 'they call me every night from the bar', untouched: true },
  { text: 'me llamo Rosaura, digo esto porque Yeni está mal', kept: ['Yeni está mal'] },
  { text: 'me llamo Rosaura. La verdad Yeni sigue en el bar', kept: ['Yeni sigue en el bar'] },
  { text: 'Meu nome é Cleonice Prado, email cleo.prado@mail.com', kept: ['email'] },
];

// Titles stacked after a form label.
const stackedTitles: Case[] = [
  { text: 'Nombre: Lic. Enf. Teodosia Huanca\nLugar: Mazuko', gone: ['Teodosia', 'Huanca'], kept: ['Lugar: Mazuko'] },
  { text: 'Name: Dr. med. Lukas Brenner\nWhere: km 104', gone: ['Lukas', 'Brenner'], kept: ['km 104'] },
  { text: 'Nome: Profa. Dra. Iracema Lopes', gone: ['Iracema', 'Lopes'] },
  { text: 'Atte. Dr. med. vet. Anselm Kruger', gone: ['Anselm', 'Kruger'] },
];

const knownDefects: Case[] = [
  { text: 'Rosa sutiy Rosa sutiy Rosa sutiy', gone: ['Rosa'] },
  { text: 'Rufina sutiy, Rufina sutiy, yanapaway', gone: ['Rufina'], kept: ['yanapaway'] },
  { text: 'soy Ruth m tienen encerrada', gone: ['Ruth'], kept: ['m tienen encerrada'] },
  { text: 'soy Dayana q me ayuden', gone: ['Dayana'], kept: ['q me ayuden'] },
  { text: 'Soy Yeni Ccori k alguien venga', gone: ['Yeni', 'Ccori'], kept: ['k alguien venga'] },
];

describe.each([
  ['sign-offs', signOffs],
  ['form labels', formLabels],
  ['self-introductions', selfIntroductions],
  ['relation introductions', relationIntroductions],
  ['contact introductions', contactIntroductions],
  ['second forms', secondForms],
  ['Quechua introductions and writing for someone', quechuaIntroductions],
  ['ask-for cues and nicknames', askForAndNicknames],
  ['stacked titles', stackedTitles],
  ['known defects', knownDefects],
] as const)('the writer’s name in %s', (_class, cases) => {
  it.each(cases)('$text', (c) => check(c));
});

describe.each([
  ['sign-offs', signOffNearMisses],
  ['form labels', formLabelNearMisses],
  ['self-introductions', selfIntroductionNearMisses],
  ['relation introductions', relationNearMisses],
  ['contact introductions', contactNearMisses],
  ['second forms', secondFormNearMisses],
  ['Quechua introductions and writing for someone', quechuaNearMisses],
  ['ask-for cues and nicknames', askForNearMisses],
] as const)('incident details next to %s', (_class, cases) => {
  it.each(cases)('$text', (c) => check(c));
});
