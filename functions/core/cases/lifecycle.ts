// A referral's life: made to an agency of the directory (never to a local authority when the case
// says officials may be involved, unless a supervisor overrides it with a reason), then moved
// forward only (sent -> received -> acting -> closed, skipping allowed), closed only with an
// outcome. Pure: each returns the referral as it should be written and the audit details; the
// route writes it on the version it read.
import type { Actor } from '../operator-actions';
import { staffRef } from '../operator-actions';
import { Forbidden, InvalidRequest } from '../errors';
import type { Agency, RegionRule } from '../paging/model';
import { implicatesOfficials, localAuthorityKinds } from '../paging/routing';
import { redactIdentifiers } from '../redaction/redact';
import { levelRank, type IndicatorId, type Level } from '../tip';
import type { TipRecord } from '../tip-record';
import { AgencyInactive, AgencyNotFound, LocalAuthorityImplicated, OutcomeRequired, ReferralBackwards } from './errors';
import {
  type ReferralBody,
  type ReferralOutcomeBody,
  type ReferralRecord,
  type ReferralStatusBody,
  type ReferralStep,
  referralRank,
  type SharedFacts,
} from './model';

const isSupervisor = (actor: Actor): boolean => actor.roles.includes('supervisor');

/** Whether any tip of the case implicates officials now (core/paging/routing). */
export const caseImplicatesOfficials = (tips: readonly Pick<TipRecord, 'indicators'>[]): boolean => tips.some((tip) => implicatesOfficials(tip.indicators));

/** An agency whose kind is a local authority in its own region (the region's rule, or the local police). */
export const isLocalAuthorityAgency = (agency: Pick<Agency, 'kind' | 'region'>, rules: readonly RegionRule[]): boolean =>
  localAuthorityKinds(agency.region, rules).includes(agency.kind);

/**
 * Never in what an agency is told: the SMS may be read by the official the tip is about (as a
 * page may, core/paging/page-text). A supervisor who refers such a case tells the agency by phone.
 */
const NEVER_SHARED: ReadonlySet<IndicatorId> = new Set<IndicatorId>(['official_complicity']);
const MAX_SHARED_PLACES = 5;

/** The facts of the case the operator chose to share: its highest level, current indicators, canonical places. */
export function sharedFacts(tips: readonly TipRecord[], share: ReferralBody['share']): SharedFacts {
  const levels = tips.map((tip) => tip.level);
  const top = levels.reduce<Level | undefined>((best, level) => (best === undefined || levelRank(level) > levelRank(best) ? level : best), undefined);
  const indicators = [
    ...new Set(
      tips.flatMap((tip) => tip.indicators.filter((finding) => finding.tense !== 'past' && !NEVER_SHARED.has(finding.id)).map((finding) => finding.id)),
    ),
  ];
  const places = [...new Set(tips.flatMap((tip) => tip.places.map((place) => place.place)))].slice(0, MAX_SHARED_PLACES);
  return {
    ...(share.level && top !== undefined ? { level: top } : {}),
    ...(share.indicators ? { indicators } : {}),
    ...(share.places ? { places } : {}),
  };
}

export interface ReferralDecision {
  referral: ReferralRecord;
  details: Record<string, string>;
}

export interface NewReferralInput {
  caseId: string;
  referralId: string;
  tips: readonly TipRecord[];
  agency: Agency | undefined;
  agencyId: string;
  rules: readonly RegionRule[];
  body: ReferralBody;
  actor: Actor;
  now: Date;
}

/**
 * A referral as made: checked against the directory and the case, its summary redacted with the
 * project's redactor (a number or a document the operator pasted never leaves; the identifiers
 * it finds are dropped, not sealed: they are the operator's words, kept in the tip already).
 */
export function newReferral(input: NewReferralInput): ReferralDecision {
  const { agency, body, actor, now } = input;
  if (!agency) throw new AgencyNotFound(input.agencyId);
  if (!agency.active) throw new AgencyInactive(agency.name);
  const localAuthority = isLocalAuthorityAgency(agency, input.rules);
  const refused = localAuthority && caseImplicatesOfficials(input.tips);
  if (refused && !body.override) throw new LocalAuthorityImplicated(agency.name, isSupervisor(actor));
  if (refused && !isSupervisor(actor)) {
    throw new Forbidden('Only a supervisor can refer a case that implicates officials to a local authority; ask one, or pick another agency.');
  }
  const at = now.toISOString();
  const by = staffRef(actor);
  const referral: ReferralRecord = {
    referralId: input.referralId,
    caseId: input.caseId,
    agencyId: agency.agencyId,
    agencyName: agency.name,
    agencyKind: agency.kind,
    status: 'sent',
    summary: redactIdentifiers(body.summary).text,
    share: body.share,
    shared: sharedFacts(input.tips, body.share),
    createdAt: at,
    createdBy: by,
    lastUpdateAt: at,
    history: [{ status: 'sent', at, by }],
    reminders: [],
    ...(refused && body.override ? { override: { reason: body.override.reason, by } } : {}),
    version: 1,
  };
  const shared = (['level', 'indicators', 'places'] as const).filter((fact) => body.share[fact]);
  return {
    referral,
    details: {
      caseId: input.caseId,
      referralId: input.referralId,
      agencyId: agency.agencyId,
      agencyKind: agency.kind,
      shared: shared.join(',') || 'summary only',
      ...(refused && body.override ? { override: 'local_authority_implicated', reason: body.override.reason } : {}),
    },
  };
}

/** A status change, forward only; the same status again is an update of its reference or note. */
export function moveReferral(referral: ReferralRecord, change: ReferralStatusBody, actor: Actor, now: Date): ReferralDecision {
  const from = referral.status;
  if (referralRank(change.status) < referralRank(from)) throw new ReferralBackwards(from, change.status);
  if (change.status === from && change.agencyReference === undefined && change.note === undefined) {
    throw new InvalidRequest(`The referral is already ${from}; move it forward, or send a note or the agency's reference with it.`, {
      status: `already ${from}`,
    });
  }
  if (change.status === 'closed' && !referral.outcome) throw new OutcomeRequired();
  const at = now.toISOString();
  const step: ReferralStep = {
    status: change.status,
    at,
    by: staffRef(actor),
    ...(change.agencyReference !== undefined ? { agencyReference: change.agencyReference } : {}),
    ...(change.note !== undefined ? { note: redactIdentifiers(change.note).text } : {}),
  };
  const agencyReference = change.agencyReference ?? referral.agencyReference;
  return {
    referral: {
      ...referral,
      status: change.status,
      ...(agencyReference !== undefined ? { agencyReference } : {}),
      lastUpdateAt: at,
      history: [...referral.history, step],
    },
    details: {
      caseId: referral.caseId,
      referralId: referral.referralId,
      agencyId: referral.agencyId,
      from,
      to: change.status,
      ...(change.agencyReference !== undefined ? { agencyReference: change.agencyReference } : {}),
      ...(change.note !== undefined ? { note: 'true' } : {}),
    },
  };
}

/** What came of the referral, in counts; recorded again, it replaces the last one (a correction). */
export function recordOutcome(referral: ReferralRecord, outcome: ReferralOutcomeBody, actor: Actor, now: Date): ReferralDecision {
  const at = now.toISOString();
  const { noActionReason, ...counts } = outcome;
  return {
    referral: {
      ...referral,
      outcome: { ...counts, ...(noActionReason !== undefined ? { noActionReason: redactIdentifiers(noActionReason).text } : {}), at, by: staffRef(actor) },
      lastUpdateAt: at,
    },
    details: {
      caseId: referral.caseId,
      referralId: referral.referralId,
      agencyId: referral.agencyId,
      rescuedAdults: String(counts.rescuedAdults),
      rescuedMinors: String(counts.rescuedMinors),
      arrests: String(counts.arrests),
      chargesFiled: String(counts.chargesFiled),
      conviction: String(counts.conviction),
      ...(noActionReason !== undefined ? { noAction: 'true' } : {}),
      ...(referral.outcome ? { corrected: 'true' } : {}),
    },
  };
}
