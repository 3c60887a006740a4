// Strips identifying data from a tip before it leaves intake. Every detector errs towards
// redacting: a lost phone digit costs an operator a question, a leaked one can cost a life.
import type { Redaction } from '../tip';
import { findAtSpans, findSpelledEmailSpans } from './emails';
import { findPlatformHandleSpans, findProfileLinkSpans } from './handles';
import { findDocumentSpans } from './ids';
import { findNameSpans } from './names';
import { findNumberSpans } from './numbers';
import { findLibraryPhoneSpans } from './phone-library';
import { render } from './spans';
import { tokenize } from './tokens';

export function redactIdentifiers(text: string): Redaction {
  const tokens = tokenize(text);
  return render(text, [
    ...findAtSpans(text),
    ...findSpelledEmailSpans(tokens),
    ...findProfileLinkSpans(text),
    ...findPlatformHandleSpans(tokens),
    ...findDocumentSpans(text, tokens),
    ...findNumberSpans(text, tokens),
    ...findLibraryPhoneSpans(text),
    ...findNameSpans(tokens),
  ]);
}
