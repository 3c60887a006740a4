// What one shift leaves the next: how much is open at each level, and the tips someone must pick
// up first (escalation ran out with nobody confirming, a page still unanswered, a critical tip
// nobody holds), then who holds what. Built from the open queue as read, in its order.
import { toQueueItem, type QueueItem } from './operator-views';
import { LEVELS, levelRank, type Level } from './tip';
import type { StaffRef, TipRecord } from './tip-record';
import { isOpen } from './tip-record';

export interface Handover {
  at: string;
  open: Record<Level, number>;
  nobodyConfirmed: QueueItem[];
  unansweredPages: QueueItem[];
  unclaimedCritical: QueueItem[];
  /** Holders by name; each holder's tips in queue order. */
  claimed: Array<{ by: StaffRef; tips: QueueItem[] }>;
}

/** `openTips` in queue order (the reader's); a closed tip among them is left out. */
export function handoverOf(openTips: readonly TipRecord[], now: Date): Handover {
  const tips = openTips.filter((tip) => isOpen(tip.status));
  // Most urgent first, as the dashboard shows them.
  const byUrgency = [...LEVELS].sort((a, b) => levelRank(b) - levelRank(a));
  const open = Object.fromEntries(byUrgency.map((level) => [level, 0])) as Record<Level, number>;
  for (const tip of tips) open[tip.level] += 1;
  const holders = new Map<string, { by: StaffRef; tips: QueueItem[] }>();
  for (const tip of tips) {
    if (!tip.claimedBy) continue;
    const held = holders.get(tip.claimedBy.id) ?? { by: { id: tip.claimedBy.id, name: tip.claimedBy.name }, tips: [] };
    held.tips.push(toQueueItem(tip));
    holders.set(tip.claimedBy.id, held);
  }
  const items = (keep: (tip: TipRecord) => boolean) => tips.filter(keep).map(toQueueItem);
  return {
    at: now.toISOString(),
    open,
    nobodyConfirmed: items((tip) => tip.nobodyConfirmed === true),
    unansweredPages: items((tip) => tip.pageUnanswered === true),
    unclaimedCritical: items((tip) => tip.level === 'critical' && !tip.claimedBy),
    claimed: [...holders.values()].sort((a, b) => a.by.name.localeCompare(b.by.name, 'es') || a.by.id.localeCompare(b.by.id)),
  };
}
