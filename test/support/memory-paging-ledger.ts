// Paging's region ledgers in memory, as the DynamoDB adapter keeps them: decided on what was
// read, written back only if the decision changed it.
import type { PagingLedgerStore } from '../../functions/core/paging/guard';
import { emptyLedger, type RegionLedger } from '../../functions/core/paging/ledger';

export function memoryPagingLedger(): PagingLedgerStore & { ledgers: Map<string, RegionLedger>; writes: number } {
  const ledgers = new Map<string, RegionLedger>();
  const store = {
    ledgers,
    writes: 0,
    async settle<T>(region: string, _keepUntil: Date, decide: (ledger: RegionLedger) => { ledger: RegionLedger; result: T }): Promise<T> {
      const before = structuredClone(ledgers.get(region) ?? emptyLedger());
      const { ledger, result } = decide(before);
      if (JSON.stringify(ledger) !== JSON.stringify(ledgers.get(region) ?? emptyLedger())) {
        ledgers.set(region, structuredClone(ledger));
        store.writes++;
      }
      return result;
    },
  };
  return store;
}
