// The SMS a referral sends: to the agency (the case's code, what the operator chose to share and
// the redacted summary), and to supervisors when it has waited too long. All GSM-7, so that a
// cheap phone gets it whole; the agency's may take several segments (the summary is up to 1000
// characters), each one GSM-7.
import pagingMessages from '../paging/messages.json' with { type: 'json' };
import { toGsm7 } from '../paging/gsm7';
import type { IndicatorId, Lang } from '../tip';
import { caseCode, type ReferralRecord } from './model';
import messages from './referral-messages.json' with { type: 'json' };

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** The labels pages use, in Spanish: an agency reads the same words a responder does. */
const indicatorLabel = (id: IndicatorId): string => (pagingMessages.es.indicators as Record<string, string>)[id] ?? id;

export function agencyText(referral: Pick<ReferralRecord, 'caseId' | 'agencyName' | 'shared' | 'summary'>): string {
  const m = messages.agency;
  const code = caseCode(referral.caseId);
  const { level, indicators, places } = referral.shared;
  const parts = [
    fill(m.head, { code, agency: referral.agencyName }),
    level !== undefined ? fill(m.level, { level: m.levels[level] }) : '',
    indicators !== undefined && indicators.length > 0 ? fill(m.indicators, { indicators: indicators.map(indicatorLabel).join(', ') }) : '',
    places !== undefined && places.length > 0 ? fill(m.places, { places: places.join(', ') }) : '',
    fill(m.summary, { summary: referral.summary }),
    fill(m.tail, { code }),
  ];
  return toGsm7(parts.join(''));
}

export function reminderText(referral: Pick<ReferralRecord, 'caseId' | 'agencyName' | 'status'>, overdueDays: number, lang: Lang): string {
  const m = lang === 'en' ? messages.reminder.en : messages.reminder.es;
  return toGsm7(fill(m.text, { code: caseCode(referral.caseId), agency: referral.agencyName, days: String(overdueDays), status: m.statuses[referral.status] }));
}
