// Official complicity as evidence (issue 17): officials paid by or serving the exploiters, in the
// four languages of the line, with negation and past scope like every other indicator. It routes
// pages around local authorities (core/paging/routing.ts), so a miss sends a page to the officer
// the tip accuses, and a false reading only routes a page elsewhere: recall matters most.
// The wordings are classes found in blind batch 18 (test/corpus/blind-18.jsonl), not its tips.
import { describe, expect, it } from 'vitest';
import { scoreUrgency } from '../../functions/core/triage/score';

function complicity(text: string) {
  const finding = scoreUrgency(text).indicators.find((i) => i.id === 'official_complicity');
  if (finding === undefined) return 'absent';
  return finding.tense === 'past' ? 'past' : 'current';
}

const CURRENT: Record<string, string[]> = {
  es: [
    'los tombos cobran cupo al dueño del bar La Tranca en Mazuko, ahi hay chicas de 15',
    'el comisario es cliente del bar, ahi tienen menores',
    // returned a girl who escaped
    'cuando se escapo la policia la devolvio al bar, tiene 16',
    'en el control la policia me bajo de la combi y me regresaron aca donde el dueño',
    // paid in any tense, in money or in kind
    'la policia vino anoche y el dueño les pagó y se fueron, hay una menor ahi',
    'cuando pasan los marinos el patron les da oro en una bolsita y siguen nomas',
    'el teniente gobernador viene a comer y se lleva su sobre',
    // drinking free, warned before raids, protecting the place
    'los de serenazgo y los policias entran y toman gratis en el bar de Guacamayo',
    'un policia de civil le dijo al dueño que mañana hay operativo y que saque a las menores antes del operativo',
    'la policia de guacamayo es la que cuida el bar El Rey, el dueño les da 500 x semana',
    // kin of the owner
    'el asistente en funcion fiscal que archivo la denuncia es cuñado del dueño del local',
    'el policia q viene es su marido x eso no puedo ir a la comisaria',
  ],
  en: [
    'the police take money from the owner of the bar in Mazuko, there are girls of 14 there',
    'the officers put her in their pickup and drove her straight back to the bar',
    'a policeman phones the owner before every raid, so the younger girls are hidden',
    'two policemen were drinking there for free and the owner was laughing with them',
    "the officer said the dredge owner is 'un amigo' and sent her away",
  ],
  pt: [
    'a policia recebe dinheiro do dono da boate em Iñapari, tem meninas de 15 la',
    'os PM de Assis Brasil continuam bebendo de graça nas boates e avisam os donos quando vai ter fiscalização',
    'no controle da ponte o guarda peruano pega propina pra deixar passar van com moças',
    'os policia de Laberinto sabe de tudo, o dono paga eles todo mês pra não subir na balsa',
  ],
  qu: [
    'policiakuna dueñomanta qullqita chaskinku, Mazukupi barpi sipaskuna 15 watayuq kanku',
    'soldadokuna hamunku, patrontaq quri qun, ripunkutaq',
    'comisariaman chayarqan. suboficial duenata llamarqan, kutichipun',
  ],
};

const NEGATED: Record<string, string[]> = {
  es: [
    'la policia no cobra nada, es el dueño el que cobra a las chicas en el bar de Mazuko',
    'no creo que la policia sepa, en el bar de km 108 hay chicas de 15',
  ],
  en: ['the police did not take any money, they rescued two girls from the bar last week'],
  pt: ['a policia nao recebe nada, foi o dono que fugiu. as meninas ja estao em casa'],
  qu: ['policia manam qullqita chaskinchu, yanapawarqanku'],
};

const PAST: Record<string, string[]> = {
  es: ['hace 3 años el comisario cobraba cupo a los bares pero ya lo cambiaron. hoy no se nada'],
  en: ['years ago the police took money from the bar owners, but that chief was jailed in 2019'],
  pt: ['ha dois anos o delegado recebia propina das boates, mas ja foi preso'],
  qu: ['iskay wata ñaupaqmi policia qullqita chaskirqan, kunanqa manañam'],
};

const cases = (table: Record<string, string[]>) => Object.entries(table).flatMap(([lang, texts]) => texts.map((text) => [lang, text] as const));

describe('official complicity, read as the tipster wrote it', () => {
  it.each(cases(CURRENT))('%s: asserted now: %s', (_lang, text) => {
    expect(complicity(text)).toBe('current');
  });

  it.each(cases(NEGATED))('%s: negated, not found: %s', (_lang, text) => {
    expect(complicity(text)).toBe('absent');
  });

  it.each(cases(PAST))('%s: about the past: %s', (_lang, text) => {
    expect(complicity(text)).toBe('past');
  });

  it('does not take the police for complicit when the tip only mentions them', () => {
    for (const text of [
      'mi hija se escapo y fue a la comisaria, la atendieron bien',
      'tengo miedo de ir a la policia, si llamo me van a matar',
      'oi isso é da policia? preciso saber o horario de atendimento',
      'le robaron el celular a mi hija, un chico en bicicleta',
      'hola, una chama me ofrecio trabajo de anfitriona, dice q se gana bien en propinas. es seguro?',
    ]) {
      expect(complicity(text), text).toBe('absent');
    }
  });

  it('changes who is paged, not the level: alone, a bribed official is no emergency', () => {
    expect(scoreUrgency('dicen que el alcalde recibe plata de los mineros').level).not.toBe('critical');
  });
});
