// Which cells of a month are withheld. Primary: every count from 1 to k−1. Complementary: more
// cells until no reader can narrow any withheld cell to fewer than `protection` values from the
// published figures and the frame's relations (audit.ts). The cheap rule first (no sum may have
// exactly one withheld member, or it is the difference of the others), then the exact audit,
// repeated until it passes: it always ends, since withholding every nonzero cell of a relation
// leaves nothing published to measure against.
//
// Each complementary cell is chosen by what it costs with everything the cheap rule then forces:
// withholding a region's critical tips can force the national critical figure and, through the
// channel table, the national total; withholding the region's total instead forces nothing. The
// cost weighs how much readers need a cell (totalRank), so the headline figures go last.
import { components, rangesOf, relationsOf } from './audit';
import type { Frame, FrameCell } from './frame';
import { ALL } from './model';

/** How wide a withheld cell's possible values must stay: half of k (5 for k = 10). */
export const protectionFor = (k: number): number => Math.ceil(k / 2);

export function suppressCells(frame: Frame, k: number): Set<string> {
  const sensitive = new Set([...frame.cells].filter(([, cell]) => cell.count >= 1 && cell.count < k).map(([id]) => id));
  const suppressed = new Set(sensitive);
  const protection = protectionFor(k);
  const sums = frame.sums.map((sum) => [sum.total, ...sum.parts]);
  const sumPartners = partnerIndex(sums);
  const boundPartners = partnerIndex(frame.bounds.map((bound) => [bound.part, bound.whole]));
  const sumsOf = membership(sums);
  const countOf = (id: string) => frame.cells.get(id)?.count ?? 0;
  const loss = (id: string) => 2 ** totalRank(frame.cells.get(id)) * 1e6 + countOf(id);
  const open = (withheld: ReadonlySet<string>, ids: Iterable<string>) => [...ids].filter((id) => !withheld.has(id) && countOf(id) > 0);

  /** Withholds, in `withheld`, what the cheap rule forces, each time the member of least loss; returns what it added. */
  const forced = (withheld: Set<string>, start: Iterable<string>): string[] => {
    const added: string[] = [];
    const pending = [...start];
    while (pending.length > 0) {
      const id = pending.pop()!;
      for (const members of sumsOf.get(id) ?? []) {
        if (members.filter((member) => withheld.has(member)).length !== 1) continue;
        const choice = open(withheld, members).sort((a, b) => loss(a) - loss(b))[0];
        if (choice === undefined) continue;
        withheld.add(choice);
        added.push(choice);
        pending.push(choice);
      }
    }
    return added;
  };
  /** Of `candidates`, the one whose withholding, with all it forces, loses least. */
  const cheapest = (candidates: Iterable<string>): string | undefined => {
    let best: { id: string; cost: number } | undefined;
    for (const id of new Set(open(suppressed, candidates))) {
      const trial = new Set(suppressed).add(id);
      const cost = [id, ...forced(trial, [id])].reduce((sum, cell) => sum + loss(cell), 0);
      if (best === undefined || cost < best.cost) best = { id, cost };
    }
    return best?.id;
  };
  const withhold = (id: string) => {
    suppressed.add(id);
    closeSums([id]);
  };
  /** The cheap rule, each forced choice made by its cost with what it forces in turn. */
  const closeSums = (start: Iterable<string>) => {
    const pending = [...start];
    while (pending.length > 0) {
      const id = pending.pop()!;
      for (const members of sumsOf.get(id) ?? []) {
        if (members.filter((member) => suppressed.has(member)).length !== 1) continue;
        const choice = cheapest(members);
        if (choice === undefined) continue;
        suppressed.add(choice);
        pending.push(choice);
      }
    }
  };

  closeSums(sensitive);
  for (;;) {
    // Only the sensitive cells need the protection: a complementary cell read exactly is a count of k or more.
    let exposed: string | undefined;
    for (const [id, range] of rangesOf(frame, suppressed, { targets: sensitive, width: protection })) {
      if (range.max - range.min >= protection) continue;
      exposed = id;
      break;
    }
    if (exposed === undefined) return suppressed;
    // One cell at a time, among everything tied to the exposed cell: a cell sharing a sum with
    // them widens their ranges; one only bounding them, less often.
    const tied = components(relationsOf(frame, suppressed), suppressed).find((group) => group.includes(exposed)) ?? [exposed];
    const related = (index: Map<string, Set<string>>) => tied.flatMap((id) => [...(index.get(id) ?? [])]);
    const next = cheapest(related(sumPartners)) ?? cheapest(related(boundPartners));
    if (next === undefined) throw new Error('Suppression could not protect a cell: every related cell is already withheld.');
    withhold(next);
  }
}

/**
 * How much readers need a cell, the headline figures last to go: the national total, then the
 * national tips by level (the month's chart), then region totals and national indicators, then
 * the inner cells, and the channel and language breakdowns first.
 */
function totalRank(cell: FrameCell | undefined): number {
  if (!cell || cell.channel || cell.language) return 0;
  if (cell.region === ALL && cell.level === ALL) return cell.indicator ? 2 : 4;
  if (cell.region === ALL) return 3;
  return cell.level === ALL && !cell.indicator ? 2 : 1;
}

/** Every cell's partners in the given relations. */
function partnerIndex(relations: ReadonlyArray<readonly string[]>): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  for (const members of relations)
    for (const id of members) {
      const set = index.get(id) ?? new Set<string>();
      for (const other of members) if (other !== id) set.add(other);
      index.set(id, set);
    }
  return index;
}

/** The relations each cell is a member of. */
function membership(relations: ReadonlyArray<readonly string[]>): Map<string, Array<readonly string[]>> {
  const index = new Map<string, Array<readonly string[]>>();
  for (const members of relations) for (const id of members) index.set(id, [...(index.get(id) ?? []), members]);
  return index;
}
