// The tip store on DynamoDB. One transaction per message keeps "stored exactly once": the
// message item is conditional on its id, the tip on its version, so a redelivery or a race
// either writes everything or nothing. Operators' changes are conditional on the version too.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MESSAGES_TABLE, TIPS_TABLE } from '../config/tables';
import type { ClosedTipReader, QueueFilter, ThreadPointer, TipReader, TipRecord, TipStore, TipWriter, TriageWrite } from '../core/tip-record';
import { TipVersionConflict } from '../core/tip-record';
import { CLOSED, OPEN, decodeCursor, encodeCursor, tipItem, toMessage, toTip } from './dynamo-tip-items';
import { queryAll, queryItems } from './aws-clients';

export { InvalidCursor } from './dynamo-tip-items';

export interface ReaderTables {
  tips: string;
  messages: string;
}

export interface TipTables extends ReaderTables {
  contacts: string;
  receipts: string;
  /** Sealed evidence spans, written in the same transaction as their message (triage). */
  evidence?: string;
}

/** Contact pointers outlive the thread window only briefly: they are routing, not history. */
const CONTACT_POINTER_TTL_SECONDS = 24 * 60 * 60;
// Index names checked against the tables' shapes (see functions/config/tables.ts).
const QUEUE_INDEX: (typeof TIPS_TABLE.indexes)[number]['name'] = 'QueueByUrgency';
const CLOSED_INDEX: (typeof TIPS_TABLE.indexes)[number]['name'] = 'ClosedByTime';
const MESSAGES_BY_TIP: (typeof MESSAGES_TABLE.indexes)[number]['name'] = 'MessagesByTip';
/** Filters apply after DynamoDB's page limit; read a few pages at most to fill one. */
const MAX_PAGES_PER_REQUEST = 10;

export function dynamoTipLookup(client: DynamoDBDocumentClient, tipsTable: string): Pick<TipReader, 'getTip'> {
  return {
    async getTip(tipId) {
      const out = await client.send(new GetCommand({ TableName: tipsTable, Key: { tipId }, ConsistentRead: true }));
      return out.Item ? toTip(out.Item) : undefined;
    },
  };
}

function filterExpression(filter: QueueFilter): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.status !== 'open' && filter.status !== 'closed') {
    parts.push('#status = :status');
    names['#status'] = 'status';
    values[':status'] = filter.status;
  }
  if (filter.level) {
    parts.push('#level = :level');
    names['#level'] = 'level';
    values[':level'] = filter.level;
  }
  if (filter.region) {
    parts.push('#region = :region');
    names['#region'] = 'region';
    values[':region'] = filter.region;
  }
  return { ...(parts.length ? { expression: parts.join(' AND ') } : {}), names, values };
}

/** A tip's thread only, for readers that must not see the tip itself (the receipt inbox). */
export function dynamoThreadReader(client: DynamoDBDocumentClient, messagesTable: string): Pick<TipReader, 'listMessages'> {
  return {
    listMessages: (tipId) =>
      queryAll(
        client,
        { TableName: messagesTable, IndexName: MESSAGES_BY_TIP, KeyConditionExpression: 'tipId = :tipId', ExpressionAttributeValues: { ':tipId': tipId } },
        toMessage,
      ),
  };
}

export function dynamoTipReader(client: DynamoDBDocumentClient, tables: ReaderTables): TipReader {
  return {
    getTip: dynamoTipLookup(client, tables.tips).getTip,

    listMessages: dynamoThreadReader(client, tables.messages).listMessages,

    async listTips(filter, { limit, cursor }) {
      const closed = filter.status === 'closed';
      const extra = filterExpression(filter);
      const tips: TipRecord[] = [];
      let start: Record<string, unknown> | undefined = cursor ? decodeCursor(cursor, closed ? 'closed' : 'open') : undefined;
      for (let page = 0; page < MAX_PAGES_PER_REQUEST && tips.length < limit; page++) {
        const out = await client.send(
          new QueryCommand({
            TableName: tables.tips,
            IndexName: closed ? CLOSED_INDEX : QUEUE_INDEX,
            KeyConditionExpression: closed ? 'closedQueue = :queue' : 'openQueue = :queue',
            ...(extra.expression ? { FilterExpression: extra.expression, ExpressionAttributeNames: extra.names } : {}),
            ExpressionAttributeValues: { ':queue': closed ? CLOSED : OPEN, ...extra.values },
            ScanIndexForward: !closed,
            Limit: limit - tips.length,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) tips.push(toTip(item));
        start = out.LastEvaluatedKey;
        if (!start) break;
      }
      return { tips, ...(start ? { cursor: encodeCursor(start) } : {}) };
    },
  };
}

/** A Query of the sparse closed-tips index by closing time: reads no open tip at all. */
export function dynamoClosedTips(client: DynamoDBDocumentClient, tipsTable: string): ClosedTipReader {
  return {
    async *closedSince(since) {
      const input = {
        TableName: tipsTable,
        IndexName: CLOSED_INDEX,
        KeyConditionExpression: 'closedQueue = :queue AND closedAt >= :since',
        ExpressionAttributeValues: { ':queue': CLOSED, ':since': since },
        ScanIndexForward: false,
      };
      for await (const item of queryItems(client, input)) yield toTip(item);
    },
  };
}

/** Conditional updates of a tip on its version, alone: for paging, which keeps one flag on it. */
export function dynamoTipUpdater(client: DynamoDBDocumentClient, tipsTable: string): Pick<TipWriter, 'updateTip'> {
  return {
    async updateTip(before, after) {
      const next = tipItem({ ...after, version: before.version + 1 });
      const previous = tipItem(before);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':expected': before.version };
      const sets: string[] = [];
      const removes: string[] = [];
      let i = 0;
      for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
        if (key === 'tipId') continue;
        const name = `#a${i}`;
        if (next[key] === undefined) {
          names[name] = key;
          removes.push(name);
        } else if (JSON.stringify(next[key]) !== JSON.stringify(previous[key])) {
          names[name] = key;
          values[`:v${i}`] = next[key];
          sets.push(`${name} = :v${i}`);
        }
        i++;
      }
      try {
        await client.send(
          new UpdateCommand({
            TableName: tipsTable,
            Key: { tipId: before.tipId },
            UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) throw new TipVersionConflict(before.tipId);
        throw error;
      }
    },
  };
}

export function dynamoTipWriter(client: DynamoDBDocumentClient, tables: ReaderTables): TipWriter {
  return {
    updateTip: dynamoTipUpdater(client, tables.tips).updateTip,

    async addThreadEntry(entry) {
      await client.send(new PutCommand({ TableName: tables.messages, Item: entry, ConditionExpression: 'attribute_not_exists(messageId)' }));
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
      return out.Item ? (out.Item as ThreadPointer) : undefined;
    },

    async commit(write: TriageWrite) {
      const { message, tip, expectedVersion, thread, threadWas, receiptHash, evidence = [] } = write;
      const items: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [
        { Put: { TableName: tables.messages, Item: message, ConditionExpression: 'attribute_not_exists(messageId)' } },
        {
          Put: {
            TableName: tables.tips,
            Item: tipItem(tip),
            ...(expectedVersion === null
              ? { ConditionExpression: 'attribute_not_exists(tipId)' }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
          },
        },
      ];
      if (thread) {
        const expiresAt = Math.floor(Date.parse(thread.lastMessageAt) / 1000) + CONTACT_POINTER_TTL_SECONDS;
        const unchanged =
          threadWas === undefined
            ? {}
            : threadWas === null
              ? { ConditionExpression: 'attribute_not_exists(contactKey)' }
              : { ConditionExpression: 'tipId = :was', ExpressionAttributeValues: { ':was': threadWas } };
        items.push({
          Put: {
            TableName: tables.contacts,
            Item: { contactKey: thread.contactKey, tipId: thread.tipId, lastMessageAt: thread.lastMessageAt, expiresAt },
            ...unchanged,
          },
        });
      }
      if (receiptHash) {
        items.push({ Put: { TableName: tables.receipts, Item: { receiptHash, tipId: tip.tipId }, ConditionExpression: 'attribute_not_exists(receiptHash)' } });
      }
      if (evidence.length > 0 && !tables.evidence) throw new Error('Sealed evidence arrived but no evidence table is configured.');
      for (const span of evidence) {
        // The message's own condition above already makes this write happen once.
        items.push({ Put: { TableName: tables.evidence!, Item: { ...span, itemKey: `span#${span.messageId}#${span.ordinal}` } } });
      }
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'stored';
      } catch (error: unknown) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'duplicate';
        if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new TipVersionConflict(tip.tipId);
        // Another message of this sender started or moved its thread since it was read.
        if (thread && reasons[2]?.Code === 'ConditionalCheckFailed') throw new TipVersionConflict(tip.tipId);
        throw error;
      }
    },
  };
}
