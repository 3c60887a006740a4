// Random months of tips for the disclosure audit, shaped towards the cases that break cell
// suppression: a single tip alone in its region, a region with one level, a month just above k,
// many cells of one or two tips, indicator cells equal to their tip cell, and unlisted zeros.
import fc from 'fast-check';
import { FUNNEL_STAGES, type FunnelStage, NO_REGION } from '../../functions/core/statistics/model';
import { CHANNELS, type Channel, INDICATOR_IDS, type IndicatorId, LANGS, LEVELS, type Lang, type Level } from '../../functions/core/tip';
import type { AuditedCounts } from './disclosure-audit';

/** Tips alike in every published category: the unit the generator builds months from. */
export interface TipGroup {
  region: string;
  level: Level;
  channel: Channel;
  language: Lang;
  /** Every tip of the group shows these. */
  indicators: IndicatorId[];
  n: number;
}

const REGION_POOL = ['Cusco', 'Puno', 'Madre de Dios', 'Loreto', NO_REGION];
/** A few indicators, so that they overlap across groups and their cells meet their tip cells. */
const COMMON_INDICATORS = INDICATOR_IDS.slice(0, 4);

/** Sizes around the thresholds tried (3, 5, 10) and a few larger. */
const groupSize = fc.oneof(fc.constantFrom(1, 1, 1, 2, 2, 3, 4, 5, 6, 9, 10, 11), fc.integer({ min: 1, max: 40 }));
const smallSize = fc.integer({ min: 1, max: 3 });

const group = (regions: string[], levels: readonly Level[], size: fc.Arbitrary<number>) =>
  fc.record({
    region: fc.constantFrom(...regions),
    level: fc.constantFrom(...levels),
    channel: fc.constantFrom(...CHANNELS),
    language: fc.constantFrom(...LANGS),
    indicators: fc.oneof(fc.subarray([...COMMON_INDICATORS], { maxLength: 2 }), fc.subarray([...INDICATOR_IDS], { maxLength: 3 })),
    n: size,
  });

const regionsOfMonth = fc.subarray(REGION_POOL, { minLength: 1, maxLength: 4 });
/** Levels used in the month: often only one or two, so that a region's level margin is thin. */
const levelsOfMonth = fc.subarray([...LEVELS], { minLength: 1 });

const stageCount = fc.oneof(fc.constantFrom(0, 0, 1, 2, 4, 9, 10, 11), fc.integer({ min: 0, max: 40 }));
export const arbitraryFunnel: fc.Arbitrary<Record<FunnelStage, number>> = fc.record(
  Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, stageCount])) as Record<FunnelStage, fc.Arbitrary<number>>,
);

const scattered = fc
  .tuple(regionsOfMonth, levelsOfMonth)
  .chain(([regions, levels]) => fc.array(group(regions, levels, groupSize), { minLength: 0, maxLength: 8 }));

const manySmall = fc
  .tuple(regionsOfMonth, levelsOfMonth)
  .chain(([regions, levels]) => fc.array(group(regions, levels, smallSize), { minLength: 3, maxLength: 12 }));

/** A larger month with one tip alone in a region of its own. */
const lonelyTip = fc
  .tuple(regionsOfMonth, levelsOfMonth, fc.constantFrom(...REGION_POOL))
  .chain(([regions, levels, lonely]) =>
    fc.tuple(
      fc.array(group(regions.filter((r) => r !== lonely).concat(regions.length === 1 && regions[0] === lonely ? ['Tacna'] : []), levels, groupSize), {
        minLength: 1,
        maxLength: 6,
      }),
      group([lonely], LEVELS, fc.constant(1)),
      fc.boolean(),
    ),
  )
  .map(([groups, alone, plain]) => [...groups, plain ? { ...alone, indicators: [] } : alone]);

/** A month whose national total is k, k+1 or k+2, spread thinly. */
const justAboveK = (k: number) =>
  fc
    .tuple(regionsOfMonth, levelsOfMonth, fc.integer({ min: 0, max: 2 }))
    .chain(([regions, levels, extra]) =>
      fc.array(group(regions, levels, smallSize), { minLength: 1, maxLength: k + extra }).map((groups) => trimTo(groups, k + extra)),
    );

/** The groups cut (from the last) or topped up (the first) so that their tips total exactly `total`. */
function trimTo(groups: TipGroup[], total: number): TipGroup[] {
  const out: TipGroup[] = [];
  let left = total;
  for (const g of groups) {
    if (left === 0) break;
    const n = Math.min(g.n, left);
    out.push({ ...g, n });
    left -= n;
  }
  if (left > 0) out[0] = { ...out[0]!, n: out[0]!.n + left };
  return out;
}

/** Every tip in its region and level shows the same indicators, so each indicator cell equals its tip cell. */
const indicatorsEqualTips = fc
  .tuple(regionsOfMonth, levelsOfMonth, fc.subarray([...COMMON_INDICATORS], { minLength: 1, maxLength: 2 }))
  .chain(([regions, levels, shown]) =>
    fc.array(group(regions, levels, groupSize), { minLength: 1, maxLength: 6 }).map((groups) => groups.map((g) => ({ ...g, indicators: shown }))),
  );

/** A month of tips (as groups), shaped towards one of the hard cases for threshold k. */
export const arbitraryGroups = (k: number): fc.Arbitrary<TipGroup[]> =>
  fc.oneof(
    { arbitrary: scattered, weight: 3 },
    { arbitrary: manySmall, weight: 2 },
    { arbitrary: lonelyTip, weight: 2 },
    { arbitrary: justAboveK(k), weight: 2 },
    { arbitrary: indicatorsEqualTips, weight: 2 },
    { arbitrary: regionalIndicators, weight: 3 },
  );

/** The live counts of a month made of these groups; `zeros` adds entries of count 0 (which must publish nothing). */
export function countsOf(month: string, groups: readonly TipGroup[], funnel: Record<FunnelStage, number>, zeros: readonly TipGroup[] = []): AuditedCounts {
  const tips = new Map<string, AuditedCounts['tips'][number]>();
  const indicators = new Map<string, AuditedCounts['indicators'][number]>();
  for (const g of [...groups, ...zeros.map((z) => ({ ...z, n: 0 }))]) {
    const tipKey = [g.region, g.level, g.channel, g.language].join('|');
    const tip = tips.get(tipKey) ?? { region: g.region, level: g.level, channel: g.channel, language: g.language, count: 0 };
    tips.set(tipKey, { ...tip, count: tip.count + g.n });
    for (const indicator of new Set(g.indicators)) {
      const key = [g.region, g.level, indicator].join('|');
      const entry = indicators.get(key) ?? { region: g.region, level: g.level, indicator, count: 0 };
      indicators.set(key, { ...entry, count: entry.count + g.n });
    }
  }
  return { month, tips: [...tips.values()], indicators: [...indicators.values()], funnel };
}

/** Each region shows indicators of its own, so that an indicator's national cell by level is one region's alone. */
const regionalIndicators = fc
  .tuple(regionsOfMonth, levelsOfMonth)
  .chain(([regions, levels]) =>
    fc.tuple(
      fc.array(group(regions, levels, groupSize), { minLength: 2, maxLength: 7 }),
      fc.tuple(...regions.map(() => fc.subarray([...COMMON_INDICATORS], { maxLength: 2 }))),
    ),
  )
  .map(([groups, shownBy]) => {
    const regions = [...new Set(groups.map((g) => g.region))];
    return groups.map((g) => ({ ...g, indicators: shownBy[regions.indexOf(g.region) % shownBy.length] ?? [] }));
  });

/** A threshold and a month of counts for it: mostly k = 10, sometimes 3 or 5. */
export const arbitraryMonth = (month: string): fc.Arbitrary<{ k: number; counts: AuditedCounts }> =>
  fc.constantFrom(10, 10, 10, 3, 5).chain((k) =>
    fc
      .record({
        groups: arbitraryGroups(k),
        funnel: arbitraryFunnel,
        zeros: fc.array(group(['Cusco', 'Tacna'], LEVELS, fc.constant(0)), { maxLength: 2 }),
      })
      .map(({ groups, funnel, zeros }) => ({ k, counts: countsOf(month, groups, funnel, zeros) })),
  );
