// Cases and referrals (issue 17): tips an operator linked as one case, and the case referred to
// agencies of the directory, each referral with its lifecycle (sent, received, acting, closed),
// the agency's own reference, and its outcome in counts. What is stored, what the API answers,
// and the bodies it takes.
import { randomInt } from 'node:crypto';
import * as z from 'zod';
import { type AgencyKind, idSchema } from '../paging/model';
import type { IndicatorId, Level } from '../tip';
import { tipIdSchema } from '../tip-id';
import type { StaffRef } from '../tip-record';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_BODY = '[0-9A-HJKMNP-TV-Z]{8}';

/** "C" and 8 characters of Crockford's base32, like a tip id, so that it is read out as easily. */
export const CASE_ID_PATTERN = new RegExp(`^C${ID_BODY}$`);
export const REFERRAL_ID_PATTERN = new RegExp(`^R${ID_BODY}$`);

const idOf = (prefix: 'C' | 'R', randomIndex: (max: number) => number): string => {
  let id = prefix;
  for (let i = 0; i < 8; i++) id += CROCKFORD[randomIndex(CROCKFORD.length)];
  return id;
};
export const newCaseId = (randomIndex: (max: number) => number = randomInt): string => idOf('C', randomIndex);
export const newReferralId = (randomIndex: (max: number) => number = randomInt): string => idOf('R', randomIndex);

/** What people say and an agency quotes back: `C-7K2F9QXM`. */
export const caseCode = (caseId: string): string => `C-${caseId.slice(1)}`;

/** Read from a path, upper-cased as people may type it lower-case. */
export const caseIdSchema = z
  .string()
  .transform((id) => id.toUpperCase())
  .pipe(z.string().regex(CASE_ID_PATTERN, 'A case id is C and 8 letters and digits, as the case shows it, e.g. C7K2F9QXM.'));
export const referralIdSchema = z
  .string()
  .transform((id) => id.toUpperCase())
  .pipe(z.string().regex(REFERRAL_ID_PATTERN, 'A referral id is R and 8 letters and digits, as the case lists it.'));

/**
 * Tips in one case at most: the case view reads each tip, its thread and its paging. A case that
 * grows past this is several cases (one per victim or place) and should be kept as such.
 */
export const MAX_TIPS_PER_CASE = 50;

export interface CaseRecord {
  caseId: string;
  /** Oldest link first: the tip the case began with is the first. */
  tipIds: string[];
  createdAt: string;
  createdBy: StaffRef;
  /** Every write checks and bumps it, as a tip's. */
  version: number;
}

/** Forward only: an agency does not un-receive a case. `closed` needs an outcome. */
export const REFERRAL_STATUSES = ['sent', 'received', 'acting', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const referralRank = (status: ReferralStatus): number => REFERRAL_STATUSES.indexOf(status);

/** Which of the case's facts the operator chose to share beside the summary. */
export interface ReferralShare {
  level: boolean;
  indicators: boolean;
  places: boolean;
}

/** The facts as they were shared when the referral was made (what the agency's SMS said). */
export interface SharedFacts {
  level?: Level;
  indicators?: IndicatorId[];
  /** Canonical place names (the scorer's lexicon), never the tipster's words. */
  places?: string[];
}

export interface ReferralStep {
  status: ReferralStatus;
  at: string;
  by: StaffRef;
  agencyReference?: string;
  note?: string;
}

export interface ReferralOutcome {
  rescuedAdults: number;
  rescuedMinors: number;
  arrests: number;
  chargesFiled: boolean;
  conviction: boolean;
  /** Required when nothing happened (every count 0, both false): why. */
  noActionReason?: string;
  at: string;
  by: StaffRef;
}

export type DeliveryState = 'sent' | 'failed' | 'no_contact';

export interface ReferralRecord {
  referralId: string;
  caseId: string;
  agencyId: string;
  agencyName: string;
  agencyKind: AgencyKind;
  status: ReferralStatus;
  /** The agency's own number for the case (an oficio, a carpeta fiscal). */
  agencyReference?: string;
  /** What the operator chose to tell the agency, redacted before it was stored. */
  summary: string;
  share: ReferralShare;
  shared: SharedFacts;
  createdAt: string;
  createdBy: StaffRef;
  /** Creation, each status change and the outcome; reminders count from it. */
  lastUpdateAt: string;
  history: ReferralStep[];
  outcome?: ReferralOutcome;
  reminders: Array<{ at: string }>;
  /** How the agency's SMS went (paging sends it); absent until it was tried. */
  delivery?: { state: DeliveryState; at: string };
  /** A supervisor referred a case that implicates officials to a local authority anyway. */
  override?: { reason: string; by: StaffRef };
  version: number;
}

/** A referral as the API answers it: the shared snapshot, the override and the version stay inside. */
export type ReferralView = Omit<ReferralRecord, 'shared' | 'override' | 'version'>;

export function toReferralView(referral: ReferralRecord): ReferralView {
  const { shared: _shared, override: _override, version: _version, ...view } = referral;
  return view;
}

export const isReferralOpen = (referral: Pick<ReferralRecord, 'status'>): boolean => referral.status !== 'closed';

// The bodies of the routes. Every message says what to send instead.

export const linkBody = z.strictObject({
  to: z
    .string({ error: 'to is the id of the tip whose case this tip joins' })
    .trim()
    .pipe(tipIdSchema)
    .transform((id): string => id),
});

export const OVERRIDE_REASON = { min: 10, max: 300 } as const;
export const SUMMARY_MAX = 1000;

export const referralBody = z.strictObject({
  agencyId: idSchema,
  summary: z
    .string({ error: 'summary is what you tell the agency about the case' })
    .trim()
    .min(1, 'summary is what you tell the agency about the case, in a few sentences')
    .max(SUMMARY_MAX, `summary must be at most ${SUMMARY_MAX} characters`),
  share: z.strictObject(
    { level: z.boolean(), indicators: z.boolean(), places: z.boolean() },
    { error: 'share says what else the agency is told: {"level": true, "indicators": true, "places": false}' },
  ),
  override: z
    .strictObject({
      reason: z
        .string({ error: 'say why this local authority must get the case anyway' })
        .trim()
        .min(OVERRIDE_REASON.min, 'say why this local authority must get the case anyway, e.g. "la fiscal pidió que la comisaría acompañe"')
        .max(OVERRIDE_REASON.max, `reason must be at most ${OVERRIDE_REASON.max} characters`),
    })
    .optional(),
});
export type ReferralBody = z.infer<typeof referralBody>;

export const referralStatusBody = z.strictObject({
  status: z.enum(['received', 'acting', 'closed'], { error: 'status is received, acting or closed' }),
  agencyReference: z.string().trim().min(1).max(60, 'agencyReference must be at most 60 characters').optional(),
  note: z.string().trim().min(1).max(500, 'note must be at most 500 characters').optional(),
});
export type ReferralStatusBody = z.infer<typeof referralStatusBody>;

const count = (field: string) =>
  z
    .int({ error: `${field} is a whole number, 0 if none` })
    .min(0, `${field} is a whole number, 0 if none`)
    .max(10_000, `${field} is at most 10000`);
export const NO_ACTION_REASON_MAX = 300;

export const referralOutcomeBody = z
  .strictObject({
    rescuedAdults: count('rescuedAdults'),
    rescuedMinors: count('rescuedMinors'),
    arrests: count('arrests'),
    chargesFiled: z.boolean({ error: 'chargesFiled is true or false' }),
    conviction: z.boolean({ error: 'conviction is true or false' }),
    noActionReason: z.string().trim().min(1).max(NO_ACTION_REASON_MAX, `noActionReason must be at most ${NO_ACTION_REASON_MAX} characters`).optional(),
  })
  .check((ctx) => {
    const o = ctx.value;
    const nothing = o.rescuedAdults === 0 && o.rescuedMinors === 0 && o.arrests === 0 && !o.chargesFiled && !o.conviction;
    if (nothing && !o.noActionReason) {
      ctx.issues.push({
        code: 'custom',
        input: o.noActionReason,
        path: ['noActionReason'],
        message: 'nothing was recorded (no rescue, arrest, charge or conviction): say why in noActionReason, e.g. "la víctima ya no estaba en el lugar"',
      });
    }
  });
export type ReferralOutcomeBody = z.infer<typeof referralOutcomeBody>;
