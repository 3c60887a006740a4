// The audit trail on DynamoDB: one item per event, written only if new, never changed. IAM
// gives no function UpdateItem or DeleteItem on this table.
import { randomUUID } from 'node:crypto';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, AuditLog } from '../core/audit';
import { queryAll } from './aws-clients';

export function dynamoAuditLog(client: DynamoDBDocumentClient, table: string): AuditLog {
  return {
    async record(event) {
      await client.send(
        new PutCommand({
          TableName: table,
          Item: { ...event, eventKey: `${event.at}#${randomUUID()}` },
          ConditionExpression: 'attribute_not_exists(eventKey)',
        }),
      );
    },
    list: (tipId) =>
      queryAll(client, { TableName: table, KeyConditionExpression: 'tipId = :tipId', ExpressionAttributeValues: { ':tipId': tipId } }, (item) => {
        const { tipId: id, at, actor, action, details } = item as unknown as AuditEvent;
        return { tipId: id, at, actor, action, details };
      }),
  };
}
