// A region's ledger, pure: at most B automatic page SMS in any 60 minutes, one count per page
// whatever the redeliveries, operators' pages always granted and counted, supervisors told once
// an hour, and a tip covered by a recent start of the same sender or a near-identical text.
import { describe, expect, it } from 'vitest';
import { contactMark, textSketch } from '../../functions/core/paging/fingerprint';
import {
  decideStart,
  emptyLedger,
  ledgerRegion,
  MAX_RECENT_STARTS,
  spendPages,
  type PagingGuards,
  type RegionLedger,
} from '../../functions/core/paging/ledger';
import { roster } from './oncall-fixtures';

const GUARDS: PagingGuards = { budgetPerHour: 3, duplicateWindowMinutes: 30 };
const T0 = new Date('2026-12-01T06:00:00.000Z');
const at = (minutes: number): Date => new Date(T0.getTime() + minutes * 60_000);
const REGION = 'madre de dios';
const TIP = 'mi hija de 15 años esta en un prostibar en La Pampa, le quitaron su DNI';

function spend(ledger: RegionLedger, key: string, minutes: number, decided = false) {
  return spendPages(ledger, { region: REGION, keys: [key], decided, now: at(minutes), guards: GUARDS });
}

function start(ledger: RegionLedger, tipId: string, minutes: number, fingerprint: { contact?: string; sketch?: string } = {}) {
  return decideStart(ledger, { region: REGION, tipId, fingerprint, keys: [`${tipId}#0#0#pol-ana`], now: at(minutes), guards: GUARDS });
}

describe('the page budget', () => {
  it('grants B pages in an hour and holds the next until the oldest leaves the window', () => {
    let ledger = emptyLedger();
    for (const [key, minute] of [
      ['A', 0],
      ['B', 10],
      ['C', 20],
    ] as const) {
      const out = spend(ledger, key, minute);
      expect(out.verdict).toEqual({ kind: 'page' });
      ledger = out.ledger;
    }
    const held = spend(ledger, 'D', 30);
    expect(held.verdict).toMatchObject({ kind: 'held', retryAt: at(60), spent: 3 });
    // Rolling: at minute 60 the first page has left the hour, and D may go.
    expect(spend(held.ledger, 'D', 60).verdict).toEqual({ kind: 'page' });
  });

  it('counts one page once, however often its job is redelivered', () => {
    let ledger = emptyLedger();
    for (let i = 0; i < 5; i++) ledger = spend(ledger, 'A', i).ledger;
    expect(ledger.spent).toHaveLength(1);
    ledger = spend(spend(ledger, 'B', 6).ledger, 'C', 7).ledger;
    // Budget spent, and a redelivered C is still granted: it was counted already.
    expect(spend(ledger, 'C', 8).verdict).toEqual({ kind: 'page' });
    expect(spend(ledger, 'D', 8).verdict.kind).toBe('held');
  });

  it("always grants an operator's page, and counts it", () => {
    let ledger = emptyLedger();
    for (const key of ['A', 'B', 'C', 'D']) ledger = spend(ledger, key, 1, true).ledger;
    expect(ledger.spent.map((s) => s.decided)).toEqual([true, true, true, true]);
    expect(spend(ledger, 'E', 2).verdict).toMatchObject({ kind: 'held', retryAt: at(61) });
  });

  it('names one notice per region and hour: every hold in the hour carries the same key', () => {
    let ledger = emptyLedger();
    for (const key of ['A', 'B', 'C']) ledger = spend(ledger, key, 0).ledger;
    const first = spend(ledger, 'D', 5);
    const second = spend(first.ledger, 'E', 40);
    expect(first.verdict.kind === 'held' && second.verdict.kind === 'held').toBe(true);
    const keyOf = (v: typeof first.verdict) => (v.kind === 'held' ? v.noticeKey : '');
    expect(keyOf(second.verdict)).toBe(keyOf(first.verdict));
    expect(keyOf(first.verdict)).toBe(`budget#${REGION}#${at(5).toISOString()}`);
    // More than an hour after the notice, with the budget spent again: a new notice.
    let later = first.ledger;
    for (const key of ['F', 'G', 'H']) later = spend(later, key, 70).ledger;
    expect(keyOf(spend(later, 'I', 71).verdict)).toBe(`budget#${REGION}#${at(71).toISOString()}`);
  });

  it('counts in the escalation policy’s region: places without a policy share the default one', () => {
    const policies = roster().policies;
    expect(ledgerRegion('Madre de Dios', policies)).toBe('madre de dios');
    expect(ledgerRegion('Puno', policies)).toBe('default');
    expect(ledgerRegion(null, policies)).toBe('default');
    expect(ledgerRegion('Lima', policies)).toBe(ledgerRegion('Loreto', policies));
  });
});

describe('duplicates', () => {
  it('covers a tip from the same sender, or with a near-identical text, started in the window', () => {
    const first = start(emptyLedger(), 'AAAAAAAA', 0, { contact: contactMark('c'.repeat(64)), sketch: textSketch(TIP)! });
    expect(first.verdict).toEqual({ kind: 'page' });
    const sameSender = start(first.ledger, 'BBBBBBBB', 5, { contact: contactMark('c'.repeat(64)), sketch: textSketch('otra cosa distinta')! });
    expect(sameSender.verdict).toEqual({ kind: 'covered', by: { tipId: 'AAAAAAAA', match: 'contact', at: at(0).toISOString() } });
    const copy = start(first.ledger, 'CCCCCCCC', 29, { sketch: textSketch(TIP.replace('15', '16'))! });
    expect(copy.verdict).toEqual({ kind: 'covered', by: { tipId: 'AAAAAAAA', match: 'text', at: at(0).toISOString() } });
    // A covered tip is not remembered: it does not stretch the window for later copies.
    expect(copy.ledger.recent.map((r) => r.tipId)).toEqual(['AAAAAAAA']);
  });

  it('pages a different tip, a copy after the window, and never covers a tip with itself', () => {
    const first = start(emptyLedger(), 'AAAAAAAA', 0, { sketch: textSketch(TIP)! });
    expect(start(first.ledger, 'BBBBBBBB', 5, { sketch: textSketch('mi hermana de 16 está encerrada en un bar de Mazuko')! }).verdict).toEqual({
      kind: 'page',
    });
    expect(start(first.ledger, 'CCCCCCCC', 31, { sketch: textSketch(TIP)! }).verdict).toEqual({ kind: 'page' });
    expect(start(first.ledger, 'AAAAAAAA', 1, { sketch: textSketch(TIP)! }).verdict).toEqual({ kind: 'page' });
    expect(start(first.ledger, 'DDDDDDDD', 2, {}).verdict).toEqual({ kind: 'page' });
  });

  it("never covers an operator's page", () => {
    const first = start(emptyLedger(), 'AAAAAAAA', 0, { sketch: textSketch(TIP)! });
    const decided = decideStart(first.ledger, {
      region: REGION,
      tipId: 'BBBBBBBB',
      fingerprint: { sketch: textSketch(TIP)! },
      keys: ['BBBBBBBB#0#0#pol-ana'],
      decidedBy: { id: 'op-1', name: 'Olga' },
      now: at(1),
      guards: GUARDS,
    });
    expect(decided.verdict).toEqual({ kind: 'page' });
  });

  it('remembers held starts too, so that their copies wait with them', () => {
    let ledger = emptyLedger();
    for (const [i, tipId] of ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC'].entries()) ledger = start(ledger, tipId, i, { sketch: textSketch(`${tipId} ${i}`)! }).ledger;
    const held = start(ledger, 'DDDDDDDD', 5, { sketch: textSketch(TIP)! });
    expect(held.verdict.kind).toBe('held');
    expect(start(held.ledger, 'EEEEEEEE', 6, { sketch: textSketch(TIP)! }).verdict).toMatchObject({ kind: 'covered', by: { tipId: 'DDDDDDDD' } });
  });

  it(`keeps at most ${MAX_RECENT_STARTS} starts, the newest`, () => {
    let ledger: RegionLedger = { spent: [], recent: [] };
    const wide: PagingGuards = { budgetPerHour: 200, duplicateWindowMinutes: 30 };
    for (let i = 0; i < MAX_RECENT_STARTS + 20; i++) {
      ledger = decideStart(ledger, {
        region: REGION,
        tipId: `T${String(i).padStart(7, '0')}`,
        fingerprint: {},
        keys: [],
        now: at(i / 100),
        guards: wide,
      }).ledger;
    }
    expect(ledger.recent).toHaveLength(MAX_RECENT_STARTS);
    expect(ledger.recent.at(-1)?.tipId).toBe(`T${String(MAX_RECENT_STARTS + 19).padStart(7, '0')}`);
  });
});
