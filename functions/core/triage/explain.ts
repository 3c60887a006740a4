// What an operator (or the CLI's `explain`) needs to check a score: the assessment plus the
// indicator mentions the scorer set aside, and why. Kept apart from `scoreUrgency` so that the
// hot path and the stored Assessment stay as they are.
import type { Assessment, IndicatorId } from '../tip';
import { scoreWithReading } from './score';

export interface SetAside {
  id: IndicatorId;
  /** the words as written in the scored text */
  evidence: string;
  start: number;
  why: 'negated' | 'hypothetical';
}

export interface Explanation {
  assessment: Assessment;
  setAside: SetAside[];
}

export function explainUrgency(text: string): Explanation {
  const { assessment, reading, tokens } = scoreWithReading(text);
  const setAside = reading.discounted.map((d) => {
    const start = tokens[d.start]!.start;
    return { id: d.id, evidence: text.slice(start, tokens[d.end - 1]!.end), start, why: d.why };
  });
  return { assessment, setAside };
}
