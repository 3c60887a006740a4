// What the per-item schemas cannot see: references between items. The operator API runs this
// on the roster as it would be after a supervisor's change and refuses the change if it adds
// a problem, so that a page never meets a dangling id at 2 a.m.
import type { Roster } from './model';
import { DEFAULT_REGION, regionKey } from './model';

export function rosterProblems(roster: Roster): string[] {
  const problems: string[] = [];
  const responders = new Set(roster.responders.map((r) => r.responderId));
  const rotations = new Set(roster.rotations.map((r) => r.rotationId));

  const duplicates = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${what} ${id} is defined twice`);
      seen.add(id);
    }
  };
  duplicates(
    roster.responders.map((r) => r.responderId),
    'responder',
  );
  duplicates(
    roster.rotations.map((r) => r.rotationId),
    'rotation',
  );
  duplicates(
    roster.overrides.map((o) => o.overrideId),
    'override',
  );
  duplicates(
    roster.policies.map((p) => p.policyId),
    'policy',
  );

  const defaults = roster.policies.filter((p) => p.region === DEFAULT_REGION);
  if (defaults.length !== 1) problems.push(`there must be exactly one '${DEFAULT_REGION}' policy (found ${defaults.length})`);
  const byRegion = new Map<string, string>();
  for (const policy of roster.policies) {
    if (policy.region === DEFAULT_REGION) continue;
    const other = byRegion.get(regionKey(policy.region));
    if (other) problems.push(`policies ${other} and ${policy.policyId} are both for region ${policy.region}`);
    byRegion.set(regionKey(policy.region), policy.policyId);
  }

  for (const rotation of roster.rotations) {
    for (const id of new Set(rotation.participants)) {
      if (!responders.has(id)) problems.push(`rotation ${rotation.rotationId} names unknown responder ${id}`);
    }
  }
  for (const override of roster.overrides) {
    if (!rotations.has(override.rotationId)) problems.push(`override ${override.overrideId} is for unknown rotation ${override.rotationId}`);
    if (override.responderId !== null && !responders.has(override.responderId)) {
      problems.push(`override ${override.overrideId} names unknown responder ${override.responderId}`);
    }
  }
  const agencies = new Set((roster.agencies ?? []).map((a) => a.agencyId));
  const policies = new Set(roster.policies.map((p) => p.policyId));
  duplicates(
    (roster.agencies ?? []).map((a) => a.agencyId),
    'agency',
  );
  duplicates(
    (roster.regionRules ?? []).map((r) => r.ruleId),
    'region rule',
  );
  for (const responder of roster.responders) {
    // Routing around local authorities reads the agency's kind: an unknown one falls back to the role.
    if (responder.agencyId !== undefined && !agencies.has(responder.agencyId)) {
      problems.push(`responder ${responder.responderId} answers for unknown agency ${responder.agencyId}`);
    }
  }
  const rulesByRegion = new Map<string, string>();
  for (const rule of roster.regionRules ?? []) {
    const other = rulesByRegion.get(regionKey(rule.region));
    if (other) problems.push(`region rules ${other} and ${rule.ruleId} are both for region ${rule.region}`);
    rulesByRegion.set(regionKey(rule.region), rule.ruleId);
    if (rule.complicityPolicyId !== undefined && !policies.has(rule.complicityPolicyId)) {
      problems.push(`region rule ${rule.ruleId} pages unknown policy ${rule.complicityPolicyId} when officials are implicated`);
    }
  }
  for (const policy of roster.policies) {
    policy.levels.forEach((level, i) => {
      const target = level.target;
      if (target.kind === 'rotation' && !rotations.has(target.rotationId)) {
        problems.push(`policy ${policy.policyId} level ${i + 1} pages unknown rotation ${target.rotationId}`);
      }
      if (target.kind === 'responder' && !responders.has(target.responderId)) {
        problems.push(`policy ${policy.policyId} level ${i + 1} pages unknown responder ${target.responderId}`);
      }
    });
  }
  return problems;
}
