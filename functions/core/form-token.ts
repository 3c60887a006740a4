// One-time tokens for the public form's three forms (send a tip, open the inbox, answer in it).
// Without JavaScript every step is a POST to `/`, and a browser sends a POST again when the
// tipster presses Back (after a quick exit, whoever picks up the phone): a token spent once
// makes that second post harmless. A token is signed, so issuing one stores nothing; only
// spending it is written down, under a keyed hash of its id, until it would have expired.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const FORM_KINDS = ['tip', 'inbox', 'reply'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** The actions each form posts: the tip form also switches language; the reply form also refreshes. */
const ACTIONS_OF: Record<FormKind, readonly string[]> = { tip: ['tip', 'lang'], inbox: ['inbox'], reply: ['reply', 'inbox'] };

/** Long enough to write a tip slowly, interrupted; a Back pressed later meets an expired token, which is refused as well. */
export const FORM_TOKEN_LIFETIME_MS = 24 * 60 * 60_000;
/** Another instance's clock may run a little ahead of this one's. */
const CLOCK_SKEW_MS = 5 * 60_000;

const VERSION = 'v1';
const NONCE_BYTES = 16;
const MAC_BYTES = 16;

export interface FormToken {
  kind: FormKind;
  /** Random, 128 bits: what a spent token is remembered by (keyed, see spentTokenKey). */
  id: string;
  /** After this the token is refused whether spent or not, so it need not be remembered longer. */
  expiresAt: Date;
}

/** The signing key, derived from the receipt pepper so that every instance shares it without another secret. */
export function formTokenKey(pepper: string): Buffer {
  return createHmac('sha256', pepper).update('tipline form tokens v1').digest();
}

const mac = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest().subarray(0, MAC_BYTES);

export function issueFormToken(kind: FormKind, key: Buffer, now: Date, random: (bytes: number) => Buffer = randomBytes): string {
  const payload = `${VERSION}.${kind}.${Math.floor(now.getTime() / 1000).toString(36)}.${random(NONCE_BYTES).toString('base64url')}`;
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The token's kind, id and expiry; undefined when it is malformed, forged, from another key, or expired. */
export function readFormToken(token: string, key: Buffer, now: Date): FormToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 5 || token.length > 100) return undefined;
  const [version, kind, issued, id, signature] = parts as [string, string, string, string, string];
  if (version !== VERSION || !(FORM_KINDS as readonly string[]).includes(kind)) return undefined;
  const presented = Buffer.from(signature, 'base64url');
  const expected = mac(key, `${version}.${kind}.${issued}.${id}`);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  const issuedAt = Number.parseInt(issued, 36) * 1000;
  if (!Number.isFinite(issuedAt) || issuedAt > now.getTime() + CLOCK_SKEW_MS) return undefined;
  const expiresAt = new Date(issuedAt + FORM_TOKEN_LIFETIME_MS);
  if (expiresAt.getTime() <= now.getTime()) return undefined;
  return { kind: kind as FormKind, id, expiresAt };
}

/** Whether a post with this action may spend a token of this form. */
export function formAllows(kind: FormKind, action: string): boolean {
  return ACTIONS_OF[kind].includes(action);
}

/** What a spent token is stored under: keyed, so the stored name cannot be matched to a page saved on a phone. */
export function spentTokenKey(token: FormToken, key: Buffer): string {
  return createHmac('sha256', key).update(`spent:${token.id}`).digest('base64url');
}

/** Where spent tokens are remembered, shared by every instance. */
export interface SpentFormTokens {
  /** Records the token as spent; false when it already was (a conditional write, so two posts cannot both win). */
  spend(key: string, keepUntil: Date): Promise<boolean>;
  /** Forgets a spending whose post then failed on our side, so that sending the page again works. */
  unspend(key: string): Promise<void>;
}

export type Spending = { spent: true; key: string } | { spent: false; why: 'missing' | 'invalid' | 'wrong_form' | 'used' };

/** Spends the token a post carried, if it is genuine, unexpired, of a form that posts this action, and unspent. */
export async function spendFormToken(token: string | null, action: string, key: Buffer, store: SpentFormTokens, now: Date): Promise<Spending> {
  if (!token) return { spent: false, why: 'missing' };
  const read = readFormToken(token, key, now);
  if (!read) return { spent: false, why: 'invalid' };
  if (!formAllows(read.kind, action)) return { spent: false, why: 'wrong_form' };
  const stored = spentTokenKey(read, key);
  // Remembered a little past its expiry: an instance whose clock is behind still refuses it.
  return (await store.spend(stored, new Date(read.expiresAt.getTime() + CLOCK_SKEW_MS))) ? { spent: true, key: stored } : { spent: false, why: 'used' };
}
