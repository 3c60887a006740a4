// A month as published, a period as exported, and the CSV: worked examples. The disclosure
// guarantees over random populations are statistics-disclosure.test.ts's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween } from '../../functions/core/statistics/calendar';
import { CSV_HEADER, csvFileName, exportPeriod, exportToCsv, InvalidPeriod, periodOf } from '../../functions/core/statistics/export';
import type { MonthCounts } from '../../functions/core/statistics/frame';
import type { PublishedMonth, StatCell } from '../../functions/core/statistics/model';
import { publishMonth } from '../../functions/core/statistics/publish';

const noFunnel = { referred: 0, acting: 0, rescued: 0, charges: 0, convictions: 0 };
const find = (month: PublishedMonth, where: Partial<StatCell>) =>
  month.cells.filter(
    (cell) =>
      Object.entries(where).every(([key, value]) => cell[key as keyof StatCell] === value) &&
      (where.indicator !== undefined || !cell.indicator) &&
      (where.channel !== undefined || !cell.channel) &&
      (where.language !== undefined || !cell.language),
  );

describe('publishMonth', () => {
  // Twelve critical tips about Madre de Dios, and one about Cusco: the lone Cusco tip is the girl
  // in the small camp that a careless table would point at.
  const counts: MonthCounts = {
    month: '2026-11',
    tips: [
      { region: 'Madre de Dios', level: 'critical', channel: 'sms', language: 'es', count: 12 },
      { region: 'Cusco', level: 'critical', channel: 'sms', language: 'es', count: 1 },
    ],
    indicators: [
      { region: 'Madre de Dios', level: 'critical', indicator: 'minor', count: 12 },
      { region: 'Cusco', level: 'critical', indicator: 'minor', count: 1 },
    ],
    funnel: { referred: 3, acting: 0, rescued: 11, charges: 0, convictions: 0 },
  };
  const month = publishMonth(counts, { k: 10, publishedAt: '2026-12-08T05:00:00.000Z' });

  it('publishes no count between 1 and k−1, in the cells or the funnel', () => {
    for (const cell of month.cells) expect(cell.count === null || cell.count === 0 || cell.count >= 10).toBe(true);
    for (const [stage, n] of Object.entries(month.funnel)) if (stage !== 'month') expect(n === null || n === 0 || (n as number) >= 10).toBe(true);
    expect(month.funnel).toMatchObject({ referred: null, acting: 0, rescued: 11 });
  });

  it('withholds the lone Cusco tip and enough around it that the national total cannot give it away', () => {
    expect(find(month, { region: 'Cusco', level: 'critical' })[0]?.count).toBeNull();
    // 13 national critical tips minus 12 in Madre de Dios would be 1: one of the two is withheld.
    const national = find(month, { region: 'all', level: 'critical' })[0]?.count;
    const madre = find(month, { region: 'Madre de Dios', level: 'critical' })[0]?.count;
    expect(national === null || madre === null).toBe(true);
  });

  it('lists no zero and holds no text', () => {
    expect(month.cells.some((cell) => cell.count === 0)).toBe(false);
    expect(JSON.stringify(month)).not.toMatch(/texto|encerrada/);
  });

  it('publishes a big enough table in full', () => {
    const big = publishMonth(
      {
        month: '2026-11',
        tips: [
          { region: 'Madre de Dios', level: 'critical', channel: 'sms', language: 'es', count: 40 },
          { region: 'Cusco', level: 'critical', channel: 'sms', language: 'es', count: 25 },
        ],
        indicators: [],
        funnel: noFunnel,
      },
      { k: 10, publishedAt: 'x' },
    );
    expect(big.cells.filter((cell) => cell.count === null)).toEqual([]);
    expect(find(big, { region: 'all', level: 'all' })[0]?.count).toBe(65);
    expect(big.funnel.tips).toBe(65);
  });
});

describe('exportPeriod: overlapping exports', () => {
  const publishedMonths = (months: readonly string[]): PublishedMonth[] =>
    months.map((month, i) =>
      publishMonth(
        {
          month,
          tips: [
            { region: 'Madre de Dios', level: 'high', channel: 'web', language: 'es', count: 5 + ((i * 7) % 30) },
            { region: 'Tambopata', level: 'critical', channel: 'whatsapp', language: 'pt', count: 1 + ((i * 3) % 12) },
          ],
          indicators: [],
          funnel: { ...noFunnel, referred: (i * 5) % 14 },
        },
        { k: 10, publishedAt: 'x' },
      ),
    );

  it('gives every month the same figures in every export that holds it, and no figure spanning months', () => {
    const all = monthsBetween('2025-01', '2026-12');
    const published = publishedMonths(all);
    const month = fc.integer({ min: 0, max: all.length - 1 });
    fc.assert(
      fc.property(month, month, month, month, (a, b, c, d) => {
        const one = exportPeriod(published, all[Math.min(a, b)]!, all[Math.max(a, b)]!, []);
        const two = exportPeriod(published, all[Math.min(c, d)]!, all[Math.max(c, d)]!, []);
        for (const shared of one.months.filter((m) => two.months.includes(m))) {
          expect(one.cells.filter((cell) => cell.month === shared)).toEqual(two.cells.filter((cell) => cell.month === shared));
          expect(one.funnel.find((f) => f.month === shared)).toEqual(two.funnel.find((f) => f.month === shared));
        }
        for (const cell of [...one.cells, ...two.cells]) expect(all).toContain(cell.month);
        expect(one.suppressed).toBe(one.cells.filter((cell) => cell.count === null).length);
      }),
      { numRuns: 200, seed: 18 },
    );
  }, 60_000);

  it('names the months of the period not published yet', () => {
    const out = exportPeriod(publishedMonths(['2026-09', '2026-10']), '2026-09', '2026-12', ['2026-11', '2026-12']);
    expect(out.months).toEqual(['2026-09', '2026-10']);
    expect(out.pending).toEqual(['2026-11', '2026-12']);
    expect(out.funnel.map((f) => f.month)).toEqual(['2026-09', '2026-10']);
  });
});

describe('periodOf', () => {
  it('defaults to the twelve months up to the newest published one', () => {
    expect(periodOf({}, '2026-11', '2026-12')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(periodOf({}, undefined, '2026-11')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(periodOf({ from: '2026-01' }, '2026-11', 'x')).toEqual({ from: '2026-01', to: '2026-11' });
  });

  it('refuses a bad month, a period backwards or too long, saying what to send instead', () => {
    expect(() => periodOf({ from: '2026-13' }, '2026-11', 'x')).toThrow(InvalidPeriod);
    expect(() => periodOf({ from: '2026-1' }, '2026-11', 'x')).toThrow(/YYYY-MM/);
    expect(() => periodOf({ from: '2026-11', to: '2026-10' }, undefined, 'x')).toThrow(/earlier month first/);
    expect(() => periodOf({ from: '2000-01', to: '2026-10' }, undefined, 'x')).toThrow(/at most 120 months/);
    expect(() => periodOf({ from: addMonths('2026-10', -119), to: '2026-10' }, undefined, 'x')).not.toThrow();
  });
});

describe('exportToCsv', () => {
  it('writes one row per cell and per funnel stage, a withheld count as a word, and quotes what needs it', () => {
    const csv = exportToCsv({
      k: 10,
      from: '2026-11',
      to: '2026-11',
      months: ['2026-11'],
      pending: [],
      cells: [
        { month: '2026-11', region: 'Madre de Dios, sur', level: 'critical', count: 12 },
        { month: '2026-11', region: 'all', level: 'all', indicator: 'minor', count: null },
        { month: '2026-11', region: 'all', level: 'high', channel: 'web', count: 10 },
      ],
      suppressed: 1,
      funnel: [{ month: '2026-11', tips: 12, referred: null, acting: 0, rescued: 10, charges: 0, convictions: 0 }],
    });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(CSV_HEADER.join(','));
    expect(rows).toContain('2026-11,tips,"Madre de Dios, sur",critical,,,,12');
    expect(rows).toContain('2026-11,indicator,all,all,minor,,,suppressed');
    expect(rows).toContain('2026-11,channel,all,high,,web,,10');
    expect(rows).toContain('2026-11,referred,all,all,,,,suppressed');
    expect(rows).toContain('2026-11,rescued,all,all,,,,10');
    expect(rows).toHaveLength(1 + 3 + 5);
    expect(csvFileName({ from: '2026-01', to: '2026-11' })).toBe('tipline-statistics-2026-01-2026-11.csv');
  });
});
