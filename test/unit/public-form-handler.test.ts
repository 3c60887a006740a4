// The public form's handler with in-memory ports: one-time tokens on every form post, whatever
// instance answers. A post sent again (Back) is answered 303 to the blank form and queues
// nothing; a post that failed on our side can be sent again; a token works only for its form.
import { describe, expect, it } from 'vitest';
import { makeHandler, type PublicFormDeps } from '../../functions/public-form/app';
import type { SpentFormTokens } from '../../functions/core/form-token';
import { hashReceiptCode } from '../../functions/core/receipt';
import type { TipReceived } from '../../functions/core/tip';
import { apiEvent, movableClock, recordingLogger, recordingQueue, recordingSealer } from '../support/fakes';

const PEPPER = 'receipt-pepper-for-tests';
const RECEIPT = '1234 5678 9012 3456';

/** What every instance shares: the spent tokens and the per-code counts (IntakeMemory), the queue. */
function shared() {
  const spent = new Set<string>();
  const counts = new Map<string, number>();
  const tips = recordingQueue<TipReceived>('tips');
  const spentTokens: SpentFormTokens = {
    async spend(key) {
      if (spent.has(key)) return false;
      spent.add(key);
      return true;
    },
    async unspend(key) {
      spent.delete(key);
    },
  };
  return { spent, counts, tips, spentTokens };
}

async function instance(world: ReturnType<typeof shared>) {
  const receiptHash = await hashReceiptCode(RECEIPT, PEPPER);
  let ids = 0;
  const deps: PublicFormDeps = {
    tips: world.tips,
    sealEvidence: recordingSealer(),
    receiptPepper: async () => PEPPER,
    newMessageId: () => `web_test-${++ids}`,
    now: movableClock('2026-11-27T07:00:00.000Z').now,
    inbox: {
      tipFor: async (hash) => (hash === receiptHash ? 'TIP00001' : undefined),
      thread: async () => [],
      countCodeAttempt: async (key, start) => {
        const at = `${key}#${start.toISOString()}`;
        world.counts.set(at, (world.counts.get(at) ?? 0) + 1);
        return world.counts.get(at)!;
      },
    },
    spentTokens: world.spentTokens,
    emergencyNumbers: [{ number: '105', label: 'Policía' }],
    quickExitUrl: 'https://www.google.com/search?q=clima',
    logger: recordingLogger(),
  };
  const handler = makeHandler(deps);
  const get = async () => String((await handler(apiEvent({ method: 'GET', path: '/' }))).body);
  const post = (fields: Record<string, string>) =>
    handler(apiEvent({ path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }));
  return { handler, get, post };
}

const tokenOf = (page: string, formId: string): string => new RegExp(`<form[^>]*id="${formId}"[\\s\\S]*?name="token" value="([^"]+)"`).exec(page)![1]!;
const TIP = { action: 'tip', lang: 'es', text: 'a mi prima la tienen encerrada en un local', followUp: 'receipt' };

describe('the public form, posted twice', () => {
  it('sends a tip once: the same post again, on this instance or another, is 303 to the blank form and queues nothing', async () => {
    const world = shared();
    const [a, b] = [await instance(world), await instance(world)];
    const token = tokenOf(await a.get(), 'tip-form');

    const first = await a.post({ ...TIP, token });
    expect(first.statusCode).toBe(200);
    expect(first.headers?.['cache-control']).toBe('no-store');
    expect(String(first.body)).toMatch(/class="code"/);

    for (const again of [await a.post({ ...TIP, token }), await b.post({ ...TIP, token })]) {
      expect(again.statusCode).toBe(303);
      expect(again.headers?.location).toBe('/');
      expect(again.headers?.['cache-control']).toBe('no-store');
      expect(again.body).toBe('');
    }
    expect(world.tips.sent).toHaveLength(1);
  });

  it('lets a post that failed on our side be sent again with the same token', async () => {
    const world = shared();
    const a = await instance(world);
    const token = tokenOf(await a.get(), 'tip-form');
    world.tips.failWith(new Error('SQS is down'));
    await expect(a.post({ ...TIP, token })).rejects.toThrow('SQS is down');
    expect(world.spent.size).toBe(0);

    // The queue is back (the fake's failure cleared): the same page sent again goes through, once.
    world.tips.failWith(undefined as unknown as Error);
    const again = await a.post({ ...TIP, token });
    expect(again.statusCode).toBe(200);
    expect(world.tips.sent).toHaveLength(1);
  });

  it("refuses a token on another form's post, a forged one, and none, queuing nothing", async () => {
    const world = shared();
    const a = await instance(world);
    const page = await a.get();
    for (const token of [tokenOf(page, 'inbox-form'), 'v1.tip.x.y.z', undefined]) {
      const res = await a.post({ ...TIP, ...(token ? { token } : {}) });
      expect(res.statusCode, String(token)).toBe(303);
    }
    expect(world.tips.sent).toEqual([]);
  });

  it('spends the tip form token on a language switch too, so Back to it does not show the draft again; the back-to-start button needs none', async () => {
    const world = shared();
    const a = await instance(world);
    const token = tokenOf(await a.get(), 'tip-form');
    const switched = await a.post({ action: 'lang', lang: 'qu', text: 'un borrador', token });
    expect(switched.statusCode).toBe(200);
    expect(String(switched.body)).toContain('>un borrador</textarea>');
    expect(tokenOf(String(switched.body), 'tip-form')).not.toBe(token);
    expect((await a.post({ action: 'lang', lang: 'qu', text: 'un borrador', token })).statusCode).toBe(303);
    const start = await a.post({ action: 'lang', lang: 'pt' });
    expect(start.statusCode).toBe(200);
    expect(String(start.body)).toContain('<html lang="pt">');
  });

  it('opens the inbox and sends an answer once each: sent again, 303 with no conversation, one answer queued', async () => {
    const world = shared();
    const a = await instance(world);
    const open = { action: 'inbox', lang: 'es', receipt: RECEIPT, token: tokenOf(await a.get(), 'inbox-form') };
    const opened = await a.post(open);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers?.['cache-control']).toBe('no-store');
    expect(String(opened.body)).toContain('id="inbox-title"');
    expect((await a.post(open)).statusCode).toBe(303);

    const reply = { action: 'reply', lang: 'es', receipt: RECEIPT, text: 'sigue ahí', token: tokenOf(String(opened.body), 'reply-form') };
    expect((await a.post(reply)).statusCode).toBe(200);
    const again = await a.post(reply);
    expect(again.statusCode).toBe(303);
    expect(again.body).toBe('');
    expect(world.tips.sent.map((t) => t.followUpOf)).toEqual(['TIP00001']);
  });
});
