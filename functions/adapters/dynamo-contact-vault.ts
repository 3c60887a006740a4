// The contact vault on DynamoDB: one sealed address per contact key, with a time-to-live.
// DynamoDB deletes expired items only eventually, so reads check the expiry themselves.
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ContactVaultReader, ContactVaultWriter } from '../core/contact-vault';
import type { DataKeySource, EncryptionContext } from '../core/ports';
import { open, seal } from './envelope';

const DAY_SECONDS = 24 * 60 * 60;
const vaultContext = (contactKey: string): EncryptionContext => ({ purpose: 'contact-vault', contactKey });

export function dynamoContactVaultWriter(client: DynamoDBDocumentClient, table: string, keys: DataKeySource, ttlDays: number): ContactVaultWriter {
  return {
    async remember(contactKey, address, now) {
      const sealed = await seal(keys, address, vaultContext(contactKey));
      const expiresAt = Math.floor(now.getTime() / 1000) + ttlDays * DAY_SECONDS;
      // `contactSince` is set once per life of the entry: an erasure deletes it, so the next
      // message starts a new contact, and replies to tips from before it are refused.
      await client.send(
        new UpdateCommand({
          TableName: table,
          Key: { contactKey },
          UpdateExpression: 'SET sealed = :sealed, expiresAt = :expiresAt, contactSince = if_not_exists(contactSince, :now)',
          ExpressionAttributeValues: { ':sealed': sealed, ':expiresAt': expiresAt, ':now': now.toISOString() },
        }),
      );
    },
    async forget(contactKey) {
      await client.send(new DeleteCommand({ TableName: table, Key: { contactKey } }));
    },
  };
}

export function dynamoContactVaultReader(client: DynamoDBDocumentClient, table: string, keys: DataKeySource): ContactVaultReader {
  return {
    async recall(contactKey, now) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { contactKey }, ConsistentRead: true }));
      const item = out.Item as { sealed?: string; expiresAt?: number; contactSince?: string } | undefined;
      if (!item?.sealed || typeof item.expiresAt !== 'number' || item.expiresAt * 1000 <= now.getTime()) return undefined;
      const address = await open(keys, item.sealed, vaultContext(contactKey));
      return { address, ...(item.contactSince ? { contactSince: item.contactSince } : {}) };
    },
  };
}
