// The audit trail on DynamoDB: one item per event, written only if new, never changed. IAM
// gives no function UpdateItem or DeleteItem on this table.
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent, AuditLog } from '../core/audit';

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
    async list(tipId) {
      const events: AuditEvent[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(
          new QueryCommand({
            TableName: table,
            KeyConditionExpression: 'tipId = :tipId',
            ExpressionAttributeValues: { ':tipId': tipId },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) {
          const { tipId: id, at, actor, action, details } = item as AuditEvent;
          events.push({ tipId: id, at, actor, action, details });
        }
        start = out.LastEvaluatedKey;
      } while (start);
      return events;
    },
  };
}
