// Intake's short-lived memory in its own table (IntakeMemory), under keyed names only. sms-intake's:
// `seen#<keyed MessageSid>`, `open#<contact key>`, `erased#<contact key>`, `acked#<contact key>`; the public form's (it
// may touch no other prefix, lib/public-form.ts): `formToken#<keyed token id>`,
// `inboxCode#<keyed receipt hash>#<window>`.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NUMBER_OPEN_MINUTES, SEEN_MESSAGE_DAYS } from '../config/defaults';
import { FORM_MEMORY_PREFIXES } from '../config/tables';
import type { SpentFormTokens } from '../core/form-token';
import type { IntakeMemory } from '../core/ports';
import type { InboxPorts } from '../core/receipt-inbox';

const DAY_SECONDS = 86_400;
const epochSeconds = (now: Date): number => Math.floor(now.getTime() / 1000);

export function dynamoIntakeMemory(client: DynamoDBDocumentClient, table: string, erasedForSeconds: number): IntakeMemory {
  const live = (item: Record<string, unknown> | undefined, now: Date): boolean =>
    item !== undefined && typeof item.expiresAt === 'number' && item.expiresAt > epochSeconds(now);
  return {
    async claimMessage(messageId, now) {
      try {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: { memoryKey: `seen#${messageId}`, expiresAt: epochSeconds(now) + SEEN_MESSAGE_DAYS * DAY_SECONDS },
            ConditionExpression: 'attribute_not_exists(memoryKey)',
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async releaseMessage(messageId) {
      await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey: `seen#${messageId}` } }));
    },

    async recall(contactKey, now) {
      const get = (memoryKey: string) => client.send(new GetCommand({ TableName: table, Key: { memoryKey }, ConsistentRead: true }));
      const [open, erased, acked] = await Promise.all([get(`open#${contactKey}`), get(`erased#${contactKey}`), get(`acked#${contactKey}`)]);
      // DynamoDB deletes expired items within days, not at once: the time is checked here too.
      return { numberOpen: live(open.Item, now), erased: live(erased.Item, now), acknowledged: live(acked.Item, now) };
    },

    async noteAcknowledged(contactKey, until) {
      await client.send(new PutCommand({ TableName: table, Item: { memoryKey: `acked#${contactKey}`, expiresAt: epochSeconds(until) } }));
    },

    async noteNumberOpen(contactKey, open, now) {
      const memoryKey = `open#${contactKey}`;
      if (open) await client.send(new PutCommand({ TableName: table, Item: { memoryKey, expiresAt: epochSeconds(now) + NUMBER_OPEN_MINUTES * 60 } }));
      else await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey } }));
    },

    async noteErased(contactKey, now) {
      await client.send(new PutCommand({ TableName: table, Item: { memoryKey: `erased#${contactKey}`, expiresAt: epochSeconds(now) + erasedForSeconds } }));
      await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey: `open#${contactKey}` } }));
      // The first message after an erasure is answered in full again, with how to erase.
      await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey: `acked#${contactKey}` } }));
    },

    async clearErased(contactKey) {
      await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey: `erased#${contactKey}` } }));
    },
  };
}

/** The public form's memory: one-time form tokens spent, and attempts at a receipt code per window. */
export function dynamoFormMemory(client: DynamoDBDocumentClient, table: string): SpentFormTokens & Pick<InboxPorts, 'countCodeAttempt'> {
  const [spentToken, codeAttempts] = FORM_MEMORY_PREFIXES;
  return {
    async spend(key, keepUntil) {
      try {
        await client.send(
          new PutCommand({
            TableName: table,
            Item: { memoryKey: `${spentToken}${key}`, expiresAt: epochSeconds(keepUntil) },
            ConditionExpression: 'attribute_not_exists(memoryKey)',
          }),
        );
        return true;
      } catch (error: unknown) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async unspend(key) {
      await client.send(new DeleteCommand({ TableName: table, Key: { memoryKey: `${spentToken}${key}` } }));
    },

    async countCodeAttempt(codeKey, windowStart, keepUntil) {
      const out = await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { memoryKey: `${codeAttempts}${codeKey}#${epochSeconds(windowStart)}` },
          UpdateExpression: 'SET expiresAt = if_not_exists(expiresAt, :expiresAt) ADD attempts :one',
          ExpressionAttributeValues: { ':expiresAt': epochSeconds(keepUntil), ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      // Without a count back, refuse rather than let attempts through uncounted.
      return typeof out.Attributes?.attempts === 'number' ? out.Attributes.attempts : Number.MAX_SAFE_INTEGER;
    },
  };
}
