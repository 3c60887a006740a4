// A case's timeline: every tip's messages, replies, notes and responders' notes, the pages and
// the acknowledgement, and each referral's steps and outcome, oldest first.
import { describe, expect, it } from 'vitest';
import type { ReferralRecord } from '../../functions/core/cases/model';
import { caseTimeline, type TipActivity } from '../../functions/core/cases/timeline';
import type { StoredMessage } from '../../functions/core/tip-record';
import { tipIdSchema } from '../../functions/core/tip-id';

const OLGA = { id: 'olga', name: 'Olga' };
const message = (tipId: string, at: string, text: string, over: Partial<StoredMessage> = {}): StoredMessage => ({
  messageId: `${tipId}-${at}`,
  tipId: tipIdSchema.parse(tipId),
  channel: 'sms',
  lang: 'es',
  text,
  receivedAt: `2026-11-27T0${at}:00.000Z`,
  redactions: {},
  ...over,
});
const delivery = (responderId: string, responderName: string, kind: string, at: string) => ({
  idempotencyKey: `k-${responderId}-${at}`,
  responderId,
  responderName,
  responderRole: 'police',
  kind,
  pagedAt: `2026-11-27T0${at}:00.000Z`,
  status: 'delivered',
});

const A: TipActivity = {
  tipId: 'AAAAAAAA',
  messages: [
    message('AAAAAAAA', '1:00', 'hay una menor en el bar'),
    message('AAAAAAAA', '1:20', '¿Dónde exactamente?', { kind: 'out', author: OLGA }),
    message('AAAAAAAA', '1:30', 'llamé al puesto', { kind: 'note', author: OLGA }),
    message('AAAAAAAA', '2:10', 'voy en camino', { kind: 'responder', author: { id: 'fis-marta', name: 'Marta' } }),
  ],
  deliveries: [delivery('fis-marta', 'Marta', 'page', '1:05'), delivery('sup-sara', 'Sara', 'supervisor_notice', '1:06')],
  acknowledged: { responderId: 'fis-marta', at: '2026-11-27T02:00:00.000Z' },
};
const B: TipActivity = {
  tipId: 'BBBBBBBB',
  messages: [message('BBBBBBBB', '1:10', 'la misma chica, en La Pampa')],
  deliveries: [],
  acknowledged: { responderId: 'pol-rosa', at: '2026-11-27T03:00:00.000Z', recordedBy: OLGA },
};
const referral = {
  referralId: 'R00000001',
  agencyName: 'FISTRAP',
  history: [
    { status: 'sent', at: '2026-11-27T04:00:00.000Z', by: OLGA },
    { status: 'received', at: '2026-11-27T05:00:00.000Z', by: OLGA, agencyReference: 'C-1', note: 'lo tiene la fiscal' },
  ],
  outcome: {
    rescuedAdults: 0,
    rescuedMinors: 0,
    arrests: 0,
    chargesFiled: false,
    conviction: false,
    noActionReason: 'ya no estaba',
    at: '2026-11-27T06:00:00.000Z',
    by: OLGA,
  },
} as unknown as ReferralRecord;

describe('a case timeline', () => {
  it('merges every tip and referral, oldest first', () => {
    const timeline = caseTimeline([A, B], [referral], 'AAAAAAAA');
    expect(timeline.map((e) => [e.at.slice(11, 16), e.kind, e.tipId])).toEqual([
      ['01:00', 'message', 'AAAAAAAA'],
      ['01:05', 'page', 'AAAAAAAA'],
      ['01:10', 'message', 'BBBBBBBB'],
      ['01:20', 'reply', 'AAAAAAAA'],
      ['01:30', 'note', 'AAAAAAAA'],
      ['02:00', 'ack', 'AAAAAAAA'],
      ['02:10', 'responder', 'AAAAAAAA'],
      ['03:00', 'ack', 'BBBBBBBB'],
      ['04:00', 'referral', 'AAAAAAAA'],
      ['05:00', 'referral', 'AAAAAAAA'],
      ['06:00', 'referral', 'AAAAAAAA'],
    ]);
  });

  it('says who: staff for replies, notes and phone ACKs, the responder by name for pages, ACKs and their notes', () => {
    const timeline = caseTimeline([A, B], [], 'AAAAAAAA');
    expect(timeline.find((e) => e.kind === 'reply')).toEqual({
      at: '2026-11-27T01:20:00.000Z',
      kind: 'reply',
      tipId: 'AAAAAAAA',
      text: '¿Dónde exactamente?',
      by: OLGA,
    });
    expect(timeline.find((e) => e.kind === 'responder')).toMatchObject({ responderName: 'Marta', text: 'voy en camino' });
    expect(timeline.find((e) => e.kind === 'responder')).not.toHaveProperty('by');
    expect(timeline.filter((e) => e.kind === 'page')).toEqual([{ at: '2026-11-27T01:05:00.000Z', kind: 'page', tipId: 'AAAAAAAA', responderName: 'Marta' }]);
    expect(timeline.filter((e) => e.kind === 'ack')).toEqual([
      { at: '2026-11-27T02:00:00.000Z', kind: 'ack', tipId: 'AAAAAAAA', responderName: 'Marta' },
      { at: '2026-11-27T03:00:00.000Z', kind: 'ack', tipId: 'BBBBBBBB', responderName: 'pol-rosa', by: OLGA },
    ]);
  });

  it('has one entry per referral status (with its note) and one for the outcome (with the no-action reason), without a status', () => {
    const entries = caseTimeline([], [referral], 'AAAAAAAA');
    expect(entries).toEqual([
      { at: '2026-11-27T04:00:00.000Z', kind: 'referral', tipId: 'AAAAAAAA', referralId: 'R00000001', agencyName: 'FISTRAP', status: 'sent', by: OLGA },
      {
        at: '2026-11-27T05:00:00.000Z',
        kind: 'referral',
        tipId: 'AAAAAAAA',
        referralId: 'R00000001',
        agencyName: 'FISTRAP',
        status: 'received',
        by: OLGA,
        text: 'lo tiene la fiscal',
      },
      { at: '2026-11-27T06:00:00.000Z', kind: 'referral', tipId: 'AAAAAAAA', referralId: 'R00000001', agencyName: 'FISTRAP', by: OLGA, text: 'ya no estaba' },
    ]);
  });
});
