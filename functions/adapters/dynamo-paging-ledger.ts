// Each region's paging ledger (core/paging/ledger.ts) as one item of the Paging table, beside the
// tips' paging states: key `ledger#<region>` (a tip id is 8 Crockford characters, so the two
// cannot meet). Read consistently, decided on, written back only if the decision changed it, on
// the version read: two pages decided at once cannot both take the last of the budget. The item
// expires (the table's time-to-live) once nothing has been paged in the region for a while.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PAGING_TABLE } from '../config/tables';
import type { PagingLedgerStore } from '../core/paging/guard';
import { emptyLedger, type RegionLedger } from '../core/paging/ledger';

const MAX_ATTEMPTS = 10;
const KEY = PAGING_TABLE.partitionKey;
const TTL = PAGING_TABLE.timeToLive;

export class LedgerBusy extends Error {
  override name = 'LedgerBusy';
  constructor(region: string) {
    super(`The paging ledger of ${region} kept changing under ${MAX_ATTEMPTS} attempts; the job is retried.`);
  }
}

const ledgerOf = (item: Record<string, unknown> | undefined): RegionLedger =>
  item
    ? {
        spent: Array.isArray(item.spent) ? (item.spent as RegionLedger['spent']) : [],
        recent: Array.isArray(item.recent) ? (item.recent as RegionLedger['recent']) : [],
        ...(typeof item.toldAt === 'string' ? { toldAt: item.toldAt } : {}),
      }
    : emptyLedger();

export function dynamoPagingLedger(client: DynamoDBDocumentClient, table: string): PagingLedgerStore {
  return {
    async settle(region, keepUntil, decide) {
      const key = `ledger#${region}`;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const out = await client.send(new GetCommand({ TableName: table, Key: { [KEY]: key }, ConsistentRead: true }));
        const version = typeof out.Item?.version === 'number' ? out.Item.version : 0;
        const before = ledgerOf(out.Item);
        const { ledger, result } = decide(before);
        if (JSON.stringify(ledger) === JSON.stringify(before)) return result;
        try {
          await client.send(
            new PutCommand({
              TableName: table,
              Item: { [KEY]: key, ...ledger, version: version + 1, [TTL]: Math.ceil(keepUntil.getTime() / 1000) },
              ...(version === 0
                ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': KEY } }
                : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': version } }),
            }),
          );
          return result;
        } catch (error: unknown) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      throw new LedgerBusy(region);
    },
  };
}
