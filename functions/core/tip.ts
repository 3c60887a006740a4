// The tip model shared by every function: levels, indicators, the assessment the scorer
// produces, and the TipReceived message that intake puts on the queue.
import * as z from 'zod';
import { MAX_SEALED_SPANS, MAX_TIP_TEXT } from '../config/defaults';

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

/** Higher is more urgent; used to order the operator queue. */
export const levelRank = (level: Level): number => LEVELS.indexOf(level);

export const INDICATOR_IDS = [
  'minor',
  'sexual_exploitation',
  'labor_exploitation',
  'document_retention',
  'debt_bondage',
  'confinement',
  'violence',
  'threats',
  'deception',
  'withheld_wages',
  'imminent_danger',
  /** officials paid by or serving the exploiters: changes who is paged, not the level */
  'official_complicity',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

export const CHANNELS = ['sms', 'whatsapp', 'web'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Spanish (the default), English, Quechua, Brazilian Portuguese (near the border at Iñapari). */
export const LANGS = ['es', 'en', 'qu', 'pt'] as const;
export type Lang = (typeof LANGS)[number];

/** A found indicator and the words of the (redacted) text that triggered it. */
export interface IndicatorFinding {
  id: IndicatorId;
  /** Exact substring of the text that was scored. */
  evidence: string;
  /** Offset of `evidence` in the scored text. */
  start: number;
  /**
   * Set when the scorer read the mention as past or resolved ("hace dos años", "ya regresó"):
   * the indicator is listed for the operator but did not raise the level.
   */
  tense?: 'past';
}

export interface PlaceMention {
  /** The words as written in the text. */
  text: string;
  /** Canonical place name, e.g. "La Pampa". */
  place: string;
  /** Region used for routing, e.g. "Madre de Dios". */
  region: string;
}

/** Structured answers from the web form; they count as evidence beside the text. */
export interface TipSignals {
  minor?: 'yes' | 'no' | 'unknown';
  happeningNow?: boolean;
}

export interface Assessment {
  level: Level;
  /** 0..100, monotonic with level; breaks ties inside a level. */
  score: number;
  indicators: IndicatorFinding[];
  places: PlaceMention[];
  /** The level rule that fired, in words an operator can read. */
  rule: string;
}

export const PLACEHOLDER_KINDS = ['PHONE', 'EMAIL', 'ID', 'NAME', 'HANDLE', 'ADDRESS'] as const;
export type PlaceholderKind = (typeof PLACEHOLDER_KINDS)[number];

export interface Redaction {
  /** The text with identifiers replaced by `[PHONE]`, `[EMAIL]`, `[ID]`, `[NAME]`, `[HANDLE]`, `[ADDRESS]`. */
  text: string;
  /** How many of each kind were replaced; never the values. */
  counts: Partial<Record<PlaceholderKind, number>>;
}

/** Twilio's message ids; typed so that they are not mixed with our own ids. */
/** Twilio's id of a message: SM (SMS) or MM (MMS) and 32 hex digits. */
export const MESSAGE_SID_PATTERN = /^(SM|MM)[0-9a-f]{32}$/;
export const messageSidSchema = z.string().regex(MESSAGE_SID_PATTERN, 'MessageSid must be SM or MM followed by 32 hex digits').brand<'MessageSid'>();
export type MessageSid = z.infer<typeof messageSidSchema>;
/** HMAC of a sender address, hex; the only way a tipster is known downstream. */
export type ContactKey = string & { readonly __brand: 'ContactKey' };

export { MAX_TIP_TEXT };

/**
 * What intake puts on the tips queue. It holds no raw identifier: the text is redacted,
 * the sender is a contact key, the receipt is a slow hash.
 */
export const tipReceivedSchema = z.object({
  type: z.literal('TipReceived'),
  version: z.literal(1),
  /** Idempotency key: Twilio's MessageSid for SMS/WhatsApp, a random id for web tips. */
  messageId: z.string().min(8).max(64),
  channel: z.enum(CHANNELS),
  lang: z.enum(LANGS),
  text: z.string().max(MAX_TIP_TEXT * 2),
  receivedAt: z.iso.datetime(),
  contactKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  receiptHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** A web tipster's answer through their receipt: joins that tip whatever the time since. */
  followUpOf: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    .optional(),
  signals: z
    .object({
      minor: z.enum(['yes', 'no', 'unknown']).optional(),
      happeningNow: z.boolean().optional(),
    })
    .optional(),
  redactions: z.partialRecord(z.enum(PLACEHOLDER_KINDS), z.number().int().nonnegative()),
  /** Invisible or direction-control characters removed from the text (operators see a mark). */
  hidden: z.number().int().nonnegative().optional(),
  /** Identifiers given to someone else, each sealed by intake (envelope encryption; never clear). */
  evidence: z
    .array(
      z.object({
        ordinal: z.number().int().nonnegative(),
        kind: z.enum(['PHONE', 'EMAIL', 'ID', 'HANDLE']),
        sealed: z.string().min(1).max(4096),
      }),
    )
    .max(MAX_SEALED_SPANS)
    .optional(),
  /** The sender erased their number since their last message: this one starts a new tip. */
  newThread: z.boolean().optional(),
});
export type TipReceived = z.infer<typeof tipReceivedSchema>;
