// From cue hits to indicator findings: vetoes, overlaps, ages, negation and time, and the
// indicators that are only read from a combination of cues (labour exploitation, a minor).
import { INDICATOR_IDS, type IndicatorId } from '../tip';
import { findAges, isMinorAge } from './ages';
import { Break, type Token } from './normalize';
import type { Hit } from './patterns';
import { Scope, type Status } from './scope';

export interface Found {
  id: IndicatorId;
  start: number;
  end: number;
  status: Exclude<Status, 'negated'>;
}

/** Helper cues that are no indicator but make a tip worth a look (and frame a minor). */
export const RISK_CUES = ['venue_sex', 'venue_work', 'missing', 'recruit', 'trafficking', 'conditions'] as const;
export type RiskCue = (typeof RISK_CUES)[number];

export interface Reading {
  found: Found[];
  /** risk cues asserted now */
  risks: Set<RiskCue>;
  /** the tipster asks for help ("ayúdenme", "yanapawaychik") */
  plea: boolean;
  /** an explicit adult age or "mayor de edad" */
  adult: boolean;
  /** risk cues that the tip places in the past ("hace años me pasó algo en un bar") */
  pastRisks: Set<RiskCue>;
  /** indicator mentions that did not count, so that an operator can check the scorer's reading */
  discounted: Discounted[];
}

export interface Discounted {
  id: IndicatorId;
  start: number;
  end: number;
  why: 'negated' | 'hypothetical';
}

const isIndicator = (kind: string): kind is IndicatorId => (INDICATOR_IDS as readonly string[]).includes(kind);

/** [loser, winner]: where both match overlapping words, the winner's reading is the right one. */
const OVERLAP_RULES: ReadonlyArray<readonly [string, string]> = [
  ['labor_exploitation', 'sexual_exploitation'], // "la explotan sexualmente"
  ['debt_bondage', 'withheld_wages'], // "le deben tres meses de sueldo"
  ['confinement', 'document_retention'], // "su DNI está retenido"
  ['deception', 'debt_bondage'], // "tiene que pagar el pasaje" is the debt, not the offer
  ['work', 'deception'],
  ['workplace', 'deception'],
  ['venue_work', 'deception'],
  ['violence', 'threats'], // "threatens to hurt her" is the threat, not a beating
  ['minor', 'pseudo'], // "her kids" are the victim's children, not a child victim
  ['trafficking', 'pseudo'], // "anti-trafficking office"
];

const VETOES: Readonly<Record<string, string>> = {
  debt_bondage: 'veto_debt',
  document_retention: 'veto_doc',
  violence: 'veto_violence', // "me pegaron el afiche": pegar also means to stick
};


const WORK_KINDS: ReadonlySet<string> = new Set(['work', 'workplace', 'venue_work']);

/**
 * What a conditional or a threat introduces is not happening: "si se va lo van a matar" is a
 * threat, not danger tonight; "lo amenaza con botarlo sin pagarle" threatens unpaid wages.
 */
const HYPOTHETICAL: Readonly<Record<string, ReadonlySet<string>>> = {
  hypo: new Set(['imminent_danger']),
  threat_of: new Set(['imminent_danger', 'withheld_wages', 'document_retention', 'violence', 'confinement', 'debt_bondage']),
};
const HYPOTHETICAL_REACH = 6;

const overlaps = (a: Hit, b: Hit): boolean => a.start < b.end && b.start < a.end;

export function readIndicators(tokens: readonly Token[], cueHits: readonly Hit[]): Reading {
  const scope = new Scope(tokens, cueHits);
  const sameClause = (a: Hit, b: Hit): boolean => scope.clauseOf(a.start) === scope.clauseOf(b.start);
  const of = (kind: string): Hit[] => cueHits.filter((h) => h.kind === kind);

  let hits = cueHits.filter((h) => {
    if (OVERLAP_RULES.some(([loser, winner]) => h.kind === loser && of(winner).some((w) => overlaps(w, h)))) return false;
    const veto = VETOES[h.kind];
    return veto === undefined || !of(veto).some((v) => sameClause(v, h));
  });

  // a job mentioned inside an offer is the offer, not work being done ("ofrece trabajo en la
  // mina"); one wished for is not being done either ("wants to work in a mine")
  const notDone = [...of('offer'), ...of('wish')];
  hits = hits.filter(
    (h) => !(WORK_KINDS.has(h.kind) && notDone.some((o) => o.start <= h.start && sameClause(o, h))),
  );
  const discounted: Discounted[] = [];
  hits = hits.filter((h) => {
    if (!isHypothetical(h, cueHits, tokens, scope)) return true;
    if (isIndicator(h.kind)) discounted.push({ id: h.kind, start: h.start, end: h.end, why: 'hypothetical' });
    return false;
  });
  // "tonight", "urgente", "ahora mismo" say when, not what: imminent only if something is at stake
  const stakes = hits.some((h) => (isIndicator(h.kind) && h.kind !== 'imminent_danger') || (RISK_CUES as readonly string[]).includes(h.kind) || h.kind === 'plea');
  hits = hits.flatMap((h) => (h.kind !== 'imminent_time' ? [h] : stakes ? [{ ...h, kind: 'imminent_danger' }] : []));

  const ages = findAges(tokens).map((a) => ({ ...a, minor: isMinorAge(a) }));
  // "aún no cumple 18" states an age of 18 but means a minor
  const minorCues = hits.filter((h) => h.kind === 'minor');
  const adultHits: Hit[] = [
    ...ages
      .filter((a) => !a.minor && !minorCues.some((m) => m.start <= a.start && a.end <= m.end))
      .map((a) => ({ kind: 'adult', start: a.start, end: a.end, source: 'age' })),
    ...hits.filter((h) => h.kind === 'adult' && scope.statusOf(h) !== 'negated'),
  ];
  const ageMinorHits: Hit[] = ages.filter((a) => a.minor).map((a) => ({ kind: 'minor', start: a.start, end: a.end, source: 'age' }));
  hits = [...hits, ...ageMinorHits].filter((h) => !(h.kind === 'minor' && adultHits.some((a) => sameClause(a, h))));

  for (const h of hits) {
    if (isIndicator(h.kind) && scope.statusOf(h) === 'negated') discounted.push({ id: h.kind, start: h.start, end: h.end, why: 'negated' });
  }
  const live = hits
    .map((h) => ({ hit: h, status: scope.statusOf(h) }))
    .filter((x): x is { hit: Hit; status: Exclude<Status, 'negated'> } => x.status !== 'negated');
  const has = (kind: string): boolean => live.some((x) => x.hit.kind === kind);
  const current = (kind: string): boolean => live.some((x) => x.hit.kind === kind && x.status === 'current');

  const found = new Map<IndicatorId, Found>();
  const put = (id: IndicatorId, hit: Hit, status: Found['status']): void => {
    const prev = found.get(id);
    const better = prev === undefined || (prev.status === 'past' && status === 'current') || (prev.status === status && hit.start < prev.start);
    if (better) found.set(id, { id, start: hit.start, end: hit.end, status });
  };
  for (const { hit, status } of live) if (isIndicator(hit.kind) && hit.kind !== 'minor') put(hit.kind, hit, status);

  const risks = new Set<RiskCue>(RISK_CUES.filter((r) => current(r)));
  const pastRisks = new Set<RiskCue>(RISK_CUES.filter((r) => has(r) && !current(r)));
  addLabour(live, found, put, has);

  // an age alone ("mi hijo de 16 ayuda en la panadería") is not a report; a minor is an
  // indicator when something else in the tip points to exploitation or risk
  const minorHits = live.filter((x) => x.hit.kind === 'minor');
  const context = found.size > 0 || RISK_CUES.some((r) => has(r)) || has('deception');
  if (context) for (const { hit, status } of minorHits) put('minor', hit, status);

  return {
    found: INDICATOR_IDS.flatMap((id) => found.get(id) ?? []),
    risks,
    plea: current('plea'),
    adult: adultHits.length > 0,
    pastRisks,
    discounted,
  };
}

function isHypothetical(h: Hit, cueHits: readonly Hit[], tokens: readonly Token[], scope: Scope): boolean {
  return cueHits.some((c) => {
    const kinds = HYPOTHETICAL[c.kind];
    if (kinds === undefined || !kinds.has(h.kind)) return false;
    // "sí, la tienen encerrada": a "si" set off by a comma is the answer yes, not "if"
    if ((tokens[c.end]?.brk ?? Break.Hard) !== Break.None) return false;
    if (!(c.end <= h.start && h.start - c.end < HYPOTHETICAL_REACH && scope.sentenceOf(c.start) === scope.sentenceOf(h.start))) {
      return false;
    }
    // "amenaza con denunciarlos si reclaman el sueldo": the condition is real, only the threat is not
    return !cueHits.some((k) => k.kind === 'hypo' && k !== c && c.end <= k.start && k.start <= h.start);
  });
}

type Live = ReadonlyArray<{ hit: Hit; status: Exclude<Status, 'negated'> }>;

/**
 * Work alone is no indicator. Work becomes labour exploitation with coercion or abusive
 * conditions, or when the worker is a minor at a hazardous site (mine, dredge, camp).
 * Where the work is sex work the sexual exploitation indicator says it better; in a bar,
 * only an explicit "trabaja"/"works" makes it labour (being held in a bar is not work).
 */
function addLabour(
  live: Live,
  found: Map<IndicatorId, Found>,
  put: (id: IndicatorId, hit: Hit, status: Found['status']) => void,
  has: (kind: string) => boolean,
): void {
  if (found.has('labor_exploitation') || has('sexual_exploitation')) return;
  const explicit = live.find((x) => x.hit.kind === 'work');
  const work = has('venue_sex') ? explicit : (explicit ?? live.find((x) => WORK_KINDS.has(x.hit.kind)));
  if (work === undefined) return;
  // a kept DNI says little about the work unless the tip says someone works there
  // ("trabaja en un night, le quitaron el dni"); at a camp alone it may be a guest's
  const coercive = ['withheld_wages', 'threats', 'violence', 'debt_bondage', 'confinement', ...(explicit ? (['document_retention'] as const) : [])] as const;
  const coercion = coercive
    .map((id) => found.get(id))
    .filter((f): f is Found => f !== undefined);
  const conditions = live.find((x) => x.hit.kind === 'conditions');
  const minor = live.find((x) => x.hit.kind === 'minor');
  const hazard = live.find((x) => x.hit.kind === 'venue_work');
  // a child taken to a mine or dredge is there to work, whether or not the tip says "trabaja"
  const taken = live.some((x) => x.hit.kind === 'recruit' && x.status === 'current');
  if (coercion.length > 0) {
    const now = work.status === 'current' && coercion.some((c) => c.status === 'current');
    put('labor_exploitation', work.hit, now ? 'current' : 'past');
  } else if (conditions !== undefined) {
    put('labor_exploitation', work.hit, conditions.status === 'current' && work.status === 'current' ? 'current' : 'past');
  } else if (minor !== undefined && hazard !== undefined && (explicit !== undefined || taken)) {
    put('labor_exploitation', hazard.hit, minor.status === 'current' && hazard.status === 'current' ? 'current' : 'past');
  }
}
