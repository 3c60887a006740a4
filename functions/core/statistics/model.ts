// What the statistics publish: per month, tips by region and level (with margins), by channel
// and language nationally, indicators by region and level, and the referral funnel. Every
// figure is one month's; a period is a list of months, never a sum over them, so that two
// exports over overlapping periods hold the same figures for the months they share.
import * as z from 'zod';
import type { CHANNELS, INDICATOR_IDS, LANGS, LEVELS } from '../tip';

/** Cells between 1 and k−1 are suppressed. */
export const DEFAULT_K = 10;
/** The region of national totals (a sum over regions). */
export const ALL = 'all';
/** The region of tips no place was found in. */
export const NO_REGION = 'unknown';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthSchema = z.string().regex(MONTH_PATTERN, 'a month is written YYYY-MM, e.g. 2026-11');
export type Month = string;

export const FUNNEL_STAGES = ['referred', 'acting', 'rescued', 'charges', 'convictions'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * One published figure. `region` is a region name, `all` (national) or `unknown`; `level` is a
 * level or `all`. At most one of indicator, channel and language is set: without any, the cell
 * counts tips (by region and level, with both totals); with `indicator`, tips showing that
 * indicator (a tip counts once per indicator), by region over all levels (level is always
 * `all`); with `channel` or `language`, tips that came that way, nationally by level (region is
 * always `all`). `count` is null when the cell is suppressed. A cell of these kinds not listed is 0.
 */
export interface StatCell {
  month: Month;
  region: string;
  level: (typeof LEVELS)[number] | typeof ALL;
  indicator?: (typeof INDICATOR_IDS)[number];
  channel?: (typeof CHANNELS)[number];
  language?: (typeof LANGS)[number];
  count: number | null;
}

/**
 * The referral funnel of one month: referrals sent, referrals an agency reported acting on,
 * people rescued (adults and minors), referrals with charges filed, with a conviction; each
 * counted in the month it was recorded. `tips` is the month's national total. null: suppressed.
 */
export type FunnelMonth = { month: Month; tips: number | null } & Record<FunnelStage, number | null>;

/** One month as published: frozen the first time it is published, never recomputed. */
export interface PublishedMonth {
  month: Month;
  k: number;
  publishedAt: string;
  /** Cells with a count ≥ k, and suppressed cells (count null); zeros are not listed. */
  cells: StatCell[];
  funnel: FunnelMonth;
}

/** What `cli stats --format json` prints and GET /api/statistics answers. */
export interface StatisticsExport {
  k: number;
  from: Month;
  to: Month;
  /** Months of [from, to] that are published, in order. */
  months: Month[];
  /** Months of [from, to] not published yet (not over, or within their settling days). */
  pending: Month[];
  cells: StatCell[];
  /** How many cells of `cells` are suppressed (count null). */
  suppressed: number;
  /** One entry per published month. */
  funnel: FunnelMonth[];
}
