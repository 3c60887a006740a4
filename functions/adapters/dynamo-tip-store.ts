// The tip store on DynamoDB. One transaction per message keeps "stored exactly once": the
// message item is conditional on its id, the tip on its version, so a redelivery or a race
// either writes everything or nothing.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { MESSAGES_TABLE, TIPS_TABLE } from '../config/tables';
import { levelRank } from '../core/tip';
import type { StoredMessage, ThreadPointer, TipReader, TipRecord, TipStore, TriageWrite } from '../core/tip-record';
import { TipVersionConflict, isOpen, queueOrder } from '../core/tip-record';

export interface ReaderTables {
  tips: string;
  messages: string;
}

export interface TipTables extends ReaderTables {
  contacts: string;
  receipts: string;
}

/** Contact pointers outlive the thread window only briefly: they are routing, not history. */
const CONTACT_POINTER_TTL_SECONDS = 24 * 60 * 60;
const OPEN = 'open';

const TIP_FIELDS = [
  'tipId', 'status', 'channel', 'lang', 'level', 'score', 'rule', 'indicators', 'places', 'region',
  'preview', 'signals', 'contactKey', 'createdAt', 'lastMessageAt', 'messageCount', 'version',
] as const satisfies ReadonlyArray<keyof TipRecord>;

function pick<T>(item: Record<string, unknown>, fields: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) out[field] = item[field];
  return out as T;
}

const toTip = (item: Record<string, unknown>): TipRecord => pick<TipRecord>(item, TIP_FIELDS);
const toMessage = (item: Record<string, unknown>): StoredMessage =>
  pick<StoredMessage>(item, ['messageId', 'tipId', 'channel', 'lang', 'text', 'receivedAt', 'redactions']);

function tipItem(tip: TipRecord): Record<string, unknown> {
  return {
    ...tip,
    levelRank: levelRank(tip.level),
    queueOrder: queueOrder(tip),
    // Sparse index: only open tips are in the queue.
    ...(isOpen(tip.status) ? { openQueue: OPEN } : {}),
  };
}

export function dynamoTipLookup(client: DynamoDBDocumentClient, tipsTable: string): Pick<TipReader, 'getTip'> {
  return {
    async getTip(tipId) {
      const out = await client.send(new GetCommand({ TableName: tipsTable, Key: { tipId }, ConsistentRead: true }));
      return out.Item ? toTip(out.Item) : undefined;
    },
  };
}

export function dynamoTipReader(client: DynamoDBDocumentClient, tables: ReaderTables): TipReader {
  return {
    getTip: dynamoTipLookup(client, tables.tips).getTip,

    async listMessages(tipId) {
      const messages: StoredMessage[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: tables.messages,
            IndexName: MESSAGES_TABLE.indexes[0].name,
            KeyConditionExpression: 'tipId = :tipId',
            ExpressionAttributeValues: { ':tipId': tipId },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) messages.push(toMessage(item));
        start = out.LastEvaluatedKey;
      } while (start);
      return messages;
    },

    async listOpenTips({ limit, cursor }) {
      const out = await client.send(
        new QueryCommand({
          TableName: tables.tips,
          IndexName: TIPS_TABLE.indexes[0].name,
          KeyConditionExpression: 'openQueue = :open',
          ExpressionAttributeValues: { ':open': OPEN },
          Limit: limit,
          ...(cursor ? { ExclusiveStartKey: decodeCursor(cursor) } : {}),
        }),
      );
      return {
        tips: (out.Items ?? []).map(toTip),
        ...(out.LastEvaluatedKey ? { cursor: encodeCursor(out.LastEvaluatedKey) } : {}),
      };
    },
  };
}

export function dynamoTipStore(client: DynamoDBDocumentClient, tables: TipTables): TipStore {
  return {
    ...dynamoTipReader(client, tables),

    async findMessage(messageId) {
      const out = await client.send(new GetCommand({ TableName: tables.messages, Key: { messageId } }));
      return out.Item ? toMessage(out.Item) : undefined;
    },

    async findThread(contactKey) {
      const out = await client.send(new GetCommand({ TableName: tables.contacts, Key: { contactKey }, ConsistentRead: true }));
      return out.Item ? pick<ThreadPointer>(out.Item, ['contactKey', 'tipId', 'lastMessageAt']) : undefined;
    },

    async commit(write: TriageWrite) {
      const { message, tip, expectedVersion, thread, receiptHash } = write;
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        {
          Put: {
            TableName: tables.messages,
            Item: message,
            ConditionExpression: 'attribute_not_exists(messageId)',
          },
        },
        {
          Put: {
            TableName: tables.tips,
            Item: tipItem(tip),
            ...(expectedVersion === null
              ? { ConditionExpression: 'attribute_not_exists(tipId)' }
              : {
                  ConditionExpression: 'version = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion },
                }),
          },
        },
      ];
      if (thread) {
        const expiresAt = Math.floor(Date.parse(thread.lastMessageAt) / 1000) + CONTACT_POINTER_TTL_SECONDS;
        items.push({ Put: { TableName: tables.contacts, Item: { ...thread, expiresAt } } });
      }
      if (receiptHash) {
        items.push({
          Put: {
            TableName: tables.receipts,
            Item: { receiptHash, tipId: tip.tipId },
            ConditionExpression: 'attribute_not_exists(receiptHash)',
          },
        });
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'stored';
      } catch (error: unknown) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new TipVersionConflict(tip.tipId);
        throw error;
      }
    },


  };
}

export class InvalidCursor extends Error {
  override name = 'InvalidCursor';
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

// A cursor is handed back by clients: only the exact key shape of the queue index is accepted.
const queueCursor = z.strictObject({ tipId: z.string().max(64), openQueue: z.literal(OPEN), queueOrder: z.string().max(200) });

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const parsed = queueCursor.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: same answer as a wrong shape
  }
  throw new InvalidCursor('The cursor is not one this API returned; start again from the first page.');
}
