// Paging's memory on DynamoDB: one versioned state per tip, and one delivery item per message
// sent, claimed before sending so that a retried job never sends the same page twice.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PAGE_DELIVERIES_TABLE } from '../config/tables';
import type { PagingState } from '../core/paging';
import { PagingStateConflict, type Deliveries, type PagingStore } from '../core/paging/handle-job';
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
      const out = await client.send(
        new QueryCommand({
          TableName: table,
          IndexName: BY_RESPONDER,
          KeyConditionExpression: 'responderId = :r',
          FilterExpression: 'kind = :page',
          ExpressionAttributeValues: { ':r': responderId, ':page': 'page' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (out.Items ?? []).map((item) => ({ tipId: String(item.tipId), code: String(item.code), pagedAt: String(item.pagedAt) }));
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
