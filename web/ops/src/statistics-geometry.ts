// Where the statistics charts put things, in SVG user units. The charts are drawn by hand (SVG,
// no chart library): the dashboard's bundle is about 50 kB gzipped and phones on a weak signal
// download it, while a chart library alone weighs more than that. Pure, so that the unit tests
// check the geometry without a browser. Only published figures are drawn to scale; a suppressed
// one is a fixed-size hatched mark, never a length that could be read as a value.
import type { Level } from './api-types';
import { drawnValue, type Figure, type MonthLevels, STAT_LEVELS } from './statistics-figures';

/** A scale from 0 to `max` in 1, 2 or 5 times a power of ten, never below k (the smallest published figure). */
export function niceScale(largest: number, k = 10, steps = 4): { max: number; ticks: number[] } {
  const top = Math.max(largest, k);
  const rough = top / steps;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const max = Math.ceil(top / step) * step;
  return { max, ticks: Array.from({ length: Math.round(max / step) + 1 }, (_, i) => i * step) };
}

/** The tips-per-month chart: one slot per month, the plot's room, and a band above the bars for marks. */
export const MONTH_CHART = { slot: 44, bar: 28, left: 44, right: 8, top: 20, plot: 180, axis: 36, mark: 8, markGap: 2 } as const;

export interface Segment {
  level: Level;
  x: number;
  y: number;
  width: number;
  height: number;
  /** A fixed-size mark above the bar: the level's count in that month is suppressed. */
  suppressed: boolean;
  /** The published count drawn; null for a mark. */
  value: number | null;
}

export interface MonthBar {
  month: string;
  /** The middle of the month's slot, where its label goes. */
  center: number;
  /** The top of the bar and its marks, where the month's total goes. */
  top: number;
  segments: Segment[];
  /**
   * With the month's total published: what the suppressed levels hold together (the total less
   * the published levels, a difference of published figures), drawn to scale and hatched, so that
   * the bar reaches its total. Which level holds how much of it is not drawn.
   */
  rest?: { x: number; y: number; width: number; height: number; value: number };
}

export interface MonthChartLayout {
  width: number;
  height: number;
  /** The baseline's y and the plot's left and right x. */
  baseline: number;
  left: number;
  right: number;
  ticks: Array<{ value: number; y: number }>;
  bars: MonthBar[];
}

/**
 * Published levels stacked from the baseline up, most urgent first; each suppressed level a mark
 * above the stack (room for all four is kept above the scale, so marks never cross a tick).
 */
export function monthChartLayout(months: readonly MonthLevels[]): MonthChartLayout {
  const c = MONTH_CHART;
  const markRoom = STAT_LEVELS.length * (c.mark + c.markGap);
  const valueHeight = c.plot - markRoom;
  const stacks = months.map((m) =>
    Math.max(
      STAT_LEVELS.reduce((sum, level) => sum + drawnValue(m.levels[level]), 0),
      m.total.kind === 'exact' ? m.total.value : 0,
    ),
  );
  const scale = niceScale(Math.max(0, ...stacks));
  const baseline = c.top + c.plot;
  const toY = (value: number) => baseline - (value / scale.max) * valueHeight;
  const bars = months.map((m, i) => {
    const center = c.left + i * c.slot + c.slot / 2;
    const x = center - c.bar / 2;
    const segments: Segment[] = [];
    let stacked = 0;
    for (const level of STAT_LEVELS) {
      const figure = m.levels[level];
      if (figure.kind === 'suppressed' || figure.value === 0) continue;
      const y = toY(stacked + figure.value);
      segments.push({ level, x, y, width: c.bar, height: toY(stacked) - y, suppressed: false, value: figure.value });
      stacked += figure.value;
    }
    const suppressed = STAT_LEVELS.filter((level) => m.levels[level].kind === 'suppressed');
    const restValue = m.total.kind === 'exact' && suppressed.length > 0 ? m.total.value - stacked : 0;
    if (restValue > 0) {
      // The marks inside the hatched rest, from its top down: which levels are in it.
      const top = toY(stacked + restValue);
      suppressed.forEach((level, j) => {
        segments.push({ level, x, y: top + c.markGap + j * (c.mark + c.markGap), width: c.bar, height: c.mark, suppressed: true, value: null });
      });
      return { month: m.month, center, top, segments, rest: { x, y: top, width: c.bar, height: toY(stacked) - top, value: restValue } };
    }
    let markTop = toY(stacked);
    for (const level of suppressed) {
      markTop -= c.markGap + c.mark;
      segments.push({ level, x, y: markTop, width: c.bar, height: c.mark, suppressed: true, value: null });
    }
    return { month: m.month, center, top: markTop, segments };
  });
  return {
    width: c.left + Math.max(months.length, 1) * c.slot + c.right,
    height: baseline + c.axis,
    baseline,
    left: c.left,
    right: c.left + Math.max(months.length, 1) * c.slot,
    ticks: scale.ticks.map((value) => ({ value, y: toY(value) })),
    bars,
  };
}

/** The horizontal bar charts (indicators, funnel): a label line over each bar, the figure after it. */
export const BAR_CHART = { width: 360, row: 34, label: 13, bar: 14, cap: 10, valueRoom: 64 } as const;

export interface BarRow<K extends string> {
  key: K;
  figure: Figure;
  /** The baseline of the label's text. */
  labelY: number;
  barY: number;
  /** The published part, to scale (the bound of an "at least"). */
  barWidth: number;
  /** A hatched mark after the bar: more than drawn (an "at least"), or the whole figure suppressed. */
  capWidth: number;
  /** Where the figure's text starts. */
  valueX: number;
}

export function barChartLayout<K extends string>(items: ReadonlyArray<{ key: K; figure: Figure }>): { width: number; height: number; rows: BarRow<K>[] } {
  const c = BAR_CHART;
  const scale = niceScale(Math.max(0, ...items.map((item) => drawnValue(item.figure))));
  const room = c.width - c.valueRoom - c.cap;
  const rows = items.map(({ key, figure }, i) => {
    const top = i * c.row;
    const barWidth = (drawnValue(figure) / scale.max) * room;
    const capWidth = figure.kind === 'exact' ? 0 : c.cap;
    return { key, figure, labelY: top + c.label - 2, barY: top + c.label + 2, barWidth, capWidth, valueX: barWidth + capWidth + 4 };
  });
  return { width: c.width, height: Math.max(items.length, 1) * c.row, rows };
}
