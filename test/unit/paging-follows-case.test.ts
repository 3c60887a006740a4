// Paging follows the case (issue 16): a tip closed or merged pages nobody again, even from a
// deadline already queued; escalation that ran out flags the tip "nobody confirmed" until an ACK
// (by SMS or by phone) or an operator's stop; a tip covered by an earlier page is linked to it;
// and the operator API's decisions for stop, phone ACK and duplicate.
import { describe, expect, it } from 'vitest';
import { Conflict, InvalidRequest } from '../../functions/core/errors';
import { assertMayStopPaging, markDuplicate, mayRecordPhoneAck, NotPaged, TipConflict, type Actor } from '../../functions/core/operator-actions';
import { MAX_CYCLES, type PagingState } from '../../functions/core/paging';
import { caseEndOf, endPaging, isNobodyConfirmed, onPhoneAck } from '../../functions/core/paging/case-end';
import { textSketch } from '../../functions/core/paging/fingerprint';
import { withPagingMarks } from '../../functions/core/paging/handle-job';
import { pagingJobSchema } from '../../functions/core/paging/jobs';
import { pageView } from '../../functions/core/paging/page-view';
import { pagingTip, pagingWorld } from '../support/paging-world';

const TIP = '7K2F9QXM';
const OLGA: Actor = { id: 'olga', name: 'Olga', roles: ['operator'] };
const NOW = new Date('2026-11-27T08:00:00.000Z');

const state = (over: Partial<PagingState> = {}): PagingState => ({
  tipId: TIP,
  code: '7K2F',
  level: 'critical',
  region: 'Madre de Dios',
  indicators: ['minor'],
  policyId: 'mdd',
  step: 0,
  cycle: 0,
  pagedResponderIds: ['pol-ana'],
  everPagedResponderIds: ['pol-ana'],
  deadlineAt: '2026-11-27T08:15:00.000Z',
  ...over,
});

describe('ending paging (pure)', () => {
  it('a closed tip ends paging, as a duplicate when closed as one; an open one does not; a tip that is gone does', () => {
    expect(caseEndOf({ status: 'closed', outcome: 'other' })).toBe('closed');
    expect(caseEndOf({ status: 'closed', outcome: 'duplicate' })).toBe('duplicate');
    expect(caseEndOf({ status: 'in_review' })).toBeUndefined();
    expect(caseEndOf(undefined)).toBe('closed');
  });

  it('drops the deadline and any hold, pages nobody, keeps an earlier stop time, and is idempotent', () => {
    const ended = endPaging(state({ held: { reason: 'budget', since: '2026-11-27T07:00:00.000Z' } }), 'stopped', { id: 'olga', name: 'Olga' }, NOW);
    expect(ended.state).not.toHaveProperty('deadlineAt');
    expect(ended.state).not.toHaveProperty('held');
    expect(ended.state).toMatchObject({ pagedResponderIds: [], stoppedAt: NOW.toISOString(), ended: { why: 'stopped', by: { id: 'olga' } } });
    expect(ended.actions).toEqual([{ kind: 'audit', action: 'escalate', details: { reason: 'case_ended', why: 'stopped', by: 'olga' } }]);
    expect(endPaging(ended.state, 'closed', undefined, NOW).actions).toEqual([]);
    const ranOut = state({ stoppedAt: '2026-11-27T07:30:00.000Z' });
    expect(endPaging(ranOut, 'stopped', undefined, NOW).state.stoppedAt).toBe('2026-11-27T07:30:00.000Z');
    const answered = state({ acknowledged: { responderId: 'pol-ana', at: '2026-11-27T07:10:00.000Z' } });
    expect(endPaging(answered, 'closed', undefined, NOW).state).toBe(answered);
  });

  it('nobody confirmed: ran out with no ACK, until an ACK or an end', () => {
    const ranOut = state({ stoppedAt: '2026-11-27T07:30:00.000Z', pagedResponderIds: [] });
    expect(isNobodyConfirmed(ranOut)).toBe(true);
    expect(isNobodyConfirmed(state())).toBe(false);
    expect(isNobodyConfirmed(undefined)).toBe(false);
    expect(isNobodyConfirmed(endPaging(ranOut, 'stopped', undefined, NOW).state)).toBe(false);
    expect(isNobodyConfirmed(onPhoneAck(ranOut, 'pol-ana', { id: 'olga', name: 'Olga' }, NOW).state)).toBe(false);
  });

  it('a phone ACK is the responder’s, recorded by the operator, with no SMS confirmation', () => {
    const acked = onPhoneAck(state(), 'pol-ana', { id: 'olga', name: 'Olga' }, NOW);
    expect(acked.state.acknowledged).toEqual({ responderId: 'pol-ana', at: NOW.toISOString(), recordedBy: { id: 'olga', name: 'Olga' } });
    expect(acked.actions.map((a) => a.kind)).toEqual(['audit']);
    expect(acked.actions[0]).toMatchObject({ action: 'ack', details: { responderId: 'pol-ana', via: 'phone', recordedBy: 'olga' } });
    expect(onPhoneAck(state(), 'pol-beto', { id: 'olga', name: 'Olga' }, NOW).reason).toBe('not_paged');
  });

  it('the pages view says how and by whom it was acknowledged, and who ended it, apart from what responders see', () => {
    const acked = onPhoneAck(state(), 'pol-ana', { id: 'olga', name: 'Olga' }, NOW).state;
    const view = pageView(acked, []);
    expect(view.state?.acknowledged).toMatchObject({ by: { id: 'pol-ana' }, via: 'phone' });
    expect(view.staff).toEqual({ ackRecordedBy: { id: 'olga', name: 'Olga' }, endedBy: null });
    const ended = pageView(endPaging(state(), 'duplicate', { id: 'olga', name: 'Olga' }, NOW).state, []);
    expect(ended.state).toMatchObject({ open: false, ended: { why: 'duplicate', at: NOW.toISOString() } });
    expect(ended.staff?.endedBy).toEqual({ id: 'olga', name: 'Olga' });
  });
});

describe("paging's marks on the tip", () => {
  it('links a covered tip to the earlier one, and never replaces a link already there', () => {
    const covered = state({
      coveredBy: { tipId: 'AAAA1111', match: 'text', at: '2026-11-27T07:58:00.000Z' },
      everPagedResponderIds: [],
      pagedResponderIds: [],
    });
    expect(withPagingMarks(pagingTip(TIP), covered).duplicateOf).toEqual({ tipId: 'AAAA1111', match: 'text', at: '2026-11-27T07:58:00.000Z' });
    const linked = pagingTip(TIP, { duplicateOf: { tipId: pagingTip('BBBB2222').tipId, match: 'operator', at: NOW.toISOString() } });
    expect(withPagingMarks(linked, covered).duplicateOf?.tipId).toBe('BBBB2222');
  });

  it('flags nobodyConfirmed (and pageUnanswered) on a tip whose paging ran out, and clears both when an operator ends it', () => {
    const ranOut = state({ stoppedAt: '2026-11-27T07:30:00.000Z' });
    expect(withPagingMarks(pagingTip(TIP), ranOut)).toMatchObject({ nobodyConfirmed: true, pageUnanswered: true });
    const cleared = withPagingMarks(pagingTip(TIP, { nobodyConfirmed: true, pageUnanswered: true }), endPaging(ranOut, 'stopped', undefined, NOW).state);
    expect(cleared).not.toHaveProperty('nobodyConfirmed');
    expect(cleared).not.toHaveProperty('pageUnanswered');
  });
});

/** TIP paged, and every deadline since passed unanswered until paging ran out. */
async function pagedWithNoAck() {
  const w = pagingWorld([pagingTip(TIP)]);
  await w.run({ type: 'PageRequested', tipId: TIP });
  for (let i = 0; i < 4 * MAX_CYCLES && !w.state(TIP)?.stoppedAt; i++) {
    w.advance(31);
    await w.deliverDeadlines();
  }
  return w;
}

describe('paging follows the case (use case)', () => {
  it('a deadline already queued for a tip closed meanwhile pages nobody and ends its paging', async () => {
    // Arrange
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    expect(w.pagesFor(TIP)).toHaveLength(1);
    w.setTip(TIP, { status: 'closed', outcome: 'referred_to_police' });

    // Act: the deadline falls due, no CaseEnded job having arrived
    w.advance(16);
    await w.deliverDeadlines();

    // Assert
    expect(w.pagesFor(TIP)).toHaveLength(1);
    expect(w.state(TIP)).toMatchObject({ ended: { why: 'closed' } });
    expect(w.later).toEqual([]);
    expect(w.tip(TIP).pageUnanswered).toBeUndefined();
  });

  it('CaseEnded ends paging at once; the deadline that comes later finds nothing to do', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    w.setTip(TIP, { status: 'closed', outcome: 'duplicate' });

    await w.run({ type: 'CaseEnded', tipId: TIP, why: 'duplicate', by: { id: 'olga', name: 'Olga' } });
    w.advance(200);
    await w.deliverDeadlines();

    expect(w.pagesFor(TIP)).toHaveLength(1);
    expect(w.state(TIP)?.ended).toMatchObject({ why: 'duplicate', by: { id: 'olga' } });
    expect(w.audit.filter((e) => e.action === 'escalate').map((e) => e.details.reason)).toContain('case_ended');
  });

  it('the deadline may notice the close before the operator’s CaseEnded job: the end keeps its time and says who ended it', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    w.setTip(TIP, { status: 'closed', outcome: 'referred_to_police' });
    w.advance(16);
    await w.deliverDeadlines();
    const noticed = w.state(TIP)?.ended;

    await w.run({ type: 'CaseEnded', tipId: TIP, why: 'closed', by: { id: 'olga', name: 'Olga' } });

    expect(w.pagesFor(TIP)).toHaveLength(1);
    expect(w.state(TIP)?.ended).toEqual({ ...noticed, by: { id: 'olga', name: 'Olga' } });
    expect(w.audit.filter((e) => e.details.reason === 'case_ended')).toHaveLength(1);
  });

  it(`after ${MAX_CYCLES} rounds with no ACK the tip says nobody confirmed; an operator's stop clears it`, async () => {
    // Arrange + Act: every deadline passes unanswered
    const w = await pagedWithNoAck();

    // Assert
    expect(w.state(TIP)?.stoppedAt).toBeDefined();
    expect(w.tip(TIP)).toMatchObject({ nobodyConfirmed: true, pageUnanswered: true });

    // Act: an operator stops it
    await w.run({ type: 'StopRequested', tipId: TIP, by: { id: 'olga', name: 'Olga' } });
    expect(w.tip(TIP).nobodyConfirmed).toBeUndefined();
    expect(w.tip(TIP).pageUnanswered).toBeUndefined();
  });

  it('a phone ACK recorded after paging ran out clears nobody-confirmed; the responder gets no SMS for it', async () => {
    const w = await pagedWithNoAck();
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;
    const sent = w.sms.length;

    await w.run({ type: 'PhoneAck', tipId: TIP, responderId: paged, by: { id: 'olga', name: 'Olga' }, at: '2026-11-27T10:00:00.000Z' });

    expect(w.state(TIP)?.acknowledged).toMatchObject({ responderId: paged, recordedBy: { id: 'olga' } });
    expect(w.tip(TIP).nobodyConfirmed).toBeUndefined();
    expect(w.sms).toHaveLength(sent);
    expect(w.audit.find((e) => e.action === 'ack')?.details).toMatchObject({ via: 'phone', recordedBy: 'olga' });
  });

  it('a late SMS ACK after paging ran out still counts, and clears nobody-confirmed', async () => {
    const w = await pagedWithNoAck();
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;
    expect(w.tip(TIP).nobodyConfirmed).toBe(true);

    await w.run({ type: 'AckReceived', responderId: paged, code: '7K2F', receivedAt: '2026-11-27T10:00:00.000Z' });

    expect(w.state(TIP)?.acknowledged?.responderId).toBe(paged);
    expect(w.tip(TIP).nobodyConfirmed).toBeUndefined();
  });

  it('a phone ACK stops the escalation: no further page', async () => {
    const w = pagingWorld([pagingTip(TIP)]);
    await w.run({ type: 'PageRequested', tipId: TIP });
    const paged = w.state(TIP)!.everPagedResponderIds[0]!;
    await w.run({ type: 'PhoneAck', tipId: TIP, responderId: paged, by: { id: 'olga', name: 'Olga' }, at: '2026-11-27T07:05:00.000Z' });
    w.advance(60);
    await w.deliverDeadlines();
    expect(w.pagesFor(TIP)).toHaveLength(1);
  });

  it('a near-identical tip minutes later is covered by the first page and linked to it', async () => {
    const copy = 'AB3D9QXM';
    const w = pagingWorld([pagingTip(TIP), pagingTip(copy)]);
    const sketch = textSketch('mi sobrina de 14 la tienen encerrada en un bar de mazuko, la golpean y no la dejan salir');
    await w.run({ type: 'PageRequested', tipId: TIP, ...(sketch ? { sketch } : {}) });
    w.advance(2);
    await w.run({ type: 'PageRequested', tipId: copy, ...(sketch ? { sketch } : {}) });
    expect(w.sms.filter((m) => m.body.includes('ACK '))).toHaveLength(1);
    expect(w.tip(copy).duplicateOf).toMatchObject({ tipId: TIP, match: 'text' });
  });

  it('the new jobs are valid on the queue', () => {
    const by = { id: 'olga', name: 'Olga' };
    for (const job of [
      { type: 'CaseEnded', tipId: TIP, why: 'closed', by },
      { type: 'StopRequested', tipId: TIP, by },
      { type: 'PhoneAck', tipId: TIP, responderId: 'pol-ana', by, at: NOW.toISOString() },
      { type: 'ResponderText', responderId: 'pol-ana', noteId: `resp_${'a'.repeat(40)}`, text: 'llegue', receivedAt: NOW.toISOString() },
    ]) {
      expect(pagingJobSchema.safeParse(job).success, job.type).toBe(true);
    }
  });
});

describe("the operator API's decisions", () => {
  const names = new Map([['pol-ana', 'Ana']]);

  it('marks a tip a duplicate: closed, outcome duplicate, linked by the operator', () => {
    const original = pagingTip('AAAA1111');
    const { tip, details } = markDuplicate(pagingTip(TIP), { tipId: 'AAAA1111', tip: original }, OLGA, NOW);
    expect(tip).toMatchObject({ status: 'closed', outcome: 'duplicate', duplicateOf: { tipId: 'AAAA1111', match: 'operator', at: NOW.toISOString() } });
    expect(tip.expiresAt).toBeGreaterThan(NOW.getTime() / 1000);
    expect(details).toMatchObject({ of: 'AAAA1111', to: 'closed', outcome: 'duplicate' });
  });

  it('refuses itself, an unknown tip, a duplicate of a duplicate (naming the first), and a closed tip', () => {
    expect(() => markDuplicate(pagingTip(TIP), { tipId: TIP, tip: undefined }, OLGA, NOW)).toThrow(InvalidRequest);
    expect(() => markDuplicate(pagingTip(TIP), { tipId: 'ZZZZ9999', tip: undefined }, OLGA, NOW)).toThrow(/No tip ZZZZ9999/);
    const merged = pagingTip('BBBB2222', {
      status: 'closed',
      outcome: 'duplicate',
      duplicateOf: { tipId: pagingTip('AAAA1111').tipId, match: 'operator', at: NOW.toISOString() },
    });
    expect(() => markDuplicate(pagingTip(TIP), { tipId: 'BBBB2222', tip: merged }, OLGA, NOW)).toThrow(/duplicate of AAAA1111/);
    expect(() => markDuplicate(pagingTip(TIP, { status: 'closed', outcome: 'other' }), { tipId: 'AAAA1111', tip: pagingTip('AAAA1111') }, OLGA, NOW)).toThrow(
      TipConflict,
    );
  });

  it('stops paging only where a page went out and nobody acknowledged', () => {
    expect(() => assertMayStopPaging(pagingTip(TIP), undefined, OLGA, names)).toThrow(/No page has gone out/);
    expect(() => assertMayStopPaging(pagingTip(TIP), state({ acknowledged: { responderId: 'pol-ana', at: NOW.toISOString() } }), OLGA, names)).toThrow(
      /Ana already acknowledged/,
    );
    expect(() => assertMayStopPaging(pagingTip(TIP), state(), OLGA, names)).not.toThrow();
    const held = pagingTip(TIP, { claimedBy: { id: 'rosa', name: 'Rosa' }, status: 'in_review' });
    expect(() => assertMayStopPaging(held, state(), OLGA, names)).toThrow(/Rosa is working on this tip/);
  });

  it('records a phone ACK only for a responder who was paged (409 not_paged), once', () => {
    const notPaged = () => mayRecordPhoneAck(pagingTip(TIP), state(), 'pol-beto', new Set(), OLGA, names);
    expect(notPaged).toThrow(NotPaged);
    try {
      notPaged();
    } catch (error) {
      expect(error).toMatchObject({ status: 409, code: 'not_paged' });
    }
    expect(mayRecordPhoneAck(pagingTip(TIP), state(), 'pol-ana', new Set(), OLGA, names)).toBe(true);
    // Paging sends before it stores: a page sent is proof enough.
    expect(mayRecordPhoneAck(pagingTip(TIP), state({ everPagedResponderIds: [] }), 'pol-ana', new Set(['pol-ana']), OLGA, names)).toBe(true);
    const acked = state({ acknowledged: { responderId: 'pol-ana', at: NOW.toISOString() } });
    expect(mayRecordPhoneAck(pagingTip(TIP), acked, 'pol-ana', new Set(), OLGA, names)).toBe(false);
    expect(() => mayRecordPhoneAck(pagingTip(TIP), { ...acked, everPagedResponderIds: ['pol-ana', 'pol-beto'] }, 'pol-beto', new Set(), OLGA, names)).toThrow(
      Conflict,
    );
  });
});
