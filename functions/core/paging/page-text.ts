// What a responder's phone shows. Anyone may see that phone (at a checkpoint, in a bar, at
// home), so a page carries the urgency, the code, the region and indicator names, and never a
// word the tipster wrote or anything about them. One GSM-7 segment, so that it arrives whole.
import type { IndicatorId, Lang } from '../tip';
import { TIP_ID_PATTERN } from '../tip-id';
import { SMS_SEGMENT_SEPTETS, toGsm7 } from './gsm7';
import { DEFAULT_TIME_ZONE } from './model';
import { localParts } from './zoned-time';
import messages from './messages.json' with { type: 'json' };

export { isGsm7, gsm7Length, toGsm7 } from './gsm7';

export type PageLevel = 'critical' | 'high';

/** The 4 characters that name a tip on a page and in `ACK 7K2F`; the rest of the id stays in the system. */
export type PageCode = string & { readonly __brand: 'PageCode' };

export function pageCode(tipId: string): PageCode {
  if (!TIP_ID_PATTERN.test(tipId)) throw new RangeError('pageCode needs an 8-character tip id (Crockford base32)');
  return tipId.slice(0, 4) as PageCode;
}

/**
 * Most telling first, so that when indicators must be dropped the least telling go.
 * official_complicity is never paged: the page must not tell a responder, who may be the
 * official in question, why the usual first call was skipped.
 */
const PAGE_ORDER: ReadonlyArray<Exclude<IndicatorId, 'official_complicity'>> = [
  'imminent_danger',
  'minor',
  'sexual_exploitation',
  'confinement',
  'violence',
  'threats',
  'document_retention',
  'debt_bondage',
  'withheld_wages',
  'labor_exploitation',
  'deception',
];

/** Region names come from the place lexicon, but a long one must not crowd out the rest. */
const MAX_REGION_CHARS = 30;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function regionLabel(region: string | null, lang: Lang): string {
  if (region === null || region.trim() === '') return messages[lang].noRegion;
  return toGsm7(region).slice(0, MAX_REGION_CHARS).trim();
}

export interface PageInput {
  level: PageLevel;
  code: string;
  region: string | null;
  indicators: readonly IndicatorId[];
  lang: Lang;
}

/** e.g. `tipline CRITICO T-7K2F Madre de Dios: menor, documentos retenidos. Responde ACK 7K2F` */
export function pageText({ level, code, region, indicators, lang }: PageInput): string {
  const m = messages[lang];
  const values = { level: m.levels[level], code: toGsm7(code), region: regionLabel(region, lang) };
  const head = toGsm7(fill(m.page.head, values));
  const tail = toGsm7(fill(m.page.tail, values));
  const labels = PAGE_ORDER.filter((id) => indicators.includes(id)).map((id) => toGsm7(m.indicators[id]));
  for (let shown = labels.length; shown >= 0; shown--) {
    const hidden = labels.length - shown;
    const list = labels.slice(0, shown).join(', ') + (hidden > 0 ? `${shown > 0 ? ' ' : ''}+${hidden}` : '');
    const text = `${head}${list ? `: ${list}` : ''}${tail}`;
    if (text.length <= SMS_SEGMENT_SEPTETS) return text;
  }
  // Unreachable with the shipped messages (a test holds every language to it); kept so that a
  // bad translation still sends one segment rather than a split page.
  return `${head}${tail}`.slice(0, SMS_SEGMENT_SEPTETS);
}

/** Sent back when a responder's ACK stopped the escalation. */
export function confirmationText(lang: Lang, code: string): string {
  return toGsm7(fill(messages[lang].confirmation, { code: toGsm7(code) }));
}

/** Sent back when an ACK names no open page of that responder. */
export function ackUnknownText(lang: Lang): string {
  return toGsm7(messages[lang].ackUnknown);
}

/** Sent back when someone else acknowledged the tip first. */
export function alreadyAcknowledgedText(lang: Lang, code: string): string {
  return toGsm7(fill(messages[lang].alreadyAcknowledged, { code: toGsm7(code) }));
}

export type SupervisorReason = 'nobody_on_call' | 'policy_exhausted' | 'paging_stopped' | 'budget_spent';

export interface SupervisorNoticeInput {
  reason: SupervisorReason;
  code: string;
  level: PageLevel;
  region: string | null;
  /** 0-based, as in the escalation state. */
  cycle: number;
  /** 0-based levels that had nobody on call (nobody_on_call only). */
  steps?: readonly number[];
  policyId?: string;
  /** budget_spent only: the pages sent in the hour, and when held pages may go (an ISO instant). */
  budget?: { spent: number; until: string };
  lang: Lang;
}

/** Supervisors read times in the line's zone: Peru has one, and no daylight saving. */
function wallClock(iso: string | undefined): string {
  if (!iso || !Number.isFinite(Date.parse(iso))) return '';
  const { hour, minute } = localParts(new Date(iso), DEFAULT_TIME_ZONE);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The SMS to every supervisor for a `notify_supervisors` action; like a page, no tip content. */
export function supervisorText(input: SupervisorNoticeInput): string {
  const m = messages[input.lang];
  const text = fill(m.supervisor[input.reason], {
    code: toGsm7(input.code),
    level: m.levels[input.level],
    region: regionLabel(input.region, input.lang),
    round: String(input.cycle + 1),
    steps: (input.steps ?? []).map((s) => String(s + 1)).join(','),
    policy: input.policyId ?? '',
    spent: String(input.budget?.spent ?? ''),
    until: wallClock(input.budget?.until),
  });
  return toGsm7(text).slice(0, SMS_SEGMENT_SEPTETS);
}
