// The handover summary: counts by level, what needs picking up first, who holds what.
import { describe, expect, it } from 'vitest';
import { handoverOf } from '../../functions/core/handover';
import { tipIdSchema } from '../../functions/core/tip-id';
import type { TipRecord } from '../../functions/core/tip-record';
import { bareTip } from '../support/staff';

const NOW = new Date('2026-11-27T07:00:00Z');

const tip = (id: string, overrides: Partial<TipRecord> = {}): TipRecord =>
  bareTip({ tipId: tipIdSchema.parse(id), createdAt: '2026-11-27T01:00:00Z', lastMessageAt: '2026-11-27T01:00:00Z', version: 1, ...overrides });

const OLGA = { id: 'olga', name: 'Olga' };
const ANGELA = { id: 'angela', name: 'Ángela' };

describe('handoverOf', () => {
  it('sums up the open queue for the next shift, in queue order', () => {
    const tips = [
      tip('CRTC0001', { level: 'critical', pageUnanswered: true, nobodyConfirmed: true }),
      tip('CRTC0002', { level: 'critical', status: 'in_review', claimedBy: OLGA }),
      tip('CRTC0003', { level: 'critical', pageUnanswered: true }),
      tip('HGH00001', { level: 'high', status: 'escalated', claimedBy: ANGELA }),
      tip('MED00001', { claimedBy: OLGA, status: 'in_review' }),
      tip('BAJ00001', { level: 'low' }),
      tip('CSD00001', { level: 'critical', status: 'closed', outcome: 'other', claimedBy: OLGA }),
    ];

    const handover = handoverOf(tips, NOW);

    expect(handover.at).toBe(NOW.toISOString());
    expect(handover.open).toEqual({ critical: 3, high: 1, medium: 1, low: 1 });
    expect(Object.keys(handover.open)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(handover.nobodyConfirmed.map((t) => t.tipId)).toEqual(['CRTC0001']);
    expect(handover.unansweredPages.map((t) => t.tipId)).toEqual(['CRTC0001', 'CRTC0003']);
    expect(handover.unclaimedCritical.map((t) => t.tipId)).toEqual(['CRTC0001', 'CRTC0003']);
    expect(handover.claimed.map((group) => [group.by, group.tips.map((t) => t.tipId)])).toEqual([
      [ANGELA, ['HGH00001']],
      [OLGA, ['CRTC0002', 'MED00001']],
    ]);
    // Each tip as the queue shows it.
    expect(handover.nobodyConfirmed[0]).toMatchObject({ tipId: 'CRTC0001', level: 'critical', pageUnanswered: true, nobodyConfirmed: true, claimedBy: null });
  });

  it('says an empty line is empty', () => {
    expect(handoverOf([], NOW)).toEqual({
      at: NOW.toISOString(),
      open: { critical: 0, high: 0, medium: 0, low: 0 },
      nobodyConfirmed: [],
      unansweredPages: [],
      unclaimedCritical: [],
      claimed: [],
    });
  });
});
