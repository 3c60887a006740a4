// Where the statistics charts put things (web/ops/src/statistics-geometry.ts): published figures to
// scale, a suppressed one as a fixed-size mark that no scale reads, a bound ("≥ N") drawn to N
// with a cap after it.
import { describe, expect, it } from 'vitest';
import type { Figure, MonthLevels } from '../../web/ops/src/statistics-figures';
import { BAR_CHART, barChartLayout, MONTH_CHART, monthChartLayout, niceScale } from '../../web/ops/src/statistics-geometry';

const exact = (value: number): Figure => ({ kind: 'exact', value });
const suppressed: Figure = { kind: 'suppressed' };
const month = (name: string, levels: Partial<MonthLevels['levels']>): MonthLevels => ({
  month: name,
  levels: { critical: exact(0), high: exact(0), medium: exact(0), low: exact(0), ...levels },
  total: exact(0),
});

describe('the scale', () => {
  it('runs to a round number at or above the largest figure, in 1, 2 or 5 steps', () => {
    expect(niceScale(37)).toEqual({ max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(niceScale(120)).toEqual({ max: 150, ticks: [0, 50, 100, 150] });
    expect(niceScale(1234).ticks.at(-1)).toBeGreaterThanOrEqual(1234);
  });

  it('never stops below k, so that nothing published can fill the chart when all is 0', () => {
    expect(niceScale(0)).toEqual({ max: 10, ticks: [0, 5, 10] });
  });
});

describe('tips per month by level', () => {
  const layout = monthChartLayout([month('2026-11', { critical: exact(20), high: exact(10) }), month('2026-12', { critical: exact(12), medium: suppressed })]);
  const [november, december] = layout.bars;

  it('gives each month a slot, and a width that grows with the months', () => {
    expect(layout.bars.map((b) => b.month)).toEqual(['2026-11', '2026-12']);
    expect(december!.center - november!.center).toBe(MONTH_CHART.slot);
    expect(layout.width).toBe(MONTH_CHART.left + 2 * MONTH_CHART.slot + MONTH_CHART.right);
    expect(monthChartLayout(Array.from({ length: 12 }, (_, i) => month(`2026-${String(i + 1).padStart(2, '0')}`, {}))).width).toBe(
      MONTH_CHART.left + 12 * MONTH_CHART.slot + MONTH_CHART.right,
    );
  });

  it('stacks the published levels from the baseline, critical first, heights in proportion to the counts', () => {
    const [critical, high] = november!.segments;
    expect(critical).toMatchObject({ level: 'critical', suppressed: false, value: 20 });
    expect(high).toMatchObject({ level: 'high', suppressed: false, value: 10 });
    expect(critical!.y + critical!.height).toBeCloseTo(layout.baseline);
    expect(high!.y + high!.height).toBeCloseTo(critical!.y);
    expect(critical!.height / high!.height).toBeCloseTo(2);
    // The 30 of the stack is read on the scale's own ticks.
    const at30 = layout.ticks.find((t) => t.value === 30)!;
    expect(high!.y).toBeCloseTo(at30.y);
  });

  it('draws a suppressed level as a fixed-size mark above the stack, not to scale and never a zero-height bar', () => {
    const marks = december!.segments.filter((s) => s.suppressed);
    expect(marks).toEqual([expect.objectContaining({ level: 'medium', height: MONTH_CHART.mark, value: null })]);
    const critical = december!.segments.find((s) => s.level === 'critical')!;
    expect(marks[0]!.y + marks[0]!.height).toBeLessThan(critical.y);
    // Whatever the scale, the mark is the same size: it says "suppressed", not how many.
    const small = monthChartLayout([month('2026-12', { critical: exact(1000), medium: suppressed })]).bars[0]!.segments.find((s) => s.suppressed)!;
    expect(small.height).toBe(MONTH_CHART.mark);
  });

  it('keeps every mark inside the plot, above the highest tick, even with all four levels suppressed', () => {
    const all = monthChartLayout([month('2026-12', { critical: exact(40), high: suppressed, medium: suppressed, low: suppressed })]);
    const marks = all.bars[0]!.segments.filter((s) => s.suppressed);
    expect(marks).toHaveLength(3);
    expect(Math.min(...marks.map((m) => m.y))).toBeGreaterThanOrEqual(MONTH_CHART.top);
    expect(all.bars[0]!.top).toBe(Math.min(...marks.map((m) => m.y)));
  });

  it('leaves a month of zeros empty', () => {
    expect(monthChartLayout([month('2026-12', {})]).bars[0]!.segments).toEqual([]);
  });
});

describe('horizontal bars (indicators, funnel)', () => {
  const layout = barChartLayout([
    { key: 'minor', figure: exact(40) },
    { key: 'confinement', figure: { kind: 'atLeast', value: 20 } },
    { key: 'debt_bondage', figure: suppressed },
    { key: 'violence', figure: exact(0) },
  ]);
  const [minor, confinement, debt, violence] = layout.rows;

  it('draws published figures and bounds to scale, one row each', () => {
    expect(layout.height).toBe(4 * BAR_CHART.row);
    expect(minor!.barWidth / confinement!.barWidth).toBeCloseTo(2);
    expect(minor!.barWidth).toBeLessThanOrEqual(BAR_CHART.width - BAR_CHART.valueRoom - BAR_CHART.cap);
    expect(confinement!.barY - minor!.barY).toBe(BAR_CHART.row);
  });

  it('caps a bound and a suppressed figure with a hatched mark; an exact one has none', () => {
    expect(minor!.capWidth).toBe(0);
    expect(confinement!.capWidth).toBe(BAR_CHART.cap);
    expect(debt).toMatchObject({ barWidth: 0, capWidth: BAR_CHART.cap });
    expect(violence).toMatchObject({ barWidth: 0, capWidth: 0 });
  });

  it('writes each figure just after its bar and cap, inside the drawing', () => {
    for (const row of layout.rows) {
      expect(row.valueX).toBe(row.barWidth + row.capWidth + 4);
      expect(row.valueX).toBeLessThanOrEqual(BAR_CHART.width - BAR_CHART.valueRoom + 4);
    }
  });
});
