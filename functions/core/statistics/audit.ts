// What a reader can work out about each suppressed cell from everything published for its month:
// the smallest and largest value the cell can take, given every published figure, every sum and
// bound of the frame, that counts are whole numbers and that a suppressed cell is at least 1
// (zeros are always published). Solved as integer programs with yalps, a small dependency-free
// solver: writing a simplex by hand is exactly what a maintained library does better.
import { type Constraint, solve } from 'yalps';
import type { Frame } from './frame';

export interface Range {
  min: number;
  /** Infinity when nothing published bounds the cell from above. */
  max: number;
}

interface Relation {
  /** Coefficient of each suppressed cell. */
  terms: Map<string, number>;
  constraint: Constraint;
}

/** The frame's relations with every published cell replaced by its value; those left with no suppressed cell drop out. */
export function relationsOf(frame: Frame, suppressed: ReadonlySet<string>): Relation[] {
  const relations: Relation[] = [];
  const linear = (weighted: Array<[string, number]>) => {
    const terms = new Map<string, number>();
    let constant = 0;
    for (const [id, weight] of weighted) {
      if (suppressed.has(id)) terms.set(id, (terms.get(id) ?? 0) + weight);
      else constant += weight * (frame.cells.get(id)?.count ?? 0);
    }
    return { terms, constant };
  };
  for (const sum of frame.sums) {
    const { terms, constant } = linear([[sum.total, -1], ...sum.parts.map((part): [string, number] => [part, 1])]);
    if (terms.size > 0) relations.push({ terms, constraint: { equal: -constant } });
  }
  for (const bound of frame.bounds) {
    const { terms, constant } = linear([
      [bound.part, 1],
      [bound.whole, -1],
    ]);
    if (terms.size > 0) relations.push({ terms, constraint: { max: -constant } });
  }
  return relations;
}

/** Groups of suppressed cells that share a relation, directly or through others: each is solved alone. */
export function components(relations: readonly Relation[], suppressed: ReadonlySet<string>): string[][] {
  const parent = new Map<string, string>([...suppressed].map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const relation of relations) {
    const [first, ...rest] = relation.terms.keys();
    for (const id of rest) parent.set(find(id), find(first!));
  }
  const groups = new Map<string, string[]>();
  for (const id of suppressed) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()];
}

interface RangeOptions {
  /** The withheld cells whose range is wanted (all of them by default). */
  targets?: ReadonlySet<string>;
  /**
   * With a width, only as much of a range as tells whether it is at least that wide: the maximum
   * first, and the minimum only when the maximum leaves it open.
   */
  width?: number;
}

/** The range of each target, one by one, so that a caller looking for the first too narrow can stop there. */
export function* rangesOf(frame: Frame, suppressed: ReadonlySet<string>, { targets = suppressed, width = 0 }: RangeOptions = {}): Generator<[string, Range]> {
  const relations = relationsOf(frame, suppressed);
  for (const group of components(relations, suppressed)) {
    const members = new Set(group);
    const own = relations.filter((relation) => [...relation.terms.keys()].some((id) => members.has(id)));
    const constraints = new Map<string, Constraint>(own.map((relation, i) => [`r${i}`, relation.constraint]));
    for (const id of group) constraints.set(`atLeastOne:${id}`, { min: 1 });
    const coefficients = (id: string) => {
      const row = new Map<string, number>([[`atLeastOne:${id}`, 1]]);
      own.forEach((relation, i) => {
        const weight = relation.terms.get(id);
        if (weight !== undefined) row.set(`r${i}`, weight);
      });
      return row;
    };
    const rows = new Map(group.map((id) => [id, coefficients(id)]));
    for (const target of group) {
      if (!targets.has(target)) continue;
      const extreme = (direction: 'minimize' | 'maximize'): number => {
        const variables = new Map([...rows].map(([id, row]) => [id, id === target ? new Map([...row, ['objective', 1]]) : row]));
        const solution = solve({ direction, objective: 'objective', constraints, variables, integers: true }, { checkCycles: true });
        if (solution.status === 'unbounded') return direction === 'maximize' ? Number.POSITIVE_INFINITY : 1;
        // A frame built from true counts is always feasible; anything else is a bug to stop on.
        if (solution.status !== 'optimal') throw new Error(`The disclosure audit could not solve a range (${solution.status}).`);
        return Math.round(solution.result);
      };
      const max = extreme('maximize');
      const value = frame.cells.get(target)?.count ?? 1;
      // The true value is feasible, so the minimum is at most it: a maximum that far above it settles the question.
      yield [target, { min: width > 0 && max - value >= width ? value : extreme('minimize'), max }];
    }
  }
}
