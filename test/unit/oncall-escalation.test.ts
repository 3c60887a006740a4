// Paging one tip through its policy with time driven by `now`, never by sleeping.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PagingAction, PagingState, PagingTip, Roster, Transition } from '../../functions/core/paging';
import {
  HIGH_UNCLAIMED_PAGE_AFTER_MINUTES,
  MAX_CYCLES,
  isPagingOpen,
  onAck,
  onDeadline,
  pageDueAt,
  shouldPage,
  startPaging,
} from '../../functions/core/paging';
import { at, override, policy, responderLevel, roster, rotationLevel } from './oncall-fixtures';

const T0 = at('2025-03-10T07:00:00Z'); // Monday 02:00 Lima: beto's week
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const tip = (over: Partial<PagingTip> = {}): PagingTip => ({
  tipId: '7K2F9QXM',
  level: 'critical',
  region: 'Madre de Dios',
  indicators: ['minor', 'document_retention'],
  ...over,
});

const pages = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'page' ? [a] : []));
const notices = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'notify_supervisors' ? [a] : []));
const deadlines = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'schedule_deadline' ? [a] : []));
const audits = (actions: PagingAction[]) => actions.flatMap((a) => (a.kind === 'audit' ? [a] : []));

/** Fires the state's own deadline when it falls due, as the queue would. */
function fireDeadline(state: PagingState, r: Roster, lateBy = 0) {
  const due = new Date(Date.parse(state.deadlineAt!) + lateBy);
  return onDeadline(state, { step: state.step, cycle: state.cycle }, r, due);
}

/** Runs a tip with no ACK until paging stops; returns every transition. */
function runToTheEnd(r: Roster, first: Transition = startPaging(tip(), r, T0)): Transition[] {
  const steps: Transition[] = [first];
  let state = first.state;
  for (let guard = 0; isPagingOpen(state); guard++) {
    if (guard > 100) throw new Error('paging never stopped');
    const next = fireDeadline(state, r);
    steps.push(next);
    state = next.state;
  }
  return steps;
}

describe('start', () => {
  it('pages level 1 at once, audits it and schedules its deadline', () => {
    const { state, actions } = startPaging(tip(), roster(), T0);
    expect(actions).toEqual([
      { kind: 'page', responderId: 'pol-beto', step: 0, cycle: 0, idempotencyKey: '7K2F9QXM#0#0#pol-beto' },
      { kind: 'audit', action: 'page', details: { responderId: 'pol-beto', policyId: 'mdd', step: '0', cycle: '0', idempotencyKey: '7K2F9QXM#0#0#pol-beto' } },
      { kind: 'schedule_deadline', step: 0, cycle: 0, at: minutes(15) },
    ]);
    expect(state).toEqual({
      tipId: '7K2F9QXM',
      code: '7K2F',
      level: 'critical',
      region: 'Madre de Dios',
      indicators: ['minor', 'document_retention'],
      policyId: 'mdd',
      step: 0,
      cycle: 0,
      pagedResponderIds: ['pol-beto'],
      everPagedResponderIds: ['pol-beto'],
      deadlineAt: minutes(15).toISOString(),
    });
  });

  it('is the same when started twice (a retried start pages nobody twice)', () => {
    expect(startPaging(tip(), roster(), T0)).toEqual(startPaging(tip(), roster(), T0));
  });

  it('never puts anything about the tip but its id, code, level, region and indicators in state or actions', () => {
    const all = runToTheEnd(roster());
    const text = JSON.stringify(all);
    const allowed = [
      ...['kind', 'responderId', 'step', 'cycle', 'idempotencyKey', 'action', 'details', 'policyId', 'at', 'reason', 'steps', 'state', 'actions', 'outcome'],
      ...['tipId', 'code', 'level', 'region', 'indicators', 'pagedResponderIds', 'everPagedResponderIds', 'deadlineAt', 'stoppedAt', 'paged'],
    ];
    for (const key of text.matchAll(/"(\w+)":/g)) expect(allowed).toContain(key[1]);
  });
});

describe('no acknowledgement: the page climbs', () => {
  it('pages the next level at the deadline, then the top again with the supervisors told, then stops', () => {
    const all = runToTheEnd(roster());
    const timeline = all.map(({ actions }) => ({
      pages: pages(actions).map((p) => `${p.responderId}@${p.step}/${p.cycle}`),
      notices: notices(actions).map((n) => `${n.reason}@${n.cycle}`),
      deadline: deadlines(actions).map((d) => `${d.step}/${d.cycle}`),
    }));
    expect(timeline).toEqual([
      { pages: ['pol-beto@0/0'], notices: [], deadline: ['0/0'] },
      { pages: ['fis-carla@1/0'], notices: [], deadline: ['1/0'] },
      { pages: ['pol-beto@0/1'], notices: ['policy_exhausted@0'], deadline: ['0/1'] },
      { pages: ['fis-carla@1/1'], notices: [], deadline: ['1/1'] },
      { pages: ['pol-beto@0/2'], notices: ['policy_exhausted@1'], deadline: ['0/2'] },
      { pages: ['fis-carla@1/2'], notices: [], deadline: ['1/2'] },
      { pages: [], notices: ['paging_stopped@2'], deadline: [] },
    ]);
    expect(all.at(-1)!.state.stoppedAt).toBeDefined();
    expect(all.at(-1)!.state.deadlineAt).toBeUndefined();
    expect(MAX_CYCLES).toBe(3);
  });

  it("waits each level's own deadline: 15 minutes, then 30", () => {
    const start = startPaging(tip(), roster(), T0);
    const second = fireDeadline(start.state, roster());
    expect(deadlines(start.actions)[0]!.at).toEqual(minutes(15));
    expect(deadlines(second.actions)[0]!.at).toEqual(minutes(45));
  });

  it('audits each escalation with the reason and who had been paged, and no tip content', () => {
    const start = startPaging(tip(), roster(), T0);
    const next = fireDeadline(start.state, roster());
    expect(audits(next.actions)[0]).toEqual({
      kind: 'audit',
      action: 'escalate',
      details: { reason: 'no_ack_by_deadline', policyId: 'mdd', step: '0', cycle: '0', paged: 'pol-beto' },
    });
    for (const a of audits(runToTheEnd(roster()).flatMap((t) => t.actions))) {
      for (const value of Object.values(a.details)) expect(typeof value).toBe('string');
    }
  });

  it('follows the schedule as it changes: the next round pages whoever is on call then', () => {
    // Start Sunday 23:40 Lima, minutes before the midnight hand-off from ana to beto.
    const sunday = at('2025-03-10T04:40:00Z');
    const r = roster();
    const start = startPaging(tip(), r, sunday);
    expect(pages(start.actions).map((p) => p.responderId)).toEqual(['pol-ana']);
    const carla = fireDeadline(start.state, r);
    const top = fireDeadline(carla.state, r);
    expect(pages(top.actions).map((p) => p.responderId)).toEqual(['pol-beto']);
    // Ana was paged before the hand-off: she may still acknowledge.
    expect(onAck(top.state, 'pol-ana', minutes(60)).reason).toBeUndefined();
  });
});

describe('acknowledgement stops everything', () => {
  it('confirms to the responder, audits who and when, and makes later deadlines stale', () => {
    const start = startPaging(tip(), roster(), T0);
    const ack = onAck(start.state, 'pol-beto', minutes(3));
    expect(ack.reason).toBeUndefined();
    expect(ack.actions).toEqual([
      { kind: 'confirm_ack', responderId: 'pol-beto' },
      { kind: 'audit', action: 'ack', details: { responderId: 'pol-beto', at: minutes(3).toISOString(), policyId: 'mdd', step: '0', cycle: '0' } },
    ]);
    expect(ack.state.acknowledged).toEqual({ responderId: 'pol-beto', at: minutes(3).toISOString() });
    expect(isPagingOpen(ack.state)).toBe(false);
    const late = onDeadline(ack.state, { step: 0, cycle: 0 }, roster(), minutes(15));
    expect(late).toEqual({ state: ack.state, actions: [], outcome: 'stale' });
  });

  it('takes an ACK from a level-1 responder after the page has climbed to level 2', () => {
    const start = startPaging(tip(), roster(), T0);
    const second = fireDeadline(start.state, roster());
    const ack = onAck(second.state, 'pol-beto', minutes(20));
    expect(ack.actions.map((a) => a.kind)).toEqual(['confirm_ack', 'audit']);
    expect(fireDeadline(ack.state, roster()).actions).toEqual([]);
  });

  it('takes an ACK after paging stopped: somebody is going', () => {
    const last = runToTheEnd(roster()).at(-1)!.state;
    expect(onAck(last, 'fis-carla', minutes(300)).actions.map((a) => a.kind)).toEqual(['confirm_ack', 'audit']);
  });

  it.each([
    ['someone never paged for this tip', 'fis-eva', 'not_paged'],
    ['someone unknown', 'pol-ghost', 'not_paged'],
  ] as const)('refuses %s', (_name, responderId, reason) => {
    const start = startPaging(tip(), roster(), T0);
    const result = onAck(start.state, responderId, minutes(1));
    expect(result).toEqual({ state: start.state, actions: [], reason });
  });

  it('does nothing for a repeated ACK, and tells apart a second responder', () => {
    const second = fireDeadline(startPaging(tip(), roster(), T0).state, roster());
    const acked = onAck(second.state, 'fis-carla', minutes(16)).state;
    expect(onAck(acked, 'fis-carla', minutes(17))).toEqual({ state: acked, actions: [], reason: 'duplicate' });
    expect(onAck(acked, 'pol-beto', minutes(17))).toEqual({ state: acked, actions: [], reason: 'already_acknowledged' });
  });
});

describe('deadlines delivered twice, late or early', () => {
  it('acts on a deadline once: the duplicate is stale', () => {
    const start = startPaging(tip(), roster(), T0);
    const first = fireDeadline(start.state, roster());
    const duplicate = onDeadline(first.state, { step: 0, cycle: 0 }, roster(), minutes(15));
    expect(duplicate).toEqual({ state: first.state, actions: [], outcome: 'stale' });
  });

  it('acts on a late deadline as on a punctual one, timed from when it ran', () => {
    const start = startPaging(tip(), roster(), T0);
    const late = fireDeadline(start.state, roster(), 10 * 60_000);
    expect(late.outcome).toBe('escalated');
    expect(pages(late.actions).map((p) => p.idempotencyKey)).toEqual(['7K2F9QXM#1#0#fis-carla']);
    expect(deadlines(late.actions)[0]!.at).toEqual(minutes(25 + 30));
  });

  it.each([
    ['a future step', { step: 1, cycle: 0 }],
    ['a past cycle', { step: 0, cycle: -1 }],
    ['a future cycle', { step: 0, cycle: 1 }],
  ])('ignores a deadline for %s', (_name, due) => {
    const start = startPaging(tip(), roster(), T0);
    expect(onDeadline(start.state, due, roster(), minutes(60)).actions).toEqual([]);
  });

  it('ignores every deadline after paging stopped', () => {
    const last = runToTheEnd(roster()).at(-1)!.state;
    expect(onDeadline(last, { step: last.step, cycle: last.cycle }, roster(), minutes(1000))).toMatchObject({ actions: [], outcome: 'stale' });
  });

  it("schedules an early deadline again for the same instant (a queue's delay is capped at 15 minutes)", () => {
    const start = startPaging(tip(), roster(), T0);
    const early = onDeadline(start.state, { step: 0, cycle: 0 }, roster(), minutes(14));
    expect(early).toEqual({ state: start.state, actions: [{ kind: 'schedule_deadline', step: 0, cycle: 0, at: minutes(15) }], outcome: 'early' });
  });

  it('pages each responder once per tip, step and cycle, whatever the order and repetition of deliveries (property)', () => {
    const r = roster();
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            { weight: 9, arbitrary: fc.record({ kind: fc.constant('deadline' as const), pick: fc.nat(20), lateMinutes: fc.integer({ min: -5, max: 60 }) }) },
            { weight: 1, arbitrary: fc.record({ kind: fc.constant('ack' as const), pick: fc.nat(20), lateMinutes: fc.nat(60) }) },
          ),
          { maxLength: 40 },
        ),
        (events) => {
          let t = startPaging(tip(), r, T0);
          const sent: string[] = pages(t.actions).map((p) => p.idempotencyKey);
          // Every deadline ever scheduled, redelivered in any order, any number of times, late or early.
          const scheduled = deadlines(t.actions).map((d) => ({ step: d.step, cycle: d.cycle, at: d.at }));
          for (const event of events) {
            const due = scheduled[event.pick % scheduled.length]!;
            const now = new Date(due.at.getTime() + event.lateMinutes * 60_000);
            const next = event.kind === 'ack' ? onAck(t.state, 'pol-beto', now) : onDeadline(t.state, due, r, now);
            sent.push(...pages(next.actions).map((p) => p.idempotencyKey));
            scheduled.push(...deadlines(next.actions).map((d) => ({ step: d.step, cycle: d.cycle, at: d.at })));
            t = next;
          }
          expect(new Set(sent).size).toBe(sent.length);
          expect(sent.length).toBeLessThanOrEqual(2 * MAX_CYCLES);
          for (const key of sent) expect(key).toMatch(/^7K2F9QXM#[01]#[0-2]#(pol-beto|fis-carla)$/);
          if (t.state.acknowledged) expect(pages(fireDeadline({ ...t.state, deadlineAt: T0.toISOString() }, r).actions)).toEqual([]);
        },
      ),
      { seed: 20250310, numRuns: 300 },
    );
  });

  it('gives distinct idempotency keys to every page of a run, and to two tips', () => {
    const keys = runToTheEnd(roster()).flatMap((t) => pages(t.actions).map((p) => p.idempotencyKey));
    const other = runToTheEnd(roster(), startPaging(tip({ tipId: 'B0B0AAAA' }), roster(), T0)).flatMap((t) => pages(t.actions).map((p) => p.idempotencyKey));
    expect(keys).toHaveLength(6);
    expect(new Set([...keys, ...other]).size).toBe(12);
  });
});

describe('nobody on call', () => {
  const absentAll = override('absent', null, '2025-03-01T00:00:00Z', '2025-04-01T00:00:00Z');

  it('skips an empty level at once and tells the supervisors which one', () => {
    const r = roster({ overrides: [absentAll] });
    const { state, actions } = startPaging(tip(), r, T0);
    expect(notices(actions)).toEqual([
      {
        kind: 'notify_supervisors',
        reason: 'nobody_on_call',
        cycle: 0,
        policyId: 'mdd',
        steps: [0],
        idempotencyKey: '7K2F9QXM#supervisors#nobody_on_call#0#mdd#0',
      },
    ]);
    expect(pages(actions).map((p) => p.responderId)).toEqual(['fis-carla']);
    expect(state.step).toBe(1);
  });

  it("falls back to the default policy when the region's whole policy has nobody, in every round", () => {
    const r = roster({ overrides: [absentAll], responders: roster().responders.map((x) => (x.responderId === 'fis-carla' ? { ...x, active: false } : x)) });
    const all = runToTheEnd(r);
    expect(all[0]!.state.policyId).toBe('default');
    expect(pages(all[0]!.actions).map((p) => p.responderId)).toEqual(['alb-dora']);
    expect(notices(all[0]!.actions).map((n) => `${n.reason}:${n.policyId}:${n.steps.join('.')}`)).toEqual(['nobody_on_call:mdd:0.1']);
    // Round 2 starts from the region's policy again, finds it empty again, falls back again.
    const round2 = all.find((t) => pages(t.actions).some((p) => p.cycle === 1))!;
    expect(notices(round2.actions).map((n) => n.reason)).toEqual(['policy_exhausted', 'nobody_on_call']);
    expect(pages(round2.actions).map((p) => `${p.responderId}@${p.step}`)).toEqual(['alb-dora@0']);
    expect(all.at(-1)!.state.stoppedAt).toBeDefined();
  });

  it("waits the last level's deadline rather than spinning when nobody at all can be paged", () => {
    const inactive = roster().responders.map((x) => ({ ...x, active: false }));
    const r = roster({ responders: inactive });
    const start = startPaging(tip(), r, T0);
    expect(pages(start.actions)).toEqual([]);
    const noticed = notices(start.actions).map((n) => `${n.reason}:${n.policyId}:${n.steps.join('.')}`);
    expect(noticed).toEqual(['nobody_on_call:mdd:0.1', 'nobody_on_call:default:0.1']);
    expect(deadlines(start.actions)).toEqual([{ kind: 'schedule_deadline', step: 1, cycle: 0, at: minutes(20) }]);
    expect(start.state).toMatchObject({ policyId: 'default', step: 1, cycle: 0, pagedResponderIds: [] });

    const all = runToTheEnd(r, start);
    // The start and one wait per round; the last wait ends in the stop.
    expect(all).toHaveLength(MAX_CYCLES + 1);
    expect(all.flatMap((t) => pages(t.actions))).toEqual([]);
    expect(notices(all.at(-1)!.actions).at(-1)?.reason).toBe('paging_stopped');
  });

  it('pages whoever has come back on call by the next round', () => {
    const shortAbsence = override('absent', null, '2025-03-10T00:00:00Z', '2025-03-10T07:30:00Z');
    const r = roster({ overrides: [shortAbsence] });
    const start = startPaging(tip(), r, T0);
    expect(pages(start.actions).map((p) => p.responderId)).toEqual(['fis-carla']);
    const top = fireDeadline(start.state, r);
    expect(pages(top.actions).map((p) => `${p.responderId}@${p.step}/${p.cycle}`)).toEqual(['pol-beto@0/1']);
  });
});

describe('policies edited mid-escalation', () => {
  it('ends the pass when the stored step is beyond the edited policy', () => {
    const start = startPaging(tip(), roster(), T0);
    const second = fireDeadline(start.state, roster());
    const others = roster().policies.filter((p) => p.policyId !== 'mdd');
    const shorter = roster({ policies: [policy('mdd', 'Madre de Dios', [rotationLevel('mdd-police', 15)]), ...others] });
    const next = fireDeadline(second.state, shorter);
    expect(notices(next.actions).map((n) => n.reason)).toEqual(['policy_exhausted']);
    expect(pages(next.actions).map((p) => `${p.responderId}@${p.step}/${p.cycle}`)).toEqual(['pol-beto@0/1']);
  });

  it("uses the region's current policy when the stored one was deleted", () => {
    const start = startPaging(tip(), roster(), T0);
    const others = roster().policies.filter((p) => p.policyId !== 'mdd');
    const replaced = roster({ policies: [policy('mdd-v2', 'Madre de Dios', [rotationLevel('mdd-police', 10), responderLevel('fis-eva', 10)]), ...others] });
    const next = fireDeadline(start.state, replaced);
    expect(pages(next.actions).map((p) => p.responderId)).toEqual(['fis-eva']);
    expect(next.state.policyId).toBe('mdd-v2');
  });
});

describe('when a tip pages', () => {
  const created = at('2025-03-10T07:00:00Z');
  const after = (n: number) => new Date(created.getTime() + n * 60_000);

  it.each([
    ['critical, at once', 'critical', false, 0, true],
    ['critical, even if claimed', 'critical', true, 0, true],
    ['high, unclaimed, before 15 minutes', 'high', false, 14, false],
    ['high, unclaimed, at 15 minutes', 'high', false, 15, true],
    ['high, claimed, at 15 minutes', 'high', true, 15, false],
    ['high, claimed, hours later', 'high', true, 300, false],
    ['medium, never', 'medium', false, 300, false],
    ['low, never', 'low', false, 300, false],
  ] as const)('%s', (_name, level, claimed, minutesLater, expected) => {
    expect(shouldPage(level, claimed, created, after(minutesLater))).toBe(expected);
  });

  it('takes the high-tip delay from configuration', () => {
    expect(HIGH_UNCLAIMED_PAGE_AFTER_MINUTES).toBe(15);
    expect(shouldPage('high', false, created, after(5), 5)).toBe(true);
    expect(pageDueAt('high', created, 30)).toEqual(after(30));
    expect(pageDueAt('critical', created)).toEqual(created);
    expect(pageDueAt('medium', created)).toBeNull();
  });

  it('starts a high tip the same way, with its level on the state for the page text', () => {
    expect(startPaging(tip({ level: 'high' }), roster(), after(15)).state.level).toBe('high');
  });
});
