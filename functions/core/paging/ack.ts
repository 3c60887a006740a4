// Reading a responder's SMS reply as an acknowledgement. Only a message that is the keyword
// and, at most, a code counts: "ack, mi hija no volvio" is a message, not an ACK, and must
// reach a person. Parse only messages from a registered responder's number; from any other
// number, "ACK 7K2F" is an ordinary tip and intake must treat it as one.
//
// One keyword, ACK, in every language: every page and every reply says "ACK", and the
// obvious Spanish candidates ("ok", "si", "listo", "recibido") are what people write in
// ordinary conversation, including to a tip line.

/** A page code character after normalisation: Crockford base32 (no I, L, O, U). */
const C = '[0-9A-HJKMNP-TV-Z]';
const CLOSING = '[\\s.!?,;]*';

const KEYWORD = /^[¡¿.\s]*ACK(.*)$/su;
// What may follow the keyword: separators (no comma: "ack, hija" is a sentence), an optional
// "T-" as printed on the page, the code (or the whole 8-character tip id), closing punctuation.
// A bare "T" before exactly 4 or 8 code characters is the page's prefix without its dash.
const REST = new RegExp(`^[\\s:#.-]*(?:T\\s*-\\s*|T(?=${C}{4}(?:${C}{4})?${CLOSING}$))?(${C}{4}(?:${C}{4})?)?${CLOSING}$`, 'u');

/** Crockford's decoding: the letters people type for digits, and upper case. */
export function normaliseCode(text: string): string {
  return text.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');
}

export interface ParsedAck {
  /** The 4-character page code, or null for a bare `ACK` (the newest open page to that responder). */
  code: string | null;
}

/** `{ code }` when the whole message is an acknowledgement, otherwise null (treat it as a message). */
export function parseAck(body: string): ParsedAck | null {
  if (typeof body !== 'string' || body.length > 40) return null;
  // The keyword is matched as typed; only what follows gets Crockford's I/L/O folding, so
  // that "AOK" is not read as ACK.
  const keyword = KEYWORD.exec(body.normalize('NFKC').toUpperCase());
  if (!keyword) return null;
  const rest = REST.exec(normaliseCode(keyword[1] ?? ''));
  if (!rest) return null;
  const code = rest[1];
  return { code: code ? code.slice(0, 4) : null };
}

export interface OpenPage {
  tipId: string;
  code: string;
  /** ISO instant the responder was last paged for this tip. */
  pagedAt: string;
}

/**
 * The open page an ACK is for, among the pages still open for that responder: the newest one
 * with the code (codes are 4 characters, so two open tips may share one), or the newest of all
 * for a bare ACK. undefined when none matches: answer with ackUnknownText.
 */
export function pageForAck(ack: ParsedAck, openPages: readonly OpenPage[]): OpenPage | undefined {
  const candidates = ack.code === null ? [...openPages] : openPages.filter((p) => normaliseCode(p.code) === ack.code);
  return candidates.sort((a, b) => Date.parse(b.pagedAt) - Date.parse(a.pagedAt) || (a.tipId < b.tipId ? 1 : -1))[0];
}
