// DynamoDB's document client as every function builds it: one per container, undefined values
// removed so that optional fields of a record are simply absent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { perPlatform } from './platform';

export const documentClient = perPlatform((platform) => {
  const client = new DynamoDBClient(platform.clients.dynamodb);
  if (platform.clients.middleware?.dynamodb) client.middlewareStack.use(platform.clients.middleware.dynamodb);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});
