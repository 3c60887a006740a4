// The architecture's urgency rules, first match wins, from critical down. Only what is
// asserted now can raise a tip above medium; past situations are listed but stay medium.
//
// The web form's answers ("someone is under 18", "it is happening now") count as evidence beside
// the text, but a critical level that rests on them alone is scored high. Critical pages the
// on-call responder at once, and two clicks on an anonymous form must not wake anyone: an
// immediate page needs the words, or an operator who read them and raised the tip. "Rests on
// them alone" means the text, read without the answers, is not critical. High, and not critical
// with a flag, because the level is what an operator at 3 a.m. reads first: CRITICAL on a tip
// that paged nobody would say the opposite of what happened. Within high the answers still
// count (happening now puts it first in the level, core/queue-order.ts, and add to the score),
// the high rule pages it if nobody claims it in time, and the rule says why it is not critical
// and what the text alone reads.
import type { IndicatorId, Level, TipSignals } from '../tip';
import type { Reading, RiskCue } from './indicators';

export interface Decision {
  level: Level;
  rule: string;
  score: number;
}

const RISK_WORDS: Record<RiskCue, string> = {
  venue_sex: 'bar or nightclub',
  venue_work: 'mine or camp',
  missing: 'missing person',
  recruit: 'recruited to work away',
  trafficking: 'trafficking mentioned',
  conditions: 'abusive conditions',
  suspicion: 'the writer finds it suspicious',
  mining_area: 'mining area',
  taken: 'someone taken away',
};

/** The score at which each level starts; a level's evidence adds up to 24 points above it. */
export const BASE: Record<Level, number> = { low: 0, medium: 25, high: 50, critical: 75 };
const COERCION: readonly IndicatorId[] = ['document_retention', 'debt_bondage', 'confinement', 'violence', 'threats'];

/** The words of a rule whose critical level rested on the form's answers, so that the queue can say so. */
export const FORM_ONLY = "the form's answers alone";

export function decide(reading: Reading, signals: TipSignals = {}): Decision {
  const withForm = decideOn(reading, signals);
  if (withForm.level !== 'critical' || !hasSignals(signals)) return withForm;
  const textAlone = decideOn(reading, {});
  if (textAlone.level === 'critical') return withForm;
  const why = withForm.rule.replace(/^critical: /, '');
  return {
    level: 'high',
    rule: `high: critical on ${FORM_ONLY} (${why}); the text alone reads ${textAlone.level}. Not paged at once: raise it to critical to page now`,
    score: BASE.high + (withForm.score - BASE.critical),
  };
}

const hasSignals = (signals: TipSignals): boolean => signals.minor === 'yes' || signals.happeningNow === true;

function decideOn(reading: Reading, signals: TipSignals): Decision {
  const now = new Set(reading.found.filter((f) => f.status === 'current').map((f) => f.id));
  const past = reading.found.filter((f) => f.status === 'past').map((f) => f.id);
  const formMinor = signals.minor === 'yes' && !now.has('minor');
  const minor = now.has('minor') || formMinor;
  const minorWords = formMinor ? 'minor (web form)' : 'minor';
  const imminent = now.has('imminent_danger') || signals.happeningNow === true;
  const coercion = COERCION.filter((id) => now.has(id));
  // being in a mining town frames a minor or a disappearance, but is no report by itself
  const risks = [...reading.risks].filter((r) => r !== 'mining_area');

  const strength = 4 * now.size + 2 * past.length + risks.length + (formMinor ? 3 : 0) + (signals.happeningNow === true ? 3 : 0);
  const at = (level: Level, rule: string): Decision => ({ level, rule, score: BASE[level] + Math.min(24, strength) });

  if (imminent) {
    const why = now.has('imminent_danger') ? 'imminent danger' : 'happening now (web form)';
    return at('critical', `critical: ${why}${minor ? ` + ${minorWords}` : ''}`);
  }
  if (minor && now.has('sexual_exploitation')) return at('critical', `critical: ${minorWords} + sexual_exploitation`);
  const force = coercion.filter((id) => id === 'confinement' || id === 'violence' || id === 'threats');
  if (minor && force.length > 0) return at('critical', `critical: ${minorWords} held by force (${force.join(', ')})`);
  // documents, debt or threats make a minor's situation critical where the minor is sold for sex
  // or kept in a bar; a boy in debt on a dredge is a minor in labour exploitation (high)
  if (minor && coercion.length > 0 && reading.risks.has('venue_sex')) {
    return at('critical', `critical: ${minorWords} under coercion (${coercion.join(', ')}) in a bar or nightclub`);
  }
  if (minor && reading.risks.has('missing') && (reading.risks.size > 1 || now.has('deception'))) {
    return at('critical', `critical: missing ${minorWords} with signs of recruitment`);
  }
  if (minor && reading.risks.has('recruit') && (reading.risks.size > 1 || now.has('deception'))) {
    return at('critical', `critical: ${minorWords} being taken, with signs of recruitment`);
  }
  if (minor && reading.risks.has('taken')) return at('critical', `critical: ${minorWords} taken away`);
  // a child asking for help on a trafficking line ("soy menor, ayuda", "tengo 14, sáquenme")
  if (minor && reading.plea && (coercion.length > 0 || risks.length > 0)) return at('critical', `critical: ${minorWords} asking for help`);
  if (minor && reading.risks.has('venue_sex')) return at('critical', `critical: ${minorWords} in a bar or nightclub`);
  if (now.has('confinement') && reading.plea) return at('critical', 'critical: locked in and asking for help');

  if (coercion.length > 0) return at('high', `high: ongoing coercion (${coercion.join(', ')})`);
  // paid-off officials around bars or camps are an ongoing situation; alone, a report to look into
  if (now.has('official_complicity') && (risks.length > 0 || minor)) return at('high', 'high: official_complicity where people are exploited');
  if (now.has('sexual_exploitation')) return at('high', 'high: sexual_exploitation');
  if (minor && now.has('deception')) return at('high', `high: ${minorWords} targeted by a suspicious offer`);
  if (minor && coercion.length > 0) return at('high', `high: ${minorWords} under coercion (${coercion.join(', ')})`);
  if (minor && now.has('labor_exploitation')) return at('high', `high: ${minorWords} + labor_exploitation`);
  if (now.has('withheld_wages')) {
    return at('high', now.has('labor_exploitation') ? 'high: labor_exploitation + withheld_wages' : 'high: withheld_wages');
  }

  if (now.has('deception')) return at('medium', 'medium: deception (suspicious job offer)');
  if (now.has('labor_exploitation')) return at('medium', 'medium: labor_exploitation (abusive conditions, no coercion)');
  if (past.length > 0) return at('medium', `medium: past situation (${past.join(', ')})`);
  if (reading.pastRisks.size > 0) {
    return at('medium', `medium: past situation (${[...reading.pastRisks].map((r) => RISK_WORDS[r]).join(', ')})`);
  }
  if (minor) return at('medium', `medium: ${minorWords} at risk`);
  if (risks.length > 0) return at('medium', `medium: possible trafficking (${risks.map((r) => RISK_WORDS[r]).join(', ')})`);
  return at('low', 'low: nothing points to trafficking');
}
