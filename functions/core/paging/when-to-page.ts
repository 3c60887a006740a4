// Which tips page a responder, and from when. Critical: at once, a life may depend on the
// next hour. High: only if no operator has taken it, because an operator on shift is faster
// and knows the thread. Medium and low: never, a page at night must mean something.
import type { Level } from '../tip';

export const HIGH_UNCLAIMED_PAGE_AFTER_MINUTES = 15;

/** When the tip becomes due for paging, or null if its level never pages. */
export function pageDueAt(level: Level, createdAt: Date, highAfterMinutes = HIGH_UNCLAIMED_PAGE_AFTER_MINUTES): Date | null {
  switch (level) {
    case 'critical':
      return createdAt;
    case 'high':
      return new Date(createdAt.getTime() + highAfterMinutes * 60_000);
    case 'medium':
    case 'low':
      return null;
    default: {
      const never: never = level;
      throw new Error(`unknown level ${String(never)}`);
    }
  }
}

/** Whether startPaging should be called now for this tip. */
export function shouldPage(level: Level, claimed: boolean, createdAt: Date, now: Date, highAfterMinutes = HIGH_UNCLAIMED_PAGE_AFTER_MINUTES): boolean {
  const due = pageDueAt(level, createdAt, highAfterMinutes);
  if (due === null) return false;
  if (level === 'high' && claimed) return false;
  return now.getTime() >= due.getTime();
}
