// The statistics page's figures (web/ops/src/statistics-figures.ts): only what the API published,
// and sums of it; a sum with a suppressed part is a lower bound ("≥ N"), never exact, and a sum of
// suppressed parts alone is suppressed. The dashboard's copies of core's lists are core's.
import { describe, expect, it } from 'vitest';
import { FUNNEL_STAGES, type StatCell, type StatisticsExport } from '../../functions/core/statistics/model';
import { INDICATOR_IDS } from '../../functions/core/tip';
import * as dashboard from '../../web/ops/src/api-types-statistics';
import {
  figureOf,
  funnelForPeriod,
  indicatorsForPeriod,
  levelsByMonth,
  regionsForPeriod,
  sumFigures,
  totalForPeriod,
} from '../../web/ops/src/statistics-figures';

const exact = (value: number) => ({ kind: 'exact', value }) as const;
const atLeast = (value: number) => ({ kind: 'atLeast', value }) as const;
const suppressed = { kind: 'suppressed' } as const;

const cell = (month: string, region: string, level: StatCell['level'], count: number | null, more: Partial<StatCell> = {}): StatCell => ({
  month,
  region,
  level,
  count,
  ...more,
});
const funnel = (month: string, tips: number | null, referred: number | null = 0) => ({
  month,
  tips,
  referred,
  acting: 0,
  rescued: 0,
  charges: 0,
  convictions: null,
});

/** Two months: November has every figure published, December a suppressed level, indicator and region. */
const twoMonths: StatisticsExport = {
  k: 10,
  from: '2026-11',
  to: '2027-01',
  months: ['2026-11', '2026-12'],
  pending: ['2027-01'],
  cells: [
    cell('2026-11', 'all', 'all', 30),
    cell('2026-11', 'all', 'critical', 20),
    cell('2026-11', 'all', 'high', 10),
    cell('2026-11', 'Madre de Dios', 'all', 30),
    cell('2026-11', 'all', 'all', 20, { indicator: 'minor' }),
    cell('2026-11', 'all', 'all', 12, { indicator: 'confinement' }),
    cell('2026-11', 'all', 'all', 25, { channel: 'sms' }),
    cell('2026-12', 'all', 'all', 15),
    cell('2026-12', 'all', 'critical', 12),
    cell('2026-12', 'all', 'medium', null),
    cell('2026-12', 'Madre de Dios', 'all', 12),
    cell('2026-12', 'Cusco', 'all', null),
    cell('2026-12', 'unknown', 'all', null),
    cell('2026-12', 'all', 'all', null, { indicator: 'minor' }),
    cell('2026-12', 'all', 'all', null, { indicator: 'debt_bondage' }),
    cell('2026-12', 'all', 'all', 15, { language: 'es' }),
    // A month outside the answer's published months is never counted.
    cell('2027-01', 'all', 'all', 99),
  ],
  suppressed: 5,
  funnel: [funnel('2026-11', 30, 10), funnel('2026-12', 15, null)],
};

describe('a sum of published figures', () => {
  it('is exact when every part is published, absent cells counting 0', () => {
    expect(figureOf(undefined)).toEqual(exact(0));
    expect(sumFigures([exact(12), exact(0), exact(30)])).toEqual(exact(42));
    expect(sumFigures([])).toEqual(exact(0));
  });

  it('is only a lower bound with a suppressed part: the published parts, marked "≥"', () => {
    expect(sumFigures([exact(12), suppressed, exact(30)])).toEqual(atLeast(42));
    expect(sumFigures([atLeast(12), exact(10)])).toEqual(atLeast(22));
  });

  it('is suppressed when nothing but suppressed parts (and zeros) add up', () => {
    expect(sumFigures([suppressed, exact(0), suppressed])).toEqual(suppressed);
    expect(figureOf(null)).toEqual(suppressed);
  });
});

describe('the figures of a period', () => {
  it('tips per month by level: each month as published, the total its own cell, never the sum of its levels', () => {
    const months = levelsByMonth(twoMonths);
    expect(months.map((m) => m.month)).toEqual(['2026-11', '2026-12']);
    expect(months[0]).toEqual({ month: '2026-11', levels: { critical: exact(20), high: exact(10), medium: exact(0), low: exact(0) }, total: exact(30) });
    expect(months[1]!.levels).toEqual({ critical: exact(12), high: exact(0), medium: suppressed, low: exact(0) });
    expect(months[1]!.total).toEqual(exact(15));
  });

  it('indicators in core order, summed over months, "≥" where a month is suppressed', () => {
    const indicators = indicatorsForPeriod(twoMonths);
    expect(indicators.map((i) => i.key)).toEqual([...INDICATOR_IDS]);
    const of = (key: string) => indicators.find((i) => i.key === key)?.figure;
    expect(of('minor')).toEqual(atLeast(20));
    expect(of('confinement')).toEqual(exact(12));
    expect(of('debt_bondage')).toEqual(suppressed);
    expect(of('violence')).toEqual(exact(0));
  });

  it('the funnel from tips to convictions, with the same rule', () => {
    expect(funnelForPeriod(twoMonths)).toEqual([
      { key: 'tips', figure: exact(45) },
      { key: 'referred', figure: atLeast(10) },
      { key: 'acting', figure: exact(0) },
      { key: 'rescued', figure: exact(0) },
      { key: 'charges', figure: exact(0) },
      { key: 'convictions', figure: suppressed },
    ]);
  });

  it('regions by name, the tips no place was found in last, and the national total', () => {
    expect(regionsForPeriod(twoMonths)).toEqual([
      { key: 'Cusco', figure: suppressed },
      { key: 'Madre de Dios', figure: exact(42) },
      { key: 'unknown', figure: suppressed },
    ]);
    expect(totalForPeriod(twoMonths)).toEqual(exact(45));
  });

  it('no month published: no figures but zeros, and no region', () => {
    const empty: StatisticsExport = { ...twoMonths, months: [], cells: [], funnel: [], suppressed: 0 };
    expect(levelsByMonth(empty)).toEqual([]);
    expect(regionsForPeriod(empty)).toEqual([]);
    expect(indicatorsForPeriod(empty).every((i) => i.figure.kind === 'exact' && i.figure.value === 0)).toBe(true);
  });
});

describe("the dashboard's copies of core's statistics lists", () => {
  it("indicators and funnel stages: core's, in core's order", () => {
    expect(dashboard.INDICATOR_IDS).toEqual(INDICATOR_IDS);
    expect(dashboard.FUNNEL_STAGES).toEqual(FUNNEL_STAGES);
  });
});
