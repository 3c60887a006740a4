// From cue hits to indicator findings: vetoes, overlaps, ages, negation and time, and the
// indicators that are only read from a combination of cues (labour exploitation, a minor).
import { INDICATOR_IDS, type IndicatorId } from '../tip';
import { findAges, isMinorAge } from './ages';
import { Break, type Token } from './normalize';
import type { Hit } from './patterns';
import { Scope, type Status } from './scope';
import { Containment, Coverage } from './spans';

export interface Found {
  id: IndicatorId;
  start: number;
  end: number;
  status: Exclude<Status, 'negated'>;
}

/** Helper cues that are no indicator but make a tip worth a look (and frame a minor). */
export const RISK_CUES = ['venue_sex', 'venue_work', 'missing', 'recruit', 'trafficking', 'conditions', 'suspicion', 'mining_area', 'taken'] as const;
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
  ['work', 'pseudo'], // "a health post worker", "trabajo en una ONG": the writer's own job
  ['resolved', 'temporary'], // "she got out for one day to buy medicine" is not a rescue
];

const VETOES: Readonly<Record<string, string>> = {
  debt_bondage: 'veto_debt',
  document_retention: 'veto_doc',
  violence: 'veto_violence', // "me pegaron el afiche": pegar also means to stick
};

const WORK_KINDS: ReadonlySet<string> = new Set(['work', 'workplace', 'venue_work']);
/** happening now when "now" shares their sentence */
const NOW_DANGER: ReadonlySet<string> = new Set(['violence', 'confinement', 'distress', 'sexual_exploitation']);
/** happening now with "ahora", "now", "agora", "kunan" as well */
const CURRENTLY_DANGER: ReadonlySet<string> = new Set(['violence', 'distress']);

/**
 * What a conditional or a threat introduces is not happening: "si se va lo van a matar" is a
 * threat, not danger tonight; "lo amenaza con botarlo sin pagarle" threatens unpaid wages.
 */
const HYPOTHETICAL: Readonly<Record<string, ReadonlySet<string>>> = {
  hypo: new Set(['imminent_danger', 'moving', 'taken']),
  threat_of: new Set(['imminent_danger', 'moving', 'taken', 'withheld_wages', 'document_retention', 'violence', 'confinement', 'debt_bondage']),
};
const HYPOTHETICAL_REACH = 6;

export function readIndicators(tokens: readonly Token[], cueHits: readonly Hit[]): Reading {
  const n = tokens.length;
  const scope = new Scope(tokens, cueHits);
  const byKind = new Map<string, Hit[]>();
  for (const h of cueHits) {
    const list = byKind.get(h.kind);
    if (list === undefined) byKind.set(h.kind, [h]);
    else list.push(h);
  }
  const of = (kind: string): Hit[] => byKind.get(kind) ?? [];
  const clausesOf = (list: readonly Hit[]): Set<number> => new Set(list.map((h) => scope.clauseOf(h.start)));
  const inClauseOf = (list: readonly Hit[]) => {
    const clauses = clausesOf(list);
    return (h: Hit): boolean => clauses.has(scope.clauseOf(h.start));
  };

  const losers = new Set(OVERLAP_RULES.map(([loser]) => loser));
  const winners = new Map(
    [...losers].map(
      (loser) =>
        [
          loser,
          new Coverage(
            n,
            OVERLAP_RULES.filter(([l]) => l === loser).flatMap(([, w]) => of(w)),
          ),
        ] as const,
    ),
  );
  const vetoed = new Map(Object.entries(VETOES).map(([kind, veto]) => [kind, inClauseOf(of(veto))] as const));
  let hits = cueHits.filter((h) => !winners.get(h.kind)?.touches(h) && !vetoed.get(h.kind)?.(h));

  // a job mentioned inside an offer is the offer, not work being done ("ofrece trabajo en la
  // mina"); one wished for is not being done either ("wants to work in a mine")
  const notDoneFrom = new Map<number, number>();
  for (const o of [...of('offer'), ...of('wish')]) {
    const c = scope.clauseOf(o.start);
    notDoneFrom.set(c, Math.min(notDoneFrom.get(c) ?? o.start, o.start));
  }
  hits = hits.filter((h) => !(WORK_KINDS.has(h.kind) && (notDoneFrom.get(scope.clauseOf(h.start)) ?? Infinity) <= h.start));
  const discounted: Discounted[] = [];
  const hypothetical = hypotheticalScope(tokens, cueHits, scope);
  hits = hits.filter((h) => {
    if (!hypothetical(h)) return true;
    if (isIndicator(h.kind)) discounted.push({ id: h.kind, start: h.start, end: h.end, why: 'hypothetical' });
    return false;
  });
  // "tonight", "urgente", "ahora mismo" say when, not what: imminent only if something is at stake
  // (a child's age is at stake too: "una tiene 16 ... esta noche nos trasladan")
  const ages = findAges(tokens).map((a) => ({ ...a, minor: isMinorAge(a) }));
  // only what is asserted now counts: "ahorita no hay menores" puts nothing at stake
  const atStake = (h: Hit): boolean =>
    ((isIndicator(h.kind) && h.kind !== 'imminent_danger') ||
      (RISK_CUES as readonly string[]).includes(h.kind) ||
      h.kind === 'plea' ||
      h.kind === 'distress') &&
    scope.statusOf(h) === 'current';
  const stakes = ages.some((a) => a.minor && scope.statusOf({ kind: 'minor', start: a.start, end: a.end, source: 'age' }) === 'current') || hits.some(atStake);
  hits = hits.flatMap((h) => (h.kind !== 'imminent_time' ? [h] : stakes ? [{ ...h, kind: 'imminent_danger' }] : []));

  // "aún no cumple 18" states an age of 18 but means a minor
  const minorCues = new Containment(
    n,
    hits.filter((h) => h.kind === 'minor'),
  );
  const adultHits: Hit[] = [
    ...ages.filter((a) => !a.minor && !minorCues.contains(a)).map((a) => ({ kind: 'adult', start: a.start, end: a.end, source: 'age' })),
    ...hits.filter((h) => h.kind === 'adult' && scope.statusOf(h) !== 'negated'),
  ];
  const ageMinorHits: Hit[] = ages.filter((a) => a.minor).map((a) => ({ kind: 'minor', start: a.start, end: a.end, source: 'age' }));
  const adultClause = inClauseOf(adultHits);
  hits = [...hits, ...ageMinorHits].filter((h) => !(h.kind === 'minor' && adultClause(h)));

  const live: Array<{ hit: Hit; status: Exclude<Status, 'negated'> }> = [];
  const seen = new Map<string, Exclude<Status, 'negated'>>();
  for (const hit of hits) {
    const status = scope.statusOf(hit);
    if (status === 'negated') {
      if (isIndicator(hit.kind)) discounted.push({ id: hit.kind, start: hit.start, end: hit.end, why: 'negated' });
      continue;
    }
    live.push({ hit, status });
    if (seen.get(hit.kind) !== 'current') seen.set(hit.kind, status);
  }
  const has = (kind: string): boolean => seen.has(kind);
  const current = (kind: string): boolean => seen.get(kind) === 'current';

  const found = new Map<IndicatorId, Found>();
  const put = (id: IndicatorId, hit: Hit, status: Found['status']): void => {
    const prev = found.get(id);
    const better = prev === undefined || (prev.status === 'past' && status === 'current') || (prev.status === status && hit.start < prev.start);
    if (better) found.set(id, { id, start: hit.start, end: hit.end, status });
  };
  for (const { hit, status } of live) if (isIndicator(hit.kind) && hit.kind !== 'minor') put(hit.kind, hit, status);

  // violence, confinement or someone screaming with "now" in its sentence is happening now: "le
  // están pegando ahora", "maqanku kunan", "she texted just now saying she has been locked in"
  // "ahora", "now", "agora", "kunan" also mean "these days" ("ahora la obligan a prostituirse"):
  // they make only violence and screaming urgent; the sharper words ("ahorita", "right now",
  // "hoy", "esta noche") make anything of NOW_DANGER urgent
  const nowSentences = new Set<number>();
  const currentlySentences = new Set<number>();
  for (const x of live) {
    if (x.hit.kind !== 'now' && x.hit.kind !== 'currently') continue;
    const into = x.hit.kind === 'now' ? nowSentences : currentlySentences;
    const s = scope.sentenceOf(x.hit.start);
    into.add(s);
    // "agora: 2 meninas num carro…": a time standing alone heads the sentence after it
    if (scope.sentenceLength(s) <= 2) into.add(s + 1);
  }
  for (const s of nowSentences) currentlySentences.add(s);
  const beating = live.find((x) => {
    if (x.status !== 'current') return false;
    const s = scope.sentenceOf(x.hit.start);
    return (NOW_DANGER.has(x.hit.kind) && nowSentences.has(s)) || (CURRENTLY_DANGER.has(x.hit.kind) && currentlySentences.has(s));
  });
  if (beating !== undefined) put('imminent_danger', beating.hit, 'current');
  // someone being moved with "now", "today", "tonight" in the sentence, when something is at
  // stake: "the pickup is leaving now with the two girls", "hoje vão transferir as meninas"
  const moving = stakes
    ? live.find((x) => x.hit.kind === 'moving' && x.status === 'current' && currentlySentences.has(scope.sentenceOf(x.hit.start)))
    : undefined;
  if (moving !== undefined) put('imminent_danger', moving.hit, 'current');
  // a plea with "now" in or beside its sentence: "ayuda. km 108. ahora"
  const plea = live.find(
    (x) => x.hit.kind === 'plea' && x.status === 'current' && [0, 1, 2].some((d) => currentlySentences.has(scope.sentenceOf(x.hit.start) + d)),
  );
  if (plea !== undefined) put('imminent_danger', plea.hit, 'current');
  // a fresh escape with a time that is now, or a plea: the owner is looking for her
  const escaped = live.find((x) => x.hit.kind === 'escape' && x.status === 'current');
  if (escaped !== undefined && (currentlySentences.size > 0 || has('plea'))) put('imminent_danger', escaped.hit, 'current');
  // someone being taken away ("se la llevan", "la suben a un bote") with a time that is now or
  // soon is the danger itself: "mañana temprano se la llevan río abajo", "hace cinco minutos"
  const taken = live.find((x) => x.hit.kind === 'taken' && x.status === 'current' && currentlySentences.has(scope.sentenceOf(x.hit.start)));
  if (taken !== undefined) put('imminent_danger', taken.hit, 'current');

  // an official and money or collusion in one sentence: "personal de la comisaría frecuenta los
  // bares y recibiría pagos", "the police at the checkpoint are paid by the bar owners"
  if (!found.has('official_complicity')) {
    const bribeSentences = new Set(live.filter((x) => x.hit.kind === 'bribe' && !scope.negatedByAny(x.hit)).map((x) => scope.sentenceOf(x.hit.start)));
    const official = live.find((x) => x.hit.kind === 'official' && bribeSentences.has(scope.sentenceOf(x.hit.start)));
    if (official !== undefined) put('official_complicity', official.hit, official.status);
  }

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

/** Which hits a conditional or a threat makes hypothetical; marks at most REACH tokens per cue. */
function hypotheticalScope(tokens: readonly Token[], cueHits: readonly Hit[], scope: Scope): (h: Hit) => boolean {
  const marks = new Map<string, Uint8Array>();
  const hypoStarts = new Set(cueHits.filter((k) => k.kind === 'hypo').map((k) => k.start));
  for (const c of cueHits) {
    const kinds = HYPOTHETICAL[c.kind];
    // "sí, la tienen encerrada": a "si" set off by a comma is the answer yes, not "if"
    if (kinds === undefined || (tokens[c.end]?.brk ?? Break.Hard) !== Break.None) continue;
    for (let i = c.end; i < c.end + HYPOTHETICAL_REACH && i < tokens.length; i++) {
      if (scope.sentenceOf(i) !== scope.sentenceOf(c.start)) break;
      // "amenaza con denunciarlos si reclaman el sueldo": the condition is real, only the threat is not
      if (c.kind !== 'hypo' && hypoStarts.has(i)) break;
      for (const kind of kinds) {
        let m = marks.get(kind);
        if (m === undefined) marks.set(kind, (m = new Uint8Array(tokens.length)));
        m[i] = 1;
      }
    }
  }
  return (h) => marks.get(h.kind)?.[h.start] === 1;
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
  const coercion = coercive.map((id) => found.get(id)).filter((f): f is Found => f !== undefined);
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
