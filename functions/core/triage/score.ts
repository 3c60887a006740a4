// Urgency scorer: the one entry point triage calls. Pure and synchronous; the lexicons and the
// learned reader's weights are loaded once, when the module loads.
import type { Assessment, IndicatorFinding, PlaceMention, TipSignals } from '../tip';
import { readIndicators, type Reading } from './indicators';
import { raiseByLearnedReader } from './learned/reader';
import { BASE, decide } from './levels';
import { findCues, findPlaces, readTokens } from './lexicon';
import type { Token } from './normalize';

const spanText = (text: string, tokens: readonly Token[], start: number, end: number): { evidence: string; start: number } => {
  const from = tokens[start]!.start;
  return { evidence: text.slice(from, tokens[end - 1]!.end), start: from };
};

function places(text: string, tokens: readonly Token[]): PlaceMention[] {
  const seen = new Set<string>();
  const out: PlaceMention[] = [];
  for (const { hit, entry } of findPlaces(tokens)) {
    if (seen.has(entry.place)) continue;
    seen.add(entry.place);
    out.push({ text: spanText(text, tokens, hit.start, hit.end).evidence, ...entry });
  }
  return out;
}

export interface ScoringOptions {
  /** false: the rules alone, to measure what the learned reader adds (tipline eval --rules-only) */
  learnedReader?: boolean;
}

export function scoreUrgency(text: string, signals?: TipSignals, options?: ScoringOptions): Assessment {
  return scoreWithReading(text, signals, options).assessment;
}

/** The assessment with the intermediate reading, for explanations. */
export function scoreWithReading(
  text: string,
  signals?: TipSignals,
  options: ScoringOptions = {},
): { assessment: Assessment; reading: Reading; tokens: Token[] } {
  const tokens = readTokens(text);
  const reading = readIndicators(tokens, findCues(tokens));
  const rules = decide(reading, signals);
  // the learned reader may only raise: a second reading for wording the rules have not met
  const raise = options.learnedReader === false ? undefined : raiseByLearnedReader(rules.level, text);
  const decision = raise
    ? { level: raise.level, score: BASE[raise.level] + (rules.score - BASE[rules.level]), rule: `${raise.level}: ${raise.reason} (rules: ${rules.rule})` }
    : rules;
  const indicators: IndicatorFinding[] = reading.found.map((f) => ({
    id: f.id,
    ...spanText(text, tokens, f.start, f.end),
    ...(f.status === 'past' ? { tense: 'past' as const } : {}),
  }));
  const assessment: Assessment = {
    level: decision.level,
    score: decision.score,
    indicators,
    places: places(text, tokens),
    rule: decision.rule,
  };
  return { assessment, reading, tokens };
}
