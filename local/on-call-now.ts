// Who a page would reach now, per escalation policy, for the start banner: which responder
// answers ACK depends on the date (rotations hand off weekly) and on the paging clock.
import { DEFAULT_REGION, whoToPage, type Roster } from '../functions/core/paging';

export interface OnCallNow {
  policyId: string;
  region: string;
  /** Each level in order: who it pages now (none: the level is skipped) and its deadline. */
  levels: Array<{ responderId?: string; name?: string; deadlineMinutes: number }>;
}

/** Regional policies by name, the default last. */
export function onCallNow(roster: Roster, at: Date): OnCallNow[] {
  const policies = [...roster.policies].sort(
    (a, b) => Number(a.region === DEFAULT_REGION) - Number(b.region === DEFAULT_REGION) || a.region.localeCompare(b.region),
  );
  return policies.map((policy) => ({
    policyId: policy.policyId,
    region: policy.region,
    levels: policy.levels.map((level, index) => {
      const [responderId] = whoToPage(policy, index, roster.rotations, roster.overrides, roster.responders, at);
      const name = roster.responders.find((r) => r.responderId === responderId)?.name;
      return { ...(responderId ? { responderId } : {}), ...(name ? { name } : {}), deadlineMinutes: level.deadlineMinutes };
    }),
  }));
}

/** "pol-hugo Hugo Mamani, then fis-marta Marta Flores after 10 min, ..." */
export function describeChain(levels: OnCallNow['levels']): string {
  const who = (level: OnCallNow['levels'][number]) => (level.responderId ? `${level.responderId} ${level.name ?? ''}`.trim() : 'nobody on call');
  return levels.map((level, index) => (index === 0 ? who(level) : `then ${who(level)} after ${levels[index - 1]!.deadlineMinutes} min`)).join(', ');
}
