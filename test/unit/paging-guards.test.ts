// The paging use case under its guards, with plain in-memory ports: at most B automatic page
// SMS per region in an hour (escalations too), the rest held at the top of the queue and paged
// when the hour allows or an operator decides; supervisors told once; a copy of a paged tip
// covered by that page; an operator's raise to critical pages at once and counts; redeliveries
// count nothing twice.
import { describe, expect, it } from 'vitest';
import { gsm7Length, isGsm7, supervisorText } from '../../functions/core/paging';
import { operatorPageJob } from '../../functions/core/paging/trigger';
import { LANGS } from '../../functions/core/tip';
import { textSketch } from '../../functions/core/paging/fingerprint';
import { handlePagingJob } from '../../functions/core/paging/handle-job';
import type { PagingJob } from '../../functions/core/paging/jobs';
import { pageView } from '../../functions/core/paging/page-view';
import { tipIdSchema } from '../../functions/core/tip-id';
import type { TipRecord } from '../../functions/core/tip-record';
import { pagingTip, pagingWorld, phoneOf, T0 } from '../support/paging-world';
import { responder, roster as baseRoster } from './oncall-fixtures';

const BUDGET = 3;
const OPERATOR = { id: 'op-olga', name: 'Olga' };
const ids = ['AAAA0001', 'BBBB0002', 'CCCC0003', 'DDDD0004', 'EEEE0005', 'FFFF0006'].map((id) => tipIdSchema.parse(id));

const tipOf = (tipId: string, over: Partial<TipRecord> = {}): TipRecord => pagingTip(tipId, { channel: 'web', preview: '', ...over });

function world(tips: TipRecord[], policies = baseRoster().policies) {
  const w = pagingWorld(tips, {
    roster: { policies },
    moreResponders: [responder('sup-tomas', { role: 'supervisor', lang: 'en' })],
    budgetPerHour: BUDGET,
  });
  return {
    ...w,
    pages: () => w.sms.filter((m) => / Responde ACK | Reply ACK /.test(m.body)),
    notices: (supervisor: string) => w.sms.filter((m) => m.to === phoneOf(supervisor) && /en 1 hora|in the last hour/.test(m.body)),
  };
}

const critical = (tipId: string, sketch?: string): PagingJob => ({ type: 'PageRequested', tipId, ...(sketch ? { sketch } : {}) });
const distinct = (i: number) => textSketch(`mensaje distinto número ${i}: ${'xyzwvq'.slice(i % 6)} ${i * 7919} en otro lugar ${'abcdefgh'.slice(0, i + 1)}`)!;

describe('the region budget', () => {
  it('pages B critical tips and holds the rest at the top of the queue; supervisors are told once', async () => {
    const w = world(ids.slice(0, 5).map((id) => tipOf(id)));

    for (const [i, id] of ids.slice(0, 5).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);

    expect(w.pages()).toHaveLength(BUDGET);
    const held = ids.slice(BUDGET, 5);
    for (const id of held) {
      expect(w.state(id)).toMatchObject({ held: { reason: 'budget' }, pagedResponderIds: [], everPagedResponderIds: [] });
      expect(w.tip(id).pageUnanswered).toBe(true);
    }
    expect(w.notices('sup-sara')).toEqual([
      {
        to: phoneOf('sup-sara'),
        body: 'tipline aviso: Madre de Dios: ya van 3 avisos en 1 hora. Los demas esperan hasta las 03:00 o a que un operador los suba a CRITICO.',
      },
    ]);
    expect(w.notices('sup-tomas')).toHaveLength(1);
    expect(w.audit.filter((e) => e.details.reason === 'page_held').map((e) => e.tipId)).toEqual(held);
    const view = pageView(w.state(held[0]!), []);
    expect(view.guard?.held).toEqual({ since: T0, retryAt: '2026-11-27T08:00:00.000Z' });
  });

  it('counts nothing twice when every job is delivered again', async () => {
    const w = world(ids.slice(0, 4).map((id) => tipOf(id)));
    for (let round = 0; round < 3; round++) for (const [i, id] of ids.slice(0, 4).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);

    expect(w.pages()).toHaveLength(BUDGET);
    expect(w.ledger.ledgers.get('madre de dios')?.spent).toHaveLength(BUDGET);
    expect(w.notices('sup-sara')).toHaveLength(1);
  });

  it('pages a held tip when the hour has room again, at the level the tip has then', async () => {
    const w = world(ids.slice(0, 4).map((id) => tipOf(id)));
    for (const [i, id] of ids.slice(0, 4).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);
    for (const id of ids.slice(0, 3)) {
      const paged = w.state(id)!.pagedResponderIds[0]!;
      await handlePagingJob({ type: 'AckReceived', responderId: paged, code: w.state(id)!.code, receivedAt: T0 }, w.ports);
    }
    const held = ids[3]!;

    w.advance(30);
    await w.runDue();
    expect(w.state(held)?.held).toBeDefined();
    w.advance(30);
    await w.runDue();

    expect(w.state(held)).toMatchObject({ step: 0, cycle: 0 });
    expect(w.state(held)?.held).toBeUndefined();
    expect(w.pages()).toHaveLength(BUDGET + 1);
    expect(w.audit.filter((e) => e.tipId === held).map((e) => e.details.reason ?? e.action)).toEqual(['page_held', 'held_page_resumed', 'page']);
  });

  it('holds escalations too: an unanswered page climbs no further once the hour is spent', async () => {
    const w = world(ids.slice(0, 3).map((id) => tipOf(id)));
    for (const [i, id] of ids.slice(0, 3).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);
    for (const id of ids.slice(1, 3)) {
      await handlePagingJob({ type: 'AckReceived', responderId: w.state(id)!.pagedResponderIds[0]!, code: w.state(id)!.code, receivedAt: T0 }, w.ports);
    }
    // Level 1's 15 minutes pass with no ACK: level 2 would be the fourth page of the hour.
    w.advance(16);
    await w.runDue();
    expect(w.pages()).toHaveLength(BUDGET);
    const state = w.state(ids[0]!)!;
    expect(state).toMatchObject({ step: 1, pagedResponderIds: [] });
    expect(state.held).toBeDefined();
    // Whoever was paged before the hold may still acknowledge.
    const first = state.everPagedResponderIds[0]!;
    await handlePagingJob({ type: 'AckReceived', responderId: first, code: state.code, receivedAt: T0 }, w.ports);
    expect(w.state(ids[0]!)?.acknowledged?.responderId).toBe(first);
    expect(w.state(ids[0]!)?.held).toBeUndefined();
  });

  it("counts each policy's region apart, and a region's policy may set its own budget", async () => {
    const policies = baseRoster().policies.map((p) => (p.region === 'Madre de Dios' ? { ...p, pageBudgetPerHour: 1 } : p));
    const tips = [tipOf(ids[0]!), tipOf(ids[1]!), tipOf(ids[2]!, { region: 'Puno' }), tipOf(ids[3]!, { region: null })];
    const w = world(tips, policies);
    for (const [i, tip] of tips.entries()) await handlePagingJob(critical(tip.tipId, distinct(i)), w.ports);

    expect(w.state(ids[0]!)?.held).toBeUndefined();
    expect(w.state(ids[1]!)?.held).toBeDefined();
    // Puno has no policy of its own: it and a tip with no place share the default one's budget (3).
    expect(w.state(ids[2]!)?.held).toBeUndefined();
    expect(w.state(ids[3]!)?.held).toBeUndefined();
    expect(w.ledger.ledgers.get('default')?.spent).toHaveLength(2);
  });

  it('drops a held page if the tip was closed, or a high one claimed, before its turn', async () => {
    const w = world([...ids.slice(0, 3).map((id) => tipOf(id)), tipOf(ids[3]!, { level: 'high', createdAt: '2026-11-27T06:40:00.000Z' }), tipOf(ids[4]!)]);
    for (const [i, id] of ids.slice(0, 3).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);
    await handlePagingJob({ type: 'HighTipCheck', tipId: ids[3]!, sketch: distinct(3) }, w.ports);
    await handlePagingJob(critical(ids[4]!, distinct(4)), w.ports);
    expect(w.state(ids[3]!)?.held && w.state(ids[4]!)?.held).toBeTruthy();

    w.setTip(ids[3]!, { claimedBy: OPERATOR });
    w.setTip(ids[4]!, { status: 'closed' });
    w.advance(61);
    await w.runDue();

    expect(w.state(ids[3]!)?.withdrawn?.reason).toBe('claimed');
    expect(w.state(ids[4]!)?.withdrawn?.reason).toBe('closed');
    expect(w.pages().filter((p) => p.body.includes(w.state(ids[3]!)!.code) || p.body.includes(w.state(ids[4]!)!.code))).toEqual([]);
    expect(w.tip(ids[3]!).pageUnanswered).toBeUndefined();
  });
});

describe("an operator's decision", () => {
  it('pages a held tip at once, over the budget, and counts it; its escalations are not held', async () => {
    const w = world(ids.slice(0, 4).map((id) => tipOf(id)));
    for (const [i, id] of ids.slice(0, 4).entries()) await handlePagingJob(critical(id, distinct(i)), w.ports);
    const held = ids[3]!;

    await handlePagingJob({ type: 'PageRequested', tipId: held, decidedBy: OPERATOR }, w.ports);
    await handlePagingJob({ type: 'PageRequested', tipId: held, decidedBy: OPERATOR }, w.ports);

    expect(w.pages()).toHaveLength(BUDGET + 1);
    expect(w.state(held)).toMatchObject({ decidedBy: OPERATOR, level: 'critical', pagedResponderIds: [expect.any(String)] });
    expect(w.state(held)?.held).toBeUndefined();
    expect(w.ledger.ledgers.get('madre de dios')?.spent.filter((s) => s.decided)).toHaveLength(1);
    w.advance(16);
    await w.runDue();
    expect(w.pages()).toHaveLength(BUDGET + 2);
  });

  it('pages a tip that was never paged (a high tip raised to critical), and nothing twice', async () => {
    const w = world([tipOf(ids[0]!, { level: 'critical', scoredLevel: 'high' })]);
    await handlePagingJob({ type: 'PageRequested', tipId: ids[0]!, decidedBy: OPERATOR }, w.ports);
    await handlePagingJob({ type: 'PageRequested', tipId: ids[0]!, decidedBy: OPERATOR }, w.ports);
    await handlePagingJob(critical(ids[0]!), w.ports);
    expect(w.pages()).toHaveLength(1);
    expect(w.pages()[0]!.body).toMatch(/^tipline CRITICO /);
    expect(pageView(w.state(ids[0]!), []).guard?.decidedBy).toEqual(OPERATOR);
  });

  it('does nothing when the tip was lowered or closed again before the job ran', async () => {
    const w = world([tipOf(ids[0]!, { level: 'high' }), tipOf(ids[1]!, { status: 'closed' })]);
    for (const id of ids.slice(0, 2)) await handlePagingJob({ type: 'PageRequested', tipId: id, decidedBy: OPERATOR }, w.ports);
    expect(w.sms).toEqual([]);
    expect(w.states.size).toBe(0);
  });
});

describe('duplicates', () => {
  const TEXT = 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI';

  it('a near-identical tip minutes later is covered by the first page: no SMS, and it says by which tip', async () => {
    const w = world([tipOf(ids[0]!), tipOf(ids[1]!)]);
    await handlePagingJob(critical(ids[0]!, textSketch(TEXT)), w.ports);
    w.advance(5);
    await handlePagingJob(critical(ids[1]!, textSketch(TEXT.replace('15', '16'))), w.ports);
    await handlePagingJob(critical(ids[1]!, textSketch(TEXT.replace('15', '16'))), w.ports);

    expect(w.pages()).toHaveLength(1);
    expect(w.state(ids[1]!)?.coveredBy).toEqual({ tipId: ids[0], match: 'text', at: T0 });
    expect(pageView(w.state(ids[1]!), []).guard?.coveredBy?.tipId).toBe(ids[0]);
    expect(w.tip(ids[1]!).pageUnanswered).toBeUndefined();
    expect(w.audit.filter((e) => e.tipId === ids[1] && e.details.reason === 'covered_by_earlier_page')).toHaveLength(1);
  });

  it('a tip from the same sender is covered whatever its text', async () => {
    const w = world([tipOf(ids[0]!, { contactKey: 'c'.repeat(64) }), tipOf(ids[1]!, { contactKey: 'c'.repeat(64) })]);
    await handlePagingJob(critical(ids[0]!, distinct(0)), w.ports);
    await handlePagingJob(critical(ids[1]!, distinct(1)), w.ports);
    expect(w.pages()).toHaveLength(1);
    expect(w.state(ids[1]!)?.coveredBy?.match).toBe('contact');
  });

  it('a copy after the window pages; an operator may page a covered tip at once', async () => {
    const w = world([tipOf(ids[0]!), tipOf(ids[1]!), tipOf(ids[2]!)]);
    await handlePagingJob(critical(ids[0]!, textSketch(TEXT)), w.ports);
    w.advance(5);
    await handlePagingJob(critical(ids[1]!, textSketch(TEXT)), w.ports);
    await handlePagingJob({ type: 'PageRequested', tipId: ids[1]!, decidedBy: OPERATOR }, w.ports);
    w.advance(31);
    await handlePagingJob(critical(ids[2]!, textSketch(TEXT)), w.ports);

    expect(w.pages()).toHaveLength(3);
    expect(w.state(ids[1]!)?.coveredBy).toBeUndefined();
    expect(w.state(ids[1]!)?.decidedBy).toEqual(OPERATOR);
  });
});

describe('what asks for and tells of it', () => {
  it('an operator setting critical asks for a page in their name; any other level asks for nothing', () => {
    expect(operatorPageJob('7K2F9QXM', 'critical', OPERATOR)).toEqual({ type: 'PageRequested', tipId: '7K2F9QXM', decidedBy: OPERATOR });
    for (const level of ['high', 'medium', 'low'] as const) expect(operatorPageJob('7K2F9QXM', level, OPERATOR)).toBeUndefined();
  });

  it.each(LANGS)('the budget notice in %s is one GSM-7 segment naming the region and the time, and no tip', (lang) => {
    const text = supervisorText({
      reason: 'budget_spent',
      code: '7K2F',
      level: 'critical',
      region: 'Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww',
      cycle: 0,
      budget: { spent: 200, until: '2026-11-27T08:05:00.000Z' },
      lang,
    });
    expect(isGsm7(text)).toBe(true);
    expect(gsm7Length(text)).toBeLessThanOrEqual(160);
    expect(text).toContain('03:05');
    expect(text).toContain('200');
    expect(text).not.toContain('7K2F');
  });
});
