// A tip from the web, whichever page sent it (the JSON API, the server-rendered form, or an
// answer in the receipt inbox): redacted here and queued, with a receipt code that is shown
// once and kept only as a slow hash; identifiers the text gives to someone else are sealed. The
// one place web tips are made.
import { formatReceiptCode, hashReceiptCode, newReceiptCode } from '../receipt';
import type { Clock, Sealer, TipQueue } from '../ports';
import type { Lang, TipReceived, TipSignals } from '../tip';
import { sealEvidence } from './seal-evidence';
import { tipFromWeb } from './tip-from';

export interface WebTipSubmission {
  text: string;
  /** As chosen on the page; detected from the text when absent. */
  lang?: Lang;
  signals?: TipSignals;
  /** Whether the tipster wants a receipt code to read answers with. */
  receipt: boolean;
  /** An answer in the receipt inbox: the tip it belongs to. */
  followUpOf?: string;
}

export interface WebTipPorts {
  tips: TipQueue;
  sealEvidence: Sealer;
  receiptPepper(): Promise<string>;
  newMessageId(): string;
  now: Clock;
  newReceiptCode?: () => string;
}

export interface SubmittedWebTip {
  tip: TipReceived;
  /** Formatted for the tipster to write down; absent when none was asked for. */
  receipt?: string;
}

export async function submitWebTip(submission: WebTipSubmission, ports: WebTipPorts): Promise<SubmittedWebTip> {
  const receipt = submission.receipt ? (ports.newReceiptCode ?? newReceiptCode)() : undefined;
  const prepared = tipFromWeb({
    messageId: ports.newMessageId(),
    text: submission.text,
    ...(submission.lang ? { lang: submission.lang } : {}),
    ...(submission.signals ? { signals: submission.signals } : {}),
    ...(receipt ? { receiptHash: await hashReceiptCode(receipt, await ports.receiptPepper()) } : {}),
    ...(submission.followUpOf ? { followUpOf: submission.followUpOf } : {}),
    receivedAt: ports.now(),
  });
  const tip = await sealEvidence(prepared, ports.sealEvidence);
  await ports.tips.send(tip);
  return { tip, ...(receipt ? { receipt: formatReceiptCode(receipt) } : {}) };
}
