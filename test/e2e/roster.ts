// Who the local stack's demo roster has on call for a region, worked out with the very schedule
// code that paging uses, so that the test knows whose phone the page must reach and which
// number an `ACK` has to come from.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { escalationPolicySchema, overrideSchema, policyFor, responderSchema, rotationSchema, whoToPage, type Roster } from '../../functions/core/paging';

export const DEMO_ROSTER_PATH = fileURLToPath(new URL('../../local/demo-roster.json', import.meta.url));

/**
 * What the file is expected to hold: the roster the local stack seeds, each responder with the
 * demo phone number it seals into the vault (fake numbers; the local Twilio never sends).
 */
const demoRosterSchema = z.object({
  responders: z.array(responderSchema.extend({ phone: z.string().regex(/^\+[1-9]\d{6,14}$/) })),
  rotations: z.array(rotationSchema),
  overrides: z.array(overrideSchema).default([]),
  policies: z.array(escalationPolicySchema),
});

export interface OnCallResponder {
  responderId: string;
  name: string;
  role: string;
  lang: string;
  phone: string;
  /** 0-based level of the region's policy that pages them first. */
  step: number;
}

export function readDemoRoster(): z.infer<typeof demoRosterSchema> {
  if (!existsSync(DEMO_ROSTER_PATH)) {
    throw new Error(`${DEMO_ROSTER_PATH} does not exist yet: the on-call e2e test reads the demo on-call responder and their number from it`);
  }
  const parsed = demoRosterSchema.safeParse(JSON.parse(readFileSync(DEMO_ROSTER_PATH, 'utf8')));
  if (!parsed.success) throw new Error(`${DEMO_ROSTER_PATH} is not the shape this test expects (${z.prettifyError(parsed.error)})`);
  return parsed.data;
}

/** The first responder the region's escalation policy pages at `at`, as paging walks it. */
export function onCallFor(region: string, at: Date = new Date()): OnCallResponder {
  const demo = readDemoRoster();
  const roster: Roster = { responders: demo.responders, rotations: demo.rotations, overrides: demo.overrides, policies: demo.policies };
  const policy = policyFor(region, roster.policies);
  for (let step = 0; step < policy.levels.length; step += 1) {
    const [id] = whoToPage(policy, step, roster.rotations, roster.overrides, roster.responders, at);
    const responder = demo.responders.find((r) => r.responderId === id);
    if (responder) {
      const { responderId, name, role, lang, phone } = responder;
      return { responderId, name, role, lang, phone, step };
    }
  }
  throw new Error(`nobody on call for ${region} at ${at.toISOString()} in ${DEMO_ROSTER_PATH} (policy ${policy.policyId})`);
}
