// The demo on-call roster (local/demo-roster.json), written by the local stack on its first
// start so that a critical tip pages someone without any setup. Written through the very
// roster store the API uses, so phones are sealed and contact keys registered exactly as a
// supervisor's edit would do it.
import * as z from 'zod';
import type { RosterReader, RosterWriter } from '../functions/core/ports';
import { contactKey, normaliseSenderAddress } from '../functions/core/contact-key';
import { escalationPolicySchema, overrideSchema, responderSchema, rosterProblems, rotationSchema, type Roster } from '../functions/core/paging';
import demoRosterJson from './demo-roster.json' with { type: 'json' };

const demoRosterFile = z.strictObject({
  _why: z.string(),
  responders: z.array(responderSchema.extend({ phone: z.string() })),
  rotations: z.array(rotationSchema),
  overrides: z.array(overrideSchema),
  policies: z.array(escalationPolicySchema),
});

export type DemoRoster = z.output<typeof demoRosterFile>;

/** Checked when the module loads: a broken demo file stops the stack at start, not at the first page. */
export const DEMO_ROSTER: DemoRoster = (() => {
  const demo = demoRosterFile.parse(demoRosterJson);
  const problems = rosterProblems(withoutPhones(demo));
  if (problems.length > 0) throw new Error(`local/demo-roster.json is inconsistent: ${problems.join('; ')}`);
  return demo;
})();

export function withoutPhones(demo: DemoRoster): Roster {
  const { rotations, overrides, policies } = demo;
  return { responders: demo.responders.map(({ phone: _phone, ...responder }) => responder), rotations, overrides, policies };
}

const isEmpty = (roster: Roster) => roster.responders.length + roster.rotations.length + roster.overrides.length + roster.policies.length === 0;

/**
 * Writes the demo roster when the roster is empty, and does nothing otherwise: a supervisor's
 * edits on a kept data folder survive a restart.
 */
export async function seedDemoRoster(writer: RosterWriter, reader: RosterReader, contactKeySecret: string): Promise<void> {
  if (!isEmpty(await reader.load())) return;
  for (const { phone, ...responder } of DEMO_ROSTER.responders) {
    await writer.putResponder(responder, { e164: normaliseSenderAddress(phone), contactKey: contactKey(phone, contactKeySecret) });
  }
  for (const rotation of DEMO_ROSTER.rotations) await writer.put('rotation', rotation.rotationId, rotation);
  for (const override of DEMO_ROSTER.overrides) await writer.put('override', override.overrideId, override);
  // Policies last: a page read half-way through seeding finds no policy rather than a dangling one.
  for (const policy of DEMO_ROSTER.policies) await writer.put('policy', policy.policyId, policy);
}
