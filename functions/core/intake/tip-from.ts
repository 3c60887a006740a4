// Intake use cases: the only place raw identifiers exist. What leaves here is a TipReceived
// with redacted text, a contact key instead of the number, and a receipt hash instead of a code.
import { contactKey, smsMessageId } from '../contact-key';
import { detectLanguage } from '../language';
import { redactIdentifiers, type EvidenceValue, type RedactionResult } from '../redaction/redact';
import type { ContactKey, Lang, MessageSid, TipReceived, TipSignals } from '../tip';

/**
 * Lone UTF-16 surrogates (possible in JSON as "\ud800") cannot be stored or queued as text;
 * they become U+FFFD, as String.prototype.toWellFormed would make them.
 */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export interface IntakeSecrets {
  contactKeySecret: string;
}

export interface SmsIntake {
  messageSid: MessageSid;
  from: string;
  body: string;
  receivedAt: Date;
  /** The sender's contact key when the caller already derived it (intake does, to check erasure and ACKs). */
  contactKey?: ContactKey;
}

/**
 * A tip ready to queue once its evidence is sealed. `evidence` holds original values: the
 * caller seals them (sealEvidence) and lets go of this object; it is never queued or logged.
 */
export interface PreparedTip {
  tip: TipReceived;
  evidence: EvidenceValue[];
  /** The text ends where a number was being given (see numberOpenAtEnd). */
  numberOpen: boolean;
}

function prepared(tip: TipReceived, redaction: RedactionResult): PreparedTip {
  return {
    tip: redaction.hidden > 0 ? { ...tip, hidden: redaction.hidden } : tip,
    evidence: redaction.evidence,
    numberOpen: redaction.numberOpen,
  };
}

export function tipFromSms(sms: SmsIntake, secrets: IntakeSecrets, options: { continuesNumber?: boolean } = {}): PreparedTip {
  const channel = /^whatsapp:/i.test(sms.from.trim()) ? 'whatsapp' : 'sms';
  const redaction = redactIdentifiers(wellFormed(sms.body), options);
  return prepared(
    {
      type: 'TipReceived',
      version: 1,
      messageId: smsMessageId(sms.messageSid, secrets.contactKeySecret),
      channel,
      // Detected on the raw text: placeholders carry no language, names might.
      lang: detectLanguage(sms.body),
      text: redaction.text,
      receivedAt: sms.receivedAt.toISOString(),
      contactKey: sms.contactKey ?? contactKey(sms.from, secrets.contactKeySecret),
      redactions: redaction.counts,
    },
    redaction,
  );
}

export interface WebIntake {
  messageId: string;
  text: string;
  lang?: Lang;
  signals?: TipSignals;
  receiptHash?: string;
  followUpOf?: string;
  receivedAt: Date;
}

export function tipFromWeb(web: WebIntake): PreparedTip {
  const redaction = redactIdentifiers(wellFormed(web.text));
  return prepared(
    {
      type: 'TipReceived',
      version: 1,
      messageId: web.messageId,
      channel: 'web',
      lang: web.lang ?? detectLanguage(web.text),
      text: redaction.text,
      receivedAt: web.receivedAt.toISOString(),
      ...(web.receiptHash ? { receiptHash: web.receiptHash } : {}),
      ...(web.followUpOf ? { followUpOf: web.followUpOf } : {}),
      ...(web.signals ? { signals: web.signals } : {}),
      redactions: redaction.counts,
    },
    redaction,
  );
}
