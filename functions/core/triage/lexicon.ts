// Loads the per-language lexicons and compiles them once, at module load. Tips mix
// languages (Quechua inside Spanish, English words in Spanish SMS), so every lexicon is
// applied to every tip instead of guessing the language first.
import es from './lexicons/es.json' with { type: 'json' };
import en from './lexicons/en.json' with { type: 'json' };
import qu from './lexicons/qu.json' with { type: 'json' };
import places from './lexicons/places.json' with { type: 'json' };
import { TypoIndex } from './fuzzy';
import { normWord, tokenize, type Readings, type Token } from './normalize';
import { PhraseMatcher, type Hit, type PatternEntry } from './patterns';

interface LanguageFile {
  sms: Record<string, string | string[]>;
  numbers: Record<string, number>;
  keepK: string[];
  realWords: string[];
  ages: Record<AgeListName, string[]>;
  classes: Record<string, string[]>;
  cues: Record<string, string[]>;
}

export type AgeListName = 'units' | 'lead' | 'persons' | 'blockers' | 'nonAgeUnits';

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

const LANGUAGES: readonly LanguageFile[] = [es, en, qu];

function mergeClasses(): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const lang of LANGUAGES) {
    for (const [name, items] of Object.entries(lang.classes)) classes.set(name, [...(classes.get(name) ?? []), ...items]);
  }
  return classes;
}

function cueEntries(): PatternEntry[] {
  return LANGUAGES.flatMap((lang) =>
    Object.entries(lang.cues).flatMap(([kind, patterns]) => patterns.map((pattern) => ({ kind, pattern }))),
  );
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

const readings: Readings = {
  sms: new Map(
    LANGUAGES.flatMap((l) => Object.entries(l.sms).map(([k, v]) => [normWord(k), (Array.isArray(v) ? v : [v]).map(normWord)] as const)),
  ),
  numbers: new Map(LANGUAGES.flatMap((l) => Object.entries(l.numbers).map(([k, v]) => [normWord(k), v] as const))),
  keepK: new Set(LANGUAGES.flatMap((l) => l.keepK.map(normWord))),
};

const classes = mergeClasses();
const cueMatcher = new PhraseMatcher(cueEntries(), classes);
const placeMatcher = new PhraseMatcher(placeEntries(), classes);
const typos = new TypoIndex(
  [...cueMatcher.vocabulary(), ...placeMatcher.vocabulary()],
  new Set(LANGUAGES.flatMap((l) => l.realWords.map(normWord))),
);

export const ageLists: Record<AgeListName, WordSet> = {
  units: new WordSet(LANGUAGES.flatMap((l) => l.ages.units)),
  lead: new WordSet(LANGUAGES.flatMap((l) => l.ages.lead)),
  persons: new WordSet(LANGUAGES.flatMap((l) => l.ages.persons)),
  blockers: new WordSet(LANGUAGES.flatMap((l) => l.ages.blockers)),
  nonAgeUnits: new WordSet(LANGUAGES.flatMap((l) => l.ages.nonAgeUnits)),
};

/** Tokens of a tip, with a corrected reading added to long misspelt words. */
export function readTokens(text: string): Token[] {
  const tokens = tokenize(text, readings);
  for (const t of tokens) {
    const fixed = typos.correct(t.forms[0]!);
    if (fixed !== undefined && !t.forms.includes(fixed)) t.forms.push(fixed);
  }
  return tokens;
}

export const findCues = (tokens: readonly Token[]): Hit[] => cueMatcher.run(tokens);

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
