// One month's table as a set of cells and the relations between them that anyone reading the
// published figures knows: each total is the sum of its parts, and a tip counts at most once
// per indicator (an indicator's cell is at most its tips' cell). Suppression must hold against
// all of them at once.
import { CHANNELS, type Channel, type IndicatorId, LANGS, type Lang, LEVELS, type Level } from '../tip';
import { ALL, type FunnelStage, type Month, type StatCell } from './model';

export interface MonthCounts {
  month: Month;
  /** Live counts of tips: one entry per (region, level, channel, language); region may be `unknown`. */
  tips: Array<{ region: string; level: Level; channel: Channel; language: Lang; count: number }>;
  /** Tips showing an indicator: one entry per (region, level, indicator). */
  indicators: Array<{ region: string; level: Level; indicator: IndicatorId; count: number }>;
  funnel: Record<FunnelStage, number>;
}

/** A cell with its true count. */
export type FrameCell = Omit<StatCell, 'count'> & { count: number };

export interface Frame {
  cells: Map<string, FrameCell>;
  /** `total` = Σ `parts`, as cell ids. */
  sums: Array<{ total: string; parts: string[] }>;
  /** `part` ≤ `whole`, as cell ids. */
  bounds: Array<{ part: string; whole: string }>;
}

type Dimension = { indicator: IndicatorId } | { channel: Channel } | { language: Lang } | Record<never, never>;

export function cellId(region: string, level: string, dimension: Dimension = {}): string {
  const [kind, value] = Object.entries(dimension)[0] ?? ['tips', ''];
  return `${kind}|${value}|${region}|${level}`;
}

const LEVELS_AND_ALL = [...LEVELS, ALL] as const;

export function buildFrame(counts: MonthCounts): Frame {
  const cells = new Map<string, FrameCell>();
  const sums: Frame['sums'] = [];
  const bounds: Frame['bounds'] = [];
  const month = counts.month;
  const put = (region: string, level: Level | typeof ALL, dimension: Dimension, count: number): string => {
    const id = cellId(region, level, dimension);
    const cell = cells.get(id);
    if (cell) cell.count += count;
    else cells.set(id, { month, region, level, ...dimension, count });
    return id;
  };
  const regions = [...new Set([...counts.tips.map((t) => t.region), ...counts.indicators.map((i) => i.region)])].sort();

  /** Regions × levels with margins: each row's levels sum to its `all` level, each level's regions to the national row. */
  const marginTable = (cellOf: (region: string, level: Level | typeof ALL) => string) => {
    for (const region of [...regions, ALL]) sums.push({ total: cellOf(region, ALL), parts: LEVELS.map((level) => cellOf(region, level)) });
    for (const level of LEVELS_AND_ALL) sums.push({ total: cellOf(ALL, level), parts: regions.map((region) => cellOf(region, level)) });
  };

  // Tips by region and level, with national and all-level margins.
  for (const region of [...regions, ALL]) for (const level of LEVELS_AND_ALL) put(region, level, {}, 0);
  for (const tip of counts.tips) for (const region of [tip.region, ALL]) for (const level of [tip.level, ALL] as const) put(region, level, {}, tip.count);
  marginTable((region, level) => cellId(region, level));

  // Nationally, by channel and by language: each level's ways sum to that level's national tips.
  const national = (dimensions: readonly Dimension[], pick: (tip: MonthCounts['tips'][number]) => Dimension) => {
    for (const dimension of dimensions) for (const level of LEVELS_AND_ALL) put(ALL, level, dimension, 0);
    for (const tip of counts.tips) for (const level of [tip.level, ALL] as const) put(ALL, level, pick(tip), tip.count);
    for (const level of LEVELS_AND_ALL) sums.push({ total: cellId(ALL, level), parts: dimensions.map((d) => cellId(ALL, level, d)) });
    for (const dimension of dimensions) sums.push({ total: cellId(ALL, ALL, dimension), parts: LEVELS.map((level) => cellId(ALL, level, dimension)) });
  };
  national(
    CHANNELS.map((channel) => ({ channel })),
    (tip) => ({ channel: tip.channel }),
  );
  national(
    LANGS.map((language) => ({ language })),
    (tip) => ({ language: tip.language }),
  );

  // Indicators by region, all levels together, each at most its region's tips. Not by level as
  // well: a region table and a level table of one indicator are the two margins of a hidden
  // region × level table whose inner cells are bounded by the tips' cells, and together they
  // can pin a small tip count (statistics-disclosure.test.ts keeps the case).
  const indicators = [...new Set(counts.indicators.map((i) => i.indicator))].sort();
  for (const indicator of indicators) {
    for (const region of [...regions, ALL]) put(region, ALL, { indicator }, 0);
    sums.push({ total: cellId(ALL, ALL, { indicator }), parts: regions.map((region) => cellId(region, ALL, { indicator })) });
    for (const region of [...regions, ALL]) bounds.push({ part: cellId(region, ALL, { indicator }), whole: cellId(region, ALL) });
  }
  for (const found of counts.indicators) {
    put(found.region, ALL, { indicator: found.indicator }, found.count);
    put(ALL, ALL, { indicator: found.indicator }, found.count);
  }
  return { cells, sums, bounds };
}
