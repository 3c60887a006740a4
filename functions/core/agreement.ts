// How often operators disagree with the scorer: of the tips reviewed (closed) in a window, per
// scorer level and per language, how many an operator raised and how many lowered. A live
// under-triage (raised) and over-triage (lowered) signal for supervisors. Pure; counts only,
// never a word of a tip or of an operator's reason.
import type { Lang, Level } from './tip';
import { LANGS, levelRank } from './tip';
import type { TipRecord } from './tip-record';

export const AGREEMENT_WINDOW_DAYS = 30;

const LEVELS_URGENT_FIRST: readonly Level[] = ['critical', 'high', 'medium', 'low'];

/** What the report reads of a closed tip. */
export type ReviewedTip = Pick<TipRecord, 'level' | 'scoredLevel' | 'closedAt'> & {
  lang: Lang | (string & {});
  levelOverride?: { level: Level; scoredLevel: Level };
};

export type Direction = 'raised' | 'lowered' | 'agreed';

/**
 * The scorer's level for the whole thread (kept as `scoredLevel`) against the operator's
 * override. No override: the operator agreed. Older tips without `scoredLevel` fall back to
 * what the scorer said when the operator overrode it, then to the level.
 */
export function scorerVerdict(tip: Pick<ReviewedTip, 'level' | 'scoredLevel' | 'levelOverride'>): { scoredLevel: Level; direction: Direction } {
  const scoredLevel = tip.scoredLevel ?? tip.levelOverride?.scoredLevel ?? tip.level;
  const override = tip.levelOverride;
  if (!override) return { scoredLevel, direction: 'agreed' };
  const delta = levelRank(override.level) - levelRank(scoredLevel);
  return { scoredLevel, direction: delta > 0 ? 'raised' : delta < 0 ? 'lowered' : 'agreed' };
}

export interface AgreementCounts {
  reviewed: number;
  raised: number;
  lowered: number;
}

export interface AgreementReport {
  /** The window, [from, to], ISO instants. */
  from: string;
  to: string;
  days: number;
  /** Most urgent first, every level even when empty. */
  byLevel: Array<{ level: Level } & AgreementCounts>;
  /** Every language the line takes, even when empty. */
  byLang: Array<{ lang: Lang } & AgreementCounts>;
  total: AgreementCounts;
}

/** The window's first instant: `days` before `now`. */
export function agreementWindowStart(now: Date, days = AGREEMENT_WINDOW_DAYS): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

const zero = (): AgreementCounts => ({ reviewed: 0, raised: 0, lowered: 0 });

function count(into: AgreementCounts, direction: Direction): void {
  into.reviewed += 1;
  if (direction === 'raised') into.raised += 1;
  if (direction === 'lowered') into.lowered += 1;
}

/** Counts the tips closed in [now - days, now]; any others given are left out. */
export function triageAgreement(tips: Iterable<ReviewedTip>, now: Date, days = AGREEMENT_WINDOW_DAYS): AgreementReport {
  const from = agreementWindowStart(now, days);
  const to = now.toISOString();
  const byLevel = new Map<Level, AgreementCounts>([...LEVELS_URGENT_FIRST].map((level) => [level, zero()]));
  const byLang = new Map<string, AgreementCounts>(LANGS.map((lang) => [lang, zero()]));
  const total = zero();
  for (const tip of tips) {
    const closedAt = tip.closedAt ? Date.parse(tip.closedAt) : Number.NaN;
    if (!(closedAt >= Date.parse(from) && closedAt <= now.getTime())) continue;
    const { scoredLevel, direction } = scorerVerdict(tip);
    count(total, direction);
    count(byLevel.get(scoredLevel)!, direction);
    // A language the line does not take (yet) counts in the total only.
    const lang = byLang.get(tip.lang);
    if (lang) count(lang, direction);
  }
  return {
    from,
    to,
    days,
    byLevel: [...byLevel].map(([level, counts]) => ({ level, ...counts })),
    byLang: LANGS.map((lang) => ({ lang, ...byLang.get(lang)! })),
    total,
  };
}
