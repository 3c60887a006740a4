// Spanish by default. The choice lives in this tab's sessionStorage only: nothing about an
// operator's session may outlive the tab on a shared laptop.
import en from './en.json';
import es from './es.json';

export type Key = keyof typeof es;
export type Lang = 'es' | 'en';

const dictionaries: Record<Lang, Record<Key, string>> = { es, en };
const STORAGE_KEY = 'tipline.ops.lang';

let current: Lang = sessionStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'es';

export const lang = (): Lang => current;

export function setLang(next: Lang): void {
  current = next;
  sessionStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

export function t(key: Key, params: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** For ids that come from the API (indicators, outcomes): unknown ones show as they are. */
export function tOr(key: string, fallback: string): string {
  return key in dictionaries[current] ? dictionaries[current][key as Key] : fallback;
}
