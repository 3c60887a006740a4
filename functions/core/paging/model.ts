// Who can be paged, when, and in what order. Supervisors edit these through the operator API,
// which validates their input with the schemas below; the rest of on-call trusts the types.
import * as z from 'zod';
import { PAGING_GUARDS } from '../../config/tables';
import { LANGS } from '../tip';
import { isValidTimeZone, isoWeekday, parseLocalDate, parseLocalTime } from './zoned-time';

export const DEFAULT_TIME_ZONE = 'America/Lima';
/** The region of the policy used when a tip's region has none of its own (or no region). */
export const DEFAULT_REGION = 'default';

const ID_PATTERN = /^[a-z0-9-]{3,40}$/;
export const idSchema = z.string().regex(ID_PATTERN, 'ids are 3-40 characters: a-z, 0-9 and -');

// Same spelling as the scorer's regions ("Madre de Dios", "Apurímac"); matched without case
// or accents (see sameRegion).
const regionSchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .'-]*$/u, "a region is a name: letters, spaces, . ' -");

const timeZoneSchema = z.string().refine(isValidTimeZone, 'not an IANA time zone this runtime knows, e.g. America/Lima');

const instantSchema = z.iso.datetime({ offset: true });

export const responderSchema = z.object({
  responderId: idSchema,
  name: z.string().trim().min(1).max(80),
  /**
   * The agency the responder answers for ('police', 'prosecutor', 'shelter', ...): shown to
   * supervisors and used to build rotations. Not a Cognito group: every responder signs in
   * with the 'responder' role of functions/config/tables.ts ROLES.
   */
  role: z.string().regex(/^[a-z][a-z_]{1,29}$/, 'a role is a lowercase word, e.g. police'),
  regions: z.array(regionSchema).min(1).max(20),
  lang: z.enum(LANGS),
  active: z.boolean(),
  /** The agency (Roster `agencies`) this responder answers for; decides whether they are a local authority. */
  agencyId: idSchema.optional(),
  /**
   * Places or venues the responder declared a conflict of interest with ("La Cabaña", "km 108"):
   * never paged or referred for a tip that names one (core/paging/routing.ts).
   */
  conflicts: z.array(z.string().trim().min(2).max(60)).max(20).optional(),
  // No phone number here, on purpose: the adapters seal it in a vault (as the contact vault
  // does for tipsters), keyed by a responderKey, so that a leak of the roster or of a log
  // line cannot reveal who carries the on-call phone.
});
export type Responder = z.infer<typeof responderSchema>;

export const rotationSchema = z
  .object({
    rotationId: idSchema,
    region: z.union([regionSchema, z.literal(DEFAULT_REGION)]),
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    handoff: z.object({
      /** ISO weekday, 1 = Monday. */
      weekday: z.int().min(1).max(7),
      /** Local wall time of the hand-off, 'HH:MM'. */
      time: z.string().refine((t) => parseLocalTime(t) !== undefined, 'hand-off time is HH:MM, 00:00 to 23:59'),
    }),
    /** responderIds, in the order they take the week; the same person may appear twice. */
    participants: z.array(idSchema).min(1).max(60),
    /** Local date of the first hand-off; participants[0] is on call from then. */
    firstHandoff: z.string().refine((d) => parseLocalDate(d) !== undefined, 'first hand-off is a date, YYYY-MM-DD'),
  })
  .check((ctx) => {
    const first = parseLocalDate(ctx.value.firstHandoff);
    if (first && isoWeekday(first) !== ctx.value.handoff.weekday) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.firstHandoff,
        path: ['firstHandoff'],
        message: `the first hand-off must fall on the hand-off weekday (${ctx.value.handoff.weekday}); ${ctx.value.firstHandoff} is a ${isoWeekday(first)}`,
      });
    }
  });
export type Rotation = z.output<typeof rotationSchema>;
export type RotationInput = z.input<typeof rotationSchema>;

const MAX_OVERRIDE_DAYS = 62;

export const overrideSchema = z
  .object({
    overrideId: idSchema,
    rotationId: idSchema,
    /** Who covers the window; null = an absence nobody covers (nobody on call then). */
    responderId: idSchema.nullable(),
    /** Half-open [start, end). */
    start: instantSchema,
    end: instantSchema,
    reason: z.string().trim().min(1).max(200),
  })
  .check((ctx) => {
    const length = Date.parse(ctx.value.end) - Date.parse(ctx.value.start);
    if (!(length > 0)) {
      ctx.issues.push({ code: 'custom', input: ctx.value.end, path: ['end'], message: 'an override ends after it starts' });
    } else if (length > MAX_OVERRIDE_DAYS * 86_400_000) {
      // Longer than that is a change of rotation, and should be made as one.
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.end,
        path: ['end'],
        message: `an override lasts at most ${MAX_OVERRIDE_DAYS} days; change the rotation instead`,
      });
    }
  });
export type Override = z.infer<typeof overrideSchema>;

export const escalationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rotation'), rotationId: idSchema }),
  z.object({ kind: z.literal('responder'), responderId: idSchema }),
]);
export type EscalationTarget = z.infer<typeof escalationTargetSchema>;

export const escalationPolicySchema = z.object({
  policyId: idSchema,
  region: z.union([z.literal(DEFAULT_REGION), regionSchema]),
  levels: z
    .array(
      z.object({
        target: escalationTargetSchema,
        /** Minutes to wait for an ACK before the next level is paged. */
        deadlineMinutes: z.int().min(1).max(240),
      }),
    )
    .min(1)
    .max(10),
  /**
   * Automatic page SMS this region may send in any 60 minutes (core/paging/ledger.ts), when it
   * should differ from the paging function's setting (ENV.pageBudgetPerRegionHour): a busier
   * region, or a quieter one. Pages an operator decided on are never held by it.
   */
  pageBudgetPerHour: z.int().min(1).max(PAGING_GUARDS.maxBudgetPerHour).optional(),
});
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

/**
 * What an agency is, for routing and referrals. `local_police`: the comisaría of the area;
 * `anti_trafficking_police`: the national police unit against trafficking (DIRCTPTIM);
 * `prosecutor`: the specialised prosecutor's office (FISTRAP); `shelter`: a residential care
 * centre (CAR); `ngo`; `child_protection`: the child-protection service (UPE, DEMUNA).
 */
export const AGENCY_KINDS = ['local_police', 'anti_trafficking_police', 'prosecutor', 'shelter', 'ngo', 'child_protection'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** An agency of the directory. Its contact is sealed beside it (like a responder's phone), never here. */
export const agencySchema = z.object({
  agencyId: idSchema,
  name: z.string().trim().min(2).max(120),
  kind: z.enum(AGENCY_KINDS),
  region: regionSchema,
  active: z.boolean(),
});
export type Agency = z.infer<typeof agencySchema>;

/**
 * What a supervisor decided for one region: which agency kinds are its local authority (skipped
 * when a tip implicates officials), and optionally the policy paged instead in that case.
 */
export const regionRuleSchema = z.object({
  ruleId: idSchema,
  region: z.union([regionSchema, z.literal(DEFAULT_REGION)]),
  localAuthorityKinds: z.array(z.enum(AGENCY_KINDS)).max(AGENCY_KINDS.length),
  complicityPolicyId: idSchema.optional(),
});
export type RegionRule = z.infer<typeof regionRuleSchema>;

/** A region without a rule of its own: its local police are the local authority. */
export const DEFAULT_LOCAL_AUTHORITY_KINDS: readonly AgencyKind[] = ['local_police'];

/** Everything paging reads, loaded once per decision (a roster is tens of items). */
export interface Roster {
  responders: Responder[];
  rotations: Rotation[];
  overrides: Override[];
  policies: EscalationPolicy[];
  /** The agency directory; absent in rosters written before agencies existed. */
  agencies?: Agency[];
  regionRules?: RegionRule[];
}

/** Region names compare without case, accents or extra spaces ("Apurimac" = "Apurímac"). */
export function regionKey(region: string): string {
  return region.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export const sameRegion = (a: string, b: string): boolean => regionKey(a) === regionKey(b);
