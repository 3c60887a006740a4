// The demo on-call roster (local/demo-roster.json), written by the local stack on its first
// start so that a critical tip pages someone without any setup, and a case can be referred to
// an agency. Written through the very roster store the API uses, so phones and agency contacts
// are sealed and contact keys registered exactly as a supervisor's edit would do it.
import * as z from 'zod';
import type { RosterReader, RosterWriter } from '../functions/core/ports';
import { contactKey, normaliseSenderAddress } from '../functions/core/contact-key';
import {
  agencySchema,
  escalationPolicySchema,
  overrideSchema,
  regionRuleSchema,
  responderSchema,
  rosterProblems,
  rotationSchema,
  type Roster,
} from '../functions/core/paging';
import demoRosterJson from './demo-roster.json' with { type: 'json' };

const demoRosterFile = z.strictObject({
  _why: z.string(),
  agencies: z.array(agencySchema.extend({ contact: z.string() })),
  responders: z.array(responderSchema.extend({ phone: z.string() })),
  rotations: z.array(rotationSchema),
  overrides: z.array(overrideSchema),
  policies: z.array(escalationPolicySchema),
  regionRules: z.array(regionRuleSchema),
});

export type DemoRoster = z.output<typeof demoRosterFile>;

/** Checked when the module loads: a broken demo file stops the stack at start, not at the first page. */
export const DEMO_ROSTER: DemoRoster = (() => {
  const demo = demoRosterFile.parse(demoRosterJson);
  const problems = rosterProblems(withoutPhones(demo));
  if (problems.length > 0) throw new Error(`local/demo-roster.json is inconsistent: ${problems.join('; ')}`);
  return demo;
})();

/** The roster as paging reads it: no phone, no agency contact. */
export function withoutPhones(demo: DemoRoster): Roster {
  const { rotations, overrides, policies, regionRules } = demo;
  return {
    responders: demo.responders.map(({ phone: _phone, ...responder }) => responder),
    rotations,
    overrides,
    policies,
    agencies: demo.agencies.map(({ contact: _contact, ...agency }) => agency),
    regionRules,
  };
}

const isEmpty = (roster: Roster) =>
  [roster.responders, roster.rotations, roster.overrides, roster.policies, roster.agencies ?? [], roster.regionRules ?? []].every(
    (items) => items.length === 0,
  );

/**
 * Writes the demo roster when the roster is empty, and does nothing otherwise: a supervisor's
 * edits on a kept data folder survive a restart.
 */
export async function seedDemoRoster(writer: RosterWriter, reader: RosterReader, contactKeySecret: string): Promise<void> {
  if (!isEmpty(await reader.load())) return;
  // Agencies first: responders name theirs.
  for (const { contact, ...agency } of DEMO_ROSTER.agencies) await writer.putAgency(agency, normaliseSenderAddress(contact));
  for (const { phone, ...responder } of DEMO_ROSTER.responders) {
    await writer.putResponder(responder, { e164: normaliseSenderAddress(phone), contactKey: contactKey(phone, contactKeySecret) });
  }
  for (const rotation of DEMO_ROSTER.rotations) await writer.put('rotation', rotation.rotationId, rotation);
  for (const override of DEMO_ROSTER.overrides) await writer.put('override', override.overrideId, override);
  // Policies last: a page read half-way through seeding finds no policy rather than a dangling one.
  for (const policy of DEMO_ROSTER.policies) await writer.put('policy', policy.policyId, policy);
  // Rules last too: one may name a policy to page instead.
  for (const rule of DEMO_ROSTER.regionRules) await writer.put('region', rule.ruleId, rule);
}
