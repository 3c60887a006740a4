// A responder's SMS that paging must answer itself: a free text (a note on the case they were
// paged for) and an ACK that names no page of theirs. Paging owns the pages, so only it knows the
// case; intake has already redacted the text and made sure it never became a tip.
import type { StoredMessage } from '../tip-record';
import type { Responder } from './model';
import { sendOnce } from './carry-out';
import type { PagingJob } from './jobs';
import type { PagingPorts } from './handle-job';
import { foreignCodeText, howToAckText, isForeignCode, noteAddedText, openCodesOf, pageForNote, wrongCodeText, type PageWithState } from './responder-replies';

/** Pages looked at for a responder's SMS: a day of pages is a handful, even in a bad week. */
const PAGES_LOOKED_AT = 20;

/** The responder's recent pages, one per tip (the newest), each with its tip's paging state. */
export async function pagesWithState(responderId: string, ports: Pick<PagingPorts, 'deliveries' | 'states'>): Promise<PageWithState[]> {
  const seen = new Set<string>();
  const pages: PageWithState[] = [];
  for (const page of await ports.deliveries.pagesTo(responderId, PAGES_LOOKED_AT)) {
    if (seen.has(page.tipId)) continue;
    seen.add(page.tipId);
    pages.push({ ...page, state: (await ports.states.get(page.tipId))?.state });
  }
  return pages;
}

/** Says which pages they have open, or that the code is a page sent to someone else. */
export async function answerAckMiss(responder: Responder, code: string | null, pages: readonly PageWithState[], ports: PagingPorts): Promise<void> {
  const now = ports.now();
  let text = wrongCodeText(responder.lang, code, openCodesOf(pages));
  if (code !== null) {
    const mine = new Set(pages.map((page) => page.tipId));
    const others = (await ports.codes.tipsWith(code)).filter((tipId) => !mine.has(tipId));
    const states = await Promise.all(others.map(async (tipId) => (await ports.states.get(tipId))?.state));
    if (isForeignCode(responder.responderId, states)) text = foreignCodeText(responder.lang);
  }
  await sendOnce(
    `ack-unknown#${responder.responderId}#${now.toISOString()}`,
    { tipId: '-', responderId: responder.responderId, kind: 'responder_reply', code: code ?? '-', at: now },
    responder,
    text,
    ports,
  );
}

/**
 * Attaches the text to the case of the live page it names by code, or else of their most recent
 * live page (open, or sent within a day), as a thread entry operators see and other responders do
 * not, audited; and tells them so. With no such page, tells them how to acknowledge. A redelivered job attaches and answers once.
 */
export async function takeResponderText(job: Extract<PagingJob, { type: 'ResponderText' }>, ports: PagingPorts): Promise<void> {
  const roster = await ports.roster.load();
  const responder = roster.responders.find((r) => r.responderId === job.responderId);
  if (!responder) return;
  const now = ports.now();
  const page = pageForNote(await pagesWithState(responder.responderId, ports), now, job.text);
  const tip = page ? await ports.tips.getTip(page.tipId) : undefined;
  if (!page || !tip) {
    const claim = { tipId: '-', responderId: responder.responderId, kind: 'responder_reply' as const, code: '-', at: now };
    await sendOnce(`note#${job.noteId}`, claim, responder, howToAckText(responder.lang), ports);
    return;
  }
  const author = { id: responder.responderId, name: responder.name };
  const note: StoredMessage = {
    messageId: job.noteId,
    tipId: tip.tipId,
    kind: 'responder',
    author,
    text: job.text,
    receivedAt: job.receivedAt,
    channel: 'sms',
    lang: responder.lang,
    redactions: {},
    // A note on a closed tip goes when the tip goes.
    ...(tip.expiresAt !== undefined ? { expiresAt: tip.expiresAt } : {}),
  };
  // Audited before it is attached, as every staff write is: a retry may audit twice, never none.
  await ports.audit.record({
    tipId: tip.tipId,
    at: now.toISOString(),
    actor: author,
    action: 'responder_note',
    details: { noteId: job.noteId, code: page.code },
  });
  await ports.notes.add(note);
  const claim = { tipId: tip.tipId, responderId: responder.responderId, kind: 'responder_reply' as const, code: page.code, at: now };
  await sendOnce(`note#${job.noteId}`, claim, responder, noteAddedText(responder.lang, page.code), ports);
}
