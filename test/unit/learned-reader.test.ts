import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, levelRank, type Level } from '../../functions/core/tip';
import { forEachFeature } from '../../functions/core/triage/learned/features';
import { DEFAULT_OPTIONS, trainReader, type LabelledTip, type TrainOptions } from '../../functions/core/triage/learned/fit';
import { learnedLevel, loadModel, raiseByLearnedReader, type LearnedModel } from '../../functions/core/triage/learned/reader';

const tip = (id: string, level: Level, text: string): LabelledTip => ({ id, level, text });

/** A small labelled set, a few tips a level, in the corpus's own voice. */
const fixture = (): LabelledTip[] => [
  tip('c1', 'critical', 'ayuda mi hija de 14 la tienen en un bar de la pampa con los mineros'),
  tip('c2', 'critical', 'me tienen encerrada en un cuarto con candado, ayudenme porfavor'),
  tip('c3', 'critical', 'A 15-year-old girl is locked in a bar in Mazuko and forced to drink with miners'),
  tip('c4', 'critical', 'ahorita estan subiendo a unas niñas a una camioneta, lloran'),
  tip('c5', 'critical', 'mi sobrina de 13 la hacen fichar en un night del km 107'),
  tip('h1', 'high', 'le quitaron el dni y dice que debe el pasaje'),
  tip('h2', 'high', 'en la mina no les pagan hace tres meses y no los dejan irse'),
  tip('h3', 'high', 'The boss kept our passports and says we owe him for the trip'),
  tip('h4', 'high', 'mi primo trabaja en una balsa y el patron le pega si se queja'),
  tip('h5', 'high', 'le retienen su documento y le cobran la comida como deuda'),
  tip('m1', 'medium', 'vi un anuncio de trabajo en madre de dios con pasaje pagado'),
  tip('m2', 'medium', 'ofrecen chamba de mesera en puerto maldonado, sueldo muy alto'),
  tip('m3', 'medium', 'My cousin went to work in the mines two years ago and was cheated'),
  tip('m4', 'medium', 'hace dos años trabaje en un bar de la pampa, ya sali'),
  tip('m5', 'medium', 'una agencia busca chicas para trabajar en el extranjero sin experiencia'),
  tip('l1', 'low', 'hola buenas tardes'),
  tip('l2', 'low', 'cual es el horario de atencion?'),
  tip('l3', 'low', 'Thank you for the workshop at our school last week.'),
  tip('l4', 'low', 'prueba'),
  tip('l5', 'low', 'PROMO recarga 10 soles y recibe 20'),
];

const SMALL: TrainOptions = { ...DEFAULT_OPTIONS, folds: 3, iterations: 120 };

describe('training the learned reader', () => {
  it('gives the same weights file, byte for byte, every time', () => {
    // Arrange
    const tips = fixture();

    // Act
    const first = JSON.stringify(trainReader(tips, SMALL).file);
    const second = JSON.stringify(trainReader(fixture(), SMALL).file);

    // Assert
    expect(second).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ format: 'tipline-learned-reader' });
  });

  it('learns from its tips: a critical one reads above a greeting under the model it trained', () => {
    const { file } = trainReader(fixture(), SMALL);
    const model = loadModel(file);

    const critical = learnedLevel('ayuda mi hija de 14 la tienen en un bar de la pampa con los mineros', model);
    const greeting = learnedLevel('hola buenas tardes', model);

    expect(file.size).toBeGreaterThan(0);
    expect(critical.pCritical).toBeGreaterThan(greeting.pCritical);
    expect(critical.pHighOrAbove).toBeGreaterThan(greeting.pHighOrAbove);
  });

  it('refuses a weights file made for other hashing', () => {
    const { file } = trainReader(fixture(), SMALL);

    expect(() => loadModel({ ...file, featureVersion: file.featureVersion + 1 })).toThrow(/npm run train/);
    expect(() => loadModel({ ...file, hashBits: file.hashBits - 1 })).toThrow(/npm run train/);
  });
});

describe('raiseByLearnedReader', () => {
  const eager: LearnedModel = { ...loadModel(trainReader(fixture(), SMALL).file), thresholds: { critical: 0, high: 0 } };

  it('never returns a level at or below the rules, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEVELS), fc.string({ maxLength: 300 }), (rule, text) => {
        const raise = raiseByLearnedReader(rule, text);
        expect(raise === undefined || levelRank(raise.level) > levelRank(rule)).toBe(true);
      }),
    );
  });

  it('never lowers even a model that wants to raise everything', () => {
    const text = 'hola buenas tardes';

    expect(raiseByLearnedReader('critical', text, eager)).toBeUndefined();
    expect(raiseByLearnedReader('high', text, eager)?.level).toBe('critical');
    expect(raiseByLearnedReader('medium', text, eager)?.level).toBe('critical');
  });

  it('leaves alone a tip the rules read as low: there it has nothing to stand on', () => {
    expect(raiseByLearnedReader('low', 'el bus sale a las 8 de la noche del km 3', eager)).toBeUndefined();
  });

  it('says why, with the probability behind the raise', () => {
    const raise = raiseByLearnedReader('medium', 'hola', eager);

    expect(raise?.reason).toMatch(/^learned reader: P\(critical\)=(0|1)\.\d\d$/);
    expect(raise?.reason).toBe(`learned reader: P(critical)=${raise!.probability.toFixed(2)}`);
  });
});

describe('the shipped weights', () => {
  const spanish = 'auxilio por favor, a mi hermanita de 14 años la tienen encerrada en un bar de la pampa y la obligan a estar con los mineros';
  const english = 'Please help! A 14-year-old girl is locked in a room behind a bar in Mazuko and they force her to sleep with miners';

  it.each([
    ['Spanish', spanish],
    ['English', english],
  ])('read a clearly critical %s tip as critical and raise it from medium', (_, text) => {
    const reading = learnedLevel(text);

    expect(reading.pCritical).toBeGreaterThan(0.8);
    expect(reading.level).toBe('critical');
    expect(raiseByLearnedReader('medium', text)?.level).toBe('critical');
  });

  it.each(['hola buenas noches', 'Hello, good morning! Thank you for your help.'])('give a greeting a low P(critical): %s', (text) => {
    const reading = learnedLevel(text);

    expect(reading.pCritical).toBeLessThan(0.1);
    expect(reading.pHighOrAbove).toBeLessThan(0.2);
    expect(raiseByLearnedReader('low', text)).toBeUndefined();
  });

  it('keep P(high or critical) at or above P(critical)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = learnedLevel(text);
        expect(r.pHighOrAbove).toBeGreaterThanOrEqual(r.pCritical);
      }),
    );
  });

  it('stay small enough for every Lambda bundle: under 150 KB', () => {
    const path = fileURLToPath(new URL('../../functions/core/triage/learned/weights.json', import.meta.url));
    expect(statSync(path).size).toBeLessThan(150 * 1024);
  });
});

describe('features', () => {
  it('fold case, accents and drawn-out letters alike', () => {
    const buckets = (text: string): number[] => {
      const out: number[] = [];
      forEachFeature(text, (b) => out.push(b));
      return out;
    };

    expect(buckets('AYUDAAAA, NIÑA')).toEqual(buckets('ayuda nina'));
    expect(buckets('')).toEqual([]);
  });
});
