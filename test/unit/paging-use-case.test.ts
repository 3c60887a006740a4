// The paging use case with plain in-memory ports: exactly one page per tip, level and round,
// whatever is redelivered; escalation by an injected clock; ACKs stop everything.
import { describe, expect, it } from 'vitest';
import { handlePagingJob } from '../../functions/core/paging/handle-job';
import type { PagingJob } from '../../functions/core/paging/jobs';
import type { TipRecord } from '../../functions/core/tip-record';
import { pagingTip, pagingWorld, phoneOf } from '../support/paging-world';

const CRITICAL_TIP: TipRecord = pagingTip('7K2F9QXM', {
  indicators: [
    { id: 'minor', evidence: 'de 15', start: 10 },
    { id: 'document_retention', evidence: 'quitaron su dni', start: 30 },
  ],
  preview: 'mi hija de 15 esta en un bar en mazuko, le quitaron su dni',
});

// The guards stay generous here: test/unit/paging-guards.test.ts is about them.
function world(initial: TipRecord = CRITICAL_TIP) {
  const w = pagingWorld([initial]);
  return {
    ...w,
    tip: () => w.tip(initial.tipId),
    pagesTo: (id: string) => [...w.deliveries.entries()].filter(([, d]) => d.kind === 'page' && d.responderId === id),
  };
}

describe('handlePagingJob', () => {
  it("pages the on-call responder of the tip's region once, with no word of the tip", async () => {
    const w = world();
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);

    expect(w.sms).toHaveLength(1);
    expect(w.sms[0]!.body).toMatch(/^tipline CRITICO T-7K2F Madre de Dios: .*Responde ACK 7K2F$/);
    for (const word of CRITICAL_TIP.preview.split(/\W+/).filter((x) => x.length >= 4)) expect(w.sms[0]!.body.toLowerCase()).not.toContain(word.toLowerCase());
    expect(w.later).toEqual([{ job: { type: 'DeadlineDue', tipId: CRITICAL_TIP.tipId, step: 0, cycle: 0 }, at: new Date('2026-11-27T07:15:00.000Z') }]);
    expect(w.audit.map((e) => e.action)).toContain('page');
  });

  it('escalates at the deadline, once however often the deadline is delivered, then stops on ACK', async () => {
    const w = world();
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    const deadline = w.later[0]!.job;

    await handlePagingJob(deadline, w.ports); // early: re-delayed, nothing sent
    expect(w.sms).toHaveLength(1);
    w.advance(15);
    await handlePagingJob(deadline, w.ports);
    await handlePagingJob(deadline, w.ports); // a duplicate delivery
    expect(w.sms).toHaveLength(2);
    expect(w.pagesTo('fis-carla')).toHaveLength(1);

    await handlePagingJob({ type: 'AckReceived', responderId: 'fis-carla', code: '7K2F', receivedAt: '2026-11-27T07:16:00.000Z' }, w.ports);
    expect(w.states.get(CRITICAL_TIP.tipId)?.state.acknowledged?.responderId).toBe('fis-carla');
    expect(w.sms.at(-1)?.body).toMatch(/7K2F/);
    const sentBefore = w.sms.length;
    w.advance(60);
    for (const { job } of w.later) await handlePagingJob(job, w.ports);
    await handlePagingJob({ type: 'AckReceived', responderId: 'fis-carla', code: '7K2F', receivedAt: '2026-11-27T08:20:00.000Z' }, w.ports);
    expect(w.sms.length).toBe(sentBefore);
    expect(w.audit.find((e) => e.action === 'ack')?.actor).toEqual({ id: 'fis-carla', name: 'fis-carla' });
  });

  it('after the last level, starts again from the top and tells the supervisors', async () => {
    const w = world();
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    for (let i = 0; i < 2; i++) {
      const next = w.later.at(-1)!.job;
      w.advance(31);
      await handlePagingJob(next, w.ports);
    }
    const toSupervisor = w.sms.filter((m) => m.to === phoneOf('sup-sara'));
    expect(toSupervisor).toHaveLength(1);
    expect(w.pagesTo(w.pagesTo('pol-ana').length ? 'pol-ana' : 'pol-beto').length).toBe(2);
  });

  it('an ACK from someone who was not paged, or with an unknown code, changes nothing', async () => {
    const w = world();
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    await handlePagingJob({ type: 'AckReceived', responderId: 'fis-eva', code: '7K2F', receivedAt: '2026-11-27T07:01:00.000Z' }, w.ports);
    const paged = w.pagesTo('pol-ana').length ? 'pol-ana' : 'pol-beto';
    await handlePagingJob({ type: 'AckReceived', responderId: paged, code: 'ZZZZ', receivedAt: '2026-11-27T07:01:00.000Z' }, w.ports);
    expect(w.states.get(CRITICAL_TIP.tipId)?.state.acknowledged).toBeUndefined();
    await handlePagingJob({ type: 'AckReceived', responderId: paged, code: null, receivedAt: '2026-11-27T07:02:00.000Z' }, w.ports);
    expect(w.states.get(CRITICAL_TIP.tipId)?.state.acknowledged?.responderId).toBe(paged);
  });

  it('a high tip pages only if nobody claimed it in time', async () => {
    const high: TipRecord = { ...CRITICAL_TIP, level: 'high' };
    const w = world(high);
    await handlePagingJob({ type: 'HighTipCheck', tipId: high.tipId }, w.ports);
    expect(w.sms).toHaveLength(0);
    expect(w.later).toEqual([{ job: { type: 'HighTipCheck', tipId: high.tipId }, at: new Date('2026-11-27T07:15:00.000Z') }]);
    w.advance(15);
    await handlePagingJob({ type: 'HighTipCheck', tipId: high.tipId }, w.ports);
    expect(w.sms).toHaveLength(1);
    expect(w.sms[0]!.body).toMatch(/^tipline ALTO/);

    const claimed = world({ ...high, claimedBy: { id: 'o', name: 'Olga' } });
    claimed.advance(20);
    await handlePagingJob({ type: 'HighTipCheck', tipId: high.tipId }, claimed.ports);
    expect(claimed.sms).toHaveLength(0);
  });

  it('a failed send stores no state, so the retried job pages, once', async () => {
    const w = world();
    const send = w.ports.sms.send;
    w.ports.sms.send = async () => {
      throw new Error('Twilio down');
    };
    await expect(handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports)).rejects.toThrow('Twilio down');
    expect(w.states.size).toBe(0);
    expect([...w.deliveries.values()][0]?.status).toBe('send_failed');

    w.ports.sms.send = send;
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    expect(w.sms).toHaveLength(1);
    expect(w.states.size).toBe(1);
  });

  it('a failed send at escalation keeps the step, and the retried deadline pages the next level once', async () => {
    const w = world();
    await handlePagingJob({ type: 'PageRequested', tipId: CRITICAL_TIP.tipId }, w.ports);
    const deadline = w.later[0]!.job;
    w.advance(15);
    const send = w.ports.sms.send;
    w.ports.sms.send = async () => {
      throw new Error('Twilio down');
    };
    await expect(handlePagingJob(deadline, w.ports)).rejects.toThrow('Twilio down');
    expect(w.states.get(CRITICAL_TIP.tipId)?.state.step).toBe(0);
    w.ports.sms.send = send;
    await handlePagingJob(deadline, w.ports);
    await handlePagingJob(deadline, w.ports);
    expect(w.pagesTo('fis-carla')).toHaveLength(1);
    expect(w.states.get(CRITICAL_TIP.tipId)?.state.step).toBe(1);
  });

  describe('the tip says whether its page is unanswered (for the queue order)', () => {
    const start: PagingJob = { type: 'PageRequested', tipId: CRITICAL_TIP.tipId };

    it('flags the tip when paging starts, once however often the start is delivered', async () => {
      // Arrange
      const w = world();

      // Act
      await handlePagingJob(start, w.ports);
      await handlePagingJob(start, w.ports);

      // Assert
      expect(w.tip().pageUnanswered).toBe(true);
      expect(w.tipWrites).toHaveLength(1);
      expect(w.tip().version).toBe(CRITICAL_TIP.version + 1);
    });

    it('clears the flag on the ACK, and a repeated ACK writes nothing', async () => {
      // Arrange
      const w = world();
      await handlePagingJob(start, w.ports);
      const paged = w.pagesTo('pol-ana').length ? 'pol-ana' : 'pol-beto';

      // Act
      await handlePagingJob({ type: 'AckReceived', responderId: paged, code: '7K2F', receivedAt: '2026-11-27T07:05:00.000Z' }, w.ports);
      await handlePagingJob({ type: 'AckReceived', responderId: paged, code: '7K2F', receivedAt: '2026-11-27T07:06:00.000Z' }, w.ports);

      // Assert
      expect(w.tip().pageUnanswered).toBeUndefined();
      expect('pageUnanswered' in w.tip()).toBe(false);
      expect(w.tipWrites).toHaveLength(2);
    });

    it('keeps the flag when paging runs out with nobody confirming', async () => {
      // Arrange
      const w = world();
      await handlePagingJob(start, w.ports);

      // Act: every deadline passes without an ACK
      for (let i = 0; i < 20 && !w.states.get(CRITICAL_TIP.tipId)?.state.stoppedAt; i++) {
        w.advance(31);
        await handlePagingJob(w.later.at(-1)!.job, w.ports);
      }

      // Assert
      expect(w.states.get(CRITICAL_TIP.tipId)?.state.stoppedAt).toBeDefined();
      expect(w.tip().pageUnanswered).toBe(true);
    });

    it('a start that stored the state but failed before flagging the tip is mended by the retried job', async () => {
      // Arrange: the first write of the flag fails
      const w = world();
      const update = w.ports.tips.updateTip;
      w.ports.tips.updateTip = async () => {
        throw new Error('DynamoDB throttled');
      };
      await expect(handlePagingJob(start, w.ports)).rejects.toThrow('DynamoDB throttled');
      expect(w.states.size).toBe(1);
      w.ports.tips.updateTip = update;

      // Act
      await handlePagingJob(start, w.ports);

      // Assert: flagged, and nobody paged twice
      expect(w.tip().pageUnanswered).toBe(true);
      expect(w.sms).toHaveLength(1);
    });

    it('an operator changing the tip meanwhile makes it read the tip again, and keeps their change', async () => {
      // Arrange: an operator's claim lands between paging's read of the tip and its write
      const w = world();
      const update = w.ports.tips.updateTip;
      let raced = false;
      w.ports.tips.updateTip = async (before, after) => {
        if (!raced) {
          raced = true;
          w.setTip(before.tipId, { claimedBy: { id: 'olga', name: 'Olga' } });
        }
        return update(before, after);
      };

      // Act
      await handlePagingJob(start, w.ports);

      // Assert
      expect(w.tip()).toMatchObject({ pageUnanswered: true, claimedBy: { id: 'olga', name: 'Olga' }, version: CRITICAL_TIP.version + 2 });
    });

    it('a tip that is not paged is never written', async () => {
      // Arrange
      const w = world({ ...CRITICAL_TIP, level: 'medium' });

      // Act
      await handlePagingJob(start, w.ports);

      // Assert
      expect(w.tipWrites).toEqual([]);
      expect(w.sms).toEqual([]);
    });
  });
});
