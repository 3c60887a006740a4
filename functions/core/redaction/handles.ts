// Social-media handles, profile links and page names, hidden whoever they belong to ("ig:
// rosita_88", "búscame como x_77", "en el face sale como Rosa Flores", "su página se llama
// Empleos Madre de Dios Chicas", "el face del bar es Noches Calientes", "tiene face, Joelma
// Pereira, con foto", "\"Chamba Sur\" sutiyoq paginata", "onlyfans.com/…", and glued words like
// "luis_ferro_oficial" or "gocha.oportunidades"). "@handles" are found with e-mails, where the
// "@" is scanned.
import words from './handle-words.json' with { type: 'json' };
import { DIGIT_WORDS, HANDLE_FILLERS, PLACES, PLATFORM_WORDS, STOP_WORDS } from './lexicon';
import { known, ordinary } from './name-lexicon';
import { hasBreak, indexPhrases, isGap, longestPhrase, nextWord, type PhraseIndex, prevWord } from './name-walk';
import type { Span } from './spans';
import { isCapitalized, normalize, type Token } from './tokens';

const MAX_DISPLAY_WORDS = 6;
const MAX_QUOTED_CHARS = 60;

const set = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(normalize));
const PLATFORMS = new Set([...PLATFORM_WORDS, ...set(words.platforms)]);
const PAGES = set(words.pages);
const NAMING: PhraseIndex = indexPhrases(words.naming);
const BARE = set(words.bare);
const JOIN = set(words.platformJoin);
const FIND_ME: PhraseIndex = indexPhrases(words.findMe);
const FIND_ME_JOIN = set(words.findMeJoin);
const OWNERS = set(words.owners);
const DIRECT_PAGES = set(words.directPages);
const NOT_PAGE_NAMES = set(words.notPageNames);
const AFTER_PAUSE: PhraseIndex = indexPhrases(words.namingAfterPause);
const QUECHUA_SUFFIXES = set(words.quechuaSuffixes);
const NOT_ANCHORS = set(words.notAnchors);
const PAGE_NAME_WORDS = set(words.pageNameWords);
const OWNER_LINKS = set(words.ownerLinks);
const POSSESSORS = set(words.possessors);
const MEDIUM_WORDS = set(words.mediumWords);
const PAGE_NAME_ENDS = set(words.pageNameEnds);
const QUECHUA_NAMING = set(words.quechuaNaming);
const MAX_OWNER_WORDS = 4;
const MAX_LOWER_WORDS = 5;
const ARTICLES = new Set(['la', 'el', 'los', 'las', 'a', 'o', 'the']);
const YEAR = /^(?:19|20)\d\d$/;
const FILE_EXTENSIONS = set(words.fileExtensions);
const TLDS = set(words.tlds);
const ABBREVIATIONS = set(words.abbreviations);
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'do', 'dos', 'das', 'of', 'the', 'and']);
const OPEN_QUOTES = new Map([
  ['"', '"'],
  ['“', '”'],
  ['«', '»'],
  ["'", "'"],
  ['‘', '’'],
]);

// Anchored on a separator so that "chat.me/" or "fox.com/" do not read as "t.me/" or "x.com/".
// Only scanned inside one whitespace-free chunk; the alternation is literal words.
const PROFILE_LINK =
  /(?:^|[^\p{L}\p{N}])(?:facebook|fb|m\.facebook|instagram|instagr|tiktok|vm\.tiktok|twitter|x|t|m|wa|youtube|youtu|kwai|threads|onlyfans|linkedin|discord|linktr|snapchat|telegram|likee)\.(?:com|me|am|net|link|gg|ee|be|app|tv|co)\//iu;
const CHUNK = /\S+/g;
const EDGE = /^[^\p{L}\p{N}_@]+|[^\p{L}\p{N}_]+$/gu;

/**
 * A dotted or underscored word that is a handle: "x_77", "luis_ferro_oficial",
 * "gocha.oportunidades". Not a file ("foto.jpg"), a web address ("mimp.gob.pe"), a number
 * ("10.30", "1.500"), an abbreviation ("AA.HH.", "a.m.", "Jr.Loreto") or two words whose
 * space was lost ("casa.Mi", "mazuko.ayuda").
 */
function gluedHandle(core: string): boolean {
  // Only letters, digits, dots and underscores: "MG-14.288.307" is a document, "a@b.c" an e-mail.
  if (!/^[\p{L}\p{M}\p{N}._]+$/u.test(core)) return false;
  const parts = core.split(/[._]/).filter(Boolean);
  if (parts.length < 2) return false;
  const dot = core.lastIndexOf('.');
  const extension = dot === -1 ? '' : normalize(core.slice(dot + 1));
  if (FILE_EXTENSIONS.has(extension)) return false;
  // "nueve_ocho_siete": a spelled phone, left to the number detector.
  if (parts.every((p) => DIGIT_WORDS.has(normalize(p)))) return false;
  if (core.includes('_')) return true;
  if (TLDS.has(extension) || ABBREVIATIONS.has(normalize(parts[0]!)) || /^www$/i.test(parts[0]!)) return false;
  // Lower case, then a capital after the dot: a sentence whose space was lost.
  if (/\p{Ll}\.\p{Lu}\p{Ll}/u.test(core)) return false;
  // "10.30pm", "3.5km", "a.m.": no part has a word in it.
  const wordy = parts.map((p) => p.replace(/\d+/g, '')).filter((p) => p.length > 2);
  if (wordy.length === 0) return false;
  // "rosa.88": a word and a number glued by a dot.
  if (parts.some((p) => /^\d+$/.test(p))) return !wordy.every((p) => PLACES.has(normalize(p)));
  return !wordy.every((p) => ordinary(normalize(p)) || PLACES.has(normalize(p)));
}

export function findProfileLinkSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(CHUNK)) {
    const chunk = m[0];
    if (PROFILE_LINK.test(chunk)) {
      const end = chunk.replace(/[.,;:!?)\]]+$/, '').length;
      spans.push({ start: m.index, end: m.index + end, kind: 'HANDLE' });
      continue;
    }
    const core = chunk.replace(EDGE, '');
    if (core.length < 3 || !gluedHandle(core)) continue;
    const start = m.index + chunk.indexOf(core);
    spans.push({ start, end: start + core.length, kind: 'HANDLE' });
  }
  return spans;
}

/** A handle-looking chunk: digits, underscores or dots inside ("rosita_88", "rosa.q"). */
const looksLikeHandle = (s: string): boolean => /[\p{L}][\d_.]|[\d_.][\p{L}]/u.test(s);

/** The end of the whitespace-free chunk that starts at k ("rosita" "_" "88"), without a closing full stop. */
function chunkEnd(tokens: readonly Token[], k: number): number {
  let end = k;
  while (end + 1 < tokens.length && tokens[end + 1]!.kind !== 'space' && !/^[,;:!?()"'“”«»]$/.test(tokens[end + 1]!.text)) end++;
  while (end > k && tokens[end]!.text === '.') end--;
  return end;
}

const chunkText = (tokens: readonly Token[], k: number, end: number): string =>
  tokens
    .slice(k, end + 1)
    .map((x) => x.text)
    .join('');

/** A quoted name: "'Empleos MDD'", "“Chambas Mazuko”". Returns the last token inside the quotes, or -1. */
function quotedEnd(tokens: readonly Token[], open: number): number {
  const close = OPEN_QUOTES.get(tokens[open]!.text);
  const limit = tokens[open]!.end + MAX_QUOTED_CHARS;
  for (let k = open + 1; k < tokens.length && tokens[k]!.start < limit && !hasBreak(tokens[k]); k++) {
    if (tokens[k]!.text === close) return k > open + 1 ? k - 1 : -1;
  }
  return -1;
}

/** A display name in capitals, particles between ("Empleos Madre de Dios Chicas"), and a year that closes it ("… Chicas 2025"). */
function displayEnd(tokens: readonly Token[], k: number): number {
  let end = k;
  for (let n = 1; n < MAX_DISPLAY_WORDS; ) {
    let w = nextWord(tokens, end);
    while (w !== -1 && PARTICLES.has(tokens[w]!.norm) && !isCapitalized(tokens[w]!.text)) w = nextWord(tokens, w);
    if (w === -1 || !isCapitalized(tokens[w]!.text) || (STOP_WORDS.has(tokens[w]!.norm) && !PAGE_NAME_WORDS.has(tokens[w]!.norm))) break;
    end = w;
    n++;
  }
  const year = isGap(tokens[end + 1]) ? end + 2 : -1;
  return year !== -1 && YEAR.test(tokens[year]?.text ?? '') && tokens[year + 1]?.kind !== 'num' ? year : end;
}

const isShouted = (s: string): boolean => s.length > 1 && s === s.toUpperCase();

/**
 * A page name right after a page word, without a naming phrase ("una pagina Trabajos Selva
 * Chicas 2025 ofrecian"): two capitalised words or more, or one in CamelCase, and not only places.
 */
function directEnd(tokens: readonly Token[], anchor: number, k: number): number {
  const first = tokens[k]!;
  // "VI UNA PAGINA TRABAJOS SELVA OFRECIAN": in capitals throughout, a run has no edge.
  if (isShouted(tokens[anchor]!.text) || !isCapitalized(first.text) || NOT_PAGE_NAMES.has(first.norm) || PLATFORMS.has(first.norm) || PAGES.has(first.norm))
    return -1;
  const end = displayEnd(tokens, k);
  const words = tokens.slice(k, end + 1).filter((t) => t.kind === 'word');
  if (words.length < 2) return /\p{Ll}\p{Lu}/u.test(first.text) ? end : -1;
  return words.every((t) => PLACES.has(t.norm) || PARTICLES.has(t.norm)) ? -1 : end;
}

/** Lower-case display names go on only over known names ("mi face es rosa flores"). */
function lowerEnd(tokens: readonly Token[], k: number): number {
  let end = k;
  for (let n = 1; n < MAX_DISPLAY_WORDS; n++) {
    const w = nextWord(tokens, end);
    if (w === -1 || !known(tokens[w]!.norm)) break;
    end = w;
  }
  return end;
}

/** A word that ends a page name written in plain words: a function word or a verb ("con", "ahí", "where", "sube"). */
const endsPageName = (t: Token): boolean => PAGE_NAME_ENDS.has(t.norm) || (STOP_WORDS.has(t.norm) && !PARTICLES.has(t.norm));

/**
 * After a naming phrase, a page name in lower case runs on over any words ("se llama morenita
 * linda puno", "is called sunny jobs peru", "sale como la chinita del sur") up to punctuation,
 * the line's end, or a word that ends it; particles only inside it.
 */
function plainEnd(tokens: readonly Token[], k: number): number {
  let end = k;
  for (let n = 1; n < MAX_LOWER_WORDS; n++) {
    let w = nextWord(tokens, end);
    while (w !== -1 && PARTICLES.has(tokens[w]!.norm)) w = nextWord(tokens, w);
    if (w === -1 || endsPageName(tokens[w]!)) break;
    end = w;
  }
  return end;
}

/** Only punctuation, the line's end or a word that ends a page name follows token `end` ("…, Joelma Pereira Cobija, con foto"). */
function closedAfter(tokens: readonly Token[], end: number): boolean {
  const k = skip(tokens, end + 1);
  const t = tokens[k];
  return t === undefined || t.kind === 'punct' || hasBreak(t) || (t.kind === 'word' && PAGE_NAME_ENDS.has(t.norm));
}

interface Intro {
  /** First token of the handle. */
  at: number;
  /** A naming phrase or mark introduced it, so a plain word counts. */
  named: boolean;
  /** Only "es"/"is" introduced it: a lower-case word counts only after "mi"/"su". */
  bare: boolean;
  /** A naming phrase of several words introduced it ("se llama", "sale como", "is called"): a lower-case name runs on over any words. */
  phrased?: boolean;
  /** A filler ("de") stood between: only a handle-looking chunk counts ("anuncio de Facebook de \"anfitrionas\""). */
  filler?: boolean;
  /** The page word right before, whose capitalised run is a name ("una pagina Trabajos Selva"), or -1. */
  direct?: number;
  /** Only a comma stood between someone's account and it: a capitalised run set off on both sides ("tiene face, Joelma Pereira, con foto"). */
  apposed?: boolean;
}

/** The handle or name at `intro.at`, as a token range, or null. */
function handleAt(tokens: readonly Token[], intro: Intro, owned: boolean): { start: number; end: number } | null {
  const k = intro.at;
  const first = tokens[k];
  if (!first || first.kind === 'space') return null;
  if (OPEN_QUOTES.has(first.text) && !intro.filler) {
    const end = quotedEnd(tokens, k);
    return end === -1 ? null : { start: k + 1, end };
  }
  if (first.kind === 'punct' && first.text !== '@' && first.text !== '_') return null;
  const end = chunkEnd(tokens, k);
  if (looksLikeHandle(chunkText(tokens, k, end)) || first.text === '@') return { start: k, end };
  if (first.kind !== 'word' || end !== k) return null;
  if (intro.apposed) {
    if (!isCapitalized(first.text) || STOP_WORDS.has(first.norm) || PLATFORMS.has(first.norm) || PAGES.has(first.norm)) return null;
    const run = displayEnd(tokens, k);
    return closedAfter(tokens, run) ? { start: k, end: run } : null;
  }
  if (!intro.named) {
    const direct = intro.direct !== undefined && intro.direct !== -1 ? directEnd(tokens, intro.direct, k) : -1;
    return direct === -1 ? null : { start: k, end: direct };
  }
  // "como La Flaca Mazuko": a capitalised article opens a display name; "sale como la chinita del sur" a lower-case one.
  const next = nextWord(tokens, k);
  const article =
    PARTICLES.has(first.norm) && next !== -1 && (isCapitalized(first.text) ? isCapitalized(tokens[next]!.text) : lowerArticle(tokens, intro, k, next));
  if ((STOP_WORDS.has(first.norm) && !article) || PLATFORMS.has(first.norm) || PAGES.has(first.norm)) return null;
  if (isCapitalized(first.text)) return { start: k, end: displayEnd(tokens, k) };
  if (article) return { start: k, end: plainEnd(tokens, next) };
  if (ordinary(first.norm) || (intro.bare && !owned)) return null;
  return { start: k, end: intro.phrased ? plainEnd(tokens, k) : lowerEnd(tokens, k) };
}

/** "sale como la chinita del sur": a lower-case article before a page name, after a naming phrase of several words ("me di cuenta como la tratan" is no name). */
const lowerArticle = (tokens: readonly Token[], intro: Intro, k: number, next: number): boolean =>
  intro.phrased === true && ARTICLES.has(tokens[k]!.norm) && !ordinary(tokens[next]!.norm) && !endsPageName(tokens[next]!);

const skip = (tokens: readonly Token[], k: number): number => (isGap(tokens[k]) ? k + 1 : k);

/** A naming phrase at k ("sale como", ":", "se llama") out of `index`, and the first token after it, or null. */
function namingAt(tokens: readonly Token[], k: number, index: PhraseIndex): Intro | null {
  const t = tokens[k];
  if (!(t?.kind === 'word' || t?.text === ':' || t?.text === '=')) return null;
  const n = t.kind === 'word' ? longestPhrase(tokens, k, index) : k;
  // "é" is Portuguese "is"; a plain "e" is "and" ("Facebook e Instagram").
  if (n === -1 || (t.norm === 'e' && t.text !== 'é' && t.text !== 'É')) return null;
  const bare = n === k && BARE.has(t.norm);
  let at = skip(tokens, n + 1);
  if (tokens[at]?.text === ':') at = skip(tokens, at + 1);
  return { at, named: true, bare, phrased: n !== k };
}

/**
 * Whose the account before a comma is: 'owned' after an owner word or a verb of having ("tiene
 * face", "her insta"), so a name set off by commas may follow ("tiene face, Joelma Pereira, con
 * foto"); 'article' after an article ("al face de mi prima"), so only a naming phrase may.
 */
type Possession = 'owned' | 'article' | null;

/**
 * Past the naming phrase after the anchor ending at `end` ("sale como", ":", "se llama"). After a
 * comma only an "appears as" phrase goes on, unless the account is someone's (`possessed`).
 */
function introAfter(tokens: readonly Token[], end: number, possessed: Possession): Intro {
  const k = skip(tokens, end + 1);
  const t = tokens[k];
  const named = namingAt(tokens, k, NAMING);
  if (named) return named;
  // "la vi en facebook, se llama Rosalba": "se llama" after a comma names a person, unless the account is someone's.
  if (t?.text === ',') {
    const w = skip(tokens, k + 1);
    const after = namingAt(tokens, w, possessed ? NAMING : AFTER_PAUSE);
    if (after) return after;
    if (possessed === 'owned') return { at: w, named: false, bare: false, apposed: true };
  }
  // "face - Rosa Flores": a free dash.
  if (t?.text === '-' && isGap(tokens[k + 1])) return { at: k + 2, named: true, bare: false };
  // "el face de mi prima": "de" and other fillers introduce only handle-looking words.
  if (t?.kind === 'word' && HANDLE_FILLERS.has(t.norm)) return { at: skip(tokens, k + 1), named: false, bare: false, filler: true };
  return { at: k, named: false, bare: false };
}

/**
 * "el face del bar es …", "al face de mi prima, se llama …": whose account it is, between the
 * anchor ending at `end` and a naming phrase. The intro after it, or null when no naming follows
 * ("el face de la dueña, Rosalba Quispe, …" is the owner's name, which stays).
 */
function introPastOwner(tokens: readonly Token[], end: number): Intro | null {
  let w = nextWord(tokens, end);
  if (w === -1 || !OWNER_LINKS.has(tokens[w]!.norm)) return null;
  for (let n = 0; n < MAX_OWNER_WORDS; n++) {
    w = nextWord(tokens, w);
    if (w === -1) return null;
    const intro = introAfter(tokens, w, 'article');
    if (intro.named) return intro;
  }
  return null;
}

/** The anchor word at i (a platform or page word) and where it ends ("tik tok", "página de facebook"). */
function anchorEnd(tokens: readonly Token[], i: number): number {
  const t = tokens[i]!;
  let end = i;
  if (t.norm === 'tik' && isGap(tokens[i + 1]) && tokens[i + 2]?.norm === 'tok') end = i + 2;
  // "su página de Facebook se llama …", "mi cuenta en tiktok es …"
  const j = nextWord(tokens, end);
  if (j !== -1 && JOIN.has(tokens[j]!.norm)) {
    const p = nextWord(tokens, j);
    if (p !== -1 && PLATFORMS.has(tokens[p]!.norm)) end = p;
  }
  return end;
}

/** "facebookpi", "paginata": a platform or page word with a Quechua case ending glued on. */
function suffixedAnchor(norm: string): boolean {
  if (norm.length < 4 || NOT_ANCHORS.has(norm)) return false;
  for (const suffix of QUECHUA_SUFFIXES) {
    if (!norm.endsWith(suffix)) continue;
    const stem = norm.slice(0, -suffix.length);
    if (PLATFORMS.has(stem) || PAGES.has(stem)) return true;
  }
  return false;
}

/**
 * The platform or page word at i and where it ends ("tik tok", "página de facebook",
 * "Facebook-pi"); `direct` when a page's name may follow it without a naming phrase.
 */
function anchorAt(tokens: readonly Token[], i: number): { end: number; direct: boolean } | null {
  const t = tokens[i]!;
  const glued = tokens[i + 1]?.text === '-' && tokens[i + 2]?.kind === 'word';
  if (PLATFORMS.has(t.norm) || PAGES.has(t.norm)) {
    // "Facebook-pi": a Quechua case ending glued on; any other glued word is not a handle after it.
    if (glued) return QUECHUA_SUFFIXES.has(tokens[i + 2]!.norm) ? { end: i + 2, direct: true } : null;
    const end = anchorEnd(tokens, i);
    return { end, direct: DIRECT_PAGES.has(t.norm) || (PAGES.has(t.norm) && end !== i) };
  }
  return suffixedAnchor(t.norm) ? { end: i, direct: true } : null;
}

/** "mi face", "su página": an owner word stands right before the anchor. */
const ownedAt = (tokens: readonly Token[], i: number): boolean => {
  const p = isGap(tokens[i - 1]) ? i - 2 : -1;
  return p >= 0 && OWNERS.has(tokens[p]!.norm);
};

/** "tiene face", "su face", "el face": the account is someone's, not where something was seen ("lo vi en el face"). */
function possessedAt(tokens: readonly Token[], i: number): Possession {
  const p = prevWord(tokens, i);
  if (p === -1 || !POSSESSORS.has(tokens[p]!.norm)) return null;
  if (!ARTICLES.has(tokens[p]!.norm)) return 'owned';
  const q = prevWord(tokens, p);
  return q !== -1 && MEDIUM_WORDS.has(tokens[q]!.norm) ? null : 'article';
}

/**
 * "\"Chamba Sur\" sutiyoq paginata", "Chamba Sur Maldonado nisqa grupopi": a quoted or
 * capitalised name before a Quechua "called" at i, with a page or platform word right after it.
 * Before the quotes, the forward reading of the anchor already finds it.
 */
function quechuaNamedPage(tokens: readonly Token[], i: number): { start: number; end: number } | null {
  const page = nextWord(tokens, i);
  if (page === -1 || !anchorAt(tokens, page)) return null;
  const close = isGap(tokens[i - 1]) ? i - 2 : i - 1;
  const t = tokens[close];
  if (t === undefined) return null;
  if (t.kind === 'punct') {
    const limit = t.start - MAX_QUOTED_CHARS;
    for (let k = close - 1; k >= 0 && tokens[k]!.start >= limit && !hasBreak(tokens[k]); k--) {
      if (OPEN_QUOTES.get(tokens[k]!.text) === t.text) return k + 1 < close ? { start: k + 1, end: close - 1 } : null;
    }
    return null;
  }
  if (t.kind !== 'word' || !isCapitalized(t.text)) return null;
  let start = close;
  for (let n = 1; n < MAX_DISPLAY_WORDS; n++) {
    const p = prevWord(tokens, start);
    if (p === -1 || !(PARTICLES.has(tokens[p]!.norm) || (isCapitalized(tokens[p]!.text) && !STOP_WORDS.has(tokens[p]!.norm)))) break;
    start = p;
  }
  while (PARTICLES.has(tokens[start]!.norm) && start < close) start = nextWord(tokens, start);
  return { start, end: close };
}

export function findPlatformHandleSpans(tokens: readonly Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'word') continue;
    if (QUECHUA_NAMING.has(t.norm)) {
      const named = quechuaNamedPage(tokens, i);
      if (named) spans.push({ start: tokens[named.start]!.start, end: tokens[named.end]!.end, kind: 'HANDLE' });
      continue;
    }
    let intro: Intro | null = null;
    const anchor = anchorAt(tokens, i);
    if (anchor) {
      const possessed = possessedAt(tokens, i);
      const after = introPastOwner(tokens, anchor.end) ?? introAfter(tokens, anchor.end, possessed);
      // "la página de Rosa Flores" is Rosa's page: her name stays.
      intro = { ...after, direct: anchor.direct && !after.filler ? i : -1 };
    } else if (PLATFORMS.has(t.norm) || PAGES.has(t.norm)) {
      continue;
    } else {
      const end = longestPhrase(tokens, i, FIND_ME);
      if (end === -1) continue;
      // "búscame en face como Rosa Flores", "add me on ig: x"
      let k = end;
      for (let n = 0; n < 3; n++) {
        const w = nextWord(tokens, k);
        if (w === -1 || !(FIND_ME_JOIN.has(tokens[w]!.norm) || PLATFORMS.has(tokens[w]!.norm))) break;
        k = w;
      }
      intro = introAfter(tokens, k, null);
      if (!intro.named && k !== end) intro = { ...intro, named: true };
    }
    const found = handleAt(tokens, intro, ownedAt(tokens, i));
    if (!found) continue;
    spans.push({ start: tokens[found.start]!.start, end: tokens[found.end]!.end, kind: 'HANDLE' });
    i = found.end;
  }
  return spans;
}
