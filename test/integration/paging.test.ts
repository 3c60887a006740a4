// On-call paging on the local stack: a critical tip pages the region's on-call responder once,
// with no word of the tip; without an ACK the page climbs the policy as the (injected) clock
// passes each deadline; ACK stops it and is on the audit trail; duplicates page nobody twice.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, inject, it } from 'vitest';
import { policyFor, whoToPage, type Roster } from '../../functions/core/paging';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { eventually, queueUrl, sqs } from '../support/local-aws';
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, getQueue } from '../support/operator';
import { postSignedSms, signTwilio, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const roster = demoRoster as unknown as Roster;
const phones = new Map((demoRoster as { responders: Array<{ responderId: string; phone: string }> }).responders.map((r) => [r.responderId, r.phone]));
const phoneOf = (id: string) => phones.get(id)!;

async function clockOffsetMs(advanceMinutes = 0): Promise<number> {
  const res = await fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${advanceMinutes}`, { method: advanceMinutes ? 'POST' : 'GET' });
  return ((await res.json()) as { offsetMs: number }).offsetMs;
}

async function onCallNow(level = 0): Promise<string[]> {
  const now = new Date(Date.now() + (await clockOffsetMs()));
  return whoToPage(policyFor('Madre de Dios', roster.policies), level, roster.rotations, roster.overrides, roster.responders, now);
}

async function criticalTip(marker: string, from: string) {
  const body = `${marker} ayuda, mi hija de 15 años esta en un prostibar en mazuko, le quitaron su dni`;
  await postSignedSms(stack, twilioWebhook({ From: from, Body: body }));
  const tip = await eventually(async () => (await getQueue(stack)).find((t) => t.preview.startsWith(marker)), 15_000, marker);
  return { tip, body, code: tip.tipId.slice(0, 4) };
}

const pagesWith = async (code: string): Promise<RecordedMessage[]> => (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(`ACK ${code}`));
const toPhone = async (phone: string, code: string) => (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.to === phone && m.body.includes(code));

describe('paging', () => {
  it('a critical tip for Mazuko pages the on-call responder for Madre de Dios exactly once, with no word of the tip', async () => {
    // Arrange
    const [onCall] = await onCallNow();

    // Act
    const { body, code } = await criticalTip('guardia-uno', '+51977000001');

    // Assert
    const [page] = await eventually(async () => ((await pagesWith(code)).length ? pagesWith(code) : undefined), 15_000, 'the page');
    expect(page!.to).toBe(phoneOf(onCall!));
    expect(page!.body).toMatch(new RegExp(`^tipline CRITICO T-${code} Madre de Dios: .+ Responde ACK ${code}$`));
    expect(page!.body.length).toBeLessThanOrEqual(160);
    for (const word of body.toLowerCase().split(/[^\p{L}\d]+/u).filter((w) => w.length >= 4)) expect(page!.body.toLowerCase()).not.toContain(word);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await pagesWith(code)).toHaveLength(1);
  });

  it('climbs the policy at each deadline, then the top again and the supervisors; ACK stops it and is audited', async () => {
    // Arrange
    const [first] = await onCallNow();
    const { tip, code } = await criticalTip('guardia-escala', '+51977000002');
    await eventually(async () => ((await toPhone(phoneOf(first!), code)).length === 1 ? true : undefined), 15_000, 'level 1');

    // Act + Assert: level 2 at its deadline (10 minutes), level 3 at the next
    await clockOffsetMs(11);
    await eventually(async () => ((await toPhone(phoneOf('fis-marta'), code)).length === 1 ? true : undefined), 15_000, 'level 2');
    await clockOffsetMs(11);
    await eventually(async () => ((await toPhone(phoneOf('alb-luz'), code)).length === 1 ? true : undefined), 15_000, 'level 3');
    // After the last level: the top again, and every supervisor is told
    await clockOffsetMs(11);
    const [top] = await onCallNow();
    await eventually(async () => ((await toPhone(phoneOf(top!), code)).length >= 1 && (await toPhone(phoneOf('sup-sara'), code)).length === 1 ? true : undefined), 15_000, 'round two');
    await eventually(async () => ((await toPhone(phoneOf('sup-tomas'), code)).length === 1 ? true : undefined), 15_000, 'the second supervisor');

    // Act: the level-2 prosecutor acknowledges
    const ack = await postSignedSms(stack, twilioWebhook({ From: phoneOf('fis-marta'), Body: `ack ${code.toLowerCase()}` }));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    // Assert: confirmed, and nothing more is sent however much time passes
    await eventually(async () => ((await toPhone(phoneOf('fis-marta'), code)).length === 2 ? true : undefined), 15_000, 'the confirmation');
    const sentAfterAck = (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(code)).length;
    await clockOffsetMs(30);
    await new Promise((r) => setTimeout(r, 3000));
    expect((await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(code)).length).toBe(sentAfterAck);

    const events = ((await (await call(stack, stack.tokens.supervisor, 'GET', `/api/tips/${tip.tipId}/audit`)).json()) as { events: Array<{ action: string; at: string; actor: { name: string } }> }).events;
    const acked = events.find((e) => e.action === 'ack');
    expect(acked?.actor.name).toBe('Marta Flores (demo)');
    expect(Date.parse(acked!.at)).not.toBeNaN();
    expect(events.filter((e) => e.action === 'page').length).toBeGreaterThanOrEqual(4);
    const pages = (await (await call(stack, stack.operatorToken, 'GET', `/api/tips/${tip.tipId}/pages`)).json()) as { state: { open: boolean; acknowledged: { by: { name: string } } } };
    expect(pages.state.open).toBe(false);
    expect(pages.state.acknowledged.by.name).toBe('Marta Flores (demo)');
  }, 120_000);

  it('duplicate queue deliveries, Twilio retries and duplicate status callbacks page nobody twice', async () => {
    // Arrange
    const { tip, code } = await criticalTip('guardia-dup', '+51977000003');
    const [page] = await eventually(async () => ((await pagesWith(code)).length ? pagesWith(code) : undefined), 15_000, 'the page');

    // Act: the same start job delivered three more times
    const client = sqs(stack.sqsEndpoint);
    const paging = await queueUrl(client, 'paging');
    for (let i = 0; i < 3; i++) await client.send(new SendMessageCommand({ QueueUrl: paging, MessageBody: JSON.stringify({ type: 'PageRequested', tipId: tip.tipId }) }));
    // Act: Twilio retries the tip's webhook (same MessageSid) and the responder's ACK
    const ack = twilioWebhook({ From: page!.to, Body: `ACK ${code}` });
    await postSignedSms(stack, ack);
    await postSignedSms(stack, ack);
    // Act: Twilio reports delivery twice, then a late "sent"
    const callback = `${stack.publicUrl}/sms/status`;
    for (const status of ['delivered', 'delivered', 'sent']) {
      const params = { MessageSid: page!.sid, MessageStatus: status, AccountSid: 'AC' + '0'.repeat(32), To: page!.to };
      const res = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(stack.twilioAuthToken, callback, params) }, body: new URLSearchParams(params).toString() });
      expect(res.status).toBe(204);
    }

    // Assert
    await new Promise((r) => setTimeout(r, 3000));
    expect(await pagesWith(code)).toHaveLength(1);
    expect((await toPhone(page!.to, code)).filter((m) => !m.body.includes(`ACK ${code}`))).toHaveLength(1); // one confirmation
    const view = (await (await call(stack, stack.operatorToken, 'GET', `/api/tips/${tip.tipId}/pages`)).json()) as { pages: Array<{ status: string }> };
    expect(view.pages).toHaveLength(1);
    expect(view.pages[0]!.status).toBe('delivered');
  });

  it('an unsigned status callback is refused', async () => {
    const res = await fetch(`${stack.httpUrl}/sms/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'MessageSid=SM00000000000000000000000000000000&MessageStatus=delivered' });
    expect(res.status).toBe(403);
  });

  it('"ACK 7K2F" from a number that is not a responder is an ordinary tip', async () => {
    const res = await postSignedSms(stack, twilioWebhook({ From: '+51977000004', Body: 'ACK 7K2F' }));
    expect(await res.text()).toContain('Recibimos tu mensaje');
    await eventually(async () => (await getQueue(stack)).find((t) => t.preview === 'ACK 7K2F'), 15_000, 'the tip');
  });
});
