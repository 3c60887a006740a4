// The tip store on DynamoDB. One transaction per message keeps "stored exactly once": the
// message item is conditional on its id, the tip on its version, so a redelivery or a race
// either writes everything or nothing. Operators' changes are conditional on the version too.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { MESSAGES_TABLE, TIPS_TABLE } from '../config/tables';
import type { ClosedTipReader, QueueFilter, ThreadPointer, TipReader, TipStore, TipWriter, TriageWrite } from '../core/tip-record';
import { TipVersionConflict, searchFormOf } from '../core/tip-record';
import { CLOSED, OPEN, decodeCursor, encodeCursor, tipItem, toMessage, toTip } from './dynamo-tip-items';
import { queryAll, queryItems } from './aws-clients';
import { countUpdates, transactCounting } from './dynamo-statistics';
import { tipCountDelta } from '../core/statistics/counting';

export { InvalidCursor } from './dynamo-tip-items';

export interface ReaderTables {
  tips: string;
  messages: string;
}

export interface TipTables extends ReaderTables {
  contacts: string;
  /** The statistics' live counts, kept in the same transaction as the tip (core/statistics). */
  statistics: string;
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
/**
 * Filters apply after DynamoDB's page limit; read a few pages at most to fill one: at most
 * MAX_PAGES_PER_REQUEST × FILTERED_READ_ITEMS tips (1,000, a few MB at most) per request, so that
 * a search nothing matches answers in about a second with a cursor instead of reading the table.
 */
const MAX_PAGES_PER_REQUEST = 10;
const FILTERED_READ_ITEMS = 100;
/** Words of a search beyond these are ignored: q is at most 100 characters anyway. */
const MAX_SEARCH_WORDS = 12;

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
  const equal = (attribute: 'status' | 'level' | 'region' | 'channel', value: unknown) => {
    parts.push(`#${attribute} = :${attribute}`);
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
  };
  if (filter.status !== 'open' && filter.status !== 'closed') equal('status', filter.status);
  if (filter.level) equal('level', filter.level);
  if (filter.region) equal('region', filter.region);
  // Every word, anywhere in the text, in any order. Tips stored before searchText existed have
  // none, and match no search.
  const words = [
    ...new Set(
      searchFormOf(filter.q ?? '')
        .split(' ')
        .filter(Boolean),
    ),
  ].slice(0, MAX_SEARCH_WORDS);
  words.forEach((word, i) => {
    parts.push(`contains(#searchText, :q${i})`);
    names['#searchText'] = 'searchText';
    values[`:q${i}`] = word;
  });
  if (filter.claimed === 'unclaimed') {
    parts.push('attribute_not_exists(#claimedBy)');
    names['#claimedBy'] = 'claimedBy';
  } else if (filter.claimed === 'mine') {
    if (!filter.actorId) throw new Error('claimed=mine needs the actorId of the caller.');
    parts.push('#claimedBy.#holderId = :actorId');
    names['#claimedBy'] = 'claimedBy';
    names['#holderId'] = 'id';
    values[':actorId'] = filter.actorId;
  }
  if (filter.channel) equal('channel', filter.channel);
  // createdAt is an ISO instant: a date compares as the start of its day (UTC).
  if (filter.from) {
    parts.push('#createdAt >= :from');
    names['#createdAt'] = 'createdAt';
    values[':from'] = filter.from;
  }
  if (filter.to) {
    parts.push('#createdAt < :toNextDay');
    names['#createdAt'] = 'createdAt';
    values[':toNextDay'] = nextDay(filter.to);
  }
  return { ...(parts.length ? { expression: parts.join(' AND ') } : {}), names, values };
}

/** The date after a YYYY-MM-DD date, in the same form. */
function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The index key of a tip as read, where a page that stopped after it must resume. */
function resumeKeyOf(item: Record<string, unknown>, closed: boolean): Record<string, unknown> {
  return closed
    ? { tipId: item.tipId, closedQueue: item.closedQueue, closedAt: item.closedAt }
    : { tipId: item.tipId, openQueue: item.openQueue, queueOrder: item.queueOrder };
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
      // Unfiltered, DynamoDB's Limit is the page. Filtered, Limit counts the tips read before the
      // filter: each read takes a full FILTERED_READ_ITEMS, and matches beyond `limit` are dropped
      // and read again on the next page, from the cursor after the last tip returned.
      const filtered = extra.expression !== undefined;
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined = cursor ? decodeCursor(cursor, closed ? 'closed' : 'open') : undefined;
      for (let page = 0; page < MAX_PAGES_PER_REQUEST && items.length < limit; page++) {
        const out = await client.send(
          new QueryCommand({
            TableName: tables.tips,
            IndexName: closed ? CLOSED_INDEX : QUEUE_INDEX,
            KeyConditionExpression: closed ? 'closedQueue = :queue' : 'openQueue = :queue',
            ...(filtered ? { FilterExpression: extra.expression, ExpressionAttributeNames: extra.names } : {}),
            ExpressionAttributeValues: { ':queue': closed ? CLOSED : OPEN, ...extra.values },
            ScanIndexForward: !closed,
            Limit: filtered ? FILTERED_READ_ITEMS : limit - items.length,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
        if (!start) break;
      }
      if (items.length > limit) {
        items.length = limit;
        start = resumeKeyOf(items[limit - 1]!, closed);
      }
      // Short of `limit` with a cursor: the reads ran out before the index did; the cursor goes on.
      return { tips: items.map(toTip), ...(start ? { cursor: encodeCursor(start) } : {}) };
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

/**
 * Conditional updates of a tip on its version: for paging, which keeps one flag on it, and for
 * operators. A change that moves the tip between statistics categories (its level, a duplicate
 * mark, a false report) moves its count in the same transaction.
 */
export function dynamoTipUpdater(client: DynamoDBDocumentClient, tables: { tips: string; statistics: string }): Pick<TipWriter, 'updateTip'> {
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
      const update = {
        TableName: tables.tips,
        Key: { tipId: before.tipId },
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
        ConditionExpression: 'version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      };
      const counts = tipCountDelta(before, after);
      try {
        if (counts.length === 0) await client.send(new UpdateCommand(update));
        else await transactCounting(client, [{ Update: update }, ...countUpdates(tables.statistics, counts)]);
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) throw new TipVersionConflict(before.tipId);
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')
          throw new TipVersionConflict(before.tipId);
        throw error;
      }
    },
  };
}

/** Entries joining a thread (replies, notes), never read back: the tipster-reply function's only write. */
export function dynamoThreadWriter(client: DynamoDBDocumentClient, messagesTable: string): Pick<TipWriter, 'addThreadEntry'> {
  return {
    async addThreadEntry(entry) {
      await client.send(new PutCommand({ TableName: messagesTable, Item: entry, ConditionExpression: 'attribute_not_exists(messageId)' }));
    },
  };
}

export function dynamoTipWriter(client: DynamoDBDocumentClient, tables: ReaderTables & { statistics: string }): TipWriter {
  return {
    updateTip: dynamoTipUpdater(client, tables).updateTip,
    addThreadEntry: dynamoThreadWriter(client, tables.messages).addThreadEntry,
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
      const { message, tip, expectedVersion, thread, threadWas, receiptHash, evidence = [], counts = [] } = write;
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
      // Last, so that the cancellation reasons below keep their positions.
      items.push(...countUpdates(tables.statistics, counts));
      try {
        await transactCounting(client, items);
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
