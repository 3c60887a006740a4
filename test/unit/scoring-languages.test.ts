// The classes the blind batches showed the scorer missing, each with more than one wording, in
// every language it reads: level, indicators and the region a page goes to.
import { describe, expect, it } from 'vitest';
import type { IndicatorId, Level } from '../../functions/core/tip';
import { scoreUrgency } from '../../functions/core/triage/score';

type Row = [text: string, level: Level, indicators: IndicatorId[], region: string | null];

function check(rows: readonly Row[]): void {
  it.each(rows)('%s', (text, level, indicators, region) => {
    // the rules alone: these are the rules' classes, the learned reader may only add to them
    const a = scoreUrgency(text, undefined, { learnedReader: false });
    expect(a.level).toBe(level);
    expect(a.indicators.filter((i) => !i.tense).map((i) => i.id)).toEqual(expect.arrayContaining(indicators));
    expect(a.places[0]?.region ?? null).toBe(region);
  });
}

describe('Portuguese', () => {
  check([
    ['o dono ficou com o passaporte dela e fala que ela deve 3 mil', 'high', ['document_retention', 'debt_bondage'], null],
    ['tô presa num quarto, socorro', 'critical', ['confinement', 'imminent_danger'], null],
    ['minha filha de quinze anos está numa boate em Iñapari fazendo programa', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['tem uma menina de catorze anos atendendo os garimpeiros no bar de Mazuko', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['meu irmão trabalha no garimpo e não recebe salário faz 3 meses, o patrão ameaça', 'high', ['withheld_wages', 'threats'], null],
    ['hoje a noite vão levar as meninas novinhas de barco para o garimpo', 'critical', ['minor', 'imminent_danger'], null],
    ['a menina q fugiu esta escondida na minha casa, o dono da boate ta procurando ela. 16 anos', 'critical', ['minor', 'imminent_danger'], null],
    ['os policiais da fronteira são clientes da boate e avisam o dono antes da operação', 'high', ['official_complicity'], null],
    ['vi um anúncio de emprego de garçonete com passagem paga para o Peru', 'medium', ['deception'], null],
    ['oi, qual o horário de atendimento?', 'low', [], null],
  ]);
});

describe('Quechua (unreviewed by a speaker; see docs/quechua.md)', () => {
  check([
    ['ususiy chunka tawayuq watayuq Mazukupi barpi kachkan, mana lluqsiyta atinchu', 'critical', ['minor', 'confinement'], 'Madre de Dios'],
    ['sobrinay chunka suqtayuq watayuq, Laberintopi prostibarpi kachkan', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['Huepetuhemanta qillqamuyki, churiy chunka pichqayuq watayuq chinkarqun, minaman pusarqanku', 'critical', ['minor'], 'Madre de Dios'],
    ["churiyta maqanku, llamk'achinku Huepetuhe minapi, mana pagankuchu", 'high', ['violence', 'labor_exploitation', 'withheld_wages'], 'Madre de Dios'],
    ["wawqiy iskay chunka hukniyuq watayuq Delta 1-pi, patron DNI-nta hap'in, manu nin", 'high', ['document_retention', 'debt_bondage'], 'Madre de Dios'],
    ['kunan tuta apanqaku sipaskunata Mazukuman, yanapawaychik', 'critical', ['imminent_danger'], 'Madre de Dios'],
    ['allillanchu, imaynallan kachkankichik', 'low', [], null],
  ]);
});

describe('Spanish and English, the classes of the issue', () => {
  check([
    ['mi hija Carmen de 16 esta en un bar de mazuko atendiendo mineros', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['my daughter 15 texted me from a bar in la pampa, men pay to be with her', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['a patient, 17, came in from a brothel near km 108', 'critical', ['minor', 'sexual_exploitation'], 'Madre de Dios'],
    ['la chica no pasa de 14 y la tienen de dama de compañía', 'critical', ['minor', 'sexual_exploitation'], null],
    ['está en primero de secundaria y la pasan de carpa en carpa', 'critical', ['minor', 'sexual_exploitation'], null],
    ['la dueña dice que es mayor, pero tiene 16, atiende a los mineros', 'critical', ['minor', 'sexual_exploitation'], null],
    ['Owner slapped a girl and pushed her into a back room with a customer.', 'high', ['violence', 'sexual_exploitation'], null],
    ['tiene que pagar 3 mil soles antes de irse, no la deja llamarnos, le descuentan todo', 'high', ['debt_bondage', 'confinement'], null],
    ['mañana temprano se la llevan río abajo, la suben a un bote', 'critical', ['imminent_danger'], null],
    ['hace cinco minutos la subieron a un bote, van río abajo', 'critical', ['imminent_danger'], null],
    [
      'ahorita mismo una flaquita se subio a mi moto, dice q tiene 16 y q la tenian encerrada, se escapo, vengan',
      'critical',
      ['minor', 'imminent_danger'],
      null,
    ],
  ]);
});
