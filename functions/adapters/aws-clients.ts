// SDK clients as every function builds them: the document client removes undefined values so
// that optional fields of a record are simply absent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export function documentClientOf(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export function defaultDocumentClient(): DynamoDBDocumentClient {
  return documentClientOf(new DynamoDBClient({}));
}
