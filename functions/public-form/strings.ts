// The form's words, per language, as data. Spanish is the shape the others must match, so a
// missing key in en.json, qu.json or pt.json fails the type check rather than showing an empty
// label, and a language added to LANGS without its file fails it too.
import en from './i18n/en.json' with { type: 'json' };
import es from './i18n/es.json' with { type: 'json' };
import pt from './i18n/pt.json' with { type: 'json' };
import qu from './i18n/qu.json' with { type: 'json' };
import type { Lang } from '../core/tip';

export type Strings = typeof es;
export type ErrorField = keyof Strings['errors'];

export const STRINGS: Record<Lang, Strings> = { es, en, qu, pt };
