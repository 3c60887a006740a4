// Document numbers introduced by their name ("pasaporte AB12C345", "CE N° X-00123",
// "cédula V-12.345.678"): whatever alphanumeric chunk follows the document word goes, even
// when letters split its digits into runs too short for the number rules.
import { ID_WORDS } from './lexicon';
import type { Span } from './spans';
import type { Token } from './tokens';

const FILLERS = new Set([
  ...['es', 'nro', 'no', 'n', 'numero', 'num', 'de', 'extranjeria', 'mi', 'su', 'the', 'number', 'is', 'identidad', 'del'],
  // Portuguese: "meu RG é MG-14.288.307", "o CPF dela é ..."
  ...['e', 'meu', 'minha', 'seu', 'sua', 'dela', 'dele', 'do', 'da', 'my', 'her', 'his'],
]);
const FILLER_MARKS = /^[:#°º.-]$/;
const MAX_FILLERS = 5;
const MIN_CHUNK = 5;

export function findDocumentSpans(text: string, tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || !ID_WORDS.has(t.norm)) continue;
    let k = i + 1;
    for (let n = 0; n < MAX_FILLERS * 2 && k < tokens.length; n++) {
      const f = tokens[k]!;
      const filler =
        (f.kind === 'space' && !/[\n\r]/.test(f.text)) || (f.kind === 'punct' && FILLER_MARKS.test(f.text)) || (f.kind === 'word' && FILLERS.has(f.norm));
      if (!filler) break;
      k++;
    }
    const first = tokens[k];
    if (!first || (first.kind !== 'word' && first.kind !== 'num')) continue;
    // The chunk runs to the next space or sentence punctuation.
    let end = k;
    while (end + 1 < tokens.length && (tokens[end + 1]!.kind === 'word' || tokens[end + 1]!.kind === 'num' || /^[.\-/]$/.test(tokens[end + 1]!.text))) end++;
    while (end > k && tokens[end]!.kind === 'punct') end--;
    const chunk = text.slice(first.start, tokens[end]!.end);
    if (/\d/.test(chunk) && chunk.replace(/[^\p{L}\d]/gu, '').length >= MIN_CHUNK) {
      spans.push({ start: first.start, end: tokens[end]!.end, kind: 'ID' });
    }
    i = end;
  }
  return spans;
}
