// What the tipster reads right after sending: short, innocuous if someone else sees the
// phone, and always with the emergency numbers. On SMS it is one GSM-7 segment: a cheap phone
// with weak signal gets it whole, and a reply costs one segment, not three (replies.json _why).
import replies from './messages/replies.json' with { type: 'json' };
import { fitsOneSegment, toGsm7 } from './paging/gsm7';
import type { Lang } from './tip';

export interface EmergencyNumber {
  number: string;
  label: string;
}

/** Parses "105:Policía,1818:Línea gratuita" (the deployment's configuration). */
export function parseEmergencyNumbers(config: string): EmergencyNumber[] {
  return config
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const [number = '', ...label] = pair.split(':');
      return { number: number.trim(), label: label.join(':').trim() };
    })
    .filter((entry) => /^\+?\d{2,15}$/.test(entry.number));
}

function listNumbers(numbers: EmergencyNumber[], lang: Lang, labelled = true): string {
  return numbers.map((n) => (labelled && n.label ? `${n.number} (${n.label})` : n.number)).join(` ${replies[lang].or} `);
}

/**
 * `text`, the deployment's numbers and, in Portuguese, Brazil's too: a Portuguese speaker is likely
 * at or across the Brazilian border, where Peru's 105 does not answer (replies.json, pt.alsoBrazil).
 * One GSM-7 segment whenever it can be: the labels are written in GSM-7 ("Policía" -> "Policia");
 * if the whole does not fit, the labels go, then the long wording (`short`), then every number
 * but the first (a deployment with a long list). The first number is never dropped.
 */
function withEmergencyNumbers(text: string, short: string, lang: Lang, numbers: EmergencyNumber[]): string {
  const reply = replies[lang];
  const inGsm7 = numbers.map((n) => ({ number: n.number, label: toGsm7(n.label) }));
  const alsoBrazil = 'alsoBrazil' in reply ? reply.alsoBrazil : '';
  const compose = (wording: string, listed: EmergencyNumber[], labelled: boolean) =>
    [wording, listed.length ? reply.emergency.replace('{numbers}', listNumbers(listed, lang, labelled)) : '', alsoBrazil].filter(Boolean).join(' ');
  const candidates = [compose(text, inGsm7, true), compose(text, inGsm7, false), compose(short, inGsm7, false), compose(short, inGsm7.slice(0, 1), false)];
  return candidates.find(fitsOneSegment) ?? candidates[candidates.length - 1]!;
}

/** The first answer of a thread: that it arrived, that a person reads it, and the emergency numbers. */
export function acknowledgement(lang: Lang, numbers: EmergencyNumber[]): string {
  return withEmergencyNumbers(replies[lang].acknowledgement, replies[lang].acknowledgementShort, lang, numbers);
}

/** A later message of the same thread: the tipster has the numbers already; one word says it arrived. */
export const followUpAcknowledgement = (lang: Lang): string => replies[lang].followUp;

export function webReceiptNotice(lang: Lang, formattedReceipt: string): string {
  return replies[lang].webReceipt.replace('{receipt}', formattedReceipt);
}

/** When one phone sends too much too fast; the emergency numbers still come first. */
export function slowDown(lang: Lang, numbers: EmergencyNumber[]): string {
  return withEmergencyNumbers(replies[lang].slowDown, replies[lang].slowDown, lang, numbers);
}

/** "Lugar: La Pampa": the form's "where" answer, appended to the text that is scored and read. */
export function withPlace(text: string, where: string, lang: Lang): string {
  return where.trim() ? `${text}\n${replies[lang].whereLabel}: ${where.trim()}` : text;
}
