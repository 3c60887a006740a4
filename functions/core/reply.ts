// An operator's reply to a tipster, without the operator ever learning who the tipster is.
// SMS and WhatsApp: the tip names a contact key, the vault turns it into an address inside
// this use case only, and the sender delivers on the channel the tipster last used. Web: the
// reply waits in the thread, where the tipster reads it with their receipt code. Either way
// the reply joins the thread, so the next operator sees what was asked. A claim holds: only the
// holder of a claimed tip writes to its tipster (core/operator-actions).
import type { Role } from '../config/tables';
import type { ContactVaultReader } from './contact-vault';
import { TipsterUnreachable } from './contact-vault';
import { TipNotFound } from './errors';
import { assertNotHeldByOther } from './operator-actions';
import type { Channel } from './tip';
import type { StaffRef, TipReader, TipWriter } from './tip-record';

export interface MessageSender {
  send(message: { to: string; body: string }): Promise<void>;
}

export interface ReplyDeps {
  tips: Pick<TipReader, 'getTip'>;
  thread: Pick<TipWriter, 'addThreadEntry'>;
  vault: ContactVaultReader;
  sender: MessageSender;
  now: () => Date;
  newId: () => string;
}

export async function replyToTipster(
  request: { tipId: string; text: string },
  author: StaffRef & { roles?: readonly Role[] },
  deps: ReplyDeps,
): Promise<{ channel: Channel; id: string }> {
  const tip = await deps.tips.getTip(request.tipId);
  if (!tip) throw new TipNotFound(request.tipId);
  // Before the vault is opened: someone else's case gets no message from us.
  assertNotHeldByOther(tip, author);
  let channel: Channel = 'web';
  if (tip.channel !== 'web') {
    if (!tip.contactKey) throw new TipsterUnreachable('no_contact');
    const contact = await deps.vault.recall(tip.contactKey, deps.now());
    // A tip written before the sender's last erasure belongs to the contact they erased: the
    // number may be back, but not for this tip.
    if (!contact || (contact.contactSince && tip.lastMessageAt < contact.contactSince)) throw new TipsterUnreachable('erased_or_expired');
    const address = contact.address;
    await deps.sender.send({ to: address, body: request.text });
    channel = /^whatsapp:/i.test(address) ? 'whatsapp' : 'sms';
  }
  const id = `out_${deps.newId()}`;
  await deps.thread.addThreadEntry({
    messageId: id,
    tipId: tip.tipId,
    kind: 'out',
    author: { id: author.id, name: author.name },
    text: request.text,
    receivedAt: deps.now().toISOString(),
    channel,
    lang: tip.lang,
    redactions: {},
    // A reply on a closed tip goes when the tip goes.
    ...(tip.expiresAt !== undefined ? { expiresAt: tip.expiresAt } : {}),
  });
  return { channel, id };
}
