// Where a writer labels or signs rather than introduces themself: form labels ("Nombres y
// apellidos: Rosa Quispe", "Contacto: Rosa") and sign-offs ("Saludos,⏎Rosa Q.", "Obrigada,
// Marlene", "xoxo Kary").
import { collectName, endsHere, type NameRange } from './name-collect';
import { contactTail, lineEndsAfter, nameWords, nothingAfter } from './name-contact';
import { HONORIFICS, known, nameLike, RELATIONS, VOCATIVES } from './name-lexicon';
import signOffs from './name-signoffs.json' with { type: 'json' };
import triggers from './name-triggers.json' with { type: 'json' };
import { clauseStart, hasBreak, indexPhrases, isGap, longestPhrase, nextWord, sentenceStart, skipSpace } from './name-walk';
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
  let j = end + 1;
  if (isGap(tokens[j])) j++;
  if (LABEL_MARKS.has(tokens[j]?.text ?? '')) {
    j = skipSpace(tokens, j + 1);
  } else {
    if (longestPhrase(tokens, i, BARE_LABELS) !== end || LINE_LABELS.has(tokens[i]!.norm)) return null;
    if (tokens[j]?.kind !== 'word' || !nameLike(tokens[j]!) || !isCapitalized(tokens[j]!.text)) return null;
  }
  if (LINE_LABELS.has(tokens[i]!.norm) && !(i === 0 || hasBreak(tokens[i - 1]))) return null;
  return tokens[j]?.kind === 'word' ? collectName(tokens, j, { strong: true }) : null;
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
  const standalone = STANDALONE.has(phraseText(tokens, i, end));
  const name = collectName(tokens, j, { strong: marked || standalone, maxWords: SIGNATURE_WORDS });
  // "Sulpayki, allinmi kashan…", "Gracias, Rosa. Mi hija…": a thanks that opens the message.
  if (!name || !endsHere(tokens, name.last) || !contactTail(tokens, name.last)) return null;
  // "BEST CRYPTO SIGNALS 2024": without a mark, only the end of the line closes a signature.
  if (!marked && !standalone && !lineEndsAfter(tokens, name.last)) return null;
  // A lower-case unknown word ("xoxo kary") only when it is the very last thing written.
  const lowerUnknown = nameWords(tokens, name).some((w) => !isCapitalized(w.text) && !known(w.norm));
  return lowerUnknown && !nothingAfter(tokens, name.last) ? null : name;
}
