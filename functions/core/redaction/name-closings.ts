// Where a writer labels or signs rather than introduces themself: form labels ("Nombres y
// apellidos: Rosa Quispe", "Contacto: Rosa") and sign-offs ("Saludos,⏎Rosa Q.", "Obrigada,
// Marlene", "xoxo Kary").
import { collectName, endsHere, type NameRange } from './name-collect';
import { contactTail, lineEndsAfter, nameWords, nothingAfter } from './name-contact';
import { HONORIFICS, known, nameLike, ordinary, OWNER_WORDS, RELATION_DETERMINERS, RELATION_MODIFIERS, RELATIONS, VOCATIVES } from './name-lexicon';
import signOffs from './name-signoffs.json' with { type: 'json' };
import triggers from './name-triggers.json' with { type: 'json' };
import { clauseStart, hasBreak, indexPhrases, isGap, longestPhrase, nextWord, pastAside, sentenceStart, skipSpace } from './name-walk';
import { PLACES, STOP_WORDS } from './lexicon';
import { isCapitalized, normalize, type Token } from './tokens';

const SIGNATURE_WORDS = 5;

const split = (phrases: readonly string[]): string[][] => phrases.map((p) => p.split(' '));
const normalized = (list: readonly string[]): string[] => list.map(normalize);
export const SIGN_OFFS = indexPhrases(split(signOffs.signOffs));
const STANDALONE = new Set(signOffs.standalone.map(normalize));
const PURE = new Set(signOffs.pure.map(normalize));
const ADDRESSEE = new Set([...VOCATIVES, ...HONORIFICS, ...RELATIONS, ...normalized(signOffs.addressees)]);
const LABELS = indexPhrases(triggers.labels);
const BARE_LABELS = indexPhrases(triggers.bareLabels);
// "De:" and "From:" are labels only at the start of a line, as in a forwarded e-mail.
const LINE_LABELS = new Set(['de', 'from']);

// "Saludos, la mamá Rosa", "atte. su tía Benita": the writer's relation to the reader's case.
// "mi hija Rosa" after a closing is someone else, so first-person and indefinite words are out.
const SIGN_DETERMINERS = new Set([...RELATION_DETERMINERS].filter((w) => !normalized(signOffs.notSigningDeterminers).includes(w)));
const ORIGIN_WORDS = new Set(normalized(signOffs.originWords));
const MAX_ORIGIN_WORDS = 3;
const MAX_RELATION_MODIFIERS = 2;
const MAX_OWNED_WORDS = 3;

const LABEL_MARKS = new Set([':', '-', '–', '—', '=']);
const SIGN_MARKS = new Set([',', ':', '.', '!', '-', '–', '—', ';', '…']);

const phraseText = (tokens: readonly Token[], from: number, to: number): string =>
  tokens
    .slice(from, to + 1)
    .filter((t) => t.kind === 'word')
    .map((t) => t.norm)
    .join(' ');

/** "Nombre: Rosa", "Nombres y apellidos: …", "Contacto: Rosa", and at a line start "Nombre Rosa Quispe". */
export function labelName(tokens: readonly Token[], i: number): NameRange | null {
  if (!sentenceStart(tokens, i)) return null;
  const end = longestPhrase(tokens, i, LABELS);
  if (end === -1) return null;
  let j = pastAside(tokens, isGap(tokens[end + 1]) ? end + 2 : end + 1);
  // "Nombre*:": a required field's mark.
  if (tokens[j]?.text === '*') j = isGap(tokens[j + 1]) ? j + 2 : j + 1;
  if (LABEL_MARKS.has(tokens[j]?.text ?? '')) {
    j = pastAside(tokens, skipSpace(tokens, j + 1));
  } else {
    if (longestPhrase(tokens, i, BARE_LABELS) !== end || LINE_LABELS.has(tokens[i]!.norm)) return null;
    if (tokens[j]?.kind !== 'word' || !nameLike(tokens[j]!) || !isCapitalized(tokens[j]!.text)) return null;
  }
  if (LINE_LABELS.has(tokens[i]!.norm) && !(i === 0 || hasBreak(tokens[i - 1]))) return null;
  return tokens[j]?.kind === 'word' ? collectName(tokens, j, { strong: true }) : null;
}

/**
 * Past a relation word before a signature's name ("la mamá Rosa", "vecina Clotilde", "la tía
 * de la menor, Benita"); a title alone is left to the name.
 */
function pastRelation(tokens: readonly Token[], j: number): number {
  let k = j;
  if (SIGN_DETERMINERS.has(tokens[k]!.norm)) {
    const r = nextWord(tokens, k);
    if (r === -1 || !(RELATIONS.has(tokens[r]!.norm) || HONORIFICS.has(tokens[r]!.norm))) return j;
    k = r;
  }
  if (!RELATIONS.has(tokens[k]!.norm)) return k;
  for (let m = 0; m < MAX_RELATION_MODIFIERS; m++) {
    const n = nextWord(tokens, k);
    if (n === -1 || !RELATION_MODIFIERS.has(tokens[n]!.norm)) break;
    k = n;
  }
  const n = nextWord(tokens, k);
  if (n === -1) return j;
  if (!OWNER_WORDS.has(tokens[n]!.norm)) return HONORIFICS.has(tokens[j]!.norm) ? j : n;
  // "la tía de la menor, Benita": whose relation it is, then a comma and the name.
  let o = n;
  for (let m = 0; m < MAX_OWNED_WORDS; m++) {
    const q = nextWord(tokens, o);
    if (q === -1) break;
    o = q;
  }
  return tokens[o + 1]?.text === ',' ? skipSpace(tokens, o + 2) : j;
}

/** "tía Benita de Sicuani": where the writer signs from closes the signature; returns its last token, or `last`. */
export function originEnd(tokens: readonly Token[], last: number): number {
  const o = nextWord(tokens, last);
  if (o === -1 || !ORIGIN_WORDS.has(tokens[o]!.norm)) return last;
  let end = last;
  for (let n = 0, p = nextWord(tokens, o); n < MAX_ORIGIN_WORDS && p !== -1; n++, p = nextWord(tokens, p)) {
    const t = tokens[p]!;
    if (!PLACES.has(t.norm) && (STOP_WORDS.has(t.norm) || ordinary(t.norm))) break;
    end = p;
  }
  return end;
}

/** "Saludos,⏎Rosa Q.", "Gracias, Rosa", "Atte. Rosa Mamani", "xoxo Kary": a closing phrase, then the name, then nothing more. */
export function signOffName(tokens: readonly Token[], i: number): NameRange | null {
  const end = longestPhrase(tokens, i, SIGN_OFFS);
  if (end === -1 || !(clauseStart(tokens, i) || PURE.has(phraseText(tokens, i, end)))) return null;
  let j = end + 1;
  // "Bendiciones hermana, Gladys", "Cheers mate, Jack": the reader addressed before the name.
  for (let n = 0, v = nextWord(tokens, end); n < 2 && v !== -1 && ADDRESSEE.has(tokens[v]!.norm); n++, v = nextWord(tokens, v)) {
    if (SIGN_MARKS.has(tokens[v + 1]?.text ?? '')) j = v + 1;
  }
  let marked = false;
  if (hasBreak(tokens[j])) {
    j++;
    marked = true;
  } else {
    if (isGap(tokens[j])) j++;
    while (SIGN_MARKS.has(tokens[j]?.text ?? '')) {
      j++;
      marked = true;
    }
    j = skipSpace(tokens, j);
  }
  if (tokens[j]?.kind !== 'word') return null;
  j = pastRelation(tokens, j);
  const standalone = STANDALONE.has(phraseText(tokens, i, end));
  const name = collectName(tokens, j, { strong: marked || standalone, maxWords: SIGNATURE_WORDS });
  if (!name) return null;
  const last = originEnd(tokens, name.last);
  // "Sulpayki, allinmi kashan…", "Gracias, Rosa. Mi hija…": a thanks that opens the message.
  if (!endsHere(tokens, last) || !contactTail(tokens, last)) return null;
  // "BEST CRYPTO SIGNALS 2024": without a mark, only the end of the line closes a signature.
  if (!marked && !standalone && !lineEndsAfter(tokens, last)) return null;
  // A lower-case unknown word ("xoxo kary") only when it is the very last thing written.
  const lowerUnknown = nameWords(tokens, name).some((w) => !isCapitalized(w.text) && !known(w.norm));
  return lowerUnknown && !nothingAfter(tokens, last) ? null : name;
}
