// Who must not be paged for a tip, whatever the policy says. A tip that says the local police
// take money from the bar must not wake the officer on call at that comisaría: he may be the one
// taking it, and a page would warn the bar. So when a tip implicates officials, the local
// authorities of its region are passed over (or the region's own policy for that case is paged
// instead); and a responder who declared a conflict with a venue the tip names is never paged
// for it. escalation.ts applies this; handle-job.ts reads the tip for it.
import { normaliseForSketch } from './fingerprint';
import {
  AGENCY_KINDS,
  type AgencyKind,
  DEFAULT_LOCAL_AUTHORITY_KINDS,
  DEFAULT_REGION,
  type EscalationPolicy,
  type RegionRule,
  type Responder,
  type Roster,
  sameRegion,
} from './model';
import { policyFor } from './schedule';

/** A tip implicates officials when the scorer read complicity that is not over ("hace años"). */
export function implicatesOfficials(indicators: readonly { id: string; tense?: 'past' }[]): boolean {
  return indicators.some((indicator) => indicator.id === 'official_complicity' && indicator.tense !== 'past');
}

/** Lower case, no accents, and any run of what is not a letter or a digit as one space: the form the duplicate check compares. */
export const venueForm = normaliseForSketch;

/** The venue, as whole words, in the text: "La Cabaña" is in "el bar la cabana", not in "cabanas". */
export function namesVenue(text: string, venue: string): boolean {
  const wanted = venueForm(venue);
  return wanted !== '' && ` ${venueForm(text)} `.includes(` ${wanted} `);
}

/** The region's own rule; for a tip with no region, the 'default' rule. */
export function regionRuleFor(region: string | null, rules: readonly RegionRule[] = []): RegionRule | undefined {
  if (region === null) return rules.find((rule) => rule.region === DEFAULT_REGION);
  return rules.find((rule) => rule.region !== DEFAULT_REGION && sameRegion(rule.region, region));
}

/** The agency kinds that are the local authority of a region: its rule's, or the local police. */
export function localAuthorityKinds(region: string | null, rules: readonly RegionRule[] = []): readonly AgencyKind[] {
  return regionRuleFor(region, rules)?.localAuthorityKinds ?? DEFAULT_LOCAL_AUTHORITY_KINDS;
}

const isAgencyKind = (word: string): word is AgencyKind => (AGENCY_KINDS as readonly string[]).includes(word);

/**
 * The kind of agency a responder answers for: their agency's, or read from their role when the
 * roster does not say (rosters from before agencies; an agency since deleted). A 'police' role
 * is the local police: the national unit has its own agency kind, and must be given it.
 */
export function agencyKindOf(responder: Responder, roster: Pick<Roster, 'agencies'>): AgencyKind | undefined {
  const agency = responder.agencyId === undefined ? undefined : roster.agencies?.find((a) => a.agencyId === responder.agencyId);
  if (agency) return agency.kind;
  if (responder.role === 'police') return 'local_police';
  return isAgencyKind(responder.role) ? responder.role : undefined;
}

export function isLocalAuthority(responder: Responder, region: string | null, roster: Pick<Roster, 'agencies' | 'regionRules'>): boolean {
  const kind = agencyKindOf(responder, roster);
  return kind !== undefined && localAuthorityKinds(region, roster.regionRules).includes(kind);
}

/** What the tip asks of paging, kept on its paging state (ids only: never the tip's words). */
export interface TipRouting {
  /** The tip implicates officials: the local authorities of its region are never paged for it. */
  aroundLocalAuthority?: true;
  /** Responders who declared a conflict with a venue the tip names, sorted. */
  barred?: string[];
}

/** The routing a tip asks for, from its indicators and its normalised redacted text (`searchText`). */
export function routingFor(
  tip: { indicators: readonly { id: string; tense?: 'past' }[]; searchText?: string },
  roster: Pick<Roster, 'responders'>,
): TipRouting {
  const text = tip.searchText ?? '';
  const barred = roster.responders
    .filter((responder) => (responder.conflicts ?? []).some((venue) => namesVenue(text, venue)))
    .map((responder) => responder.responderId)
    .sort();
  return { ...(implicatesOfficials(tip.indicators) ? { aroundLocalAuthority: true } : {}), ...(barred.length > 0 ? { barred } : {}) };
}

/**
 * `state` with the routing the tip asks for now: the same object when nothing changed, and
 * fields absent rather than undefined (states are stored as they are).
 */
export function withRouting<S extends TipRouting>(state: S, routing: TipRouting): S {
  const same = state.aroundLocalAuthority === routing.aroundLocalAuthority && (state.barred ?? []).join(',') === (routing.barred ?? []).join(',');
  if (same) return state;
  const { aroundLocalAuthority: _was, barred: _wasBarred, ...rest } = state;
  return { ...rest, ...routing } as S;
}

export type Exclusion = 'local_authority' | 'conflict';

/** Why this responder may not be paged for the tip, if they may not. */
export function exclusionOf(
  responderId: string,
  tip: TipRouting & { region: string | null },
  roster: Pick<Roster, 'responders' | 'agencies' | 'regionRules'>,
): Exclusion | undefined {
  if (tip.barred?.includes(responderId)) return 'conflict';
  if (!tip.aroundLocalAuthority) return undefined;
  const responder = roster.responders.find((r) => r.responderId === responderId);
  return responder && isLocalAuthority(responder, tip.region, roster) ? 'local_authority' : undefined;
}

/**
 * The policy a round starts with: the region's, or, when the tip implicates officials and the
 * region's rule names one, the policy a supervisor set for that case (if it still exists).
 */
export function roundPolicyFor(tip: TipRouting & { region: string | null }, roster: Pick<Roster, 'policies' | 'regionRules'>): EscalationPolicy {
  const instead = tip.aroundLocalAuthority ? regionRuleFor(tip.region, roster.regionRules)?.complicityPolicyId : undefined;
  return roster.policies.find((policy) => instead !== undefined && policy.policyId === instead) ?? policyFor(tip.region, roster.policies);
}
