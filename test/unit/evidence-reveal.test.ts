// The reveal workflow on fakes: supervisors only; one asks with a reason, a different one
// decides; only the one who asked reads the value, within 30 minutes, each read audited first;
// nothing after the tip's retention, when what is left is destroyed.
import { describe, expect, it } from 'vitest';
import { TipNotFound } from '../../functions/core/errors';
import {
  EvidenceGone,
  NotYourRevealRequest,
  OwnRevealRequest,
  RevealAlreadyRequested,
  RevealNotApproved,
  RevealReasonInvalid,
  RevealRefused,
  RevealRequestDecided,
  RevealRequestExpired,
  RevealRequestNotFound,
  RevealWindowClosed,
  SpanNotFound,
  SupervisorsOnly,
} from '../../functions/core/evidence/errors';
import { evidenceContext, parseSpanId, spanIdOf } from '../../functions/core/evidence/model';
import { decideReveal, listEvidence, requestReveal, revealValue, type EvidenceCall, type EvidenceDeps } from '../../functions/core/evidence/reveal';
import type { Actor } from '../../functions/core/operator-actions';
import type { TipRecord } from '../../functions/core/tip-record';
import { movableClock } from '../support/fakes';
import { memoryEvidence, plainOpener, plantSpan } from '../support/memory-evidence';

const TIP = 'EV1DENC3';
const VALUE = '+51 987 654 321';
const REASON = 'Oficio 123-2026-DIRCTPTIM: la policía pide el número del reclutador';
const sara: Actor = { id: 'sup-sara', name: 'Sara', roles: ['supervisor'] };
const sofia: Actor = { id: 'sup-sofia', name: 'Sofía', roles: ['supervisor'] };
const olga: Actor = { id: 'op-olga', name: 'Olga', roles: ['operator'] };
const raul: Actor = { id: 'resp-raul', name: 'Raúl', roles: ['responder'] };

interface AuditLine {
  tipId: string;
  actor: string;
  action: string;
  details: Record<string, string>;
}

function world(tip: Partial<TipRecord> | null = {}) {
  const clock = movableClock('2026-11-27T10:00:00.000Z');
  const store = memoryEvidence();
  const opener = plainOpener();
  const audited: AuditLine[] = [];
  const journal: string[] = [];
  let ids = 0;
  const span = plantSpan(store, { tipId: TIP, messageId: 'sms_abc123', ordinal: 1, kind: 'PHONE', value: VALUE, createdAt: '2026-11-27T09:00:00.000Z' });
  const deps: EvidenceDeps = {
    tips: { getTip: async (id) => (tip && id === TIP ? ({ tipId: TIP, status: 'in_review', ...tip } as TipRecord) : undefined) },
    store,
    open: async (s) => {
      journal.push('open');
      return opener(s);
    },
    now: clock.now,
    newRequestId: () => `req-0000000${++ids}`,
  };
  const as = (actor: Actor): EvidenceCall => ({
    tipId: TIP,
    actor,
    audit: async (action, details) => {
      journal.push(`audit:${action}`);
      audited.push({ tipId: TIP, actor: actor.id, action, details });
    },
  });
  return { clock, store, opener, audited, journal, deps, as, spanId: spanIdOf(span) };
}

async function approvedRequest(w: ReturnType<typeof world>) {
  const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
  await decideReveal(w.deps, w.as(sofia), asked.requestId, 'approve');
  return asked.requestId;
}

describe('span ids', () => {
  it('name a message and a placeholder in it, also as a path may carry them', () => {
    expect(parseSpanId('sms_abc123#4')).toEqual({ messageId: 'sms_abc123', ordinal: 4 });
    expect(parseSpanId('web_0f6c-11#0')).toEqual({ messageId: 'web_0f6c-11', ordinal: 0 });
    expect(parseSpanId('sms_abc123%230')).toEqual({ messageId: 'sms_abc123', ordinal: 0 });
    for (const bad of ['', 'sms_abc123', 'sms_abc123#', '#1', 'a/b#1', 'sms#-1', 'x#12345']) expect(parseSpanId(bad), bad).toBeUndefined();
  });

  it('bind the value to its message, place and purpose', () => {
    expect(evidenceContext('sms_abc123', 2)).toEqual({ purpose: 'evidence', messageId: 'sms_abc123', ordinal: '2' });
  });
});

describe('listing', () => {
  it('shows a supervisor where each span is and its kind, never the value, and audits the look', async () => {
    // Arrange
    const w = world();

    // Act
    const listing = await listEvidence(w.deps, w.as(sara));

    // Assert
    expect(listing).toEqual({
      spans: [{ spanId: 'sms_abc123#1', messageId: 'sms_abc123', ordinal: 1, kind: 'PHONE', createdAt: '2026-11-27T09:00:00.000Z' }],
      requests: [],
    });
    expect(JSON.stringify(listing)).not.toContain('987');
    expect(w.audited).toEqual([{ tipId: TIP, actor: 'sup-sara', action: 'evidence_listed', details: { spans: '1', requests: '0' } }]);
  });

  it('is refused to operators and responders on every step, before anything is read', async () => {
    // Arrange
    const w = world();
    const requestId = await approvedRequest(w);
    w.audited.length = 0;

    // Act + Assert
    for (const actor of [olga, raul]) {
      await expect(listEvidence(w.deps, w.as(actor))).rejects.toBeInstanceOf(SupervisorsOnly);
      await expect(requestReveal(w.deps, w.as(actor), w.spanId, REASON)).rejects.toBeInstanceOf(SupervisorsOnly);
      await expect(decideReveal(w.deps, w.as(actor), requestId, 'approve')).rejects.toBeInstanceOf(SupervisorsOnly);
      await expect(decideReveal(w.deps, w.as(actor), requestId, 'refuse')).rejects.toBeInstanceOf(SupervisorsOnly);
      await expect(revealValue(w.deps, w.as(actor), requestId)).rejects.toBeInstanceOf(SupervisorsOnly);
    }
    expect(new SupervisorsOnly().status).toBe(403);
    expect(w.audited).toEqual([]);
    expect(w.opener.opened).toEqual([]);
  });
});

describe('asking for a reveal', () => {
  it('needs a reason of 20 to 1000 characters, and a span the tip has', async () => {
    const w = world();
    for (const reason of ['', 'la policía lo pide', ' '.repeat(30), 'x'.repeat(1001)]) {
      await expect(requestReveal(w.deps, w.as(sara), w.spanId, reason), JSON.stringify(reason)).rejects.toBeInstanceOf(RevealReasonInvalid);
    }
    await expect(requestReveal(w.deps, w.as(sara), 'sms_abc123#7', REASON)).rejects.toBeInstanceOf(SpanNotFound);
    await expect(requestReveal(w.deps, w.as(sara), 'not a span', REASON)).rejects.toBeInstanceOf(SpanNotFound);
    expect(new RevealReasonInvalid().body()).toEqual({ fields: { reason: '20 to 1000 characters' } });
    expect(new SpanNotFound(TIP, 'x#1').status).toBe(404);
    expect(w.store.requests.size).toBe(0);
  });

  it('opens a pending request for a day and audits it without the reason or the value', async () => {
    // Arrange
    const w = world();

    // Act
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, `  ${REASON}  `);

    // Assert
    expect(asked).toEqual({
      requestId: 'req-00000001',
      spanId: w.spanId,
      kind: 'PHONE',
      reason: REASON,
      requestedBy: { id: 'sup-sara', name: 'Sara' },
      requestedAt: '2026-11-27T10:00:00.000Z',
      state: 'pending',
      decidedBy: null,
      decidedAt: null,
      until: '2026-11-28T10:00:00.000Z',
    });
    expect(w.audited).toEqual([
      { tipId: TIP, actor: 'sup-sara', action: 'reveal_requested', details: { requestId: 'req-00000001', spanId: w.spanId, kind: 'PHONE' } },
    ]);
    expect((await listEvidence(w.deps, w.as(sofia))).requests.map((r) => r.state)).toEqual(['pending']);
  });

  it('keeps one open request per supervisor and span; another supervisor may ask too', async () => {
    // Arrange
    const w = world();
    await requestReveal(w.deps, w.as(sara), w.spanId, REASON);

    // Act + Assert
    const again = requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    await expect(again).rejects.toBeInstanceOf(RevealAlreadyRequested);
    await expect(again).rejects.toMatchObject({ status: 409, requestId: 'req-00000001' });
    expect((await requestReveal(w.deps, w.as(sofia), w.spanId, REASON)).requestedBy.id).toBe('sup-sofia');
  });

  it('may be asked again once the earlier request expired unanswered', async () => {
    const w = world();
    await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    w.clock.advance(24 * 3_600_000);
    expect((await requestReveal(w.deps, w.as(sara), w.spanId, REASON)).requestId).toBe('req-00000002');
  });
});

describe('deciding', () => {
  it('is never for the supervisor who asked', async () => {
    // Arrange
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);

    // Act + Assert
    for (const decision of ['approve', 'refuse'] as const) {
      await expect(decideReveal(w.deps, w.as(sara), asked.requestId, decision)).rejects.toBeInstanceOf(OwnRevealRequest);
    }
    expect(new OwnRevealRequest().status).toBe(403);
    expect(w.store.requests.get(`${TIP}|${asked.requestId}`)?.state).toBe('pending');
  });

  it('by a second supervisor approves, once, and is audited', async () => {
    // Arrange
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    w.clock.advance(60_000);

    // Act
    const approved = await decideReveal(w.deps, w.as(sofia), asked.requestId, 'approve');

    // Assert
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: { id: 'sup-sofia', name: 'Sofía' },
      decidedAt: '2026-11-27T10:01:00.000Z',
      until: '2026-11-27T10:31:00.000Z',
    });
    expect(w.audited.at(-1)).toEqual({
      tipId: TIP,
      actor: 'sup-sofia',
      action: 'reveal_approved',
      details: { requestId: asked.requestId, spanId: w.spanId, kind: 'PHONE', requestedBy: 'sup-sara' },
    });
    const third: Actor = { id: 'sup-third', name: 'Tercera', roles: ['supervisor'] };
    await expect(decideReveal(w.deps, w.as(third), asked.requestId, 'refuse')).rejects.toMatchObject({ code: 'reveal_request_decided', state: 'approved' });
  });

  it('can refuse, and a refused request reveals nothing', async () => {
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    expect((await decideReveal(w.deps, w.as(sofia), asked.requestId, 'refuse')).state).toBe('refused');
    expect(w.audited.at(-1)?.action).toBe('reveal_refused');
    await expect(revealValue(w.deps, w.as(sara), asked.requestId)).rejects.toBeInstanceOf(RevealRefused);
    expect(w.opener.opened).toEqual([]);
  });

  it('comes too late after a day', async () => {
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    w.clock.advance(24 * 3_600_000);
    await expect(decideReveal(w.deps, w.as(sofia), asked.requestId, 'approve')).rejects.toBeInstanceOf(RevealRequestExpired);
    expect((await listEvidence(w.deps, w.as(sofia))).requests[0]).toMatchObject({ state: 'expired', until: null });
  });

  it('loses a race to another decision with a conflict, and names no request it does not know', async () => {
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    const real = w.store.decide.bind(w.store);
    w.store.decide = async (...args) => {
      await real(args[0], args[1], { ...args[2], state: 'refused' });
      return real(...args);
    };
    await expect(decideReveal(w.deps, w.as(sofia), asked.requestId, 'approve')).rejects.toBeInstanceOf(RevealRequestDecided);
    for (const id of ['req-99999999', '../../etc', '']) {
      await expect(decideReveal(w.deps, w.as(sofia), id, 'approve'), id).rejects.toBeInstanceOf(RevealRequestNotFound);
    }
  });
});

describe('reading the value', () => {
  it('waits for the approval', async () => {
    const w = world();
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    await expect(revealValue(w.deps, w.as(sara), asked.requestId)).rejects.toBeInstanceOf(RevealNotApproved);
    w.clock.advance(25 * 3_600_000);
    await expect(revealValue(w.deps, w.as(sara), asked.requestId)).rejects.toBeInstanceOf(RevealRequestExpired);
  });

  it('is for the requester only, audited before the value is opened, every time', async () => {
    // Arrange
    const w = world();
    const requestId = await approvedRequest(w);
    w.journal.length = 0;

    // Act
    const first = await revealValue(w.deps, w.as(sara), requestId);
    w.clock.advance(10 * 60_000);
    const second = await revealValue(w.deps, w.as(sara), requestId);

    // Assert
    expect(first).toEqual({ requestId, spanId: w.spanId, kind: 'PHONE', value: VALUE, until: '2026-11-27T10:30:00.000Z' });
    expect(second.value).toBe(VALUE);
    expect(w.journal).toEqual(['audit:evidence_revealed', 'open', 'audit:evidence_revealed', 'open']);
    await expect(revealValue(w.deps, w.as(sofia), requestId)).rejects.toBeInstanceOf(NotYourRevealRequest);
    expect(w.opener.opened).toHaveLength(2);
  });

  it('closes 30 minutes after the approval', async () => {
    const w = world();
    const requestId = await approvedRequest(w);
    w.clock.advance(30 * 60_000 - 1);
    expect((await revealValue(w.deps, w.as(sara), requestId)).value).toBe(VALUE);
    w.clock.advance(1);
    await expect(revealValue(w.deps, w.as(sara), requestId)).rejects.toBeInstanceOf(RevealWindowClosed);
    expect((await listEvidence(w.deps, w.as(sara))).requests[0]).toMatchObject({ state: 'lapsed', until: null });
  });

  it('never puts the value or the reason in the audit trail', async () => {
    const w = world();
    const requestId = await approvedRequest(w);
    await revealValue(w.deps, w.as(sara), requestId);
    const trail = JSON.stringify(w.audited);
    expect(w.audited.map((a) => a.action)).toEqual(['reveal_requested', 'reveal_approved', 'evidence_revealed']);
    for (const secret of [VALUE, '987', REASON, 'DIRCTPTIM']) expect(trail).not.toContain(secret);
  });
});

describe("the tip's retention", () => {
  it('once passed, destroys the evidence on the first call and answers 410 from then on', async () => {
    // Arrange: a tip closed with a retention that has just run out
    const w = world({ status: 'closed', expiresAt: Date.parse('2026-11-27T10:00:00.000Z') / 1000 + 60 });
    const asked = await requestReveal(w.deps, w.as(sara), w.spanId, REASON);
    expect(w.store.requests.get(`${TIP}|${asked.requestId}`)?.expiresAt).toBe(Date.parse('2026-11-27T10:01:00.000Z') / 1000);
    w.clock.advance(60_000);

    // Act
    const refused = revealValue(w.deps, w.as(sara), asked.requestId);

    // Assert
    await expect(refused).rejects.toBeInstanceOf(EvidenceGone);
    await expect(refused).rejects.toMatchObject({ status: 410, code: 'evidence_gone' });
    expect(w.store.spans.size + w.store.requests.size).toBe(0);
    expect(w.audited.at(-1)).toEqual({ tipId: TIP, actor: 'sup-sara', action: 'evidence_shredded', details: { items: '2' } });
    await expect(listEvidence(w.deps, w.as(sofia))).rejects.toBeInstanceOf(EvidenceGone);
    expect(w.opener.opened).toEqual([]);
  });

  it('is over when the tip is gone: 410 while evidence was left, 404 for a tip that never had any', async () => {
    const gone = world(null);
    await expect(listEvidence(gone.deps, gone.as(sara))).rejects.toBeInstanceOf(EvidenceGone);
    expect(gone.store.spans.size).toBe(0);
    await expect(listEvidence(gone.deps, gone.as(sara))).rejects.toBeInstanceOf(TipNotFound);
  });
});
