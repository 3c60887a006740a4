// The published statistics as `GET /api/statistics` answers them: core's own shapes, imported
// type-only (erased by the build). The lists the pages need at run time are copied here, since
// core's live in modules that import zod; test/unit/statistics-figures.test.ts holds them to core's.
import type { FunnelMonth, FunnelStage, Month, StatCell, StatisticsExport } from '../../../functions/core/statistics/model';
import type { IndicatorId } from '../../../functions/core/tip';

export type { FunnelMonth, FunnelStage, Month, StatCell, StatisticsExport };

/** core/tip INDICATOR_IDS, in its order: the order the indicator chart keeps for every period. */
export const INDICATOR_IDS = [
  'minor',
  'sexual_exploitation',
  'labor_exploitation',
  'document_retention',
  'debt_bondage',
  'confinement',
  'violence',
  'threats',
  'deception',
  'withheld_wages',
  'imminent_danger',
  'official_complicity',
] as const satisfies readonly IndicatorId[];

/** core/statistics/model FUNNEL_STAGES, in its order (the funnel narrows down it). */
export const FUNNEL_STAGES = ['referred', 'acting', 'rescued', 'charges', 'convictions'] as const satisfies readonly FunnelStage[];

/** The region of national totals, and of tips no place was found in (core/statistics/model ALL, NO_REGION). */
export const ALL = 'all';
export const NO_REGION = 'unknown';

type Names<List extends readonly unknown[], Union> = [Union] extends [List[number]] ? true : false;
type Holds<T extends true> = T;
export type StatisticsListsNameAll = [Holds<Names<typeof INDICATOR_IDS, IndicatorId>>, Holds<Names<typeof FUNNEL_STAGES, FunnelStage>>];
