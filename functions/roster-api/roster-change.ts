// What a supervisor's change to the roster is, read from a request, and whether the roster can
// take it. Pure: the handler loads the roster, asks here, and writes only what passed.
import { contactKey, isSenderAddress, normaliseSenderAddress } from '../core/contact-key';
import { Conflict, InvalidRequest, NotFound } from '../core/errors';
import {
  agencySchema,
  escalationPolicySchema,
  idSchema,
  overrideSchema,
  regionRuleSchema,
  responderSchema,
  rosterProblems,
  rotationSchema,
  type Agency,
  type EscalationPolicy,
  type Override,
  type RegionRule,
  type Responder,
  type Roster,
  type Rotation,
  venueForm,
} from '../core/paging';

export type RosterItemKind = 'responder' | 'rotation' | 'override' | 'policy' | 'agency' | 'region';

interface Items {
  responder: Responder;
  rotation: Rotation;
  override: Override;
  policy: EscalationPolicy;
  agency: Agency;
  region: RegionRule;
}

export type RosterChange =
  | { kind: 'responder'; op: 'put'; item: Responder }
  | { kind: 'rotation'; op: 'put'; item: Rotation }
  | { kind: 'override'; op: 'put'; item: Override }
  | { kind: 'policy'; op: 'put'; item: EscalationPolicy }
  | { kind: 'agency'; op: 'put'; item: Agency }
  | { kind: 'region'; op: 'put'; item: RegionRule }
  | { kind: 'override'; op: 'delete'; id: string };

const ID_KEYS = {
  responder: 'responderId',
  rotation: 'rotationId',
  override: 'overrideId',
  policy: 'policyId',
  agency: 'agencyId',
  region: 'ruleId',
} as const satisfies {
  [K in RosterItemKind]: keyof Items[K];
};
const LISTS = {
  responder: 'responders',
  rotation: 'rotations',
  override: 'overrides',
  policy: 'policies',
  agency: 'agencies',
  region: 'regionRules',
} as const satisfies Record<RosterItemKind, keyof Roster>;
const SCHEMAS = {
  responder: responderSchema,
  rotation: rotationSchema,
  override: overrideSchema,
  policy: escalationPolicySchema,
  agency: agencySchema,
  region: regionRuleSchema,
} as const;

export class RosterConflict extends Conflict {
  override name = 'RosterConflict';
  override readonly code = 'roster_conflict';
  constructor(readonly problems: string[]) {
    super('This change would leave the on-call roster inconsistent; fix the problems listed and try again.');
  }
  override body() {
    return { problems: this.problems };
  }
}

export class RosterItemNotFound extends NotFound {
  override name = 'RosterItemNotFound';
  constructor(kind: RosterItemKind, id: string) {
    super(`No ${kind} ${id} in the roster; reload the roster to see what is there.`);
  }
}

export class PhoneInUse extends Conflict {
  override name = 'PhoneInUse';
  override readonly code = 'phone_in_use';
  constructor() {
    // One number, one responder: an ACK must name exactly one person, and replacing the
    // number of one must not silently unregister the other. The holder is not named: a number
    // typed in must not tell whose it is (the roster shows no phones to anyone, supervisors included).
    super(
      'This phone number is already on the roster for another responder, and one number can page only one person. ' +
        "If this person already has an entry, edit that one instead; if the number changed hands, change it on the old holder's entry first, then save this one again.",
    );
  }
}

const PHONE_HINT = 'a phone number in E.164 form: + and the country code, then the number (+51 and 9 digits in Peru)';

function invalid(fields: Record<string, string>): InvalidRequest {
  return new InvalidRequest('The request could not be read; see the fields below.', fields);
}

/** The id in the path, checked as the schemas check ids. */
export function readPathId(pathId: string | undefined): string {
  const parsed = idSchema.safeParse(pathId ?? '');
  if (!parsed.success)
    throw new InvalidRequest('Ids in the path are 3-40 characters: a-z, 0-9 and -.', { id: parsed.error.issues[0]?.message ?? 'invalid id' });
  return parsed.data;
}

/**
 * A PUT body for one roster item. The id comes from the path; a body may repeat it but not
 * contradict it. Unknown fields are refused rather than dropped, so that a typo ("region" for
 * "regions") is not saved as if it had been understood. Every field's problem is reported at once.
 */
export function readRosterItem<K extends RosterItemKind>(kind: K, pathId: string, body: unknown, extraFields: readonly string[] = []): Items[K] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid({ '(body)': 'send a JSON object' });
  const idKey = ID_KEYS[kind];
  const schema = SCHEMAS[kind];
  const fields: Record<string, string> = {};
  const known = new Set<string>([...Object.keys(schema.shape), ...extraFields]);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key)) fields[key] = 'unknown field';
    else if (!extraFields.includes(key)) input[key] = value;
  }
  if (idKey in input && input[idKey] !== pathId) fields[idKey] = `must be the id in the path (${pathId}), or left out`;
  const parsed = schema.safeParse({ ...input, [idKey]: pathId });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.') || '(body)';
      fields[key] ??= issue.message;
    }
  }
  if (Object.keys(fields).length > 0 || !parsed.success) throw invalid(fields);
  return parsed.data as Items[K];
}

/** A PUT of a rotation, override, policy or region rule: the items with nothing sealed beside them. */
export type ItemPut = Extract<RosterChange, { op: 'put'; kind: 'rotation' | 'override' | 'policy' | 'region' }>;

export function readItemPut(kind: ItemPut['kind'], pathId: string, body: unknown): ItemPut {
  switch (kind) {
    case 'rotation':
      return { kind, op: 'put', item: readRosterItem(kind, pathId, body) };
    case 'override':
      return { kind, op: 'put', item: readRosterItem(kind, pathId, body) };
    case 'policy':
      return { kind, op: 'put', item: readRosterItem(kind, pathId, body) };
    case 'region':
      return { kind, op: 'put', item: readRosterItem(kind, pathId, body) };
    default: {
      const unexpected: never = kind;
      throw new Error(`Unknown roster kind ${String(unexpected)}`);
    }
  }
}

export interface ResponderPut {
  responder: Responder;
  /** E.164, when the request sets a phone; absent keeps the one on file. */
  phone?: string;
}

export function readResponderPut(pathId: string, body: unknown): ResponderPut {
  let responder: Responder | undefined;
  let fields: Record<string, string> = {};
  try {
    responder = readRosterItem('responder', pathId, body, ['phone']);
  } catch (error: unknown) {
    if (!(error instanceof InvalidRequest)) throw error;
    fields = { ...error.fields };
  }
  const phone: unknown = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).phone : undefined;
  if (phone !== undefined && (typeof phone !== 'string' || !isSenderAddress(phone))) fields.phone = PHONE_HINT;
  if (!responder || Object.keys(fields).length > 0) throw invalid(fields);
  return typeof phone === 'string' ? { responder, phone: normaliseSenderAddress(phone) } : { responder };
}

export interface AgencyPut {
  agency: Agency;
  /** E.164, when the request sets the agency's contact; absent keeps the one on file. */
  contact?: string;
}

export function readAgencyPut(pathId: string, body: unknown): AgencyPut {
  let agency: Agency | undefined;
  let fields: Record<string, string> = {};
  try {
    agency = readRosterItem('agency', pathId, body, ['contact']);
  } catch (error: unknown) {
    if (!(error instanceof InvalidRequest)) throw error;
    fields = { ...error.fields };
  }
  const contact: unknown = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).contact : undefined;
  if (contact !== undefined && (typeof contact !== 'string' || !isSenderAddress(contact))) fields.contact = PHONE_HINT;
  if (!agency || Object.keys(fields).length > 0) throw invalid(fields);
  return typeof contact === 'string' ? { agency, contact: normaliseSenderAddress(contact) } : { agency };
}

const conflictsSchema = responderSchema.shape.conflicts.unwrap();

/** A responder's own declaration: the places they must never be paged or referred for. */
export function readConflictsPut(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid({ '(body)': 'send a JSON object: { "conflicts": ["..."] }' });
  const fields: Record<string, string> = {};
  for (const key of Object.keys(body)) if (key !== 'conflicts') fields[key] = 'unknown field';
  const parsed = conflictsSchema.safeParse((body as Record<string, unknown>).conflicts);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[['conflicts', ...issue.path.map(String)].join('.')] ??= issue.message;
  }
  if (Object.keys(fields).length > 0 || !parsed.success) throw invalid(fields);
  // "La Cabaña" and "la cabana" are one place to routing (venueForm): kept once, as first written.
  const seen = new Set<string>();
  return parsed.data.filter((venue) => !seen.has(venueForm(venue)) && seen.add(venueForm(venue)));
}

/** The phone as the roster store takes it: E.164 and the key intake will look the sender up by. */
export function responderPhone(e164: string, contactKeySecret: string): { e164: string; contactKey: string } {
  return { e164, contactKey: contactKey(e164, contactKeySecret) };
}

function idOf(kind: RosterItemKind, item: Items[RosterItemKind]): string {
  return (item as unknown as Record<string, string>)[ID_KEYS[kind]]!;
}

/** The roster as it would be after the change; a put replaces the item with its id or adds it. */
export function applyChange(roster: Roster, change: RosterChange): Roster {
  const list = LISTS[change.kind];
  // Rosters written before agencies and region rules have neither list.
  const current = (roster[list] ?? []) as Array<Items[RosterItemKind]>;
  if (change.op === 'delete') {
    const kept = current.filter((item) => idOf(change.kind, item) !== change.id);
    if (kept.length === current.length) throw new RosterItemNotFound(change.kind, change.id);
    return { ...roster, [list]: kept };
  }
  const id = idOf(change.kind, change.item);
  const replaced = current.some((item) => idOf(change.kind, item) === id);
  const next = replaced ? current.map((item) => (idOf(change.kind, item) === id ? change.item : item)) : [...current, change.item];
  return { ...roster, [list]: next };
}

export function changeId(change: RosterChange): string {
  return change.op === 'delete' ? change.id : idOf(change.kind, change.item);
}

/**
 * Problems the change would add. A roster that is already imperfect (being built up item by
 * item, or broken before this check existed) can still be edited, as long as no edit makes it
 * worse: that is what lets a supervisor fix one problem at a time.
 */
export function addedProblems(before: Roster, after: Roster): string[] {
  const existing = new Set(rosterProblems(before));
  return rosterProblems(after).filter((problem) => !existing.has(problem));
}

/** The roster after the change, or RosterConflict with what the change would break. */
export function checkedChange(roster: Roster, change: RosterChange): Roster {
  const after = applyChange(roster, change);
  const added = addedProblems(roster, after);
  if (added.length > 0) throw new RosterConflict(added);
  return after;
}
