// What paging answers a responder who texts the line from their roster number, and which case
// their text belongs to. A responder's SMS never becomes a tip (core/intake/receive-sms.ts): it is
// an ACK, a note on the case they were paged for, or a mistake that deserves a clear answer.
// Pure: the pages, their states and the time are passed in.
import { READ_WINDOW_AFTER_PAGE_ENDS_MS } from '../responder-access';
import type { Lang } from '../tip';
import type { OpenPage } from './ack';
import type { PagingState } from './escalation';
import { isPagingOpen } from './escalation';
import { SMS_SEGMENT_SEPTETS, toGsm7 } from './gsm7';
import replies from './responder-replies.json' with { type: 'json' };

/** Codes named in one answer; a responder with more open pages than this has bigger problems. */
const MAX_CODES_LISTED = 5;

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
const sms = (text: string): string => toGsm7(text).slice(0, SMS_SEGMENT_SEPTETS);

export const noteAddedText = (lang: Lang, code: string): string => sms(fill(replies[lang].noteAdded, { code }));

export const howToAckText = (lang: Lang): string => sms(replies[lang].howToAck);

export const foreignCodeText = (lang: Lang): string => sms(replies[lang].foreignCode);

/** The start of the answer to an ACK whose code names no page of theirs: stable, whatever follows. */
export const wrongCodeLead = (lang: Lang, code: string | null): string => sms(code === null ? replies[lang].noCode : fill(replies[lang].wrongCode, { code }));

/** An ACK that names no page of theirs (or a bare ACK with none open): which pages they have open. */
export function wrongCodeText(lang: Lang, code: string | null, openCodes: readonly string[]): string {
  const shown = [...new Set(openCodes)].slice(0, MAX_CODES_LISTED);
  const tail = shown.length ? fill(replies[lang].openCodes, { codes: shown.join(', ') }) : replies[lang].noneOpen;
  return sms(`${wrongCodeLead(lang, code)} ${tail}`);
}

/** A page to the responder with the state of its tip's paging (undefined: none stored). */
export interface PageWithState extends OpenPage {
  state: PagingState | undefined;
}

/** Still open, or sent within the read window (a day): the case a responder's text is about. */
export const isLivePage = (page: PageWithState, now: Date): boolean =>
  Boolean(page.state && isPagingOpen(page.state)) || now.getTime() - Date.parse(page.pagedAt) < READ_WINDOW_AFTER_PAGE_ENDS_MS;

const newestFirst = (a: OpenPage, b: OpenPage): number => Date.parse(b.pagedAt) - Date.parse(a.pagedAt) || (a.tipId < b.tipId ? 1 : -1);

/**
 * The case a responder's free text is attached to: the live page whose code the text names as a
 * word ("7K2F llegue al local"), so that a responder with two cases open can say which; otherwise
 * their most recent live page's tip, if any.
 */
export function pageForNote(pages: readonly PageWithState[], now: Date, text = ''): PageWithState | undefined {
  const live = pages.filter((page) => isLivePage(page, now)).sort(newestFirst);
  const words = new Set(text.toUpperCase().split(/[^0-9A-Z]+/));
  return live.find((page) => words.has(page.code.toUpperCase())) ?? live[0];
}

/** The codes of the pages still open to this responder, newest first. */
export const openCodesOf = (pages: readonly PageWithState[]): string[] =>
  [...pages]
    .filter((page) => page.state && isPagingOpen(page.state))
    .sort(newestFirst)
    .map((page) => page.code);

/**
 * A code that names no page of this responder's, but a tip whose paging went to others only:
 * the answer says so, rather than "no open page", which sent them looking for a page they never had.
 */
export const isForeignCode = (responderId: string, statesWithCode: readonly (PagingState | undefined)[]): boolean =>
  statesWithCode.some((state) => state !== undefined && state.everPagedResponderIds.length > 0 && !state.everPagedResponderIds.includes(responderId));
