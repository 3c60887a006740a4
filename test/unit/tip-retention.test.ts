// Closing a tip gives everything it holds the tip's expiresAt (the tables' TTL deletes them with
// it), reopening takes it away, and each item changes in that one attribute: the IAM grant
// (lib/wiring.ts useExpiryOf) allows operator-api nothing more.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { allFollow, dynamoTipRetention } from '../../functions/adapters/dynamo-tip-retention';

const TABLES = { messages: 'Messages', receipts: 'Receipts', paging: 'Paging', pageDeliveries: 'PageDeliveries' };
const TIP = 'RETA1N3D';
const EXPIRES = 1_800_000_000;

/** A real document client (the SDK's paginator insists) whose `send` answers here, never over the network. */
function clientAnswering(send: (command: unknown) => Promise<unknown>): DynamoDBDocumentClient {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
  Object.assign(client, { send });
  return client;
}

/** A document client over fixed by-tip index answers; records every update, fails the ones asked to. */
function fakeDynamo(byIndex: Record<string, Array<Record<string, string>>>, missing: string[] = []) {
  const queries: Array<Record<string, unknown>> = [];
  const updates: Array<Record<string, unknown>> = [];
  const client = clientAnswering(async (command: unknown) => {
    if (command instanceof QueryCommand) {
      queries.push(command.input as Record<string, unknown>);
      return { Items: byIndex[String(command.input.IndexName)] ?? [] };
    }
    if (command instanceof UpdateCommand) {
      const key = JSON.stringify(command.input.Key);
      if (missing.includes(key)) throw new ConditionalCheckFailedException({ message: 'gone', $metadata: {} });
      updates.push(command.input as Record<string, unknown>);
      return {};
    }
    throw new Error(`unexpected command ${String(command)}`);
  });
  return { client, queries, updates };
}

const HELD = {
  MessagesByTip: [{ messageId: 'sms_1' }, { messageId: 'note_2' }],
  ReceiptsByTip: [{ receiptHash: 'h1' }],
  DeliveriesByTip: [{ idempotencyKey: 'page#1' }],
};

describe('a tip’s retention, followed by what it holds', () => {
  it('closing sets expiresAt on its messages, receipt, deliveries and paging state, each only if it still exists', async () => {
    // Arrange
    const { client, queries, updates } = fakeDynamo(HELD);

    // Act
    await dynamoTipRetention(client, TABLES).follow(TIP, EXPIRES);

    // Assert
    expect(queries.map((q) => [q.TableName, q.IndexName, q.ExpressionAttributeValues])).toEqual([
      ['Messages', 'MessagesByTip', { ':tipId': TIP }],
      ['Receipts', 'ReceiptsByTip', { ':tipId': TIP }],
      ['PageDeliveries', 'DeliveriesByTip', { ':tipId': TIP }],
    ]);
    expect(updates.map((u) => [u.TableName, u.Key])).toEqual([
      ['Messages', { messageId: 'sms_1' }],
      ['Messages', { messageId: 'note_2' }],
      ['Receipts', { receiptHash: 'h1' }],
      ['PageDeliveries', { idempotencyKey: 'page#1' }],
      ['Paging', { tipId: TIP }],
    ]);
    for (const update of updates) {
      expect(update.UpdateExpression).toBe('SET #ttl = :expiresAt');
      expect(update.ExpressionAttributeValues).toEqual({ ':expiresAt': EXPIRES });
      expect(update.ConditionExpression).toBe('attribute_exists(#key)');
    }
  });

  it('touches no attribute but the key and expiresAt, and asks for nothing back (what the IAM condition allows)', async () => {
    const { client, updates } = fakeDynamo(HELD);
    await dynamoTipRetention(client, TABLES).follow(TIP, EXPIRES);
    for (const update of updates) {
      const names = Object.values(update.ExpressionAttributeNames as Record<string, string>);
      expect(names.sort()).toEqual([...Object.keys(update.Key as object), 'expiresAt'].sort());
      expect(update.ReturnValues).toBeUndefined();
    }
  });

  it('reopening removes expiresAt again', async () => {
    const { client, updates } = fakeDynamo(HELD);
    await dynamoTipRetention(client, TABLES).follow(TIP, undefined);
    expect(updates).toHaveLength(5);
    for (const update of updates) {
      expect(update.UpdateExpression).toBe('REMOVE #ttl');
      expect(update.ExpressionAttributeValues).toBeUndefined();
    }
  });

  it('a tip never paged, or an item deleted meanwhile, is no error and does not come back as an empty shell', async () => {
    const { client, updates } = fakeDynamo({ MessagesByTip: [{ messageId: 'sms_1' }] }, [
      JSON.stringify({ tipId: TIP }),
      JSON.stringify({ messageId: 'sms_1' }),
    ]);
    await expect(dynamoTipRetention(client, TABLES).follow(TIP, EXPIRES)).resolves.toBeUndefined();
    expect(updates).toEqual([]);
  });

  it('any other failure fails the close, so that the operator sees it and retries', async () => {
    const client = clientAnswering(async () => {
      throw new Error('AccessDeniedException');
    });
    await expect(dynamoTipRetention(client, TABLES).follow(TIP, EXPIRES)).rejects.toThrow(/AccessDenied/);
  });

  it('allFollow hands the date to every follower (the evidence store and the rest)', async () => {
    const seen: Array<[string, string, number | undefined]> = [];
    const follower = (name: string) => ({ follow: async (tipId: string, at: number | undefined) => void seen.push([name, tipId, at]) });
    await allFollow(follower('evidence'), follower('held')).follow(TIP, EXPIRES);
    expect(seen.sort()).toEqual([
      ['evidence', TIP, EXPIRES],
      ['held', TIP, EXPIRES],
    ]);
  });
});
