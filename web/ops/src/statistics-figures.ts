// The figures the statistics pages show, read from what the API published and nothing else.
// Disclosure control is the backend's: a cell is 0, at least k, or suppressed. The pages only add
// published figures up (a period is its months); a sum with a suppressed part is a lower bound
// ("≥ N"), never exact, and no figure is ever derived by difference (a total minus its parts
// would give a suppressed cell away). Pure: the unit tests read it without a browser.
import { LEVELS, type Level } from './api-types';
import { ALL, FUNNEL_STAGES, type FunnelStage, INDICATOR_IDS, type Month, NO_REGION, type StatCell, type StatisticsExport } from './api-types-statistics';

/** A figure as shown: exact, a lower bound (published parts of a sum with suppressed parts), or suppressed. */
export type Figure = { kind: 'exact'; value: number } | { kind: 'atLeast'; value: number } | { kind: 'suppressed' };

export const SUPPRESSED: Figure = { kind: 'suppressed' };

/** One published count: a cell not listed is 0, null is suppressed. */
export const figureOf = (count: number | null | undefined): Figure => (count === null ? SUPPRESSED : { kind: 'exact', value: count ?? 0 });

/**
 * The sum of published figures. With a suppressed part it is only a lower bound, and with
 * nothing published besides the suppressed parts there is no bound worth saying: suppressed.
 */
export function sumFigures(parts: readonly Figure[]): Figure {
  const published = parts.reduce((sum, part) => sum + (part.kind === 'suppressed' ? 0 : part.value), 0);
  const partial = parts.some((part) => part.kind !== 'exact');
  if (!partial) return { kind: 'exact', value: published };
  return published > 0 ? { kind: 'atLeast', value: published } : SUPPRESSED;
}

/** The published value a chart draws to scale: the exact figure or the bound; 0 when suppressed. */
export const drawnValue = (figure: Figure): number => (figure.kind === 'suppressed' ? 0 : figure.value);

/** Which published cell: region and level, and at most one of indicator, channel and language. */
interface CellKey {
  region: string;
  level: Level | typeof ALL;
  indicator?: string;
}

const matches = (cell: StatCell, key: CellKey): boolean =>
  cell.region === key.region &&
  cell.level === key.level &&
  (cell.indicator ?? null) === (key.indicator ?? null) &&
  (cell.channel ?? null) === null &&
  (cell.language ?? null) === null;

/** Cells indexed by month, so that each figure is one look-up per month. */
export type CellsByMonth = Map<Month, StatCell[]>;

export function cellsByMonth(data: StatisticsExport): CellsByMonth {
  const byMonth: CellsByMonth = new Map(data.months.map((month) => [month, []]));
  for (const cell of data.cells) byMonth.get(cell.month)?.push(cell);
  return byMonth;
}

export function monthFigure(byMonth: CellsByMonth, month: Month, key: CellKey): Figure {
  return figureOf((byMonth.get(month) ?? []).find((cell) => matches(cell, key))?.count);
}

/** A figure over the period: the sum of its published months. */
export function periodFigure(byMonth: CellsByMonth, key: CellKey): Figure {
  return sumFigures([...byMonth.keys()].map((month) => monthFigure(byMonth, month, key)));
}

/** Most urgent first, as every list on screen runs: critical sits on the chart's baseline, where bars compare best. */
export const STAT_LEVELS = LEVELS;

export interface MonthLevels {
  month: Month;
  levels: Record<Level, Figure>;
  /** The month's published national total: never the sum of the levels, which may hide suppressed ones. */
  total: Figure;
}

/** Tips per month by level, nationally (region `all`, no indicator, channel or language). */
export function levelsByMonth(data: StatisticsExport): MonthLevels[] {
  const byMonth = cellsByMonth(data);
  return data.months.map((month) => {
    const level = (l: Level) => monthFigure(byMonth, month, { region: ALL, level: l });
    return {
      month,
      levels: { low: level('low'), medium: level('medium'), high: level('high'), critical: level('critical') },
      total: monthFigure(byMonth, month, { region: ALL, level: ALL }),
    };
  });
}

export interface Labelled<K extends string> {
  key: K;
  figure: Figure;
}

/** Each indicator over the period, nationally and at every level, in core's order. */
export function indicatorsForPeriod(data: StatisticsExport): Array<Labelled<(typeof INDICATOR_IDS)[number]>> {
  const byMonth = cellsByMonth(data);
  return INDICATOR_IDS.map((indicator) => ({ key: indicator, figure: periodFigure(byMonth, { region: ALL, level: ALL, indicator }) }));
}

export type FunnelStep = 'tips' | FunnelStage;

/** Tips, then each stage of the referral funnel, over the period. */
export function funnelForPeriod(data: StatisticsExport): Array<Labelled<FunnelStep>> {
  const inPeriod = data.funnel.filter((month) => data.months.includes(month.month));
  const sum = (step: FunnelStep) => sumFigures(inPeriod.map((month) => figureOf(month[step])));
  return [{ key: 'tips', figure: sum('tips') }, ...FUNNEL_STAGES.map((stage) => ({ key: stage, figure: sum(stage) }))];
}

/** Tips by region over the period: every region published in some month, by name, `unknown` last. */
export function regionsForPeriod(data: StatisticsExport): Array<Labelled<string>> {
  const byMonth = cellsByMonth(data);
  const regions = new Set(data.cells.filter((cell) => cell.region !== ALL && matches(cell, { region: cell.region, level: ALL })).map((cell) => cell.region));
  const named = [...regions].filter((region) => region !== NO_REGION).sort((a, b) => a.localeCompare(b, 'es'));
  const ordered = regions.has(NO_REGION) ? [...named, NO_REGION] : named;
  return ordered.map((region) => ({ key: region, figure: periodFigure(byMonth, { region, level: ALL }) }));
}

/** The national total over the period. */
export const totalForPeriod = (data: StatisticsExport): Figure => periodFigure(cellsByMonth(data), { region: ALL, level: ALL });
