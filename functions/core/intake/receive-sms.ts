// An SMS or WhatsApp message that Twilio has signed, from its sender's address to its answer.
// The decisions of intake, in order: a request to erase (BORRAR, "borrar mi número"…) erases the
// sender's address; a responder's "ACK 7K2F" goes to paging, and so does any other text from a
// roster number (redacted), never as a tip nor with the tipster's acknowledgement; a flood from
// one phone is slowed down; anything else is a tip, redacted here (evidence sealed) and queued, with the address
// sealed in the vault for replies, but only the first time intake sees that MessageSid: a replay
// or a retry of an old message must never bring back an address its sender erased.
import { acknowledgement, followUpAcknowledgement, slowDown, type EmergencyNumber } from '../acknowledgement';
import { contactKey, normaliseSenderAddress, smsMessageId } from '../contact-key';
import type { ContactVaultWriter } from '../contact-vault';
import { erasureConfirmation, erasureHint, erasureLanguage, isErasureRequest } from '../erasure';
import { detectLanguage } from '../language';
import { parseAck } from '../paging/ack';
import { RESPONDER_TEXT_MAX, type PagingJob } from '../paging/jobs';
import { redactIdentifiers } from '../redaction/redact';
import type { Clock, IntakeMemory, JobQueue, ResponderLookup, Sealer, TipQueue } from '../ports';
import type { FixedWindowLimiter } from '../rate-limit';
import type { MessageSid, TipReceived } from '../tip';
import { sealEvidence } from './seal-evidence';
import { tipFromSms } from './tip-from';

export interface InboundSms {
  messageSid: MessageSid;
  /** +E.164, or whatsapp:+E.164 */
  from: string;
  body: string;
}

export interface ReceiveSmsPorts {
  contactKeySecret(): Promise<string>;
  tips: TipQueue;
  vault: ContactVaultWriter;
  memory: IntakeMemory;
  sealEvidence: Sealer;
  responders: ResponderLookup;
  paging: JobQueue<PagingJob>;
  /** Has Twilio's copy of the message deleted later; a no-op where the deployment keeps them. */
  forgetTwilioCopy(sid: MessageSid): Promise<void>;
  perContact: Pick<FixedWindowLimiter, 'allow'>;
  emergencyNumbers: readonly EmergencyNumber[];
  /**
   * Triage's thread window: messages within it of the last one join its tip, and only the first
   * is answered in full (the emergency numbers); the rest get one word.
   */
  threadWindowMs: number;
  now: Clock;
}

/** What happened, and what (if anything) Twilio should answer the sender with. */
export type SmsOutcome =
  | { kind: 'erased'; reply: string }
  /** Answered with nothing, so that nothing a non-responder could see differs: their "ACK" is just a tip. */
  | { kind: 'ack' }
  /** A responder's text that is not an ACK: paging attaches it to their case and answers them; never a tip. */
  | { kind: 'responder_text' }
  | { kind: 'rate_limited'; reply: string }
  | { kind: 'queued'; reply: string; tip: TipReceived };

/** The sender's address as Twilio must be given it to answer on the same channel. */
export function replyAddress(from: string): string {
  const e164 = normaliseSenderAddress(from);
  return /^whatsapp:/i.test(from.trim()) ? `whatsapp:${e164}` : e164;
}

export async function receiveSms(message: InboundSms, ports: ReceiveSmsPorts): Promise<SmsOutcome> {
  const secret = await ports.contactKeySecret();
  const key = contactKey(message.from, secret);
  const messageId = smsMessageId(message.messageSid, secret);
  const now = ports.now();
  if (isErasureRequest(message.body)) {
    await ports.vault.forget(key);
    // A replayed BORRAR erases again, which is harmless; it is claimed so that it counts as seen.
    await ports.memory.claimMessage(messageId, now);
    await ports.memory.noteErased(key, now);
    await ports.forgetTwilioCopy(message.messageSid);
    return { kind: 'erased', reply: erasureConfirmation(erasureLanguage(message.body)) };
  }
  const ack = parseAck(message.body);
  const responderId = await ports.responders.responderFor(key);
  if (ack && responderId) {
    await ports.paging.send({ type: 'AckReceived', responderId, code: ack.code, receivedAt: ports.now().toISOString() });
    await ports.forgetTwilioCopy(message.messageSid);
    return { kind: 'ack' };
  }
  if (responderId) {
    // Staff text, but a tipster's number a responder forwards must not be stored as sent.
    const text = redactIdentifiers(message.body).text.trim().slice(0, RESPONDER_TEXT_MAX);
    if (text && ports.perContact.allow(key, now.getTime())) {
      const noteId = `resp_${messageId.replace(/^sms_/, '')}`;
      await ports.paging.send({ type: 'ResponderText', responderId, noteId, text, receivedAt: now.toISOString() });
    }
    await ports.forgetTwilioCopy(message.messageSid);
    return { kind: 'responder_text' };
  }
  if (!ports.perContact.allow(key, now.getTime())) {
    // Not kept as a tip, and not left in Twilio's logs either.
    await ports.forgetTwilioCopy(message.messageSid);
    return { kind: 'rate_limited', reply: slowDown(detectLanguage(message.body), [...ports.emergencyNumbers]) };
  }
  const before = await ports.memory.recall(key, now);
  const prepared = tipFromSms(
    { messageSid: message.messageSid, from: message.from, body: message.body, receivedAt: now, contactKey: key },
    { contactKeySecret: secret },
    { continuesNumber: before.numberOpen },
  );
  const sealed = await sealEvidence(prepared, ports.sealEvidence);
  const tip = before.erased ? { ...sealed, newThread: true } : sealed;
  // Queued before anything is remembered: a failure after this point is retried by Twilio with
  // the same MessageSid, which triage stores once.
  await ports.tips.send(tip);
  // Only a message seen for the first time may seal its sender's address or move their thread.
  const firstSeen = await ports.memory.claimMessage(messageId, now);
  if (firstSeen) {
    try {
      await ports.vault.remember(key, replyAddress(message.from), now);
    } catch (error: unknown) {
      // Twilio retries a failed webhook: that retry must be allowed to seal the address.
      await ports.memory.releaseMessage(messageId).catch(() => undefined);
      throw error;
    }
    await ports.memory.noteNumberOpen(key, prepared.numberOpen, now);
    if (before.erased) await ports.memory.clearErased(key);
    // Sliding, as the thread is: a tipster writing on keeps getting the one-word answer.
    await ports.memory.noteAcknowledged(key, new Date(now.getTime() + ports.threadWindowMs));
  }
  await ports.forgetTwilioCopy(message.messageSid);
  // A retry is Twilio's after a failed answer: the tipster may not have had the full one.
  return { kind: 'queued', reply: answerFor(tip.lang, { erased: before.erased, acknowledged: before.acknowledged && firstSeen }, ports.emergencyNumbers), tip };
}

function answerFor(lang: TipReceived['lang'], before: { erased: boolean; acknowledged: boolean }, numbers: readonly EmergencyNumber[]): string {
  if (before.erased) return `${acknowledgement(lang, [...numbers])} ${erasureHint(lang)}`;
  return before.acknowledged ? followUpAcknowledgement(lang) : acknowledgement(lang, [...numbers]);
}
