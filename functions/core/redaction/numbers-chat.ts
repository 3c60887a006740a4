// Chat and SMS transcripts pasted into a tip: "[20:41] …", "[6/12/24, 20:42:13] Rosa: …",
// "6/12/24 20:42 - Rosa: …", "- 8:05 p. m. - …", "20:41 | Yo: …", and Telegram's header lines
// "Rosa Quispe, [06.12.24 20:41]". The time and date that open each line, and the sender's name
// beside them, are the app's, not the writer's: they are never part of a number and stand for
// nothing between two parts of one ("[20:41] Kati: 948 62 ⏎ [20:42] Kati: 0 371"). The time and
// date stay in the text; the name is left to the name rules.
import type { Token } from './tokens';

const DATE = String.raw`(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[ap]\.?[ \t]?m\.?(?!\p{L}))?`;
const NAME = String.raw`\p{L}[\p{L}\p{M}'’.]{0,20}(?:[ \t][\p{L}\p{M}'’.]{1,20}){0,2}`;
/** The sender's name after the time, up to three words and a colon ("Rosa:", "Tía Meche:"). */
const SENDER = String.raw`(?<sender>[ \t]{0,3}(?:[-–—|][ \t]{0,3})?${NAME}:(?=[ \t]|$))?`;
/** Telegram puts the name first: "Rosa Quispe, [06.12.24 20:41]". */
const NAMED = String.raw`(?<named>${NAME},[ \t]{0,3}(?=\[))?`;
// Anchored at a line start; every quantifier is bounded, so each attempt is short and the scan
// stays linear.
const STAMP = new RegExp(
  String.raw`^[ \t]*(?:[-–—•*][ \t]*)?${NAMED}[[(]?(?:${DATE},?[ \t]{1,3})?${TIME}(?:,[ \t]{0,3}${DATE})?[\])]?(?=[\s\-–—:,|]|$)${SENDER}`,
  'gimu',
);

export interface ChatStamp {
  start: number;
  end: number;
  /** The time and date, without the sender's name. */
  timeStart: number;
  timeEnd: number;
}

/** The chat timestamps (with the sender's name) that open lines, in order. */
export function chatStamps(text: string): ChatStamp[] {
  if (!text.includes(':')) return [];
  const out: ChatStamp[] = [];
  STAMP.lastIndex = 0;
  for (let m = STAMP.exec(text); m; m = STAMP.exec(text)) {
    const end = m.index + m[0].length;
    const named = m.groups?.named ? m[0].indexOf(m.groups.named) + m.groups.named.length : 0;
    out.push({ start: m.index, end, timeStart: m.index + named, timeEnd: end - (m.groups?.sender?.length ?? 0) });
  }
  return out;
}

/** Token flags: part of a timestamp's time or date, or of the sender's name after it. */
export const STAMP_TIME = 1;
export const STAMP_SENDER = 2;

/** For each token, STAMP_TIME, STAMP_SENDER or 0. */
export function stampedTokens(text: string, tokens: readonly Token[]): Uint8Array {
  const flags = new Uint8Array(tokens.length);
  const stamps = chatStamps(text);
  let s = 0;
  for (let i = 0; i < tokens.length && s < stamps.length; i++) {
    const t = tokens[i]!;
    while (s < stamps.length && stamps[s]!.end <= t.start) s++;
    const stamp = stamps[s];
    if (stamp && t.start >= stamp.start) flags[i] = t.start >= stamp.timeStart && t.start < stamp.timeEnd ? STAMP_TIME : STAMP_SENDER;
  }
  return flags;
}
