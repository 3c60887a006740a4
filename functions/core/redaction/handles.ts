// Social-media handles and profile links ("ig: rosita_88", "mi face es Rosa Linda",
// "facebook.com/rosa.q"). "@handles" are found with e-mails, where the "@" is scanned.
import { HANDLE_FILLERS, NOT_NAMES, PLATFORM_WORDS, STOP_WORDS } from './lexicon';
import type { Span } from './spans';
import { isCapitalized, type Token } from './tokens';

const MAX_NAME_WORDS = 4;

// Only scanned inside one whitespace-free chunk, so the unanchored search is bounded by the
// chunk and the alternation is literal words: no backtracking blow-up.
const PROFILE_LINK = /(?:facebook|fb|instagram|instagr|tiktok|twitter|x|t|m|wa|youtube|kwai|threads)\.(?:com|me|am|net)\//i;
const CHUNK = /\S+/g;

export function findProfileLinkSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CHUNK)) {
    if (PROFILE_LINK.test(m[0])) spans.push({ start: m.index, end: m.index + m[0].length, kind: 'HANDLE' });
  }
  return spans;
}

/** A handle-looking word: digits, underscores or dots inside ("rosita_88", "rosa.q"). */
const looksLikeHandle = (s: string): boolean => /[\d_.]/.test(s);

/**
 * The handle is the word after the platform name and optional fillers ("es", ":", "como").
 * A plain word right after the platform ("vi en tiktok un anuncio") is not a handle unless a
 * filler introduced it or it has handle characters.
 */
export function findPlatformHandleSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word' || !PLATFORM_WORDS.has(t.norm)) continue;
    let k = i + 1;
    // "tik tok" is two words.
    if (t.norm === 'tik' && tokens[k]?.kind === 'space' && tokens[k + 1]?.norm === 'tok') k += 2;
    let introduced = false;
    for (let n = 0; n < 4 && k < tokens.length; n++) {
      const f = tokens[k]!;
      if (f.kind === 'space') {
        k++;
        continue;
      }
      if (HANDLE_FILLERS.has(f.norm)) {
        introduced = true;
        k++;
        continue;
      }
      break;
    }
    const first = tokens[k];
    if (!first || first.kind === 'punct' || first.kind === 'space') continue;
    // Glue the handle back together: "rosita" "_" "88", "rosa" "." "q".
    let end = k;
    while (end + 1 < tokens.length && tokens[end + 1]!.kind !== 'space' && !/^[,;:!?()"]$/.test(tokens[end + 1]!.text)) end++;
    while (end > k && tokens[end]!.text === '.') end--;
    const chunk = tokens
      .slice(k, end + 1)
      .map((x) => x.text)
      .join('');
    const plainWord = first.kind === 'word' && end === k;
    if (plainWord && (STOP_WORDS.has(first.norm) || NOT_NAMES.has(first.norm))) continue;
    if (!introduced && !looksLikeHandle(chunk)) continue;
    // A display name: "mi face es Rosa Quispe Linda".
    if (plainWord && isCapitalized(first.text)) {
      let n = 1;
      let j = k;
      while (n < MAX_NAME_WORDS && tokens[j + 1]?.kind === 'space' && tokens[j + 2]?.kind === 'word') {
        const w = tokens[j + 2]!;
        if (!isCapitalized(w.text) || STOP_WORDS.has(w.norm)) break;
        j += 2;
        n++;
      }
      end = j;
    }
    spans.push({ start: tokens[k]!.start, end: tokens[end]!.end, kind: 'HANDLE' });
    i = end;
  }
  return spans;
}
