// Who is on call at an instant: weekly rotations in their own time zone, overrides on top,
// and the escalation policy that applies to a region.
import type { EscalationPolicy, Override, Responder, Rotation } from './model';
import { DEFAULT_REGION, sameRegion } from './model';
import { addDays, instantOf, parseLocalDate, parseLocalTime } from './zoned-time';

const WEEK_MS = 7 * 86_400_000;

export class NoDefaultPolicy extends Error {
  override name = 'NoDefaultPolicy';
  constructor(region: string | null) {
    super(
      `No escalation policy for region ${region === null ? '(none)' : JSON.stringify(region)} and no '${DEFAULT_REGION}' policy to fall back to: add a policy with region '${DEFAULT_REGION}'.`,
    );
  }
}

/** The instant of the rotation's k-th hand-off (k = 0 is firstHandoff). */
export function handoffInstant(rotation: Rotation, k: number): Date {
  const first = parseLocalDate(rotation.firstHandoff);
  const time = parseLocalTime(rotation.handoff.time);
  if (!first || !time) throw new RangeError(`Rotation ${rotation.rotationId} has an invalid hand-off; validate it with rotationSchema.`);
  // Each hand-off is the same wall time a week later, so a DST change moves the instant
  // and not the local hour the responders agreed on.
  return instantOf({ ...addDays(first, 7 * k), ...time }, rotation.timeZone);
}

/** Index of the hand-off that began the week containing `at`, or -1 before the first. */
export function weekIndex(rotation: Rotation, at: Date): number {
  const t = at.getTime();
  const first = handoffInstant(rotation, 0).getTime();
  if (t < first) return -1;
  // Weeks are 7 days +/- an hour of DST, so the estimate is off by at most one either way.
  let k = Math.floor((t - first) / WEEK_MS);
  while (k > 0 && handoffInstant(rotation, k).getTime() > t) k--;
  while (handoffInstant(rotation, k + 1).getTime() <= t) k++;
  return k;
}

/** The override in force for the rotation at `at`: the latest-starting one wins. */
export function activeOverride(rotationId: string, overrides: readonly Override[], at: Date): Override | undefined {
  const t = at.getTime();
  const covering = overrides.filter((o) => o.rotationId === rotationId && Date.parse(o.start) <= t && t < Date.parse(o.end));
  // Ties on start go to the shorter (more specific) window, then the id, so that the answer
  // does not depend on the order the store returned them in.
  return covering.sort(
    (a, b) =>
      Date.parse(b.start) - Date.parse(a.start) ||
      Date.parse(a.end) - Date.parse(b.end) ||
      (a.overrideId < b.overrideId ? 1 : a.overrideId > b.overrideId ? -1 : 0),
  )[0];
}

/** responderId on call for the rotation at `at`, or null (before the first hand-off, or an absence). */
export function onCall(rotation: Rotation, overrides: readonly Override[], at: Date): string | null {
  const override = activeOverride(rotation.rotationId, overrides, at);
  if (override) return override.responderId;
  const k = weekIndex(rotation, at);
  if (k < 0) return null;
  return rotation.participants[k % rotation.participants.length] ?? null;
}

/**
 * responderIds to page for level `levelIndex` of the policy at `at`; [] means nobody (no one
 * on call, an absence, an inactive or unknown responder, or a rotation that no longer exists).
 */
export function whoToPage(
  policy: EscalationPolicy,
  levelIndex: number,
  rotations: readonly Rotation[],
  overrides: readonly Override[],
  responders: readonly Responder[],
  at: Date,
): string[] {
  const level = policy.levels[levelIndex];
  if (!level) throw new RangeError(`Policy ${policy.policyId} has no level ${levelIndex} (it has ${policy.levels.length}).`);
  let responderId: string | null;
  if (level.target.kind === 'rotation') {
    const { rotationId } = level.target;
    const rotation = rotations.find((r) => r.rotationId === rotationId);
    responderId = rotation ? onCall(rotation, overrides, at) : null;
  } else {
    responderId = level.target.responderId;
  }
  const responder = responderId === null ? undefined : responders.find((r) => r.responderId === responderId);
  return responder?.active ? [responder.responderId] : [];
}

/** The region's policy, or the default one; throws NoDefaultPolicy when neither exists. */
export function policyFor(region: string | null, policies: readonly EscalationPolicy[]): EscalationPolicy {
  const own = region === null ? undefined : policies.find((p) => p.region !== DEFAULT_REGION && sameRegion(p.region, region));
  const chosen = own ?? policies.find((p) => p.region === DEFAULT_REGION);
  if (!chosen) throw new NoDefaultPolicy(region);
  return chosen;
}

export function defaultPolicy(policies: readonly EscalationPolicy[]): EscalationPolicy | undefined {
  return policies.find((p) => p.region === DEFAULT_REGION);
}
