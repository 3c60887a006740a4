// The contact vault port: the one place a tipster's address is kept, sealed, so that an
// operator can reply without ever seeing it. Intake remembers and forgets; only the reply
// path recalls.
import { ClientError } from './errors';

export interface ContactVaultWriter {
  /** Keeps (or refreshes) the address for `ttlDays` from `now`. */
  remember(contactKey: string, address: string, now: Date): Promise<void>;
  /** Erases the address at once; a no-op when there is none. */
  forget(contactKey: string): Promise<void>;
}

export interface ContactVaultReader {
  /**
   * The address, or undefined when it was erased or has expired. `contactSince`: when this
   * contact began (after their last erasure, if any); tips from before it are not theirs to answer.
   */
  recall(contactKey: string, now: Date): Promise<{ address: string; contactSince?: string } | undefined>;
}

export class TipsterUnreachable extends ClientError {
  override name = 'TipsterUnreachable';
  readonly status = 410;
  readonly code = 'tipster_unreachable';
  constructor(reason: 'erased_or_expired' | 'no_contact') {
    const why = {
      erased_or_expired: 'they erased their number (BORRAR) or it expired from the contact vault',
      no_contact: 'the tip has no contact to answer',
    }[reason];
    super(`This tipster cannot be contacted: ${why}. Keep the tip open in case they write again.`);
  }
}
