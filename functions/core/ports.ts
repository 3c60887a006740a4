// The ports the use cases talk to the world through, in one place. Adapters (DynamoDB, SQS, KMS,
// Twilio) implement them; tests implement them with fakes. Ports that belong to one use case's
// model stay beside it (TipStore in tip-record, AuditLog in audit, ContactVault* in
// contact-vault, MessageSender in reply, PagingStore and Deliveries in paging).
import type { Agency, EscalationPolicy, Override, RegionRule, Responder, Roster, Rotation } from './paging';
import type { ContactKey, TipReceived } from './tip';

/** The time decisions are made with: the system clock in AWS, a movable one in tests. */
export type Clock = () => Date;

export interface JobQueue<T> {
  send(job: T): Promise<void>;
}

export type TipQueue = JobQueue<TipReceived>;

/** Puts a job on a queue to arrive at `at`, or as close to it as the queue allows. */
export type DelayedJobs<T> = (job: T, at: Date) => Promise<void>;

/** The secrets a function may be granted, each fetched once per container. */
export interface Secrets {
  contactKeySecret(): Promise<string>;
  receiptPepper(): Promise<string>;
  twilioAuthToken(): Promise<string>;
}

export type EncryptionContext = Record<string, string>;

/** Data keys for envelope encryption: KMS in AWS. */
export interface DataKeySource {
  generate(context: EncryptionContext): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer, context: EncryptionContext): Promise<Buffer>;
}

export type RosterKind = 'responder' | 'rotation' | 'override' | 'policy' | 'agency' | 'region';

export interface RosterReader {
  load(): Promise<Roster>;
}

/** The supervisors' view: the roster, and which responders and agencies have a number on file (never the number). */
export interface RosterWithPhoneFlags {
  roster: Roster;
  hasPhone: ReadonlySet<string>;
  /** agencyIds with a sealed contact. */
  hasContact: ReadonlySet<string>;
}

export interface RosterAdminReader extends RosterReader {
  loadWithPhoneFlags(): Promise<RosterWithPhoneFlags>;
}

/** The paging function's view of a responder: their phone, when a page must go out. */
export interface ResponderPhones {
  phoneOf(responderId: string): Promise<string | undefined>;
}

/** The paging function's view of an agency: its contact (E.164), when a referral must go out. */
export interface AgencyContacts {
  contactOf(agencyId: string): Promise<string | undefined>;
}

export interface RosterWriter {
  /** A responder and, when given, their phone (sealed) and its contact key. */
  putResponder(responder: Responder, phone?: { e164: string; contactKey: string }): Promise<void>;
  /** An agency and, when given, its contact (E.164, sealed); absent keeps the one on file. */
  putAgency(agency: Agency, contact?: string): Promise<void>;
  put(kind: Exclude<RosterKind, 'responder' | 'agency'>, id: string, data: Rotation | Override | EscalationPolicy | RegionRule): Promise<void>;
  remove(kind: Exclude<RosterKind, 'responder' | 'agency'>, id: string): Promise<void>;
}

/** sms-intake's only view of the roster: is this sender a responder? */
export interface ResponderLookup {
  responderFor(contactKey: string): Promise<string | undefined>;
}

export interface DeliveryView {
  idempotencyKey: string;
  responderId: string;
  responderName: string;
  responderRole: string;
  kind: string;
  pagedAt: string;
  status: string;
}

export interface TipDeliveries {
  /** Everything sent about a tip, oldest first. */
  forTip(tipId: string): Promise<DeliveryView[]>;
  /** Applies a status callback; false when no delivery has this SID or the status would go back. */
  applyStatus(messageSid: string, status: string, at: Date): Promise<boolean>;
}

export interface OutboundMessage {
  /** +E.164 or whatsapp:+E.164 */
  to: string;
  /** +E.164, whatsapp:+E.164, or a Messaging Service SID MG… */
  from: string;
  body: string;
  /** Where Twilio reports delivery (queued, sent, delivered, failed…); signed like the webhook. */
  statusCallback?: string;
}

export interface TwilioRest {
  /** Sends with retention settings that keep nothing Twilio does not need. */
  sendMessage(message: OutboundMessage): Promise<{ sid: string }>;
  /** Deletes a message record (inbound or outbound) from Twilio; 'not_found' if already gone. */
  deleteMessage(sid: string): Promise<'deleted' | 'not_found'>;
}

/** Seals one small value under an encryption context (envelope encryption; KMS in AWS). */
export type Sealer = (plaintext: string, context: EncryptionContext) => Promise<string>;

/**
 * What sms-intake remembers between messages, under keyed names only (a keyed MessageSid, a
 * contact key): nothing in it can be turned back into a number.
 */
export interface IntakeMemory {
  /** True the first time a message id is claimed; false for a replay or one of Twilio's retries. */
  claimMessage(messageId: string, now: Date): Promise<boolean>;
  /** Undoes a claim whose address could not be sealed, so that Twilio's retry may seal it. */
  releaseMessage(messageId: string): Promise<void>;
  /**
   * The contact's last message ended where a number was being given; whether they erased since;
   * and whether their thread has had its acknowledgement (within the thread window).
   */
  recall(contactKey: ContactKey, now: Date): Promise<{ numberOpen: boolean; erased: boolean; acknowledged: boolean }>;
  /** The thread has had its acknowledgement: later messages until `until` get a one-word one. */
  noteAcknowledged(contactKey: ContactKey, until: Date): Promise<void>;
  /** Records (or clears) a number left open at the end of the contact's latest message. */
  noteNumberOpen(contactKey: ContactKey, open: boolean, now: Date): Promise<void>;
  /** The contact erased their number: their next message starts a new tip. */
  noteErased(contactKey: ContactKey, now: Date): Promise<void>;
  /** That next message has been taken: later ones thread with it as usual. */
  clearErased(contactKey: ContactKey): Promise<void>;
}
