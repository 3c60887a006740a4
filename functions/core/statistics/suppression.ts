// Which cells of a month are withheld. Primary: every count from 1 to k−1. Complementary: more
// cells, chosen small, until no reader can narrow any withheld cell to fewer than `protection`
// values from the published figures and the frame's relations (audit.ts). The cheap rule first
// (no sum may have exactly one withheld member, or it is the difference of the others), then the
// exact audit, repeated until it passes: it always ends, since withholding every nonzero cell of
// a relation leaves nothing published to measure against.
import { components, rangesOf, relationsOf } from './audit';
import type { Frame, FrameCell } from './frame';
import { ALL } from './model';

/** How wide a withheld cell's possible values must stay: half of k (5 for k = 10). */
export const protectionFor = (k: number): number => Math.ceil(k / 2);

export function suppressCells(frame: Frame, k: number): Set<string> {
  const sensitive = new Set([...frame.cells].filter(([, cell]) => cell.count >= 1 && cell.count < k).map(([id]) => id));
  const suppressed = new Set(sensitive);
  const protection = protectionFor(k);
  const sumPartners = partnerIndex(frame.sums.map((sum) => [sum.total, ...sum.parts]));
  const boundPartners = partnerIndex(frame.bounds.map((bound) => [bound.part, bound.whole]));
  const countOf = (id: string) => frame.cells.get(id)?.count ?? 0;
  /** The published nonzero cell among `ids` to withhold next: the one readers need least (totalRank), then the smallest. */
  const nextToWithhold = (ids: Iterable<string>): string | undefined => {
    let best: string | undefined;
    const rank = (id: string) => totalRank(frame.cells.get(id)) * 1e9 + countOf(id);
    for (const id of ids) if (!suppressed.has(id) && countOf(id) > 0 && (best === undefined || rank(id) < rank(best))) best = id;
    return best;
  };

  for (;;) {
    // A sum with one withheld member gives it away: withhold a second.
    for (let changed = true; changed; ) {
      changed = false;
      for (const sum of frame.sums) {
        const members = [sum.total, ...sum.parts];
        if (members.filter((id) => suppressed.has(id)).length !== 1) continue;
        const next = nextToWithhold(members);
        if (next === undefined) continue;
        suppressed.add(next);
        changed = true;
      }
    }
    // Only the sensitive cells need the protection: a complementary cell read exactly is a count of k or more.
    let exposed: string | undefined;
    for (const [id, range] of rangesOf(frame, suppressed, { targets: sensitive, width: protection })) {
      if (range.max - range.min >= protection) continue;
      exposed = id;
      break;
    }
    if (exposed === undefined) return suppressed;
    // One cell at a time, the one readers need least among everything tied to the exposed cell:
    // withholding one for each exposed cell at once would take the headline totals with them.
    const tied = components(relationsOf(frame, suppressed), suppressed).find((group) => group.includes(exposed)) ?? [exposed];
    // A cell that shares a sum with them widens their ranges; one only bounding them, less often.
    const related = (index: Map<string, Set<string>>) => tied.flatMap((id) => [...(index.get(id) ?? [])]);
    const next = nextToWithhold(related(sumPartners)) ?? nextToWithhold(related(boundPartners));
    if (next === undefined) throw new Error('Suppression could not protect a cell: every related cell is already withheld.');
    suppressed.add(next);
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
