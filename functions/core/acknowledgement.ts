// What the tipster reads right after sending: short, innocuous if someone else sees the
// phone, and always with the emergency numbers.
import replies from './messages/replies.json' with { type: 'json' };
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

function listNumbers(numbers: EmergencyNumber[], lang: Lang): string {
  return numbers.map((n) => (n.label ? `${n.number} (${n.label})` : n.number)).join(` ${replies[lang].or} `);
}

/**
 * The deployment's numbers and, in Portuguese, Brazil's too: a Portuguese speaker is likely at or
 * across the Brazilian border, where Peru's 105 does not answer (replies.json, pt.alsoBrazil).
 */
function withEmergencyNumbers(text: string, lang: Lang, numbers: EmergencyNumber[]): string {
  const reply = replies[lang];
  const alsoBrazil = 'alsoBrazil' in reply ? reply.alsoBrazil : '';
  const deployment = numbers.length ? reply.emergency.replace('{numbers}', listNumbers(numbers, lang)) : '';
  return [text, deployment, alsoBrazil].filter(Boolean).join(' ');
}

export function acknowledgement(lang: Lang, numbers: EmergencyNumber[]): string {
  return withEmergencyNumbers(replies[lang].acknowledgement, lang, numbers);
}

export function webReceiptNotice(lang: Lang, formattedReceipt: string): string {
  return replies[lang].webReceipt.replace('{receipt}', formattedReceipt);
}

/** When one phone sends too much too fast; the emergency numbers still come first. */
export function slowDown(lang: Lang, numbers: EmergencyNumber[]): string {
  return withEmergencyNumbers(replies[lang].slowDown, lang, numbers);
}

/** "Lugar: La Pampa": the form's "where" answer, appended to the text that is scored and read. */
export function withPlace(text: string, where: string, lang: Lang): string {
  return where.trim() ? `${text}\n${replies[lang].whereLabel}: ${where.trim()}` : text;
}
