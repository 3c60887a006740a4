// The statistics' disclosure control, audited from outside: for random months of tips, no
// published figure lies between 1 and k−1, every published figure is the true one, and no
// suppressed figure can be narrowed below ⌈k/2⌉ by an attacker who knows every published figure
// and every relation between them (solved exactly, as an integer program, with HiGHS).
import fc from 'fast-check';
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublishedMonth } from '../../functions/core/statistics/model';
import { exportPeriod } from '../../functions/core/statistics/export';
import { publishMonth } from '../../functions/core/statistics/publish';
import {
  type AuditedCounts,
  type IndicatorLayout,
  nameOfCell,
  regionsOfCounts,
  thresholdViolations,
  trueFigures,
  truthViolations,
} from '../support/disclosure-audit';
import { attack, attackRanges, protectionViolations } from '../support/disclosure-audit-attack';
import { alsoSuppressing, publishPrimaryOnly } from '../support/disclosure-audit-naive';
import { arbitraryMonth, countsOf, type TipGroup } from '../support/disclosure-audit-population';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const MONTH = '2026-03';
/** A property test of the solver-backed audit may take a while on a busy machine. */
const SLOW = 120_000;
const NO_FUNNEL = { referred: 0, acting: 0, rescued: 0, charges: 0, convictions: 0 };
const tips = (region: string, level: TipGroup['level'], n: number, indicators: TipGroup['indicators'] = []): TipGroup => ({
  region,
  level,
  channel: 'sms',
  language: 'es',
  indicators,
  n,
});
const nameOf = (cell: Parameters<typeof nameOfCell>[0]) => {
  const name = nameOfCell(cell);
  if ('malformed' in name) throw new Error(name.malformed);
  return name.id;
};
const rangeOf = (published: PublishedMonth, id: string, layout: IndicatorLayout = 'full') =>
  attackRanges(highs, published, { layout }).find((r) => r.cell === id);

describe('the auditor, on publications made by hand', () => {
  it('computes the true figures with every margin', () => {
    const counts = countsOf(MONTH, [tips('Cusco', 'low', 12, ['minor']), tips('Cusco', 'high', 3, ['minor']), tips('unknown', 'low', 2)], NO_FUNNEL);
    const truth = trueFigures(counts);
    expect(truth.get('tips|Cusco|all')).toBe(15);
    expect(truth.get('tips|all|low')).toBe(14);
    expect(truth.get('tips|all|all')).toBe(17);
    expect(truth.get('channel|all|sms')).toBe(17);
    expect(truth.get('language|high|es')).toBe(3);
    expect(truth.get('indicator|all|all|minor')).toBe(15);
    expect(truth.get('indicator|unknown|low|minor')).toBe(0);
  });

  it('finds a published figure between 1 and k−1, in a table or in the funnel', () => {
    const counts = countsOf(MONTH, [tips('Cusco', 'low', 12), tips('Puno', 'low', 15)], { ...NO_FUNNEL, rescued: 2 });
    const published = publishPrimaryOnly(counts, 10);
    expect(thresholdViolations(published, 10)).toEqual([]);
    const leaked = { ...published, cells: [...published.cells, { month: MONTH, region: 'Puno', level: 'high' as const, count: 4 }] };
    expect(thresholdViolations(leaked, 10)).toEqual([expect.stringContaining('tips|Puno|high = 4')]);
    expect(thresholdViolations(publishPrimaryOnly(counts, 1), 10)).toContainEqual(expect.stringContaining('funnel|rescued = 2'));
  });

  it('finds a published figure that is not the true one, an unlisted one that is not 0, and a listed 0', () => {
    const counts = countsOf(MONTH, [tips('Cusco', 'low', 12), tips('Puno', 'low', 15)], NO_FUNNEL);
    const published = publishPrimaryOnly(counts, 10);
    expect(truthViolations(counts, published)).toEqual([]);
    const wrong = { ...published, cells: published.cells.map((c) => (nameOf(c) === 'tips|Puno|low' ? { ...c, count: 16 } : c)) };
    expect(truthViolations(counts, wrong)).toEqual([expect.stringContaining('tips|Puno|low is published as 16 but is truly 15')]);
    const missing = { ...published, cells: published.cells.filter((c) => nameOf(c) !== 'tips|Puno|all') };
    expect(truthViolations(counts, missing)).toEqual([expect.stringContaining('tips|Puno|all is not listed (read as 0) but is truly 15')]);
    const zero = { ...published, cells: [...published.cells, { month: MONTH, region: 'Cusco', level: 'high' as const, count: 0 }] };
    expect(truthViolations(counts, zero)).toEqual([expect.stringContaining('listed with count 0')]);
    const foreign = { ...published, cells: [...published.cells, { month: MONTH, region: 'Tacna', level: 'low' as const, count: null }] };
    expect(truthViolations(counts, foreign)).toEqual([expect.stringContaining('tips|Tacna|low is published (null) but is not a figure of this month')]);
  });

  it('finds a suppressed cell that its region total and the published sibling give away', () => {
    const counts = countsOf(MONTH, [tips('Cusco', 'low', 12), tips('Cusco', 'high', 3), tips('Puno', 'low', 15)], NO_FUNNEL);
    const published = publishPrimaryOnly(counts, 10);
    expect(rangeOf(published, 'tips|Cusco|high')).toEqual({ cell: 'tips|Cusco|high', min: 3, max: 3, exact: true });
    expect(protectionViolations(highs, counts, published, 10)).toContainEqual(
      expect.stringContaining('tips|Cusco|high (primary, truly 3) is narrowed to [3, 3]'),
    );
  });

  it('accepts a 2×2 block of suppressed cells whose ranges stay wide', () => {
    const groups = [tips('Cusco', 'low', 12), tips('Cusco', 'high', 3), tips('Puno', 'low', 4), tips('Puno', 'high', 11)];
    const counts = countsOf(MONTH, groups, NO_FUNNEL);
    const published = alsoSuppressing(publishPrimaryOnly(counts, 10), ['tips|Cusco|low', 'tips|Puno|high'], nameOf);
    expect(attackRanges(highs, published).sort((a, b) => a.cell.localeCompare(b.cell))).toEqual([
      { cell: 'tips|Cusco|high', min: 1, max: 13, exact: true },
      { cell: 'tips|Cusco|low', min: 2, max: 14, exact: true },
      { cell: 'tips|Puno|high', min: 1, max: 13, exact: true },
      { cell: 'tips|Puno|low', min: 2, max: 14, exact: true },
    ]);
    expect(protectionViolations(highs, counts, published, 10)).toEqual([]);
  });

  it('uses "an indicator cell is at most its tip cell" to narrow a range', () => {
    const groups = [tips('Cusco', 'low', 12, ['minor']), tips('Cusco', 'high', 3), tips('Puno', 'low', 12), tips('Puno', 'high', 3)];
    const counts = countsOf(MONTH, groups, NO_FUNNEL);
    const levelMargins = ['tips|all|low', 'tips|all|high', 'channel|low|sms', 'channel|high|sms', 'language|low|es', 'language|high|es'];
    const hidden = ['tips|Cusco|low', 'tips|Puno|low', 'tips|Puno|high', ...levelMargins];
    const published = alsoSuppressing(publishPrimaryOnly(counts, 10), hidden, nameOf);
    // Without the indicator Cusco's high tips could be anything from 1 to 14; the 12 minors at low leave at most 3.
    expect(rangeOf(published, 'tips|Cusco|high')).toEqual({ cell: 'tips|Cusco|high', min: 1, max: 3, exact: true });
    expect(rangeOf(published, 'tips|Puno|high')).toEqual({ cell: 'tips|Puno|high', min: 1, max: 14, exact: true });
  });

  it('reasons through the inner indicator cells a margins-only layout leaves unpublished, without reading them as 0', () => {
    const groups = [tips('Cusco', 'low', 12, ['minor']), tips('Cusco', 'high', 3), tips('Puno', 'low', 12), tips('Puno', 'high', 3)];
    const counts = countsOf(MONTH, groups, NO_FUNNEL);
    const levelMargins = ['tips|all|low', 'tips|all|high', 'channel|low|sms', 'channel|high|sms', 'language|low|es', 'language|high|es'];
    const hidden = ['tips|Cusco|low', 'tips|Puno|low', 'tips|Puno|high', ...levelMargins];
    const published = alsoSuppressing(publishPrimaryOnly(counts, 10, 'margins'), hidden, nameOf);
    expect(published.cells.some((c) => nameOf(c) === 'indicator|Cusco|low|minor')).toBe(false);
    expect(truthViolations(counts, published, 'margins')).toEqual([]);
    expect(truthViolations(counts, published, 'full')).toContainEqual(expect.stringContaining('indicator|Cusco|low|minor is not listed'));
    // 12 minors in Cusco, 12 at low nationally and none in Puno: all 12 are Cusco's low tips.
    expect(rangeOf(published, 'tips|Cusco|high', 'margins')).toEqual({ cell: 'tips|Cusco|high', min: 1, max: 3, exact: true });

    const lone = countsOf(MONTH, [tips('unknown', 'critical', 1, ['document_retention'])], NO_FUNNEL);
    const alone = publishPrimaryOnly(lone, 3, 'margins');
    expect(protectionViolations(highs, lone, alone, 3, { layout: 'margins' })).toEqual([]);
    expect(() => attackRanges(highs, alone, { layout: 'full' })).toThrow(/break the relation|solver ended/);
  });

  it('counts a cell that nothing bounds above as protected', () => {
    const counts = countsOf(MONTH, [tips('Cusco', 'low', 2), tips('Puno', 'high', 3)], { ...NO_FUNNEL, referred: 4 });
    const published = publishPrimaryOnly(counts, 10);
    expect(published.funnel.tips).toBeNull();
    const ranges = attackRanges(highs, published);
    expect(ranges.find((r) => r.cell === 'tips|all|all')).toEqual({ cell: 'tips|all|all', min: 2, max: Number.POSITIVE_INFINITY, exact: true });
    expect(ranges.find((r) => r.cell === 'funnel|referred')).toEqual({ cell: 'funnel|referred', min: 1, max: Number.POSITIVE_INFINITY, exact: true });
    expect(protectionViolations(highs, counts, published, 10)).toEqual([]);
  });

  it(
    'always finds the true figure inside the attacker range of a primary-only publication, in either layout',
    () => {
      fc.assert(
        fc.property(arbitraryMonth(MONTH), fc.constantFrom<IndicatorLayout>('full', 'margins'), ({ k, counts }, layout) => {
          const published = publishPrimaryOnly(counts, k, layout);
          expect(thresholdViolations(published, k)).toEqual([]);
          expect(truthViolations(counts, published, layout)).toEqual([]);
          const truth = trueFigures(counts);
          const { ranges, truthBreaks } = attack(highs, published, { layout, truth, extraRegions: regionsOfCounts(counts) });
          expect(truthBreaks).toEqual([]);
          const outside = ranges.filter(({ cell, min, max }) => !(truth.get(cell)! >= min && truth.get(cell)! <= max));
          expect(outside.map((r) => ({ ...r, truth: truth.get(r.cell) }))).toEqual([]);
        }),
        { seed: 20260301, numRuns: 25 },
      );
    },
    SLOW,
  );
});

const PUBLISHED_AT = '2026-04-08T00:00:00.000Z';
/**
 * publishMonth publishes indicators by region over all levels (and nationally), not by level:
 * the auditor's attacker treats every cell of an indicator at one level as an unknown it can
 * still bound through the tips' cells, and does not expect them listed.
 */
const LAYOUT: IndicatorLayout = 'regions';
const publish = (counts: AuditedCounts, k: number) => publishMonth(counts, { k, publishedAt: PUBLISHED_AT });

describe('publishMonth, audited on random months of tips', () => {
  it('publishes no figure between 1 and k−1, and every figure it publishes is the true one', () => {
    fc.assert(
      fc.property(arbitraryMonth(MONTH), ({ k, counts }) => {
        const published = publish(counts, k);
        expect({ month: published.month, k: published.k, publishedAt: published.publishedAt }).toEqual({ month: MONTH, k, publishedAt: PUBLISHED_AT });
        expect(thresholdViolations(published, k)).toEqual([]);
        expect(truthViolations(counts, published, LAYOUT)).toEqual([]);
      }),
      { seed: 20260302, numRuns: 200 },
    );
  });

  it(
    'leaves every cell suppressed for itself (1 to k−1) a range of at least ⌈k/2⌉ against all published figures and relations',
    () => {
      fc.assert(
        fc.property(arbitraryMonth(MONTH), ({ k, counts }) => {
          expect(protectionViolations(highs, counts, publish(counts, k), k, { layout: LAYOUT, cells: 'primary' })).toEqual([]);
        }),
        { seed: 20260303, numRuns: 100 },
      );
    },
    SLOW,
  );

  // Protection is owed to the cells withheld for themselves. A cell withheld only to shield
  // another holds k or more by construction: read exactly, it tells what publishing it would
  // have (docs/statistics.md). Its own range is still part of every primary cell's range above.
});

/** Counterexamples the properties found (shrunk), kept so that each stays fixed. */
const REGRESSIONS: Array<{ why: string; k: number; groups: TipGroup[]; cells: 'primary' }> = [
  {
    why: 'the 10 sexual-exploitation tips at high are all Madre de Dios (Puno has none), so its high tips are ≥ 10 and Puno’s single high tip is read exactly',
    k: 10,
    groups: [tips('Puno', 'high', 1), tips('Madre de Dios', 'high', 10, ['sexual_exploitation']), tips('Madre de Dios', 'critical', 10)],
    cells: 'primary',
  },
  {
    why: 'the 10 imminent-danger tips at medium are all unknown-region ones, so Cusco’s single medium tip is read exactly',
    k: 10,
    groups: [tips('unknown', 'medium', 10, ['imminent_danger']), tips('Cusco', 'medium', 1), tips('Cusco', 'low', 6), tips('unknown', 'high', 1)],
    cells: 'primary',
  },
  {
    why: 'k = 3: the 3 debt-bondage tips at low are all unknown-region ones, which narrows Cusco’s 2 low tips to [1, 2]',
    k: 3,
    groups: [tips('unknown', 'low', 3, ['debt_bondage']), tips('Cusco', 'low', 2), tips('unknown', 'medium', 1)],
    cells: 'primary',
  },
  {
    why: 'the suppressed national low and medium tips (11 and 10) are at least their minors (11 and 10) and sum to 21: both read exactly',
    k: 10,
    groups: [
      { ...tips('Loreto', 'low', 10, ['minor']) },
      { ...tips('Loreto', 'low', 1, ['minor']), language: 'pt' },
      { ...tips('Loreto', 'medium', 10, ['minor']), language: 'pt' },
    ],
    cells: 'primary',
  },
  {
    why: 'Cusco’s suppressed low and high tips (12 and 10) are at least their minors (12 and 10) and sum to its published 22: both read exactly',
    k: 10,
    groups: [
      tips('Cusco', 'low', 11, ['minor']),
      { ...tips('Cusco', 'low', 1, ['minor']), channel: 'whatsapp' },
      { ...tips('Cusco', 'high', 10, ['minor']), channel: 'whatsapp' },
    ],
    cells: 'primary',
  },
  {
    why: 'k = 5: the suppressed high tips of the unknown region (5) are at least their 5 labour-exploitation tips and at most the national 5',
    k: 5,
    groups: [
      tips('unknown', 'high', 5, ['labor_exploitation']),
      tips('unknown', 'critical', 4, ['labor_exploitation']),
      tips('Cusco', 'low', 1, ['labor_exploitation']),
    ],
    cells: 'primary',
  },
];

describe('publishMonth, on the counterexamples found so far', () => {
  it.each(REGRESSIONS)('$why', ({ k, groups, cells }) => {
    const counts = countsOf(MONTH, groups, NO_FUNNEL);
    const published = publish(counts, k);
    expect(thresholdViolations(published, k)).toEqual([]);
    expect(truthViolations(counts, published, LAYOUT)).toEqual([]);
    expect(protectionViolations(highs, counts, published, k, { layout: LAYOUT, cells })).toEqual([]);
  });
});

/** Months across a year's end; some published, the others pending. */
const MONTHS = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const PERIOD_ENDS = ['2025-09', ...MONTHS, '2026-05'];
const period = fc.tuple(fc.constantFrom(...PERIOD_ENDS), fc.constantFrom(...PERIOD_ENDS)).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));
const publications = fc
  .tuple(...MONTHS.map((month) => fc.option(arbitraryMonth(month), { freq: 4 })))
  .map((months) => months.flatMap((m) => (m === null ? [] : [publish(m.counts, m.k)])));

describe('exportPeriod, over random overlapping periods', () => {
  it('repeats each published month exactly, in every export that holds it, and no cell spans months', () => {
    fc.assert(
      fc.property(publications, fc.array(period, { minLength: 2, maxLength: 4 }), (published, periods) => {
        const byMonth = new Map(published.map((p) => [p.month, p]));
        const pending = MONTHS.filter((m) => !byMonth.has(m));
        const exports = periods.map(({ from, to }) => exportPeriod(published, from, to, pending));
        for (const [i, { from, to }] of periods.entries()) {
          const exported = exports[i]!;
          const inPeriod = MONTHS.filter((m) => m >= from && m <= to);
          expect(exported.months).toEqual(inPeriod.filter((m) => byMonth.has(m)));
          expect(exported.pending).toEqual(inPeriod.filter((m) => !byMonth.has(m)));
          for (const cell of exported.cells) expect(exported.months).toContain(cell.month);
          for (const month of exported.months) {
            // The month as this export shows it is the month as it was frozen: nothing added, merged or recounted.
            expect(exported.cells.filter((c) => c.month === month)).toEqual(byMonth.get(month)!.cells);
            expect(exported.funnel.filter((f) => f.month === month)).toEqual([byMonth.get(month)!.funnel]);
          }
          expect(exported.funnel).toHaveLength(exported.months.length);
          expect(exported.suppressed).toBe(exported.cells.filter((c) => c.count === null).length);
        }
        // Any two exports agree on every month they share, so their union holds no figure of its own.
        for (const a of exports)
          for (const b of exports)
            for (const month of a.months.filter((m) => b.months.includes(m)))
              expect(a.cells.filter((c) => c.month === month)).toEqual(b.cells.filter((c) => c.month === month));
      }),
      { seed: 20260305, numRuns: 60 },
    );
  });

  it('states a threshold k that every count it holds meets (0, or at least k)', () => {
    fc.assert(
      fc.property(publications, period, (published, { from, to }) => {
        const exported = exportPeriod(published, from, to, []);
        const small = exported.cells.filter((c) => c.count !== null && c.count > 0 && c.count < exported.k);
        expect(small.map((c) => `${c.month} ${c.region}/${c.level} = ${c.count} < k = ${exported.k}`)).toEqual([]);
      }),
      { seed: 20260306, numRuns: 60 },
    );
  });

  it('states the threshold of a month published with k = 5 (counterexample found by the property above)', () => {
    const month = publish(countsOf('2026-01', [tips('unknown', 'high', 5)], NO_FUNNEL), 5);
    const exported = exportPeriod([month], '2025-09', '2026-01', []);
    expect(exported.cells.filter((c) => c.count !== null && c.count > 0 && c.count < exported.k)).toEqual([]);
  });
});
