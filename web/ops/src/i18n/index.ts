// Spanish by default. The choice lives in this tab's sessionStorage only: nothing about an
// operator's session may outlive the tab on a shared laptop.
// A dictionary per part of the interface, so that each part's words sit with the others of it:
// the base (sign-in, queue, tip), the shift (queue tools, handover, banner), the case (actions
// on a tip, paging, supervisors' views) and the referral (cases, their referrals, the agency
// directory), and the statistics with their printable report. Spanish is the reference: a key
// English lacks fails typecheck:web.
import enCase from './en-case.json';
import enReferral from './en-referral.json';
import enShift from './en-shift.json';
import enStatistics from './en-statistics.json';
import en from './en.json';
import esCase from './es-case.json';
import esReferral from './es-referral.json';
import esShift from './es-shift.json';
import esStatistics from './es-statistics.json';
import es from './es.json';

const esAll = { ...es, ...esShift, ...esCase, ...esReferral, ...esStatistics };
export type Key = keyof typeof esAll;
export type Lang = 'es' | 'en';

const dictionaries: Record<Lang, Record<Key, string>> = { es: esAll, en: { ...en, ...enShift, ...enCase, ...enReferral, ...enStatistics } };
const STORAGE_KEY = 'tipline.ops.lang';

let current: Lang = sessionStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es';

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  current = next;
  sessionStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return tIn(current, key, params);
}

/** In a language other than the dashboard's: the printable report says which one it is in. */
export function tIn(language: Lang, key: Key, params: Record<string, string | number> = {}): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For ids that come from the API (indicators, outcomes): unknown ones show as they are. */
export function tOr(key: string, fallback: string): string {
  return key in dictionaries[current] ? dictionaries[current][key as Key] : fallback;
}
