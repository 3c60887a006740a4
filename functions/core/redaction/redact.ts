// Strips identifying data from a tip before it leaves intake. Every detector errs towards
// redacting: a lost phone digit costs an operator a question, a leaked one can cost a life.
import type { PlaceholderKind, Redaction } from '../tip';
import { attributeSpans } from './attribution';
import { findAddressSpans } from './addresses';
import { findAtSpans, findSpelledEmailSpans } from './emails';
import { findPlatformHandleSpans, findProfileLinkSpans } from './handles';
import { findDocumentSpans } from './ids';
import { findNameSpans } from './names';
import { normalizeTipText } from './normalize-text';
import { findNumberSpans, numberOpenAtEnd, type NumberOptions } from './numbers';
import { findLibraryPhoneSpans } from './phone-library';
import { mergeSpans, render } from './spans';
import { tokenize } from './tokens';

export type RedactOptions = NumberOptions;

export interface RedactionResult extends Redaction {
  /** Invisible and direction-control characters that were removed (operators see a mark). */
  hidden: number;
  /** This text ends where a number was being given: the thread's next message continues it. */
  numberOpen: boolean;
  /**
   * Identifiers the text gives to someone else, with their original values: intake seals them
   * and must never store, queue or log this list as it is. `ordinal` is the placeholder's index
   * among all placeholders of `text`.
   */
  evidence: EvidenceValue[];
}

export interface EvidenceValue {
  ordinal: number;
  kind: Exclude<PlaceholderKind, 'NAME' | 'ADDRESS'>;
  value: string;
}

export function redactIdentifiers(raw: string, options: RedactOptions = {}): RedactionResult {
  const { text, hidden } = normalizeTipText(raw);
  const tokens = tokenize(text);
  const spans = mergeSpans([
    ...findAtSpans(text),
    ...findSpelledEmailSpans(tokens),
    ...findProfileLinkSpans(text),
    ...findPlatformHandleSpans(tokens),
    ...findDocumentSpans(text, tokens),
    ...findNumberSpans(text, tokens, options),
    ...findLibraryPhoneSpans(text),
    ...findNameSpans(tokens),
    ...findAddressSpans(text, tokens),
  ]);
  const owners = attributeSpans(tokens, spans);
  const evidence: EvidenceValue[] = [];
  spans.forEach((span, ordinal) => {
    if (owners[ordinal] === 'other' && span.kind !== 'NAME' && span.kind !== 'ADDRESS')
      evidence.push({ ordinal, kind: span.kind, value: text.slice(span.start, span.end) });
  });
  return { ...render(text, spans), hidden, numberOpen: numberOpenAtEnd(text, tokens, options), evidence };
}
