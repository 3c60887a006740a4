// An auditor of the statistics' disclosure control, written apart from the publisher so that the
// two can disagree: it names every figure a month can publish and recomputes each from the
// month's counts, then checks the publication against them. The attacker it also plays is in
// disclosure-audit-attack.ts.
import { ALL, FUNNEL_STAGES, type FunnelStage, type PublishedMonth, type StatCell } from '../../functions/core/statistics/model';
import { CHANNELS, type Channel, INDICATOR_IDS, type IndicatorId, LANGS, LEVELS, type Lang, type Level } from '../../functions/core/tip';

/** The month's live counts, as publishMonth receives them (declared here so the auditor does not lean on the publisher's types). */
export interface AuditedCounts {
  month: string;
  tips: Array<{ region: string; level: Level; channel: Channel; language: Lang; count: number }>;
  indicators: Array<{ region: string; level: Level; indicator: IndicatorId; count: number }>;
  funnel: Record<FunnelStage, number>;
}

export type AnyLevel = Level | typeof ALL;
export const LEVELS_AND_ALL: readonly AnyLevel[] = [...LEVELS, ALL];

/** The name of one published figure, whatever table it is in. */
export const tipsCell = (region: string, level: AnyLevel) => `tips|${region}|${level}`;
export const channelCell = (level: AnyLevel, channel: Channel) => `channel|${level}|${channel}`;
export const languageCell = (level: AnyLevel, language: Lang) => `language|${level}|${language}`;
export const indicatorCell = (region: string, level: AnyLevel, indicator: IndicatorId) => `indicator|${region}|${level}|${indicator}`;
export const funnelCell = (stage: FunnelStage) => `funnel|${stage}`;

/** The name of a published cell, or the reason it is not a cell the publication may contain. */
export function nameOfCell(cell: StatCell): { id: string } | { malformed: string } {
  const dimensions = [cell.indicator, cell.channel, cell.language].filter((d) => d !== undefined);
  if (dimensions.length > 1) return { malformed: 'more than one of indicator, channel, language' };
  if (!LEVELS_AND_ALL.includes(cell.level)) return { malformed: `level ${cell.level}` };
  if (typeof cell.region !== 'string' || cell.region === '') return { malformed: 'no region' };
  if (cell.indicator !== undefined) {
    if (!INDICATOR_IDS.includes(cell.indicator)) return { malformed: `indicator ${cell.indicator}` };
    return { id: indicatorCell(cell.region, cell.level, cell.indicator) };
  }
  if (cell.channel !== undefined) {
    if (cell.region !== ALL) return { malformed: 'a channel cell of one region' };
    if (!CHANNELS.includes(cell.channel)) return { malformed: `channel ${cell.channel}` };
    return { id: channelCell(cell.level, cell.channel) };
  }
  if (cell.language !== undefined) {
    if (cell.region !== ALL) return { malformed: 'a language cell of one region' };
    if (!LANGS.includes(cell.language)) return { malformed: `language ${cell.language}` };
    return { id: languageCell(cell.level, cell.language) };
  }
  return { id: tipsCell(cell.region, cell.level) };
}

/** Real regions (not `all`) named by the counts. */
export function regionsOfCounts(counts: AuditedCounts): string[] {
  return [...new Set([...counts.tips.map((t) => t.region), ...counts.indicators.map((i) => i.region)])].filter((r) => r !== ALL).sort();
}

/** Every figure of the month that could be published, with its true value (zeros included), computed straight from the counts. */
export function trueFigures(counts: AuditedCounts): Map<string, number> {
  const truth = new Map<string, number>();
  const add = (id: string, n: number) => truth.set(id, (truth.get(id) ?? 0) + n);
  const regions = regionsOfCounts(counts);
  for (const region of [...regions, ALL])
    for (const level of LEVELS_AND_ALL) {
      truth.set(tipsCell(region, level), 0);
      for (const indicator of INDICATOR_IDS) truth.set(indicatorCell(region, level, indicator), 0);
    }
  for (const level of LEVELS_AND_ALL) {
    for (const channel of CHANNELS) truth.set(channelCell(level, channel), 0);
    for (const language of LANGS) truth.set(languageCell(level, language), 0);
  }
  for (const t of counts.tips)
    for (const region of [t.region, ALL])
      for (const level of [t.level, ALL] as const) {
        add(tipsCell(region, level), t.count);
        if (region === ALL) {
          add(channelCell(level, t.channel), t.count);
          add(languageCell(level, t.language), t.count);
        }
      }
  for (const i of counts.indicators)
    for (const region of [i.region, ALL]) for (const level of [i.level, ALL] as const) add(indicatorCell(region, level, i.indicator), i.count);
  for (const stage of FUNNEL_STAGES) truth.set(funnelCell(stage), counts.funnel[stage]);
  return truth;
}

/** What the attacker reads: each named figure's count (null: suppressed), and the shape errors of the publication. */
export function readPublication(published: PublishedMonth): { figures: Map<string, number | null>; problems: string[] } {
  const figures = new Map<string, number | null>();
  const problems: string[] = [];
  for (const cell of published.cells) {
    const name = nameOfCell(cell);
    if ('malformed' in name) {
      problems.push(`malformed cell ${JSON.stringify(cell)}: ${name.malformed}`);
      continue;
    }
    if (cell.month !== published.month) problems.push(`${name.id} is of month ${cell.month} in the publication of ${published.month}`);
    if (figures.has(name.id)) problems.push(`${name.id} is published twice`);
    if (cell.count === 0) problems.push(`${name.id} is listed with count 0 (zeros are not listed)`);
    figures.set(name.id, cell.count);
  }
  for (const stage of FUNNEL_STAGES) figures.set(funnelCell(stage), published.funnel[stage]);
  const nationalTotal = tipsCell(ALL, ALL);
  const total = figures.has(nationalTotal) ? figures.get(nationalTotal) : 0;
  if (published.funnel.tips !== total) problems.push(`funnel.tips is ${published.funnel.tips} but the national total cell is ${total}`);
  if (published.funnel.month !== published.month) problems.push(`the funnel is of month ${published.funnel.month}`);
  return { figures, problems };
}

/** Guarantee 1: every published count is 0 or at least k (null is suppressed), and a whole number. */
export function thresholdViolations(published: PublishedMonth, k: number): string[] {
  const { figures } = readPublication(published);
  const violations: string[] = [];
  for (const [id, count] of figures) {
    if (count === null) continue;
    if (!Number.isInteger(count) || count < 0) violations.push(`${id} = ${count} is not a count`);
    else if (count > 0 && count < k) violations.push(`${id} = ${count} is published although it lies between 1 and k−1 = ${k - 1}`);
  }
  if (published.funnel.tips !== null && published.funnel.tips > 0 && published.funnel.tips < k)
    violations.push(`funnel.tips = ${published.funnel.tips} lies between 1 and k−1`);
  return violations;
}

/**
 * Which indicator cells a month publishes. `full`: every region × level (with margins), as the
 * issue describes. `margins`: only by region over all levels and by level nationally; the inner
 * region × level cells are then not published at all — unknown to the attacker, not 0 — though
 * the attacker still knows each lies between 0 and its tip cell and sums to the margins.
 * `regions` (what publishMonth does): only by region over all levels, with the national total;
 * every cell of an indicator at one level is then such an unknown.
 */
export type IndicatorLayout = 'full' | 'margins' | 'regions';

/** Whether a figure is one the layout never publishes. */
export function isUnpublished(id: string, layout: IndicatorLayout): boolean {
  if (layout === 'full' || !id.startsWith('indicator|')) return false;
  const [, region, level] = id.split('|');
  return layout === 'regions' ? level !== ALL : region !== ALL && level !== ALL;
}

/** Guarantee 2: every published figure is the true one, every unlisted figure of the layout is truly 0, and nothing is published that the month does not have. */
export function truthViolations(counts: AuditedCounts, published: PublishedMonth, layout: IndicatorLayout = 'full'): string[] {
  const truth = trueFigures(counts);
  const { figures, problems } = readPublication(published);
  const violations = [...problems];
  for (const [id, count] of figures) {
    if (!truth.has(id)) violations.push(`${id} is published (${count}) but is not a figure of this month`);
    else if (isUnpublished(id, layout)) violations.push(`${id} is published (${count}) but the ${layout} layout does not publish it`);
    else if (count === null && truth.get(id) === 0) violations.push(`${id} is suppressed but truly 0 (zeros are always published)`);
    else if (count !== null && count !== truth.get(id)) violations.push(`${id} is published as ${count} but is truly ${truth.get(id)}`);
  }
  for (const [id, n] of truth)
    if (!figures.has(id) && n !== 0 && !isUnpublished(id, layout)) violations.push(`${id} is not listed (read as 0) but is truly ${n}`);
  return violations;
}
