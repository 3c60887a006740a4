// On-call paging on the local stack: a critical tip pages the region's on-call responder once,
// with no word of the tip; without an ACK the page climbs the policy as the (injected) clock
// passes each deadline; ACK stops it and is on the audit trail; duplicates page nobody twice.
//
// The paging guards (issue 15) are test/integration/paging-guards.test.ts's: here, Madre de
// Dios gets a budget no test reaches (its policy's own pageBudgetPerHour), because other files
// sharing this stack page there too and this file moves the clock, which escalates their pages;
// and each tip's text is its own, because near-identical ones minutes apart page once.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { policyFor, whoToPage, type Roster } from '../../functions/core/paging';
import demoRoster from '../../local/demo-roster.json' with { type: 'json' };
import { queueUrl, sqs } from '../support/local-aws';
import { twilioOutbox, type RecordedMessage } from '../support/local-twilio';
import { call, queuedTip } from '../support/operator';
import { pagingSettled } from '../support/paging';
import { postSignedSms, signTwilio, twilioWebhook } from '../support/twilio';
import { waitFor } from '../support/wait';

const stack = inject('stack');
const roster = demoRoster as unknown as Roster;
const phones = new Map(demoRoster.responders.map((r) => [r.responderId, r.phone]));
const phoneOf = (id: string) => phones.get(id)!;

async function clockOffsetMs(advanceMinutes = 0): Promise<number> {
  const res = await fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${advanceMinutes}`, {
    method: advanceMinutes ? 'POST' : 'GET',
  });
  return ((await res.json()) as { offsetMs: number }).offsetMs;
}

async function onCallNow(level = 0): Promise<string[]> {
  const now = new Date(Date.now() + (await clockOffsetMs()));
  const policy = policyFor('Madre de Dios', roster.policies);
  return whoToPage(policy, level, roster.rotations, roster.overrides, roster.responders, now);
}

/** Critical tips from Mazuko, each in words of its own (and of no other file). */
const STORIES = {
  'guardia-uno': 'mi sobrina de 14 la tienen encerrada en un bar de mazuko, la golpean y no la dejan salir',
  'guardia-escala': 'en un local de mazuko hay una niña de 13 años atendiendo a mineros, el dueño le quito su dni',
  'guardia-dup': 'ayuda: a mi vecina de 16 años la venden en un prostibar de mazuko desde anoche',
} as const;

const MDD_POLICY = demoRoster.policies.find((p) => p.policyId === 'madre-de-dios')!;
const putMddPolicy = (extra: Record<string, unknown>) =>
  call(stack, stack.tokens.supervisor, 'PUT', '/api/roster/policies/madre-de-dios', { region: MDD_POLICY.region, levels: MDD_POLICY.levels, ...extra });

beforeAll(async () => {
  expect((await putMddPolicy({ pageBudgetPerHour: 200 })).ok).toBe(true);
});

afterAll(async () => {
  await putMddPolicy({});
});

async function criticalTip(marker: keyof typeof STORIES, from: string) {
  const body = `${marker} ${STORIES[marker]}`;
  await postSignedSms(stack, twilioWebhook({ From: from, Body: body }));
  const tip = await queuedTip(stack, (t) => t.preview.startsWith(marker), { what: `the tip "${marker}"` });
  return { tip, body, code: tip.tipId.slice(0, 4) };
}

const sentWith = async (code: string): Promise<RecordedMessage[]> => (await twilioOutbox(stack.twilioApiUrl)).filter((m) => m.body.includes(code));
const pagesWith = (code: string): Promise<RecordedMessage[]> => sentWith(`ACK ${code}`);
const toPhone = async (phone: string, code: string) => (await sentWith(code)).filter((m) => m.to === phone);

/** The pages for `code`, once there is one. */
const firstPages = (code: string) =>
  waitFor(
    async () => {
      const pages = await pagesWith(code);
      return pages.length ? pages : undefined;
    },
    { what: `the page for code ${code}` },
  );

/** Waits until `phone` has been sent `count` messages about `code`. */
const sentTo = (phone: string, code: string, count: number, what: string) =>
  waitFor(async () => (await toPhone(phone, code)).length === count, { what: `${what} (${count} message(s) to ${phone} about ${code})` });

describe('paging', () => {
  it('a critical tip for Mazuko pages the on-call responder for Madre de Dios exactly once, with no word of the tip', async () => {
    // Arrange
    const [onCall] = await onCallNow();

    // Act
    const { body, code } = await criticalTip('guardia-uno', '+51977000001');

    // Assert
    const [page] = await firstPages(code);
    expect(page!.to).toBe(phoneOf(onCall!));
    expect(page!.body).toMatch(new RegExp(`^tipline CRITICO T-${code} Madre de Dios: .+ Responde ACK ${code}$`));
    expect(page!.body.length).toBeLessThanOrEqual(160);
    for (const word of body
      .toLowerCase()
      .split(/[^\p{L}\d]+/u)
      .filter((w) => w.length >= 4)) {
      expect(page!.body.toLowerCase()).not.toContain(word);
    }
    // Once triage and paging have handled all they were given, the page's first deadline job too
    await pagingSettled(stack);
    expect(await pagesWith(code)).toHaveLength(1);
  });

  it('climbs the policy at each deadline, then the top again and the supervisors; ACK stops it and is audited', async () => {
    // Arrange
    const [first] = await onCallNow();
    const { tip, code } = await criticalTip('guardia-escala', '+51977000002');
    await sentTo(phoneOf(first!), code, 1, 'level 1');

    // Act + Assert: level 2 at its deadline (10 minutes), level 3 at the next
    await clockOffsetMs(11);
    await sentTo(phoneOf('fis-marta'), code, 1, 'level 2');
    await clockOffsetMs(11);
    await sentTo(phoneOf('alb-luz'), code, 1, 'level 3');
    // After the last level: the top again, and every supervisor is told
    await clockOffsetMs(11);
    const [top] = await onCallNow();
    await waitFor(async () => (await toPhone(phoneOf(top!), code)).length >= 1 && (await toPhone(phoneOf('sup-sara'), code)).length === 1, {
      what: 'round two: the top of the policy again, and the first supervisor',
    });
    await sentTo(phoneOf('sup-tomas'), code, 1, 'the second supervisor');

    // Act: the level-2 prosecutor acknowledges
    const ack = await postSignedSms(stack, twilioWebhook({ From: phoneOf('fis-marta'), Body: `ack ${code.toLowerCase()}` }));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');

    // Assert: confirmed, and nothing more is sent however much time passes
    await sentTo(phoneOf('fis-marta'), code, 2, 'the confirmation');
    const sentAfterAck = (await sentWith(code)).length;
    await clockOffsetMs(30);
    // Every deadline job of this tip still queued arrives with the clock past its deadline
    await pagingSettled(stack);
    expect((await sentWith(code)).length).toBe(sentAfterAck);

    const audit = await call(stack, stack.tokens.supervisor, 'GET', `/api/tips/${tip.tipId}/audit`);
    const { events } = (await audit.json()) as { events: Array<{ action: string; at: string; actor: { name: string } }> };
    const acked = events.find((e) => e.action === 'ack');
    expect(acked?.actor.name).toBe('Marta Flores (demo)');
    expect(Date.parse(acked!.at)).not.toBeNaN();
    expect(events.filter((e) => e.action === 'page').length).toBeGreaterThanOrEqual(4);
    const pagesView = await call(stack, stack.operatorToken, 'GET', `/api/tips/${tip.tipId}/pages`);
    const pages = (await pagesView.json()) as { state: { open: boolean; acknowledged: { by: { name: string } } } };
    expect(pages.state.open).toBe(false);
    expect(pages.state.acknowledged.by.name).toBe('Marta Flores (demo)');
  }, 120_000);

  it('duplicate queue deliveries, Twilio retries and duplicate status callbacks page nobody twice', async () => {
    // Arrange
    const { tip, code } = await criticalTip('guardia-dup', '+51977000003');
    const [page] = await firstPages(code);

    // Act: the same start job delivered three more times
    const client = sqs(stack.sqsEndpoint);
    const paging = await queueUrl(client, 'paging');
    const start = JSON.stringify({ type: 'PageRequested', tipId: tip.tipId });
    for (let i = 0; i < 3; i++) await client.send(new SendMessageCommand({ QueueUrl: paging, MessageBody: start }));
    // Act: Twilio retries the tip's webhook (same MessageSid) and the responder's ACK
    const ack = twilioWebhook({ From: page!.to, Body: `ACK ${code}` });
    await postSignedSms(stack, ack);
    await postSignedSms(stack, ack);
    // Act: Twilio reports delivery twice, then a late "sent"
    const callback = `${stack.publicUrl}/sms/status`;
    for (const status of ['delivered', 'delivered', 'sent']) {
      const params = { MessageSid: page!.sid, MessageStatus: status, AccountSid: `AC${'0'.repeat(32)}`, To: page!.to };
      const res = await fetch(callback, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(stack.twilioAuthToken, callback, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(204);
    }

    // Assert: once paging has handled every job above, the three starts and the two ACKs
    await pagingSettled(stack);
    expect(await pagesWith(code)).toHaveLength(1);
    expect((await toPhone(page!.to, code)).filter((m) => !m.body.includes(`ACK ${code}`))).toHaveLength(1); // one confirmation
    const view = (await (await call(stack, stack.operatorToken, 'GET', `/api/tips/${tip.tipId}/pages`)).json()) as {
      pages: Array<{ status: string }>;
    };
    expect(view.pages).toHaveLength(1);
    expect(view.pages[0]!.status).toBe('delivered');
  });

  it('an unsigned status callback is refused', async () => {
    const res = await fetch(`${stack.httpUrl}/sms/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'MessageSid=SM00000000000000000000000000000000&MessageStatus=delivered',
    });
    expect(res.status).toBe(403);
  });

  it('"ACK 7K2F" from a number that is not a responder is an ordinary tip', async () => {
    const res = await postSignedSms(stack, twilioWebhook({ From: '+51977000004', Body: 'ACK 7K2F' }));
    expect(await res.text()).toContain('Recibimos tu mensaje');
    const tip = await queuedTip(stack, (t) => t.preview === 'ACK 7K2F', { what: 'the tip "ACK 7K2F"' });
    expect(tip.channel).toBe('sms');
  });
});
