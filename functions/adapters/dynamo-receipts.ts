// Receipt hash -> tip, for the receipt inbox. Read-only here: triage writes the pair.
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function dynamoReceipts(client: DynamoDBDocumentClient, table: string) {
  return {
    async tipFor(receiptHash: string): Promise<string | undefined> {
      const out = await client.send(new GetCommand({ TableName: table, Key: { receiptHash } }));
      return typeof out.Item?.tipId === 'string' ? out.Item.tipId : undefined;
    },
  };
}
