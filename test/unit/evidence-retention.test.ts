// A tip's sealed evidence keeps the tip's retention: closing gives every evidence item the
// tip's expiresAt, reopening takes it away again, and other actions leave it alone.
import { describe, expect, it } from 'vitest';
import { actOnTip, changeStatus, claimTip, type Actor } from '../../functions/core/operator-actions';
import type { TipRecord } from '../../functions/core/tip-record';
import { memoryEvidence, plantSpan } from '../support/memory-evidence';

const TIP = 'RETA1N3D';
const supervisor: Actor = { id: 'sup-sara', name: 'Sara', roles: ['supervisor'] };
const NOW = new Date('2026-11-27T10:00:00.000Z');

function world() {
  let tip = { tipId: TIP, status: 'in_review', version: 1 } as unknown as TipRecord;
  const evidence = memoryEvidence();
  plantSpan(evidence, { tipId: TIP, messageId: 'sms_abc123', ordinal: 0, kind: 'HANDLE', value: '@bar.la.pampa', createdAt: NOW.toISOString() });
  const journal: string[] = [];
  const ports = {
    tips: {
      getTip: async () => tip,
      updateTip: async (_before: TipRecord, after: TipRecord) => {
        journal.push('tip');
        tip = { ...after, version: after.version + 1 };
      },
    },
    audit: async () => void journal.push('audit'),
    evidence: {
      follow: async (tipId: string, expiresAt: number | undefined) => {
        journal.push('evidence');
        await evidence.follow(tipId, expiresAt);
      },
    },
  };
  return { evidence, journal, ports, tip: () => tip };
}

describe('evidence retention', () => {
  it('closing a tip gives its evidence the same expiresAt, after the tip is written and before the audit', async () => {
    // Arrange
    const w = world();

    // Act
    const closed = await actOnTip(TIP, (tip) => changeStatus(tip, { status: 'closed', outcome: 'referred_to_police' }, supervisor, NOW, 30), w.ports);

    // Assert
    const expiresAt = NOW.getTime() / 1000 + 30 * 86_400;
    expect(closed.expiresAt).toBe(expiresAt);
    expect(w.evidence.followed).toEqual([[TIP, expiresAt]]);
    expect([...w.evidence.spans.values()].map((span) => span.expiresAt)).toEqual([expiresAt]);
    expect(w.journal).toEqual(['tip', 'evidence', 'audit']);
  });

  it('reopening takes the expiry away again; other actions leave it alone', async () => {
    // Arrange
    const w = world();
    await actOnTip(TIP, (tip) => changeStatus(tip, { status: 'closed', outcome: 'other' }, supervisor, NOW, 30), w.ports);

    // Act
    await actOnTip(TIP, (tip) => changeStatus(tip, { status: 'in_review' }, supervisor, NOW), w.ports);
    await actOnTip(TIP, (tip) => claimTip(tip, supervisor, NOW), w.ports);

    // Assert
    expect(w.evidence.followed.map(([, at]) => at)).toEqual([NOW.getTime() / 1000 + 30 * 86_400, undefined]);
    expect([...w.evidence.spans.values()].map((span) => 'expiresAt' in span)).toEqual([false]);
  });
});
