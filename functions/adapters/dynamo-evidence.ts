// Sealed evidence on DynamoDB: one partition per tip, spans (`span#<messageId>#<ordinal>`,
// written by triage) and reveal requests (`request#<id>`) side by side, so that one Query finds
// everything a tip holds and the tip's retention reaches all of it. DynamoDB deletes expired
// items only eventually; the workflow checks the tip's expiry itself and shreds on the spot.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RevealRequestDecided } from '../core/evidence/errors';
import {
  EVIDENCE_KINDS,
  evidenceContext,
  spanIdOf,
  type EvidenceKind,
  type EvidenceRetention,
  type EvidenceStore,
  type RevealRequest,
  type SealedSpan,
  type SpanOpener,
  type TipEvidence,
} from '../core/evidence/model';
import type { DataKeySource } from '../core/ports';
import { queryAll } from './aws-clients';
import { open } from './envelope';

const SPAN_PREFIX = 'span#';
const REQUEST_PREFIX = 'request#';
const spanKey = (spanId: string) => `${SPAN_PREFIX}${spanId}`;
const requestKey = (requestId: string) => `${REQUEST_PREFIX}${requestId}`;

const isKind = (value: unknown): value is EvidenceKind => (EVIDENCE_KINDS as readonly unknown[]).includes(value);

/** A span item as triage wrote it; anything else under `span#` is not a span this code can open. */
function toSpan(item: Record<string, unknown>): SealedSpan | undefined {
  const { tipId, messageId, ordinal, kind, sealed, createdAt, expiresAt } = item;
  if (typeof tipId !== 'string' || typeof messageId !== 'string' || typeof ordinal !== 'number' || !isKind(kind) || typeof sealed !== 'string')
    return undefined;
  return {
    tipId,
    messageId,
    ordinal,
    kind,
    sealed,
    createdAt: typeof createdAt === 'string' ? createdAt : '',
    ...(typeof expiresAt === 'number' ? { expiresAt } : {}),
  };
}

function toRequest(item: Record<string, unknown>): RevealRequest {
  const { itemKey: _itemKey, ...request } = item;
  return request as unknown as RevealRequest;
}

export function dynamoEvidenceStore(client: DynamoDBDocumentClient, table: string): EvidenceStore & EvidenceRetention {
  const keysOf = (tipId: string) =>
    queryAll(
      client,
      {
        TableName: table,
        KeyConditionExpression: 'tipId = :tipId',
        ExpressionAttributeValues: { ':tipId': tipId },
        ProjectionExpression: 'tipId, itemKey',
        ConsistentRead: true,
      },
      (item) => String(item.itemKey),
    );

  return {
    async load(tipId): Promise<TipEvidence> {
      const items = await queryAll(
        client,
        { TableName: table, KeyConditionExpression: 'tipId = :tipId', ExpressionAttributeValues: { ':tipId': tipId }, ConsistentRead: true },
        (item) => item,
      );
      const spans: SealedSpan[] = [];
      const requests: RevealRequest[] = [];
      for (const item of items) {
        const key = String(item.itemKey);
        if (key.startsWith(SPAN_PREFIX)) {
          const span = toSpan(item);
          if (span) spans.push(span);
        } else if (key.startsWith(REQUEST_PREFIX)) requests.push(toRequest(item));
      }
      return { spans, requests };
    },

    async getSpan(tipId, spanId) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { tipId, itemKey: spanKey(spanId) }, ConsistentRead: true }));
      const span = out.Item ? toSpan(out.Item) : undefined;
      return span && spanIdOf(span) === spanId ? span : undefined;
    },

    async getRequest(tipId, requestId) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { tipId, itemKey: requestKey(requestId) }, ConsistentRead: true }));
      return out.Item ? toRequest(out.Item) : undefined;
    },

    async addRequest(request) {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...request, itemKey: requestKey(request.requestId) },
          ConditionExpression: 'attribute_not_exists(itemKey)',
        }),
      );
    },

    async decide(tipId, requestId, decision) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: { tipId, itemKey: requestKey(requestId) },
            UpdateExpression: 'SET #state = :state, decidedBy = :by, decidedAt = :at',
            ConditionExpression: '#state = :pending',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':state': decision.state, ':by': decision.by, ':at': decision.at, ':pending': 'pending' },
          }),
        );
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) throw new RevealRequestDecided();
        throw error;
      }
    },

    async shred(tipId) {
      const keys = await keysOf(tipId);
      await Promise.all(keys.map((itemKey) => client.send(new DeleteCommand({ TableName: table, Key: { tipId, itemKey } }))));
      return keys.length;
    },

    async follow(tipId, expiresAt) {
      const keys = await keysOf(tipId);
      await Promise.all(
        keys.map(async (itemKey) => {
          try {
            await client.send(
              new UpdateCommand({
                TableName: table,
                Key: { tipId, itemKey },
                // Only items that exist: one shredded meanwhile must not come back as an empty shell.
                ConditionExpression: 'attribute_exists(itemKey)',
                ...(expiresAt === undefined
                  ? { UpdateExpression: 'REMOVE expiresAt' }
                  : { UpdateExpression: 'SET expiresAt = :expiresAt', ExpressionAttributeValues: { ':expiresAt': expiresAt } }),
              }),
            );
          } catch (error: unknown) {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }
        }),
      );
    },
  };
}

/** Opens a span with the data keys of the platform (KMS in AWS), under the span's own context. */
export function evidenceOpener(keys: DataKeySource): SpanOpener {
  return (span) => open(keys, span.sealed, evidenceContext(span.messageId, span.ordinal));
}
