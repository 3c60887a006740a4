// An operator's reply to a tipster, without the operator ever learning who the tipster is:
// the tip names a contact key, the vault turns it into an address inside this use case only,
// and the sender delivers on the channel the tipster last used.
import type { ContactVaultReader } from './contact-vault';
import { TipsterUnreachable } from './contact-vault';
import { TipNotFound } from './errors';
import type { TipReader } from './tip-record';

export interface MessageSender {
  send(message: { to: string; body: string }): Promise<void>;
}

export interface ReplyDeps {
  tips: Pick<TipReader, 'getTip'>;
  vault: ContactVaultReader;
  sender: MessageSender;
  now: () => Date;
}

export async function replyToTipster(request: { tipId: string; text: string }, deps: ReplyDeps): Promise<{ channel: 'sms' | 'whatsapp' }> {
  const tip = await deps.tips.getTip(request.tipId);
  if (!tip) throw new TipNotFound(request.tipId);
  if (tip.channel === 'web') throw new TipsterUnreachable('web_tip');
  if (!tip.contactKey) throw new TipsterUnreachable('no_contact');
  const address = await deps.vault.recall(tip.contactKey, deps.now());
  if (!address) throw new TipsterUnreachable('erased_or_expired');
  await deps.sender.send({ to: address, body: request.text });
  return { channel: /^whatsapp:/i.test(address) ? 'whatsapp' : 'sms' };
}
