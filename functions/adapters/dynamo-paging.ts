// Paging's memory on DynamoDB: one versioned state per tip, and one delivery item per message
// sent, claimed before sending so that a retried job never sends the same page twice.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PAGING_TABLE, type PAGE_DELIVERIES_TABLE } from '../config/tables';
import type { PagingState } from '../core/paging';
import { PagingStateConflict, type Deliveries, type PagingPorts, type PagingStore } from '../core/paging/handle-job';
import type { TipDeliveries } from '../core/ports';

export function dynamoPagingStore(client: DynamoDBDocumentClient, table: string): PagingStore {
  return {
    async get(tipId) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { tipId }, ConsistentRead: true }));
      if (!out.Item) return undefined;
      const { version, tipId: _tipId, ...state } = out.Item as PagingState & { version: number };
      return { state: { ...state, tipId } as PagingState, version };
    },
    async create(state) {
      try {
        await client.send(new PutCommand({ TableName: table, Item: { ...state, version: 1 }, ConditionExpression: 'attribute_not_exists(tipId)' }));
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async update(state, expectedVersion) {
      try {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: { ...state, version: expectedVersion + 1 },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
        );
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) throw new PagingStateConflict(state.tipId);
        throw error;
      }
    },
  };
}

// Index names checked against the table's shape, so that reordering it cannot point a query
// at the wrong index.
type DeliveryIndex = (typeof PAGE_DELIVERIES_TABLE.indexes)[number]['name'];
const BY_SID: DeliveryIndex = 'DeliveriesBySid';
const BY_RESPONDER: DeliveryIndex = 'PagesByResponder';
const BY_TIP: DeliveryIndex = 'DeliveriesByTip';

/** Twilio's message statuses in the order they happen; a status never moves back. */
const STATUS_RANK: Record<string, number> = {
  claimed: 0,
  send_failed: 0,
  accepted: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  read: 6,
};
export const isKnownStatus = (status: string): boolean => Object.hasOwn(STATUS_RANK, status);

const MAX_PAGE_READS = 5;

// A claim older than this whose send never completed (the function died mid-send) may be
// taken again: a rare duplicate page is better than a page never sent.
const STALE_CLAIM_MS = 2 * 60_000;

export function dynamoDeliveries(client: DynamoDBDocumentClient, table: string): Deliveries & TipDeliveries {
  return {
    async claim(idempotencyKey, claim) {
      try {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: {
              idempotencyKey,
              tipId: claim.tipId,
              responderId: claim.responderId,
              responderName: claim.responderName,
              responderRole: claim.responderRole,
              kind: claim.kind,
              code: claim.code,
              pagedAt: claim.at.toISOString(),
              status: 'claimed',
              statusRank: 0,
              claimedAtMs: claim.at.getTime(),
            },
            ConditionExpression: 'attribute_not_exists(idempotencyKey) OR #status = :failed OR (#status = :claimed AND claimedAtMs < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':failed': 'send_failed', ':claimed': 'claimed', ':stale': claim.at.getTime() - STALE_CLAIM_MS },
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async sent(idempotencyKey, messageSid) {
      await client
        .send(
          new UpdateCommand({
            TableName: table,
            Key: { idempotencyKey },
            UpdateExpression: 'SET #status = :queued, statusRank = :rank, messageSid = :sid',
            ConditionExpression: 'statusRank < :rank',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':queued': 'queued', ':rank': STATUS_RANK.queued, ':sid': messageSid },
          }),
        )
        .catch((error: unknown) => {
          // A status callback that arrived first already moved it further: nothing to do.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    },
    async failed(idempotencyKey) {
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { idempotencyKey },
          UpdateExpression: 'SET #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'send_failed' },
        }),
      );
    },
    async pagesTo(responderId, limit) {
      // The index also holds the answers sent to the responder; DynamoDB applies Limit before the
      // filter, so a few more reads may be needed to find `limit` pages among them.
      const pages: Array<{ tipId: string; code: string; pagedAt: string }> = [];
      let start: Record<string, unknown> | undefined;
      for (let read = 0; read < MAX_PAGE_READS && pages.length < limit; read++) {
        const out = await client.send(
          new QueryCommand({
            TableName: table,
            IndexName: BY_RESPONDER,
            KeyConditionExpression: 'responderId = :r',
            FilterExpression: 'kind = :page',
            ExpressionAttributeValues: { ':r': responderId, ':page': 'page' },
            ScanIndexForward: false,
            Limit: limit,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        for (const item of out.Items ?? []) pages.push({ tipId: String(item.tipId), code: String(item.code), pagedAt: String(item.pagedAt) });
        start = out.LastEvaluatedKey;
        if (!start) break;
      }
      return pages.slice(0, limit);
    },
    async applyStatus(messageSid, status, at) {
      const rank = STATUS_RANK[status];
      if (rank === undefined) return false;
      const found = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: BY_SID,
          KeyConditionExpression: 'messageSid = :sid',
          ExpressionAttributeValues: { ':sid': messageSid },
        }),
      );
      const item = found.Items?.[0];
      if (!item) return false;
      try {
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: { idempotencyKey: item.idempotencyKey },
            UpdateExpression: 'SET #status = :status, statusRank = :rank, statusAt = :at',
            ConditionExpression: 'statusRank < :rank',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status, ':rank': rank, ':at': at.toISOString() },
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async forTip(tipId) {
      const out = await client.send(
        new QueryCommand({ TableName: table, IndexName: BY_TIP, KeyConditionExpression: 'tipId = :t', ExpressionAttributeValues: { ':t': tipId } }),
      );
      return (out.Items ?? []).map((item) => ({
        idempotencyKey: String(item.idempotencyKey),
        responderId: String(item.responderId),
        responderName: String(item.responderName ?? item.responderId),
        responderRole: String(item.responderRole ?? ''),
        kind: String(item.kind),
        pagedAt: String(item.pagedAt),
        status: String(item.status),
      }));
    },
  };
}

/**
 * A responder's text attached to a case: a new item of the Messages table, never a change to one
 * (a conditional Put, so that a redelivered job finds it there and adds nothing).
 */
export function dynamoResponderNotes(client: DynamoDBDocumentClient, messagesTable: string): PagingPorts['notes'] {
  return {
    async add(note) {
      try {
        await client.send(new PutCommand({ TableName: messagesTable, Item: note, ConditionExpression: 'attribute_not_exists(messageId)' }));
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

const CODE_KEY = PAGING_TABLE.partitionKey;
const MAX_TIPS_PER_CODE = 20;
const MAX_CODE_ATTEMPTS = 5;

/**
 * Which tips were paged under a page code: one small item per code in the Paging table, key
 * `code#<CODE>` (a tip id is 8 characters and a ledger `ledger#…`, so none can meet), written
 * whole on its version like the ledgers beside it, and expiring with the table's time-to-live.
 */
export function dynamoPageCodes(client: DynamoDBDocumentClient, table: string): PagingPorts['codes'] {
  const keyOf = (code: string) => ({ [CODE_KEY]: `code#${code}` });
  const read = async (code: string) => {
    const out = await client.send(new GetCommand({ TableName: table, Key: keyOf(code), ConsistentRead: true }));
    const tipIds = Array.isArray(out.Item?.tipIds) ? (out.Item.tipIds as unknown[]).map(String) : [];
    return { tipIds, version: typeof out.Item?.version === 'number' ? out.Item.version : 0 };
  };
  return {
    async tipsWith(code) {
      return (await read(code)).tipIds;
    },
    async remember(code, tipId, keepUntil) {
      for (let attempt = 1; attempt <= MAX_CODE_ATTEMPTS; attempt++) {
        const { tipIds, version } = await read(code);
        if (tipIds.includes(tipId)) return;
        try {
          await client.send(
            new PutCommand({
              TableName: table,
              Item: {
                ...keyOf(code),
                tipIds: [...tipIds, tipId].slice(-MAX_TIPS_PER_CODE),
                version: version + 1,
                [PAGING_TABLE.timeToLive]: Math.ceil(keepUntil.getTime() / 1000),
              },
              ...(version === 0
                ? { ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': CODE_KEY } }
                : { ConditionExpression: 'version = :version', ExpressionAttributeValues: { ':version': version } }),
            }),
          );
          return;
        } catch (error: unknown) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      // Only an answer's wording rests on it: another tip paged under the same code at once keeps its own.
    },
  };
}
