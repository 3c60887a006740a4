// Loads the per-language lexicons and compiles them once, at module load. Tips mix
// languages (Quechua inside Spanish, English words in Spanish SMS), so every lexicon is
// applied to every tip instead of guessing the language first.
import es from './lexicons/es.json' with { type: 'json' };
import en from './lexicons/en.json' with { type: 'json' };
import qu from './lexicons/qu.json' with { type: 'json' };
import pt from './lexicons/pt.json' with { type: 'json' };
import places from './lexicons/places.json' with { type: 'json' };
import { TypoIndex } from './fuzzy';
import { normWord, tokenize, type Readings, type Token } from './normalize';
import { PhraseMatcher, type Hit, type PatternEntry } from './patterns';

interface LanguageFile {
  /** common words of this language and no other here, to tell Portuguese from Spanish */
  markers?: string[];
  suffixes?: { long: string[]; short: string[] };
  sms: Record<string, string | string[]>;
  numbers: Record<string, number>;
  keepK: string[];
  realWords: string[];
  ages: Record<Exclude<AgeListName, 'notAgeBefore'>, string[]> & { notAgeBefore?: string[] };
  classes: Record<string, string[]>;
  cues: Record<string, string[]>;
}

export type AgeListName = 'units' | 'lead' | 'persons' | 'blockers' | 'nonAgeUnits' | 'notAgeBefore';

/** A set of words where items ending in "*" are stems. */
export class WordSet {
  private readonly words = new Set<string>();
  private readonly stems: string[] = [];

  constructor(items: readonly string[]) {
    for (const item of items) {
      if (item.endsWith('*')) this.stems.push(normWord(item.slice(0, -1)));
      else this.words.add(normWord(item));
    }
  }

  has(token: Token | undefined): boolean {
    if (token === undefined) return false;
    return token.forms.some((f) => this.words.has(f) || this.stems.some((s) => f.startsWith(s)));
  }
}

const LANGUAGES: readonly LanguageFile[] = [es, en, qu, pt];

function mergeClasses(): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const lang of LANGUAGES) {
    for (const [name, items] of Object.entries(lang.classes)) classes.set(name, [...(classes.get(name) ?? []), ...items]);
  }
  return classes;
}

function cueEntries(): PatternEntry[] {
  return LANGUAGES.flatMap((lang) => Object.entries(lang.cues).flatMap(([kind, patterns]) => patterns.map((pattern) => ({ kind, pattern }))));
}

export interface PlaceEntry {
  place: string;
  region: string;
}

const PLACE_KIND = 'place:';

function placeEntries(): PatternEntry[] {
  const entries: PatternEntry[] = places.places.flatMap((p, i) => p.names.map((pattern) => ({ kind: `${PLACE_KIND}${i}`, pattern })));
  const km = places.kmMarkers;
  entries.push({ kind: 'km', pattern: `${km.prefixes.join('|')} #${km.min}-${km.max}` });
  return entries;
}

/** Shorthand from every language; a key two languages share keeps the readings of both. */
function smsReadings(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const lang of LANGUAGES) {
    for (const [key, value] of Object.entries(lang.sms)) {
      const k = normWord(key);
      const list = map.get(k) ?? [];
      for (const v of (Array.isArray(value) ? value : [value]).map(normWord)) if (!list.includes(v)) list.push(v);
      map.set(k, list);
    }
  }
  return map;
}

const readings: Readings = {
  sms: smsReadings(),
  numbers: new Map(LANGUAGES.flatMap((l) => Object.entries(l.numbers).map(([k, v]) => [normWord(k), v] as const))),
  keepK: new Set(LANGUAGES.flatMap((l) => l.keepK.map(normWord))),
};

const classes = mergeClasses();
const cueMatcher = new PhraseMatcher(cueEntries(), classes);
const placeMatcher = new PhraseMatcher(placeEntries(), classes);
const typos = new TypoIndex([...cueMatcher.vocabulary(), ...placeMatcher.vocabulary()], new Set(LANGUAGES.flatMap((l) => l.realWords.map(normWord))));

export const ageLists: Record<AgeListName, WordSet> = {
  units: new WordSet(LANGUAGES.flatMap((l) => l.ages.units)),
  lead: new WordSet(LANGUAGES.flatMap((l) => l.ages.lead)),
  persons: new WordSet(LANGUAGES.flatMap((l) => l.ages.persons)),
  blockers: new WordSet(LANGUAGES.flatMap((l) => l.ages.blockers)),
  nonAgeUnits: new WordSet(LANGUAGES.flatMap((l) => l.ages.nonAgeUnits)),
  notAgeBefore: new WordSet(LANGUAGES.flatMap((l) => l.ages.notAgeBefore ?? [])),
};

const known = new Set([...cueMatcher.vocabulary(), ...placeMatcher.vocabulary()]);
const suffixes = {
  long: qu.suffixes.long.map(normWord).sort((a, b) => b.length - a.length),
  short: qu.suffixes.short.map(normWord).sort((a, b) => b.length - a.length),
};
const MIN_STEM = 3;
const MIN_SHORT_STEM = 5;

/** A lexicon word a suffixed stem stands for, as written or one typo away ("masuku" for Mazuko). */
function lexiconWord(stem: string): string | undefined {
  if (known.has(stem)) return stem;
  return stem.length >= MIN_SHORT_STEM ? typos.correct(stem) : undefined;
}

/**
 * Quechua glues case and discourse endings to any word, Spanish loans and place names
 * included ("Mazukupi", "Huepetuhemanta", "barpi"). A stripped reading is added only when
 * what remains is a lexicon word, so Spanish words that happen to end in "-ta" or "-pi" gain
 * nothing; the short endings ("-ta", "-mi", "-n") need a longer remainder.
 */
function stemReadings(word: string): string[] {
  const out: string[] = [];
  const tryStem = (stem: string, min: number): void => {
    if (stem.length < min) return;
    const w = lexiconWord(stem);
    if (w !== undefined && w !== word && !out.includes(w)) out.push(w);
  };
  for (const s of suffixes.long) {
    if (!word.endsWith(s)) continue;
    const stem = word.slice(0, -s.length);
    tryStem(stem, MIN_STEM);
    for (const t of suffixes.short) if (stem.endsWith(t)) tryStem(stem.slice(0, -t.length), MIN_SHORT_STEM);
    break;
  }
  for (const t of suffixes.short) if (word.endsWith(t)) tryStem(word.slice(0, -t.length), MIN_SHORT_STEM);
  return out;
}

/** Tokens of a tip, with a corrected reading added to long misspelt words and to suffixed Quechua words. */
export function readTokens(text: string): Token[] {
  const tokens = tokenize(text, readings);
  for (const t of tokens) {
    const plain = t.forms[0]!;
    if (plain.startsWith('[') || t.num !== undefined) continue;
    const fixed = typos.correct(plain);
    if (fixed !== undefined && !t.forms.includes(fixed)) t.forms.push(fixed);
    for (const stem of stemReadings(plain)) if (!t.forms.includes(stem)) t.forms.push(stem);
  }
  return tokens;
}

const markers = (lang: LanguageFile): ReadonlySet<string> => new Set((lang.markers ?? []).map(normWord));
const spanishMarkers = markers(es);
const portugueseMarkers = markers(pt);
/** Negation words that are something else in Portuguese: "trabalha no garimpo" is "in the mine". */
const SPANISH_ONLY_NEGATION = new Set(['no']);

function readsAsPortuguese(tokens: readonly Token[]): boolean {
  let vote = 0;
  for (const t of tokens) {
    const w = t.forms[0]!;
    if (portugueseMarkers.has(w)) vote++;
    else if (spanishMarkers.has(w)) vote--;
  }
  return vote > 0;
}

export function findCues(tokens: readonly Token[]): Hit[] {
  if (!readsAsPortuguese(tokens)) return cueMatcher.run(tokens);
  // in Portuguese SMS a lone "n" is "não" ("n deixam a gente sair"); in Spanish it is "en"
  for (const t of tokens) if (t.forms[0] === 'n' && !t.forms.includes('nao')) t.forms.push('nao');
  const hits = cueMatcher.run(tokens);
  return hits.filter((h) => !(h.kind === 'neg' && h.end === h.start + 1 && SPANISH_ONLY_NEGATION.has(tokens[h.start]!.forms[0]!)));
}

export interface PlaceHit {
  hit: Hit;
  entry: PlaceEntry;
}

export function findPlaces(tokens: readonly Token[]): PlaceHit[] {
  return placeMatcher.run(tokens).map((hit) => {
    if (hit.kind === 'km') {
      const n = tokens[hit.end - 1]?.num ?? 0;
      return { hit, entry: { place: `Interoceánica km ${n}`, region: places.kmMarkers.region } };
    }
    const p = places.places[Number(hit.kind.slice(PLACE_KIND.length))]!;
    return { hit, entry: { place: p.place, region: p.region } };
  });
}
