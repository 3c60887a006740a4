// Need to know: which responder may read which tip, and when (core/responder-access), and what
// the responder view of a tip holds (core/operator-views).
import { describe, expect, it } from 'vitest';
import { toResponderPagingView, toResponderTipView } from '../../functions/core/operator-views';
import type { PagingView } from '../../functions/core/paging/page-view';
import { isResponderOnly, READ_WINDOW_AFTER_PAGE_ENDS_MS, responderAccess, type PagingFacts } from '../../functions/core/responder-access';
import type { StoredMessage, TipRecord } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';

const PAGED_AT = '2026-11-27T03:00:00.000Z';
const ACK_AT = '2026-11-27T03:07:00.000Z';
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

const paging = (overrides: Partial<PagingFacts> = {}): PagingFacts => ({ everPagedResponderIds: ['pol-rosa', 'fis-marta'], ...overrides });
const page = (responderId: string) => ({ responderId, kind: 'page' });

describe('responderAccess', () => {
  it('a paged responder reads while paging runs, with no end set yet', () => {
    expect(responderAccess('pol-rosa', paging(), [page('pol-rosa')], at(PAGED_AT, 60_000))).toEqual({ allowed: true, relation: 'paged', until: null });
    // Paged at level 1, still open at level 2: they may still acknowledge, so they still read.
    expect(responderAccess('pol-rosa', paging(), [], at(PAGED_AT, 15 * 60_000))).toMatchObject({ allowed: true, relation: 'paged' });
  });

  it('the one who acknowledged reads for the window after their ACK, and not a moment longer', () => {
    const state = paging({ acknowledged: { responderId: 'pol-rosa', at: ACK_AT } });
    const until = new Date(Date.parse(ACK_AT) + READ_WINDOW_AFTER_PAGE_ENDS_MS).toISOString();
    expect(responderAccess('pol-rosa', state, [], at(ACK_AT, 60_000))).toEqual({ allowed: true, relation: 'acknowledged', until });
    expect(responderAccess('pol-rosa', state, [], at(ACK_AT, READ_WINDOW_AFTER_PAGE_ENDS_MS - 1))).toMatchObject({ allowed: true });
    expect(responderAccess('pol-rosa', state, [], at(ACK_AT, READ_WINDOW_AFTER_PAGE_ENDS_MS))).toEqual({ allowed: false, reason: 'window_closed' });
  });

  it('the window is 24 hours', () => {
    expect(READ_WINDOW_AFTER_PAGE_ENDS_MS).toBe(24 * 60 * 60 * 1000);
  });

  it('another paged responder keeps the same window from the ACK: they may already be on the way', () => {
    const state = paging({ acknowledged: { responderId: 'pol-rosa', at: ACK_AT } });
    expect(responderAccess('fis-marta', state, [], at(ACK_AT, 3_600_000))).toMatchObject({ allowed: true, relation: 'page_ended' });
    expect(responderAccess('fis-marta', state, [], at(ACK_AT, READ_WINDOW_AFTER_PAGE_ENDS_MS + 1))).toEqual({ allowed: false, reason: 'window_closed' });
  });

  it('paging that stopped unanswered ends every page then', () => {
    const stoppedAt = '2026-11-27T04:30:00.000Z';
    const state = paging({ stoppedAt });
    expect(responderAccess('pol-rosa', state, [], at(stoppedAt, 60_000))).toMatchObject({ allowed: true, relation: 'page_ended' });
    expect(responderAccess('pol-rosa', state, [], at(stoppedAt, READ_WINDOW_AFTER_PAGE_ENDS_MS))).toEqual({ allowed: false, reason: 'window_closed' });
  });

  it('a held page withdrawn (the tip closed, claimed or lowered) ends the pages sent before it', () => {
    const withdrawnAt = '2026-11-27T03:25:00.000Z';
    const state = paging({ withdrawn: { at: withdrawnAt } });
    expect(responderAccess('pol-rosa', state, [], at(withdrawnAt, 60_000))).toMatchObject({ allowed: true, relation: 'page_ended' });
    expect(responderAccess('pol-rosa', state, [], at(withdrawnAt, READ_WINDOW_AFTER_PAGE_ENDS_MS))).toEqual({ allowed: false, reason: 'window_closed' });
  });

  it('a responder never paged for the tip reads nothing of it, whatever its paging', () => {
    for (const state of [paging(), paging({ acknowledged: { responderId: 'pol-rosa', at: ACK_AT } }), paging({ stoppedAt: ACK_AT })]) {
      expect(responderAccess('pol-hugo', state, [page('pol-rosa')], at(PAGED_AT, 60_000))).toEqual({ allowed: false, reason: 'not_paged' });
    }
  });

  it('a tip never paged (or no tip at all) is refused the same way', () => {
    expect(responderAccess('pol-rosa', undefined, [], at(PAGED_AT))).toEqual({ allowed: false, reason: 'not_paged' });
  });

  it('a sent page counts before paging stored the state that lists it; a supervisor notice does not', () => {
    const state = paging({ everPagedResponderIds: [] });
    expect(responderAccess('pol-rosa', state, [page('pol-rosa')], at(PAGED_AT))).toMatchObject({ allowed: true, relation: 'paged' });
    expect(responderAccess('sup-sara', state, [{ responderId: 'sup-sara', kind: 'supervisor_notice' }], at(PAGED_AT))).toEqual({
      allowed: false,
      reason: 'not_paged',
    });
  });

  it('an account the roster does not know reads nothing', () => {
    expect(responderAccess(undefined, paging(), [page('pol-rosa')], at(PAGED_AT))).toEqual({ allowed: false, reason: 'not_on_roster' });
    expect(responderAccess('', paging(), [], at(PAGED_AT))).toEqual({ allowed: false, reason: 'not_on_roster' });
  });
});

describe('isResponderOnly', () => {
  it('is true for a responder, false for anyone who is also staff', () => {
    expect(isResponderOnly({ roles: ['responder'] })).toBe(true);
    expect(isResponderOnly({ roles: ['responder', 'operator'] })).toBe(false);
    expect(isResponderOnly({ roles: ['supervisor'] })).toBe(false);
    expect(isResponderOnly({ roles: [] })).toBe(false);
  });
});

describe('the responder view', () => {
  const tip: TipRecord = {
    tipId: tipIdSchema.parse('7K2F9QXM'),
    status: 'in_review',
    channel: 'whatsapp',
    lang: 'es',
    level: 'critical',
    scoredLevel: 'high',
    score: 88,
    rule: 'critical: minor where people are exploited',
    indicators: [
      { id: 'minor', evidence: '15 años', start: 10 },
      { id: 'official_complicity', evidence: 'el policía cobra', start: 40 },
    ],
    places: [{ text: 'la pampa', place: 'La Pampa', region: 'Madre de Dios' }],
    region: 'Madre de Dios',
    preview: 'mi hija de 15 años',
    contactKey: 'k'.repeat(64),
    createdAt: PAGED_AT,
    lastMessageAt: PAGED_AT,
    messageCount: 2,
    version: 7,
    levelOverride: { level: 'critical', scoredLevel: 'high', reason: 'menor confirmada', by: { id: 'olga', name: 'Olga' }, at: PAGED_AT },
    claimedBy: { id: 'olga', name: 'Olga' },
    claimedAt: PAGED_AT,
  };
  const message = (id: string, kind: StoredMessage['kind'], text: string, minute: number, extra: Partial<StoredMessage> = {}): StoredMessage => ({
    messageId: id,
    tipId: tip.tipId,
    channel: 'whatsapp',
    lang: 'es',
    text,
    receivedAt: `2026-11-27T03:0${minute}:00.000Z`,
    redactions: {},
    kind,
    ...extra,
  });
  const messages = [
    message('in-2', 'in', 'es en el segundo piso, llama al [PHONE]', 3, { hidden: 2 }),
    message('note-1', 'note', 'la madre parece confiable; hablé con fiscalía', 2, { author: { id: 'olga', name: 'Olga' } }),
    message('in-1', 'in', 'mi hija de 15 años en la pampa', 0),
    message('out-1', 'out', '¿En qué piso está?', 1, { author: { id: 'olga', name: 'Olga' } }),
  ];
  const full: PagingView = {
    state: {
      level: 'critical',
      code: '7K2F',
      step: 1,
      cycle: 0,
      open: false,
      acknowledged: { by: { id: 'pol-rosa', name: 'Rosa' }, at: ACK_AT },
      stoppedAt: null,
      deadlineAt: null,
    },
    pages: [
      { responder: { id: 'pol-hugo', name: 'Hugo', role: 'police' }, step: 0, cycle: 0, pagedAt: PAGED_AT, status: 'delivered' },
      { responder: { id: 'pol-rosa', name: 'Rosa', role: 'police' }, step: 1, cycle: 0, pagedAt: ACK_AT, status: 'delivered' },
    ],
  };
  const view = toResponderTipView(tip, messages, toResponderPagingView(full, 'pol-rosa'), { relation: 'acknowledged', until: '2026-11-28T03:07:00.000Z' });

  it("holds what is needed to act: level, region and places, indicators with their quotes, the tipster's redacted words, the page status", () => {
    expect(view).toMatchObject({
      view: 'responder',
      tipId: '7K2F9QXM',
      level: 'critical',
      region: 'Madre de Dios',
      places: tip.places,
      indicators: ['minor'],
      evidence: [{ id: 'minor', evidence: '15 años', start: 10 }],
      text: 'mi hija de 15 años en la pampa\nes en el segundo piso, llama al [PHONE]',
      access: { relation: 'acknowledged', until: '2026-11-28T03:07:00.000Z' },
    });
    expect(view.thread).toEqual([
      { id: 'in-1', kind: 'in', at: '2026-11-27T03:00:00.000Z', text: 'mi hija de 15 años en la pampa', offset: 0, lang: 'es' },
      { id: 'in-2', kind: 'in', at: '2026-11-27T03:03:00.000Z', text: 'es en el segundo piso, llama al [PHONE]', offset: 31, lang: 'es', hidden: 2 },
    ]);
  });

  it('never holds a note, a reply, an author, the claim, the score, the override or the channel', () => {
    const json = JSON.stringify(view);
    for (const absent of [
      'fiscalía',
      'note-1',
      'piso está',
      'Olga',
      'olga',
      'menor confirmada',
      'whatsapp',
      'claimedBy',
      'score',
      'rule',
      'preview',
      'contactKey',
    ]) {
      expect(json, absent).not.toContain(absent);
    }
  });

  it('leaves out official complicity, as the page does: the responder may be the official', () => {
    expect(JSON.stringify(view)).not.toContain('official_complicity');
  });

  it('shows where paging stands and who acknowledged, but of the pages only their own', () => {
    expect(view.paging.state).toEqual(full.state);
    expect(view.paging.pages.map((p) => p.responder.id)).toEqual(['pol-rosa']);
    expect(toResponderPagingView(full, 'fis-marta').pages).toEqual([]);
  });
});
