// Responders by SMS (issue 16, part 2), on the local stack: a paged responder's free text is a
// note on the case (redacted, audited, for operators, not for other responders), never a tip nor
// answered with the tipster's acknowledgement; a responder with no page is told how to
// acknowledge; an ACK names someone else's page or a code that is not theirs, and is told so.
import { randomInt } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { TipDetail } from '../../functions/core/operator-views';
import { foreignCodeText, howToAckText, noteAddedText, wrongCodeLead } from '../../functions/core/paging/responder-replies';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, getQueue, queuedTip } from '../support/operator';
import { pagingSettled } from '../support/paging';
import { postSignedSms, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const { operator, supervisor, responder } = stack.tokens as Record<'operator' | 'supervisor' | 'responder', string>;
const responderOf = (phone: string) => demoRoster.responders.find((r) => r.phone === phone)!;
/** sup-tomas is told of pages (supervisors' notices) but no policy pages him. */
const NEVER_PAGED = demoRoster.responders.find((r) => r.responderId === 'sup-tomas')!;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const letters = (n: number): string => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const sender = (): string => `+5196${String(randomInt(10_000_000)).padStart(7, '0')}`;
const outbox = (): Promise<RecordedMessage[]> => twilioOutbox(stack.twilioApiUrl);
const sentTo = async (phone: string, body: string) => (await outbox()).filter((m) => m.to === phone && m.body === body);
const answerTo = (phone: string, body: string | ((m: RecordedMessage) => boolean), what: string) =>
  waitFor(async () => (await outbox()).find((m) => m.to === phone && (typeof body === 'string' ? m.body === body : body(m))), { what });

async function pagedTip() {
  // Long enough that two of these tips are not near-identical texts (core/paging/fingerprint.ts):
  // a copy within 30 minutes is covered by the first tip's page, and pages nobody.
  const marker = letters(40);
  await postSignedSms(stack, twilioWebhook({ From: sender(), Body: `en un bar de Mazuko tienen a una niña de 14, la encierran y la golpean ${marker}` }));
  const tip = await queuedTip(stack, marker);
  const code = tip.tipId.slice(0, 4);
  const page = await waitFor(async () => (await outbox()).find((m) => m.body.includes(`ACK ${code}`)), { what: `the page for ${code}` });
  return { tip, code, paged: responderOf(page.to) };
}

describe('a responder’s SMS', () => {
  it('that is not an ACK becomes a note on the case they were paged for: no tip, no tipster acknowledgement, redacted, audited', async () => {
    // Arrange
    const { tip, code, paged } = await pagedTip();
    const marker = letters(10);
    // Named by its code: other files page the same responders in this shared stack, so "their most
    // recent page" may be someone else's tip by now (that default is a unit test's).
    const text = `${code} llegue al local ${marker}, la menor esta adentro; la mama llamo del 987 654 321`;

    // Act
    const res = await postSignedSms(stack, twilioWebhook({ From: paged.phone, Body: text }));

    // Assert: answered by paging, not by intake
    expect(await res.text()).toBe(EMPTY_TWIML);
    await answerTo(paged.phone, noteAddedText(paged.lang as 'es', code), 'the note confirmation');
    const detail = (await (await call(stack, operator, 'GET', `/api/tips/${tip.tipId}`)).json()) as TipDetail;
    const note = detail.thread.find((entry) => entry.kind === 'responder');
    expect(note).toMatchObject({ author: { id: paged.responderId, name: paged.name } });
    expect(note?.text).toContain(marker);
    expect(note?.text).not.toMatch(/987|654|321/);
    expect(detail.text).not.toContain(marker);
    const { events } = (await (await call(stack, supervisor, 'GET', `/api/tips/${tip.tipId}/audit`)).json()) as {
      events: Array<{ action: string; actor: { id: string } }>;
    };
    expect(events.find((e) => e.action === 'responder_note')?.actor.id).toBe(paged.responderId);
    await pagingSettled(stack);
    expect((await getQueue(stack)).filter((t) => t.preview.includes(marker))).toEqual([]);
    expect((await outbox()).filter((m) => m.to === paged.phone && /Recibimos|We received/.test(m.body))).toEqual([]);

    // Not for other responders: the demo responder (pol-rosa) reads only the tipster's words, if anything
    const asResponder = await call(stack, responder, 'GET', `/api/tips/${tip.tipId}`);
    if (asResponder.status === 200) {
      const view = (await asResponder.json()) as { thread: Array<{ kind: string; text: string }> };
      expect(view.thread.every((entry) => entry.kind === 'in' && !entry.text.includes(marker))).toBe(true);
    } else {
      expect(asResponder.status).toBe(404);
    }
  });

  it('from a responder with no page is answered with how to acknowledge, and is no tip', async () => {
    const marker = letters(10);
    const before = (await sentTo(NEVER_PAGED.phone, howToAckText('en'))).length;

    const res = await postSignedSms(stack, twilioWebhook({ From: NEVER_PAGED.phone, Body: `hello, what should I do ${marker}` }));

    expect(await res.text()).toBe(EMPTY_TWIML);
    await waitFor(async () => (await sentTo(NEVER_PAGED.phone, howToAckText('en'))).length === before + 1, { what: 'the help answer' });
    await pagingSettled(stack);
    expect((await getQueue(stack)).filter((t) => t.preview.includes(marker))).toEqual([]);
  });

  it('ACK with the code of a page sent to someone else says so; with a code that is not theirs, which pages they have open', async () => {
    // Arrange
    const { tip, code, paged } = await pagedTip();
    const before = (await sentTo(NEVER_PAGED.phone, foreignCodeText('en'))).length;

    // Act
    await postSignedSms(stack, twilioWebhook({ From: NEVER_PAGED.phone, Body: `ACK ${code}` }));
    await postSignedSms(stack, twilioWebhook({ From: paged.phone, Body: 'ACK 9999' }));

    // Assert
    await waitFor(async () => (await sentTo(NEVER_PAGED.phone, foreignCodeText('en'))).length === before + 1, { what: 'the foreign-code answer' });
    const lead = wrongCodeLead(paged.lang as 'es', '9999');
    const wrong = await answerTo(paged.phone, (m) => m.body.startsWith(lead), 'the wrong-code answer');
    expect(wrong.body).toContain(code);
    const view = (await (await call(stack, operator, 'GET', `/api/tips/${tip.tipId}/pages`)).json()) as { state: { acknowledged: unknown } };
    expect(view.state.acknowledged).toBeNull();
    // Leaves nothing escalating into other files
    await postSignedSms(stack, twilioWebhook({ From: paged.phone, Body: `ACK ${code}` }));
  });
});
