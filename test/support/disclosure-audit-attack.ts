// The attacker of the disclosure audit: knows every published figure of a month and every
// relation between them (margins, indicator ≤ tips, nonnegativity, integrality, suppressed ≥ 1),
// and asks an integer-programming solver (HiGHS) how narrow the range of each suppressed cell
// can be made.
import type { Highs } from 'highs';
import { ALL, type PublishedMonth } from '../../functions/core/statistics/model';
import { CHANNELS, INDICATOR_IDS, LANGS, LEVELS } from '../../functions/core/tip';
import {
  type AuditedCounts,
  channelCell,
  type IndicatorLayout,
  indicatorCell,
  isUnpublished,
  LEVELS_AND_ALL,
  languageCell,
  readPublication,
  regionsOfCounts,
  tipsCell,
  trueFigures,
} from './disclosure-audit';

/** A linear relation the attacker knows: Σ coef·cell (=|≤) 0. */
export interface Relation {
  terms: Array<{ cell: string; coef: number }>;
  sense: '=' | '<=';
  why: string;
}

/** Every relation between the figures of one month, over the given real regions. */
export function relationsOf(regions: readonly string[]): Relation[] {
  const relations: Relation[] = [];
  const sum = (total: string, parts: string[], why: string) =>
    relations.push({ terms: [{ cell: total, coef: 1 }, ...parts.map((cell) => ({ cell, coef: -1 }))], sense: '=', why });
  for (const region of [...regions, ALL])
    sum(
      tipsCell(region, ALL),
      LEVELS.map((l) => tipsCell(region, l)),
      `tips of ${region} over levels`,
    );
  for (const level of LEVELS_AND_ALL) {
    sum(
      tipsCell(ALL, level),
      regions.map((r) => tipsCell(r, level)),
      `tips of level ${level} over regions`,
    );
    sum(
      tipsCell(ALL, level),
      CHANNELS.map((c) => channelCell(level, c)),
      `tips of level ${level} over channels`,
    );
    sum(
      tipsCell(ALL, level),
      LANGS.map((g) => languageCell(level, g)),
      `tips of level ${level} over languages`,
    );
  }
  for (const channel of CHANNELS)
    sum(
      channelCell(ALL, channel),
      LEVELS.map((l) => channelCell(l, channel)),
      `channel ${channel} over levels`,
    );
  for (const language of LANGS)
    sum(
      languageCell(ALL, language),
      LEVELS.map((l) => languageCell(l, language)),
      `language ${language} over levels`,
    );
  for (const indicator of INDICATOR_IDS) {
    for (const region of [...regions, ALL])
      sum(
        indicatorCell(region, ALL, indicator),
        LEVELS.map((l) => indicatorCell(region, l, indicator)),
        `${indicator} in ${region} over levels`,
      );
    for (const level of LEVELS_AND_ALL)
      sum(
        indicatorCell(ALL, level, indicator),
        regions.map((r) => indicatorCell(r, level, indicator)),
        `${indicator} at ${level} over regions`,
      );
    for (const region of [...regions, ALL])
      for (const level of LEVELS_AND_ALL)
        relations.push({
          terms: [
            { cell: indicatorCell(region, level, indicator), coef: 1 },
            { cell: tipsCell(region, level), coef: -1 },
          ],
          sense: '<=',
          why: `${indicator} in ${region} at ${level} ≤ its tips`,
        });
  }
  return relations;
}

/**
 * What the attacker can learn of one suppressed cell: values consistent with everything
 * published. Exact: the least and greatest such value. Not exact: two values the attacker cannot
 * rule out, found far enough apart that the exact range was not needed (see `enough`).
 */
export interface AttackRange {
  cell: string;
  min: number;
  /** Infinity when nothing published bounds it. */
  max: number;
  exact: boolean;
}

/** Past this the solver's answer means "no bound": every variable is capped here so that every solve ends Optimal. */
const NO_BOUND = 1_000_000;

/** What the attacker knows besides the publication, and how hard the auditor works. */
export interface AttackerKnowledge {
  /** Regions known to exist (those the publication does not name have every figure 0). */
  extraRegions?: readonly string[];
  layout?: IndicatorLayout;
  /** Stop narrowing a cell once two feasible values this far apart are known (exact ranges without it). */
  enough?: number;
  /** Which suppressed cells to range (all without it); the others still take part as unknowns. */
  targets?: (cell: string) => boolean;
  /** The true figures: a feasible point to start from, and checked against every relation (a check on the auditor). */
  truth?: ReadonlyMap<string, number>;
}

/**
 * The attacker's range of suppressed figures of the month. The regions the attacker reasons
 * over are those the publication names, plus the known extra ones. Throws if the published
 * figures contradict a relation (the publication would then be wrong, which `truthViolations`
 * reports more usefully). `truthBreaks` lists the relations the true figures break: any is a
 * fault of the auditor's model, since true figures satisfy every true relation.
 */
export function attack(highs: Highs, published: PublishedMonth, knowledge: AttackerKnowledge = {}): { ranges: AttackRange[]; truthBreaks: string[] } {
  const layout = knowledge.layout ?? 'full';
  const { figures } = readPublication(published);
  const named = [...figures.keys()].filter((id) => id.startsWith('tips|') || id.startsWith('indicator|')).map((id) => id.split('|')[1]!);
  const regions = [...new Set([...named, ...(knowledge.extraRegions ?? [])])].filter((r) => r !== ALL).sort();
  const relations = relationsOf(regions);
  const suppressed = [...figures].filter(([, n]) => n === null).map(([id]) => id);
  const unknown = [...new Set(relations.flatMap((r) => r.terms.map((t) => t.cell)))].filter((id) => isUnpublished(id, layout) && !figures.has(id));
  const cells = [...suppressed, ...unknown];
  const variable = new Map(cells.map((id, i) => [id, i]));
  const lowest = (v: number) => (v < suppressed.length ? 1 : 0);
  const isTarget = (v: number) => v < suppressed.length && (knowledge.targets?.(cells[v]!) ?? true);

  // Known figures become constants; a relation left with no unknown is checked, not solved.
  const constraints: Array<{ terms: Array<{ v: number; coef: number }>; sense: '=' | '<='; rhs: number; why: string }> = [];
  for (const relation of relations) {
    let constant = 0;
    const terms: Array<{ v: number; coef: number }> = [];
    for (const { cell, coef } of relation.terms) {
      const v = variable.get(cell);
      if (v === undefined) constant += coef * (figures.get(cell) ?? 0);
      else terms.push({ v, coef });
    }
    if (terms.length === 0) {
      const holds = relation.sense === '=' ? constant === 0 : constant <= 0;
      if (!holds) throw new Error(`the published figures break the relation "${relation.why}" (off by ${constant})`);
      continue;
    }
    constraints.push({ terms, sense: relation.sense, rhs: -constant, why: relation.why });
  }

  const truthBreaks: string[] = [];
  const { truth } = knowledge;
  if (truth) {
    for (const c of constraints) {
      const lhs = c.terms.reduce((sum, t) => sum + t.coef * (truth.get(cells[t.v]!) ?? 0), 0);
      if (c.sense === '=' ? lhs !== c.rhs : lhs > c.rhs) truthBreaks.push(`the true figures break "${c.why}"`);
    }
    for (const id of suppressed) if ((truth.get(id) ?? 0) < 1) truthBreaks.push(`${id} is suppressed but truly ${truth.get(id) ?? 0}`);
  }

  // Cells no relation links are solved apart: each group is a much smaller program.
  const parent = cells.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (const c of constraints) for (const t of c.terms) parent[root(t.v)] = root(c.terms[0]!.v);
  const groups = new Map<number, number[]>();
  for (let v = 0; v < cells.length; v++) groups.set(root(v), [...(groups.get(root(v)) ?? []), v]);

  // The least and greatest value of each cell among the feasible points met so far.
  const seenMin = cells.map((id) => truth?.get(id) ?? Number.POSITIVE_INFINITY);
  const seenMax = cells.map((id) => truth?.get(id) ?? Number.NEGATIVE_INFINITY);
  const unbounded = (n: number) => (n > NO_BOUND / 2 ? Number.POSITIVE_INFINITY : n);
  const { enough } = knowledge;
  const farApart = (v: number) => enough !== undefined && unbounded(seenMax[v]!) - seenMin[v]! >= enough;

  const ranges: AttackRange[] = [];
  for (const members of groups.values()) {
    const targets = members.filter(isTarget);
    if (targets.length === 0) continue;
    const inGroup = new Set(members);
    const rows = constraints.filter((c) => inGroup.has(c.terms[0]!.v));
    if (rows.length === 0) {
      for (const v of targets) ranges.push({ cell: cells[v]!, min: 1, max: Number.POSITIVE_INFINITY, exact: true });
      continue;
    }
    const name = (v: number) => `x${v}`;
    const lines = rows.map((c, i) => {
      const lhs = c.terms.map((t) => `${t.coef < 0 ? '-' : '+'} ${Math.abs(t.coef)} ${name(t.v)}`).join(' ');
      return ` c${i}: ${lhs} ${c.sense} ${c.rhs}`;
    });
    const bounds = members.map((v) => ` ${lowest(v)} <= ${name(v)} <= ${NO_BOUND}`);
    const program = [
      'Minimize',
      ` obj: ${name(targets[0]!)}`,
      'Subject To',
      ...lines,
      'Bounds',
      ...bounds,
      'Generals',
      ` ${members.map(name).join(' ')}`,
      'End',
    ];
    highs.withModel({ format: 'lp', data: program.join('\n') }, (model) => {
      model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
      const columns = members.map((v) => model.getColByName(name(v)));
      /** The optimum, after noting every cell's value at it: each optimum is one more feasible point. */
      const solve = (v: number, sense: 'minimize' | 'maximize') => {
        members.forEach((m, i) => model.changeColCost(columns[i]!, m === v ? 1 : 0));
        model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
        model.run();
        const status = model.getModelStatus();
        if (status !== highs.constants.modelStatus.optimal) throw new Error(`${sense} ${cells[v]}: solver ended with model status ${status}`);
        const values = model.getSolution().colValue;
        members.forEach((m, i) => {
          const value = Math.round(values[columns[i]!]!);
          seenMin[m] = Math.min(seenMin[m]!, value);
          seenMax[m] = Math.max(seenMax[m]!, value);
        });
        return Math.round(model.getObjectiveValue());
      };
      for (const v of targets) {
        if (farApart(v)) {
          ranges.push({ cell: cells[v]!, min: seenMin[v]!, max: unbounded(seenMax[v]!), exact: false });
          continue;
        }
        const max = unbounded(solve(v, 'maximize'));
        if (farApart(v)) {
          ranges.push({ cell: cells[v]!, min: seenMin[v]!, max, exact: false });
          continue;
        }
        ranges.push({ cell: cells[v]!, min: solve(v, 'minimize'), max, exact: true });
      }
    });
  }
  return { ranges, truthBreaks };
}

/** The exact range of every suppressed figure of the month (see `attack`). */
export const attackRanges = (highs: Highs, published: PublishedMonth, knowledge: Omit<AttackerKnowledge, 'enough'> = {}): AttackRange[] =>
  attack(highs, published, knowledge).ranges;

/** The protection each suppressed cell must keep: the attacker's range spans at least ⌈k/2⌉. */
export const protectionWidth = (k: number) => Math.ceil(k / 2);

/** A suppressed cell's true value between 1 and k−1 (suppressed for itself), or k and more (suppressed to shield others). */
export type Suppression = 'primary' | 'complementary';

/**
 * Guarantee 3: no suppressed cell — or, with `cells: 'primary'`, no cell suppressed for itself —
 * is narrowed below ⌈k/2⌉; and, always, the true value lies in the attacker's range (a check on
 * the auditor itself, reported with the prefix AUDITOR).
 */
export function protectionViolations(
  highs: Highs,
  counts: AuditedCounts,
  published: PublishedMonth,
  k: number,
  options: { layout?: IndicatorLayout; cells?: 'all' | 'primary' } = {},
): string[] {
  const truth = trueFigures(counts);
  const width = protectionWidth(k);
  const suppressionOf = (cell: string): Suppression => ((truth.get(cell) ?? 0) < k ? 'primary' : 'complementary');
  const { ranges, truthBreaks } = attack(highs, published, {
    extraRegions: regionsOfCounts(counts),
    layout: options.layout ?? 'full',
    enough: width,
    truth,
    targets: options.cells === 'primary' ? (cell) => suppressionOf(cell) === 'primary' : undefined,
  });
  const violations = truthBreaks.map((b) => `AUDITOR: ${b}`);
  for (const { cell, min, max } of ranges) {
    const actual = truth.get(cell) ?? Number.NaN;
    if (!(actual >= min && actual <= max)) violations.push(`AUDITOR: ${cell} is truly ${actual} but the attacker's range is [${min}, ${max}]`);
    if (max - min < width)
      violations.push(`${cell} (${suppressionOf(cell)}, truly ${actual}) is narrowed to [${min}, ${max}], a width of ${max - min} < ⌈k/2⌉ = ${width}`);
  }
  return violations;
}
