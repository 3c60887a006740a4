// The naive baseline issue 9 asks for: a plain regular-expression keyword list, the way a
// first version would be written. No normalisation, no negation, no ages beyond a number
// before "años". Run in the same process, on the same tips, for speed and for accuracy.
import type { IndicatorId, Level } from '../functions/core/tip';

const KEYWORDS: Record<IndicatorId, RegExp> = {
  minor: /\b(menor(es)? de edad|niñ[ao]s?|adolescentes?|(1[0-7]|[5-9]) años|chibol\w*|minors?|child(ren)?|girls?)\b/i,
  sexual_exploitation: /\b(prostibar\w*|prostitu\w*|explotaci[oó]n sexual|clientes|fichar|dama de compa[ñn][ií]a|sex\w*|brothel)\b/i,
  labor_exploitation: /\b(explotaci[oó]n laboral|trabajo forzoso|sin descanso|forced labou?r)\b/i,
  document_retention: /\b(quitaron (el|su|mi) dni|retienen (el|su) dni|took (her|his|my) (passport|id))\b/i,
  debt_bondage: /\b(deuda|debe|owes?|debt)\b/i,
  confinement: /\b(encerrad[ao]|no (la|lo|me) dejan salir|locked|cannot leave|can'?t leave)\b/i,
  violence: /\b(golpe\w*|pegan|violad[ao]|beat\w*|raped?)\b/i,
  threats: /\b(amenaz\w*|threat\w*)\b/i,
  deception: /\b(ofrec\w*|pasaje pagado|pasaje gratis|anuncio|job offer)\b/i,
  withheld_wages: /\b(no (le|me|nos) pagan|sin pago|not paid|doesn'?t pay)\b/i,
  imminent_danger: /\b(urgente|ahora mismo|esta noche|tonight|right now)\b/i,
  official_complicity: /\b(cobran cupo|coima|bribe|propina)\b/i,
};

const COERCION: readonly IndicatorId[] = ['document_retention', 'debt_bondage', 'confinement', 'violence', 'threats', 'withheld_wages'];

export function naiveScore(text: string): { level: Level; indicators: IndicatorId[] } {
  const indicators = (Object.keys(KEYWORDS) as IndicatorId[]).filter((id) => KEYWORDS[id].test(text));
  const has = (id: IndicatorId): boolean => indicators.includes(id);
  let level: Level = 'low';
  if (has('imminent_danger') || (has('minor') && (has('sexual_exploitation') || has('confinement') || has('violence')))) level = 'critical';
  else if (COERCION.some(has) || has('sexual_exploitation')) level = 'high';
  else if (indicators.length > 0) level = 'medium';
  return { level, indicators };
}
