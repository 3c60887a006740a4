// Whose identifier is it? The tipster's own goes for good; one the text gives to someone else
// (a recruiter's number, a bar's page, an owner's WhatsApp) is evidence police act on, so intake
// seals it instead of destroying it. Only words shortly before the span, in the same sentence,
// speak for it; when they disagree or say nothing, it is treated as the writer's.
import cues from './attribution-cues.json' with { type: 'json' };
import type { Span } from './spans';
import type { Token } from './tokens';

export type Owner = 'writer' | 'other';

const WRITER = new Set(cues.writer);
const OTHER = new Set(cues.other);
/** Words looked at before a span: "el número de la señora que recluta es …" fits. */
const WINDOW_WORDS = 10;
/** Tokens scanned at most, so that long runs of punctuation stay linear. */
const WINDOW_TOKENS = 32;
const SENTENCE_END = /[.!?¿¡\n\r]/;

/** Kinds that can be someone else's evidence; a name or an address given is always the writer's. */
const SEALABLE = new Set<Span['kind']>(['PHONE', 'EMAIL', 'ID', 'HANDLE']);

/**
 * The owner of each span (same order), from the tokens before it. `tokenAt` is the index of the
 * first token at or after each span's start, found by one merge walk over both sorted lists.
 */
export function attributeSpans(tokens: readonly Token[], spans: readonly Span[]): Owner[] {
  const owners: Owner[] = [];
  let t = 0;
  for (const span of spans) {
    while (t < tokens.length && tokens[t]!.start < span.start) t++;
    owners.push(SEALABLE.has(span.kind) ? ownerBefore(tokens, t) : 'writer');
  }
  return owners;
}

function ownerBefore(tokens: readonly Token[], first: number): Owner {
  let other = false;
  let words = 0;
  for (let j = first - 1; j >= 0 && j >= first - WINDOW_TOKENS && words < WINDOW_WORDS; j--) {
    const token = tokens[j]!;
    if (token.kind === 'punct' || token.kind === 'space') {
      if (SENTENCE_END.test(token.text)) break;
      continue;
    }
    if (token.kind !== 'word') continue;
    // A placeholder of an earlier span ("[PHONE]") is not a word of the writer's.
    words++;
    if (WRITER.has(token.norm)) return 'writer';
    if (OTHER.has(token.norm)) other = true;
  }
  return other ? 'other' : 'writer';
}
