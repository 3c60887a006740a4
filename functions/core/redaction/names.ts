// Names the writer gives for themself: "me llamo Jhon Ccahuana", "soy la tía, Gladys",
// "meu nome é Cleide", "my name's Tom", "ñuqa Rosa kani", "Rosa sutiy", nicknames ("me decían
// Chiqui"), how to ask for them ("pregunten por la Lic. Marta"), the person they write for
// ("escribo de parte de mi abuela Justa"), form labels and sign-offs ("Saludos,⏎Rosa Q.").
// Third parties' names are left alone: responders need to know who is held and who holds them.
import { behalfNames } from './name-behalf';
import { collectName, collectNickname, endsHere, type NameRange } from './name-collect';
import { labelName, signOffName } from './name-closings';
import { contactIntroName } from './name-contact-intro';
import { contactParenName, leadingName, trailingName } from './name-ends';
import { secondForm } from './name-second-form';
import { canBeName, HONORIFICS, known, LANDMARKS, nameLike, OWNER_WORDS, RELATION_DETERMINERS, RELATION_MODIFIERS, RELATIONS } from './name-lexicon';
import triggers from './name-triggers.json' with { type: 'json' };
import { clauseStart, hasBreak, indexPhrases, isGap, longestPhrase, matchPhrase, nextWord, pastAside, type Phrase, prevWord, skipGap } from './name-walk';
import { PLACES, STOP_WORDS } from './lexicon';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

const MAX_BEFORE_WORDS = 3;
const MAX_MODIFIERS = 2;
const MAX_PLACE_WORDS = 3;
const MAX_OWNED_WORDS = 3;

type Strength = 'strong' | 'weak';
interface Trigger {
  phrase: Phrase;
  strength: Strength;
  /** Only at the start of a clause or after a greeting ("aquí Rosa", "habla Gladys"). */
  clause: boolean;
  /** A nickname may follow, with an article, even an everyday word when capitalised ("me dicen la Flaca", "they call me Red"). */
  nick: boolean;
}

// One index over every trigger, longest phrase first, so each token costs one map look-up.
const TRIGGERS = new Map<string, Trigger[]>();
for (const [list, strength, clause, nick] of [
  [triggers.strong, 'strong', false, false],
  [triggers.weak, 'weak', false, false],
  [triggers.clauseStart, 'weak', true, false],
  [triggers.onBehalf, 'weak', false, false],
  [triggers.onBehalfClause, 'weak', true, false],
  [triggers.nicknames, 'strong', false, true],
  [triggers.nicknamesCapitalised, 'weak', false, true],
  [triggers.askFor, 'weak', false, true],
  [triggers.askForClause, 'weak', true, true],
] as const) {
  for (const [key, phrases] of indexPhrases(list)) {
    TRIGGERS.set(key, [...(TRIGGERS.get(key) ?? []), ...phrases.map((phrase) => ({ phrase, strength, clause, nick }))]);
  }
}
for (const list of TRIGGERS.values()) list.sort((a, b) => b.phrase.words.length - a.phrase.words.length);
const BEFORE = new Set(triggers.before.map(normalize));
const QUECHUA_I = new Set(['nuqa', 'nuqaqa', 'noqa', 'noqaqa']);
const AGAIN = indexPhrases(triggers.again);
const ARTICLES = new Set(['la', 'el']);
// Portuguese articles before a name ("sou a Rosilene", "aqui fala o Pastor Edivaldo"), only
// after a Portuguese phrase: "I'm a German cyclist" is not a name.
const PT_ARTICLES = new Set(['a', 'o']);
const PT_TRIGGER_WORDS = new Set(['sou', 'eu', 'e', 'fala', 'chamo', 'escreve']);
// "they call me the Kid", "me chamam de a Tuca": before a nickname any article will do.
const NICK_ARTICLES = new Set([...ARTICLES, ...PT_ARTICLES, 'the']);
const MAX_ROLE_WORDS = 4;
const ROLE_GLUE = new Set(['de', 'do', 'da', 'del', 'un', 'una', 'um', 'uma', 'the', 'a', 'an', 'of', 'en', 'em', 'at', 'in', 'la', 'el']);
const OPEN_QUOTES = new Set(['"', '“', '«', "'", '‘']);
const INTRO_MARKS = new Set([':', '-', ',', '–', '—']);

/** The first token after a trigger ending at `end`: past a mark (":", ",", "-"), a quote, or (strong) a line break. */
function afterTrigger(tokens: readonly Token[], end: number, strength: Strength): number {
  let j = end + 1;
  if (strength === 'strong' && hasBreak(tokens[j])) j++;
  else if (isGap(tokens[j])) j++;
  j = pastAside(tokens, j);
  if (INTRO_MARKS.has(tokens[j]?.text ?? '')) {
    j++;
    if (isGap(tokens[j]) || (strength === 'strong' && hasBreak(tokens[j]))) j++;
    j = pastAside(tokens, j);
  }
  if (OPEN_QUOTES.has(tokens[j]?.text ?? '')) j++;
  return j;
}

type RelationResult = NameRange | 'none' | 'other';

/**
 * "soy la tía, Gladys", "sou a mãe dela, Cida", "I'm her aunt, Megan": a relation word, then
 * the writer's name. "soy la mamá de Rosa": the name after "de" is the other person's.
 * 'none' when there is no relation word at j; 'other' when there is one but no writer's name.
 */
function relationName(tokens: readonly Token[], j: number): RelationResult {
  let k = j;
  if (RELATION_DETERMINERS.has(tokens[k]!.norm)) {
    const r = nextWord(tokens, k);
    if (r === -1 || !RELATIONS.has(tokens[r]!.norm)) return 'none';
    k = r;
  } else if (!RELATIONS.has(tokens[k]!.norm)) {
    return 'none';
  }
  for (let m = 0; m < MAX_MODIFIERS; m++) {
    const n = nextWord(tokens, k);
    if (n === -1 || !(RELATION_MODIFIERS.has(tokens[n]!.norm) || RELATIONS.has(tokens[n]!.norm))) break;
    k = n;
  }
  const owner = nextWord(tokens, k);
  if (owner !== -1 && OWNER_WORDS.has(tokens[owner]!.norm)) {
    // "el párroco de Huepetuhe, Padre Julio": a place after "de" is skipped; anyone else owns the relation.
    let p = owner;
    for (let n = 0; n < MAX_PLACE_WORDS; n++) {
      const q = nextWord(tokens, p);
      if (q === -1 || !PLACES.has(tokens[q]!.norm)) break;
      p = q;
    }
    if (p === owner) return ownerThenName(tokens, owner);
    k = p;
  }
  let s = k + 1;
  if (isGap(tokens[s])) s++;
  if (tokens[s]?.text === ',') s = skipGap(tokens, s + 1);
  if (s === -1 || tokens[s]?.kind !== 'word') return 'other';
  const name = collectName(tokens, s, { strong: false });
  return name && nameLike(tokens[name.first]!) ? name : 'other';
}

/**
 * "soy mototaxista, Jhon", "sou técnica de enfermagem, Rosilene Souza": a role in lower-case
 * words, a comma, then a name that ends the clause.
 */
function roleName(tokens: readonly Token[], j: number): NameRange | null {
  let k = j;
  for (let n = 0; ; n++) {
    const t = tokens[k]!;
    if (n >= MAX_ROLE_WORDS || isCapitalized(t.text) || known(t.norm) || (STOP_WORDS.has(t.norm) && !ROLE_GLUE.has(t.norm))) return null;
    if (tokens[k + 1]?.text === ',') break;
    const q = nextWord(tokens, k);
    if (q === -1) return null;
    k = q;
  }
  const s = skipGap(tokens, k + 2);
  if (s === -1 || tokens[s]?.kind !== 'word' || !isCapitalized(tokens[s]!.text)) return null;
  const name = collectName(tokens, s, { strong: false });
  return name && endsHere(tokens, name.last) ? name : null;
}

/**
 * "soy la tía de Yeni, Gladys Mamani": the name after "de" is the other person's; a name set off
 * by a comma after it, closing the clause, is the writer's again.
 */
function ownerThenName(tokens: readonly Token[], owner: number): NameRange | 'other' {
  let k = owner;
  for (let n = 0; n < MAX_OWNED_WORDS; n++) {
    const q = nextWord(tokens, k);
    if (q === -1) break;
    k = q;
  }
  const comma = tokens[k + 1]?.text === ',' ? k + 1 : -1;
  if (comma === -1) return 'other';
  const s = skipGap(tokens, comma + 1);
  if (s === -1 || tokens[s]?.kind !== 'word' || !nameLike(tokens[s]!)) return 'other';
  const name = collectName(tokens, s, { strong: false });
  return name && endsHere(tokens, name.last) ? name : 'other';
}

/** The writer's name after a trigger that ends at `end`, or null. */
function nameAfter(tokens: readonly Token[], end: number, trigger: Trigger): NameRange | null {
  const { strength } = trigger;
  let j = afterTrigger(tokens, end, strength);
  if (tokens[j]?.kind !== 'word') return null;
  const again = longestPhrase(tokens, j, AGAIN);
  if (again !== -1) j = afterTrigger(tokens, again, strength);
  if (tokens[j]?.kind !== 'word') return null;
  const relation = relationName(tokens, j);
  if (relation !== 'none') return relation === 'other' ? null : relation;
  let w = j;
  // "me dicen la Flaca", "soy la Betty", "sou a Rosilene": an article before a name or a nickname.
  const article = tokens[w]!.norm;
  if (
    ARTICLES.has(article) ||
    (trigger.nick && NICK_ARTICLES.has(article)) ||
    (PT_ARTICLES.has(article) && trigger.phrase.words.some((x) => PT_TRIGGER_WORDS.has(x)))
  ) {
    const h = nextWord(tokens, w);
    if (h === -1) return null;
    const nick = tokens[h]!;
    const loose = strength === 'strong' && ARTICLES.has(article);
    const capitalisedNick = trigger.nick && isCapitalized(nick.text) && !STOP_WORDS.has(nick.norm);
    // "soy la señora Rosa Quispe": the title is read with the name.
    if (!(HONORIFICS.has(nick.norm) || capitalisedNick || (loose ? canBeName(nick) : nameLike(nick) && isCapitalized(nick.text)))) return null;
    w = h;
  }
  // "pregunten por el Mercado Modelo": a landmark where to ask, not a name.
  if (trigger.nick && LANDMARKS.has(tokens[w]!.norm)) return null;
  const role = strength === 'weak' && w === j && !trigger.nick;
  if (STOP_WORDS.has(tokens[w]!.norm) && !HONORIFICS.has(tokens[w]!.norm)) return role ? roleName(tokens, w) : null;
  const name = collectName(tokens, w, { strong: strength === 'strong' });
  if (name) return name;
  if (trigger.nick) return collectNickname(tokens, w);
  return role ? roleName(tokens, w) : null;
}

/** Quechua order: the name comes before "sutiy" / "kani". Returns the first token index or -1. */
function nameBefore(tokens: readonly Token[], end: number): number {
  let first = -1;
  let k = end;
  for (let n = 0; n < MAX_BEFORE_WORDS; n++) {
    const p = prevWord(tokens, k);
    if (p === -1 || !nameLike(tokens[p]!)) break;
    first = p;
    k = p;
  }
  return first;
}

/** "ñuqa rosa mamani kani": between the pronoun and the verb, name words form the name. */
function quechuaFrame(tokens: readonly Token[], i: number): number {
  let k = i;
  for (let n = 0; n <= MAX_BEFORE_WORDS; n++) {
    const w = nextWord(tokens, k);
    if (w === -1) return -1;
    const t = tokens[w]!;
    if (t.norm === 'kani') return n > 0 ? k : -1;
    // "ñuqa Puno llaqtamanta kani", "ñoqa quechua rimaq kani": a place or a role, not a name.
    if (!canBeName(t) && !known(t.norm)) return -1;
    k = w;
  }
  return -1;
}

function triggerAt(tokens: readonly Token[], i: number): { end: number; trigger: Trigger } | null {
  for (const trigger of TRIGGERS.get(tokens[i]!.norm) ?? []) {
    const end = matchPhrase(tokens, i, trigger.phrase);
    if (end === -1) continue;
    if (trigger.clause && !clauseStart(tokens, i)) continue;
    return { end, trigger };
  }
  return null;
}

const spanOf = (tokens: readonly Token[], first: number, last: number): Span => ({ start: tokens[first]!.start, end: tokens[last]!.end, kind: 'NAME' });

/** Adds the writer's name and, right after it, another form of it ("Juan (Juancho Ccori)"). */
function pushName(tokens: readonly Token[], spans: Span[], first: number, last: number): void {
  spans.push(spanOf(tokens, first, last));
  const again = secondForm(tokens, { first, last, titled: false });
  if (again) spans.push(spanOf(tokens, again.first, again.last));
}

export function findNameSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    if (QUECHUA_I.has(t.norm)) {
      const last = quechuaFrame(tokens, i);
      if (last !== -1) {
        pushName(tokens, spans, nextWord(tokens, i), last);
        continue;
      }
    }
    const found = triggerAt(tokens, i);
    if (found) {
      const name = nameAfter(tokens, found.end, found.trigger);
      if (name) pushName(tokens, spans, name.first, name.last);
    }
    // "Rosa sutiy Rosa sutiy": the name before the word is the writer's too, even when
    // another name follows it.
    if (BEFORE.has(t.norm)) {
      const first = nameBefore(tokens, i);
      if (first !== -1) pushName(tokens, spans, first, prevWord(tokens, i));
    }
    for (const name of behalfNames(tokens, i)) spans.push(spanOf(tokens, name.first, name.last));
  }
  return [...spans, ...findClosingNameSpans(tokens)];
}

function findClosingNameSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  const push = (name: NameRange | null) => {
    if (name) pushName(tokens, spans, name.first, name.last);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      push(labelName(tokens, i));
      push(signOffName(tokens, i));
      push(contactIntroName(tokens, i));
    } else if (t.text === '(') {
      push(contactParenName(tokens, i));
    }
  }
  push(trailingName(tokens));
  push(leadingName(tokens));
  return spans;
}
