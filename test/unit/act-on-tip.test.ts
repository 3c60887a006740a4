// An operator's action on a tip under concurrent writes: decided again on the tip as it now is.
import { describe, expect, it } from 'vitest';
import { TipNotFound } from '../../functions/core/errors';
import { actOnTip, TipConflict, type Decision } from '../../functions/core/operator-actions';
import { TipVersionConflict, type TipRecord } from '../../functions/core/tip-record';

const base = { tipId: 'ABCDEFGH', version: 3 } as unknown as TipRecord;
const bump = (tip: TipRecord): Decision => ({ tip: { ...tip, note: `seen v${tip.version}` } as TipRecord, details: { from: String(tip.version) } });

describe('actOnTip', () => {
  it('writes on the version read, audits the decision, and answers the tip as written', async () => {
    // Arrange
    const written: Array<[number, TipRecord]> = [];
    const audited: Array<Record<string, string>> = [];
    const ports = {
      tips: { getTip: async () => base, updateTip: async (before: TipRecord, after: TipRecord) => void written.push([before.version, after]) },
      audit: async (d: Record<string, string>) => void audited.push(d),
    };

    // Act
    const result = await actOnTip('ABCDEFGH', bump, ports);

    // Assert
    expect(written).toHaveLength(1);
    expect(written[0]![0]).toBe(3);
    expect(audited).toEqual([{ from: '3' }]);
    expect(result.version).toBe(4);
  });

  it('reads and decides again when another write got there first', async () => {
    // Arrange: the first write loses the race; the tip has moved to version 4.
    let version = 3;
    let attempts = 0;
    const ports = {
      tips: {
        getTip: async () => ({ ...base, version }) as TipRecord,
        updateTip: async () => {
          attempts++;
          if (attempts === 1) {
            version = 4;
            throw new TipVersionConflict('ABCDEFGH');
          }
        },
      },
      audit: async () => undefined,
    };

    // Act
    const result = await actOnTip('ABCDEFGH', bump, ports);

    // Assert
    expect(attempts).toBe(2);
    expect(result.version).toBe(5);
  });

  it('gives up with a conflict the operator can act on after repeated races, and says 404 for an unknown tip', async () => {
    const racing = {
      tips: { getTip: async () => base, updateTip: async () => Promise.reject(new TipVersionConflict('ABCDEFGH')) },
      audit: async () => undefined,
    };
    await expect(actOnTip('ABCDEFGH', bump, racing)).rejects.toBeInstanceOf(TipConflict);
    const missing = { tips: { getTip: async () => undefined, updateTip: async () => undefined }, audit: async () => undefined };
    await expect(actOnTip('ABCDEFGH', bump, missing)).rejects.toBeInstanceOf(TipNotFound);
  });

  it('does not write a tip the decision left unchanged, but still audits it', async () => {
    let writes = 0;
    const audited: Array<Record<string, string>> = [];
    const ports = {
      tips: { getTip: async () => base, updateTip: async () => void writes++ },
      audit: async (d: Record<string, string>) => void audited.push(d),
    };
    await actOnTip('ABCDEFGH', (tip) => ({ tip, details: { same: 'yes' } }), ports);
    expect(writes).toBe(0);
    expect(audited).toEqual([{ same: 'yes' }]);
  });
});
