// The scorer's rule ("critical: minor + sexual_exploitation") is English written for engineers;
// an operator reads why a tip is urgent as a sentence in their own language ("Menor de edad en
// explotación sexual"). The shapes and the words are data (i18n/rule-patterns.json, rule.* keys);
// a rule no pattern reads gets a generic sentence with its level, never the English itself.
// Pure: the dictionary comes in as a lookup, so the unit test reads the same JSON the page does.
import patterns from './i18n/rule-patterns.json';

/** A dictionary lookup: the word for a key, or undefined when the dictionary has none. */
export type Words = (key: string) => string | undefined;

export interface RuleSentence {
  text: string;
  /** false: no pattern read the rule and `text` is the generic sentence. */
  read: boolean;
}

interface Shape {
  key: string;
  pattern: RegExp;
}

const compile = (list: ReadonlyArray<{ key: string; pattern: string }>): Shape[] =>
  list.map(({ key, pattern }) => ({ key, pattern: new RegExp(pattern, 'u') }));

const WRAPPERS = compile(patterns.wrappers);
const BODIES = compile(patterns.bodies);
const MINOR: Record<string, string> = patterns.minor;
const RISKS: Record<string, string> = patterns.risks;
const LEVEL_AT_START = /^(critical|high|medium|low)\b/u;

/** Rules nest (a kept level around the new reading, learned reader around the rules): bounded all the same. */
const MAX_DEPTH = 6;

export function ruleSentence(rule: string, words: Words, lang: string): RuleSentence {
  const text = readRule(rule.trim(), words, lang, 0);
  if (text) return { text: capitalise(text, lang), read: true };
  const level = LEVEL_AT_START.exec(rule.trim())?.[1];
  const levelWord = level ? words(`ruleLevel.${level}`) : undefined;
  const generic = levelWord ? words('rule.unread')?.replace('{level}', levelWord) : words('rule.unreadNoLevel');
  return { text: generic ?? '', read: false };
}

function readRule(rule: string, words: Words, lang: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  return firstReading(WRAPPERS, rule, words, lang, depth);
}

function firstReading(shapes: readonly Shape[], text: string, words: Words, lang: string, depth: number): string | undefined {
  for (const shape of shapes) {
    const match = shape.pattern.exec(text);
    if (!match) continue;
    const said = fill(shape.key, match.groups ?? {}, words, lang, depth);
    // A shape that matched but whose parts are not all known: a later, more general shape may read it.
    if (said) return said;
  }
  return undefined;
}

function fill(key: string, groups: Record<string, string | undefined>, words: Words, lang: string, depth: number): string | undefined {
  const template = words(key);
  if (template === undefined) return undefined;
  let missing = false;
  const text = template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const raw = groups[name];
    const part = raw === undefined ? undefined : partOf(name, raw, words, lang, depth);
    if (part === undefined) missing = true;
    return part ?? whole;
  });
  return missing ? undefined : text;
}

/** One named part of a rule, in the operator's language. */
function partOf(name: string, raw: string, words: Words, lang: string, depth: number): string | undefined {
  switch (name) {
    case 'level':
      return words(`ruleLevel.${raw}`);
    case 'name':
      return raw;
    case 'minor': {
      const key = MINOR[raw];
      return key ? words(key) : undefined;
    }
    case 'ids':
      return list(
        raw.split(', ').map((id) => words(`indicator.${id}`)),
        lang,
      );
    case 'risks':
      return list(
        raw.split(', ').map((risk) => {
          const key = RISKS[risk];
          return key ? words(key) : undefined;
        }),
        lang,
      );
    case 'p': {
      const p = Number(raw);
      return Number.isFinite(p) ? new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(p) : undefined;
    }
    case 'rule':
      return readRule(raw, words, lang, depth + 1);
    case 'body':
      return firstReading(BODIES, raw, words, lang, depth + 1);
    default:
      return undefined;
  }
}

function list(items: Array<string | undefined>, lang: string): string | undefined {
  if (items.some((item) => item === undefined)) return undefined;
  return new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items as string[]);
}

const capitalise = (text: string, lang: string): string => text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
