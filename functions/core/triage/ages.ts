// Ages stated in a tip. A number is read as an age only in an age construction ("de 14"
// after a person, "tiene 13", "15 años" after a person or "de", "a 12-year-old",
// "14 watayuq"): tips are full of numbers that are soles, hours, days and km markers.
import { ageLists } from './lexicon';
import { Break, type Token } from './normalize';

export interface AgeMention {
  age: number;
  /** token span, end exclusive */
  start: number;
  end: number;
}

const ADULT = 18;
const QUECHUA_TEENS = /^(huk|iskay|kimsa|tawa|pichqa|phisqa|suqta|soqta|qanchis|pusaq|isqun)n?i?(yuq|yoq)(lla|raq|mi|qa|ña|n)*$/;
const QUECHUA_UNITS: Record<string, number> = { huk: 1, iskay: 2, kimsa: 3, tawa: 4, pichqa: 5, phisqa: 5, suqta: 6, soqta: 6, qanchis: 7, pusaq: 8, isqun: 9 };

const HEDGES = [
  'about',
  'around',
  'approximately',
  'maybe',
  'almost',
  'only',
  'just',
  'unos',
  'unas',
  'como',
  'casi',
  'aprox',
  'aproximadamente',
  'solo',
  'recien',
];

const is = (t: Token | undefined, ...words: string[]): boolean => t !== undefined && t.forms.some((f) => words.includes(f));

/** "chunka tawayuq" is 14: ten with four. Returns the value and how many tokens it takes. */
function numberAt(tokens: readonly Token[], j: number): { value: number; width: number } | undefined {
  const t = tokens[j];
  if (t?.num === undefined || t.num > 120) return undefined;
  const next = tokens[j + 1]?.forms[0];
  // "iskay chunka" is twenty, "iskay chunka hukniyuq" twenty-one
  if (t.num >= 2 && t.num <= 9 && next === 'chunka') {
    const m = QUECHUA_TEENS.exec(tokens[j + 2]?.forms[0] ?? '');
    return m ? { value: t.num * 10 + (QUECHUA_UNITS[m[1]!] ?? 0), width: 3 } : { value: t.num * 10, width: 2 };
  }
  if (t.num === 10 && next !== undefined) {
    const m = QUECHUA_TEENS.exec(next);
    if (m) return { value: 10 + (QUECHUA_UNITS[m[1]!] ?? 0), width: 2 };
  }
  return { value: t.num, width: 1 };
}

function isAgeConstruction(tokens: readonly Token[], j: number, width: number): { from: number; to: number } | undefined {
  // "a girl of about 14", "tiene unos 15 años": skip one hedge word before the number
  const k = is(tokens[j - 1], ...HEDGES) ? j - 2 : j - 1;
  const p1 = tokens[k];
  const p2 = tokens[k - 1];
  const n1 = tokens[j + width];
  const n2 = tokens[j + width + 1];
  // "15 años atrás", "2 years ago", "iskay wata ñawpaqta" (two years ago) are times, not ages
  const unit = ageLists.units.has(n1) && !is(n2, 'ago', 'atras') && !(n2?.forms[0] ?? '').startsWith('nawpa') && !(n2?.forms[0] ?? '').startsWith('naupa');
  const end = unit ? j + width + 1 : j + width;
  if (unit && (n1?.forms[0] ?? '').startsWith('wata')) return { from: j, to: end };
  if (is(n1, 'yo', 'yearold') || (is(n1, 'year', 'years') && is(n2, 'old'))) {
    return { from: j, to: is(n2, 'old') ? j + width + 2 : j + width + 1 };
  }
  if (is(p1, 'as') && is(p2, 'young') && is(tokens[j - 3], 'as')) return { from: j - 3, to: end };
  // "tengo 16. km 107": a unit only counts in the number's own sentence
  if (ageLists.nonAgeUnits.has(n1) && n1?.brk === Break.None) return undefined;
  if (is(p1, 'de', 'of')) {
    const afterPerson = ageLists.persons.has(p2) || (ageLists.lead.has(p2) && !is(p2, 'de', 'con')) || is(p2, 'una', 'un', 'a', 'uma', 'um', 'la', 'el');
    // "somos 3 de 16 y 17": a count of people, then their ages
    const afterCount = p2?.num !== undefined && p2.num >= 2 && p2.num <= 20 && !/^\d{3,}$/.test(p2.forms[0]!);
    if (afterPerson || afterCount || (unit && !ageLists.blockers.has(p2))) return { from: k, to: end };
    return childAgeNearPerson(tokens, j, width, k, unit ? end : undefined);
  }
  if (ageLists.lead.has(p1)) return { from: k, to: end };
  if (ageLists.persons.has(p1)) return { from: j, to: end };
  return childAgeNearPerson(tokens, j, width, k, unit ? end : undefined);
}

const CHILD_AGE = { min: 8, max: 17 } as const;
const PERSON_WINDOW = 6;

/**
 * The looser reading, for a child's age only: "cinco chicas que parecen de 14 o 15 años",
 * "mi hija Carmen de 16", "a patient, 17, came in", "a girl who looked about 14". A number
 * from 8 to 17 is an age when "years" follows it, or when a person word stands at most six
 * words before it in the same sentence; never after a word that makes it a time, an amount,
 * a kilometre or a house number ("a las 11", "km 15", "hace 12 años", "cuarto 12").
 */
function childAgeNearPerson(
  tokens: readonly Token[],
  j: number,
  width: number,
  k: number,
  unitEnd: number | undefined,
): { from: number; to: number } | undefined {
  const value = tokens[j]!.num ?? 0;
  if (value < CHILD_AGE.min || value > CHILD_AGE.max) return undefined;
  const before = tokens[k];
  if (ageLists.notAgeBefore.has(before) || (ageLists.blockers.has(before) && !is(before, 'de', 'of', 'a'))) return undefined;
  const after = tokens[j + width];
  if (after !== undefined && after.brk === Break.None && ageLists.nonAgeUnits.has(after)) return undefined;
  if (unitEnd !== undefined) return { from: j, to: unitEnd };
  for (let i = j - 1; i >= 0 && i >= j - PERSON_WINDOW; i--) {
    if (ageLists.persons.has(tokens[i])) return { from: j, to: j + width };
    if (tokens[i]!.brk === Break.Hard) break;
  }
  return undefined;
}

/** Below this an "age" is an article or a count: "uma amiga", "one of our clients", "iskay wata". */
const MIN_AGE = 5;

export function findAges(tokens: readonly Token[]): AgeMention[] {
  const ages: AgeMention[] = [];
  for (let j = 0; j < tokens.length; j++) {
    const n = numberAt(tokens, j);
    if (n === undefined || n.value < MIN_AGE) continue;
    const span = isAgeConstruction(tokens, j, n.width);
    if (span !== undefined) ages.push({ age: n.value, start: span.from, end: span.to });
    j += n.width - 1;
  }
  return ages;
}

export const isMinorAge = (a: AgeMention): boolean => a.age < ADULT;
