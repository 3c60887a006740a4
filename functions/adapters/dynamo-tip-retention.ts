// A tip's retention, followed by everything stored about it: when a tip is closed its messages,
// receipt, paging state and page deliveries get the tip's `expiresAt` (and lose it again when it
// is reopened), so each table's time-to-live deletes them with the tip. Each item changes only
// in that one attribute: the grant on these tables allows nothing else (lib/operator-api.ts).
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MESSAGES_TABLE, PAGE_DELIVERIES_TABLE, RECEIPTS_TABLE } from '../config/tables';
import type { EvidenceRetention } from '../core/evidence/model';
import { queryAll } from './aws-clients';

export interface RetentionTables {
  messages: string;
  receipts: string;
  paging: string;
  pageDeliveries: string;
}

// Index names checked against the tables' shapes (functions/config/tables.ts).
const MESSAGES_BY_TIP: (typeof MESSAGES_TABLE.indexes)[number]['name'] = 'MessagesByTip';
const RECEIPTS_BY_TIP: (typeof RECEIPTS_TABLE.indexes)[number]['name'] = 'ReceiptsByTip';
const DELIVERIES_BY_TIP: (typeof PAGE_DELIVERIES_TABLE.indexes)[number]['name'] = 'DeliveriesByTip';

export function dynamoTipRetention(client: DynamoDBDocumentClient, tables: RetentionTables): EvidenceRetention {
  /** The keys of a tip's items in `table`, through its by-tip index. */
  const keysByTip = (table: string, index: string, key: string, tipId: string) =>
    queryAll(
      client,
      {
        TableName: table,
        IndexName: index,
        KeyConditionExpression: 'tipId = :tipId',
        ExpressionAttributeValues: { ':tipId': tipId },
        ProjectionExpression: key,
      },
      (item) => String(item[key]),
    );

  /** Sets or clears `expiresAt` on one item, if it still exists: a deleted one must not come back as an empty shell. */
  async function follow(table: string, key: string, value: string, expiresAt: number | undefined): Promise<void> {
    try {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { [key]: value },
          ConditionExpression: 'attribute_exists(#key)',
          ExpressionAttributeNames: { '#key': key, '#ttl': 'expiresAt' },
          ...(expiresAt === undefined
            ? { UpdateExpression: 'REMOVE #ttl' }
            : { UpdateExpression: 'SET #ttl = :expiresAt', ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
        }),
      );
    } catch (error: unknown) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  return {
    async follow(tipId, expiresAt) {
      const [messages, receipts, deliveries] = await Promise.all([
        keysByTip(tables.messages, MESSAGES_BY_TIP, 'messageId', tipId),
        keysByTip(tables.receipts, RECEIPTS_BY_TIP, 'receiptHash', tipId),
        keysByTip(tables.pageDeliveries, DELIVERIES_BY_TIP, 'idempotencyKey', tipId),
      ]);
      await Promise.all([
        ...messages.map((id) => follow(tables.messages, 'messageId', id, expiresAt)),
        ...receipts.map((hash) => follow(tables.receipts, 'receiptHash', hash, expiresAt)),
        ...deliveries.map((key) => follow(tables.pageDeliveries, 'idempotencyKey', key, expiresAt)),
        follow(tables.paging, 'tipId', tipId, expiresAt),
      ]);
    },
  };
}

/** Several followers as one: closing a tip reaches its evidence and everything else it holds. */
export function allFollow(...followers: EvidenceRetention[]): EvidenceRetention {
  return {
    async follow(tipId, expiresAt) {
      await Promise.all(followers.map((follower) => follower.follow(tipId, expiresAt)));
    },
  };
}
