// The form's words, per language, as data. Spanish is the shape the others must match, so a
// missing key in en.json or qu.json fails the type check rather than showing an empty label.
import en from './i18n/en.json' with { type: 'json' };
import es from './i18n/es.json' with { type: 'json' };
import qu from './i18n/qu.json' with { type: 'json' };

export type Strings = typeof es;
export type ErrorField = keyof Strings['errors'];

export const STRINGS: Record<'es' | 'en' | 'qu', Strings> = { es, en, qu };
