// A whole shift on the real local stack: the queue's filters and search (over redacted text only),
// page by page; handing a tip to a colleague; the staff list; the handover summary.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { QueueItem } from '../../functions/core/operator-views';
import demoUsers from '../../local/demo-users.json' with { type: 'json' };
import { dynamo } from '../support/local-aws';
import { call, postWebTip, queuedTip } from '../support/operator';
import { postSignedSms, twilioWebhook } from '../support/twilio';

const stack = inject('stack');
const tokens = stack.tokens as Record<'operator' | 'operator2' | 'supervisor' | 'supervisor2' | 'responder', string>;
const OLGA = { id: demoUsers.operator.sub, name: demoUsers.operator.name };
const OMAR = { id: demoUsers.operator2.sub, name: demoUsers.operator2.name };
const SARA = { id: demoUsers.supervisor.sub, name: demoUsers.supervisor.name };

/**
 * A word no other tip says, so that a search finds only this file's tips. Letters only, none that
 * looks like a digit: redaction must leave it as it is.
 */
const marker = (name: string) => `zz${name}${[...randomBytes(6)].map((byte) => 'abcdefghjkmnpqrtuvwxy'[byte % 21]).join('')}`;

interface Page {
  tips: QueueItem[];
  cursor?: string;
}

async function queue(params: Record<string, string>, token = tokens.operator): Promise<Page> {
  const res = await call(stack, token, 'GET', `/api/queue?${new URLSearchParams(params)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

/** Every page of a filtered queue, following the cursor. */
async function allPages(params: Record<string, string>): Promise<{ pages: Page[]; tips: QueueItem[] }> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await queue({ ...params, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.cursor;
  } while (cursor && pages.length < 50);
  return { pages, tips: pages.flatMap((p) => p.tips) };
}

let phoneNumbers = 0;
async function smsTip(body: string, from = `+5194${String(7000000 + phoneNumbers++).padStart(7, '0')}`): Promise<QueueItem> {
  expect((await postSignedSms(stack, twilioWebhook({ From: from, Body: body }))).status).toBe(200);
  return queuedTip(stack, (t) => t.preview.startsWith(body.slice(0, 20)), { what: `the tip "${body.slice(0, 20)}" in the queue` });
}

const post = (token: string, path: string, body?: unknown) => call(stack, token, 'POST', path, body);
const today = () => new Date().toISOString().slice(0, 10);
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('GET /api/queue: search', () => {
  const word = marker('busca');
  let niña: QueueItem;
  let phone: QueueItem;

  beforeAll(async () => {
    niña = await smsTip(`${word} la NIÑA está en el Prostíbar del kilómetro 108, no la dejan salir`);
    phone = await smsTip(`${word} mi número es 987 654 321, llámenme por favor`);
  });

  it('finds words in any case, with or without accents, in any order', async () => {
    for (const q of [`${word} nina prostibar`, `PROSTÍBAR ${word.toUpperCase()} niña`, `${word}   Niña`]) {
      expect(
        (await queue({ q })).tips.map((t) => t.tipId),
        q,
      ).toEqual([niña.tipId]);
    }
    expect((await queue({ q: word })).tips.map((t) => t.tipId).sort()).toEqual([niña.tipId, phone.tipId].sort());
  });

  it('matches only the redacted text: a number removed at intake cannot be found by its digits', async () => {
    expect((await queue({ q: `${word} [phone]` })).tips.map((t) => t.tipId)).toEqual([phone.tipId]);
    for (const q of ['987654321', '987 654 321', '654 321']) expect((await queue({ q })).tips, q).toEqual([]);
  });

  it('treats a blank search as none', async () => {
    expect((await queue({ q: '  ', limit: '1' })).tips).toHaveLength(1);
  });
});

describe('GET /api/queue: filters', () => {
  const word = marker('filtro');
  const tips: Record<'olgas' | 'omars' | 'free' | 'whatsapp' | 'web', QueueItem> = {} as never;

  beforeAll(async () => {
    tips.olgas = await smsTip(`${word} uno: hola, ¿a qué hora atienden?`);
    tips.omars = await smsTip(`${word} dos: hola, ¿a qué hora atienden?`);
    tips.free = await smsTip(`${word} tres: hola, ¿a qué hora atienden?`);
    expect((await postSignedSms(stack, twilioWebhook({ From: 'whatsapp:+51947999001', Body: `${word} cuatro: gracias por la charla` }))).status).toBe(200);
    tips.whatsapp = await queuedTip(stack, (t) => t.preview.startsWith(`${word} cuatro`));
    expect((await postWebTip(stack, { text: `${word} cinco: quería preguntar por la charla` })).status).toBe(202);
    tips.web = await queuedTip(stack, (t) => t.preview.startsWith(`${word} cinco`));
    expect((await post(tokens.operator, `/api/tips/${tips.olgas.tipId}/claim`)).status).toBe(200);
    expect((await post(tokens.operator2, `/api/tips/${tips.omars.tipId}/claim`)).status).toBe(200);
  });

  const ids = (page: Page) => page.tips.map((t) => t.tipId).sort();

  it('claimed=mine: the caller’s own tips; claimed=unclaimed: the tips nobody holds', async () => {
    expect(ids(await queue({ q: word, claimed: 'mine' }))).toEqual([tips.olgas.tipId]);
    expect(ids(await queue({ q: word, claimed: 'mine' }, tokens.operator2))).toEqual([tips.omars.tipId]);
    expect(ids(await queue({ q: word, claimed: 'unclaimed' }))).toEqual([tips.free.tipId, tips.whatsapp.tipId, tips.web.tipId].sort());
  });

  it('channel', async () => {
    expect(ids(await queue({ q: word, channel: 'whatsapp' }))).toEqual([tips.whatsapp.tipId]);
    expect(ids(await queue({ q: word, channel: 'web' }))).toEqual([tips.web.tipId]);
    expect(ids(await queue({ q: word, channel: 'sms' }))).toEqual([tips.olgas.tipId, tips.omars.tipId, tips.free.tipId].sort());
  });

  it('from and to: the days the tips arrived on, both included', async () => {
    expect(ids(await queue({ q: word, from: today(), to: today() }))).toHaveLength(5);
    expect(ids(await queue({ q: word, from: dayOffset(-1), to: dayOffset(1) }))).toHaveLength(5);
    expect(ids(await queue({ q: word, from: today() }))).toHaveLength(5);
    expect(ids(await queue({ q: word, to: today() }))).toHaveLength(5);
    expect(ids(await queue({ q: word, to: dayOffset(-1) }))).toEqual([]);
    expect(ids(await queue({ q: word, from: dayOffset(1) }))).toEqual([]);
  });

  it('pages a filtered queue with a cursor: every tip once, in queue order, with short pages allowed only before the end', async () => {
    const whole = await queue({ q: word });
    const { pages, tips: paged } = await allPages({ q: word, limit: '2' });
    expect(paged.map((t) => t.tipId)).toEqual(whole.tips.map((t) => t.tipId));
    expect(pages.map((p) => p.tips.length)).toEqual([2, 2, 1]);
    // A filter that matches few of many tips still fills the page it asks for.
    const unclaimed = await allPages({ q: word, claimed: 'unclaimed', channel: 'sms', limit: '1' });
    expect(unclaimed.tips.map((t) => t.tipId)).toEqual([tips.free.tipId]);
  });

  it('filters closed tips too, newest closure first', async () => {
    expect((await post(tokens.operator, `/api/tips/${tips.olgas.tipId}/status`, { status: 'closed', outcome: 'no_trafficking' })).status).toBe(200);
    expect(ids(await queue({ status: 'closed', q: word }))).toEqual([tips.olgas.tipId]);
    expect(ids(await queue({ status: 'closed', q: word, claimed: 'mine' }, tokens.operator2))).toEqual([]);
    expect(ids(await queue({ status: 'closed', q: word, channel: 'sms', from: today() }))).toEqual([tips.olgas.tipId]);
    expect(ids(await queue({ q: word }))).not.toContain(tips.olgas.tipId);
  });

  it('answers a value it cannot use with 400 and what to send instead, never 5xx', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ q: 'x'.repeat(101) }, 'q'],
      [{ claimed: 'theirs' }, 'claimed'],
      [{ channel: 'fax' }, 'channel'],
      [{ from: '2025-13-01' }, 'from'],
      [{ from: '01/03/2025' }, 'from'],
      [{ to: '2025-02-30' }, 'to'],
      [{ from: '2025-03-02', to: '2025-03-01' }, 'to'],
      [{ cursor: 'bm90IGEgY3Vyc29y', q: word }, 'cursor'],
    ];
    for (const [params, field] of cases) {
      const res = await call(stack, tokens.operator, 'GET', `/api/queue?${new URLSearchParams(params)}`);
      const body = (await res.json()) as { error: string; fields: Record<string, string> };
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(body.error).toBe('invalid_request');
      expect(Object.keys(body.fields), JSON.stringify(params)).toContain(field);
      expect(body.fields[field]!.length).toBeGreaterThan(10);
    }
  });
});

describe('POST /api/tips/{id}/assign', () => {
  const word = marker('asigna');
  let tipId = '';

  beforeAll(async () => {
    tipId = (await smsTip(`${word} hola, quería saber si atienden de noche`)).tipId;
  });

  const assign = (token: string, to: unknown) => post(token, `/api/tips/${tipId}/assign`, { to });

  it('hands a tip nobody holds to a colleague, who then holds it, and the trail says who gave it to whom', async () => {
    const res = await assign(tokens.operator, OMAR.id);
    expect(res.status).toBe(200);
    expect((await res.json()) as QueueItem).toMatchObject({ tipId, claimedBy: OMAR, status: 'in_review' });
    expect((await queue({ q: word, claimed: 'mine' }, tokens.operator2)).tips.map((t) => t.tipId)).toEqual([tipId]);
    const trail = (await (await call(stack, tokens.supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
      events: Array<{ action: string; actor: { id: string }; details: Record<string, string> }>;
    };
    expect(trail.events.filter((e) => e.action === 'assign')).toEqual([
      expect.objectContaining({ actor: OLGA, details: { from: 'nobody', to: OMAR.id, toName: OMAR.name } }),
    ]);
  });

  it('refuses an operator a tip a colleague holds (409 naming them), but lets the holder hand it on', async () => {
    const refused = await assign(tokens.operator, OLGA.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { claimedBy: unknown }).claimedBy).toEqual(OMAR);
    const handed = await assign(tokens.operator2, OLGA.id);
    expect(handed.status).toBe(200);
    expect(((await handed.json()) as QueueItem).claimedBy).toEqual(OLGA);
  });

  it('lets a supervisor move it from its holder, audited with from and to', async () => {
    const res = await assign(tokens.supervisor, SARA.id);
    expect(res.status).toBe(200);
    expect(((await res.json()) as QueueItem).claimedBy).toEqual(SARA);
    const trail = (await (await call(stack, tokens.supervisor, 'GET', `/api/tips/${tipId}/audit`)).json()) as {
      events: Array<{ action: string; details: Record<string, string> }>;
    };
    expect(trail.events.filter((e) => e.action === 'assign').at(-1)?.details).toEqual({
      from: OLGA.id,
      fromName: OLGA.name,
      to: SARA.id,
      toName: SARA.name,
      overHolder: 'true',
    });
  });

  it('refuses anyone not on the staff with 400 unknown_colleague, and a body without `to` with 400', async () => {
    for (const to of ['0b7e1c5e-0000-4000-8000-000000000004', 'nobody-at-all']) {
      const res = await assign(tokens.supervisor, to);
      expect(res.status, to).toBe(400);
      expect(((await res.json()) as { error: string; fields: Record<string, string> }).error).toBe('unknown_colleague');
    }
    const empty = await post(tokens.supervisor, `/api/tips/${tipId}/assign`, {});
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { fields: Record<string, string> }).fields.to).toMatch(/GET \/api\/staff/);
    expect((await post(tokens.supervisor, '/api/tips/ZZZZZZZZ/assign', { to: OLGA.id })).status).toBe(404);
  });
});

describe('GET /api/staff', () => {
  it('lists the operators and supervisors by the ids their tokens carry, never a responder', async () => {
    const res = await call(stack, tokens.operator, 'GET', '/api/staff');
    expect(res.status).toBe(200);
    const { staff } = (await res.json()) as { staff: Array<{ id: string; name: string; roles: string[] }> };
    const me = (await (await call(stack, tokens.operator, 'GET', '/api/me')).json()) as { id: string };
    expect(staff).toContainEqual({ ...OLGA, roles: ['operator'] });
    expect(staff).toContainEqual({ ...SARA, roles: ['supervisor'] });
    expect(staff.map((s) => s.id)).toContain(me.id);
    expect(staff.map((s) => s.id)).not.toContain(demoUsers.responder.sub);
    expect(staff).toHaveLength(4);
  });
});

describe('GET /api/handover', () => {
  it('sums up the open queue for the next shift, and the read is in the trail', async () => {
    const word = marker('relevo');
    const held = await smsTip(`${word} hola, ¿atienden los domingos?`);
    expect((await post(tokens.operator2, `/api/tips/${held.tipId}/claim`)).status).toBe(200);

    const res = await call(stack, tokens.supervisor, 'GET', '/api/handover');
    expect(res.status).toBe(200);
    const handover = (await res.json()) as {
      at: string;
      open: Record<string, number>;
      nobodyConfirmed: QueueItem[];
      unansweredPages: QueueItem[];
      unclaimedCritical: QueueItem[];
      claimed: Array<{ by: { id: string; name: string }; tips: QueueItem[] }>;
    };
    expect(Object.keys(handover).sort()).toEqual(['at', 'claimed', 'nobodyConfirmed', 'open', 'unansweredPages', 'unclaimedCritical']);
    expect(Object.keys(handover.open)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(Math.abs(Date.parse(handover.at) - Date.now())).toBeLessThan(60_000);
    const everyOpen = (await allPages({ limit: '100' })).tips;
    expect(Object.values(handover.open).reduce((a, b) => a + b, 0)).toBe(everyOpen.length);
    expect(handover.claimed.find((group) => group.by.id === OMAR.id)?.tips.map((t) => t.tipId)).toContain(held.tipId);
    for (const tip of handover.unclaimedCritical) expect([tip.level, tip.claimedBy]).toEqual(['critical', null]);
    for (const tip of handover.unansweredPages) expect(tip.pageUnanswered).toBe(true);
    for (const tip of handover.nobodyConfirmed) expect(tip.nobodyConfirmed).toBe(true);

    const trail = await dynamo(stack.dynamoDbEndpoint).send(
      new QueryCommand({ TableName: 'Audit', KeyConditionExpression: 'tipId = :key', ExpressionAttributeValues: { ':key': { S: 'handover' } } }),
    );
    expect(trail.Items?.some((item) => item.action?.S === 'handover_read' && item.actor?.M?.id?.S === SARA.id)).toBe(true);
  });

  it('takes no parameters', async () => {
    expect((await call(stack, tokens.operator, 'GET', '/api/handover?level=critical')).status).toBe(400);
  });
});
