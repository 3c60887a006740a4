// DynamoDB's document client as every function builds it: one per container, undefined values
// removed so that optional fields of a record are simply absent.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { perPlatform } from './platform';

export const documentClient = perPlatform((platform) => {
  const client = new DynamoDBClient(platform.clients.dynamodb);
  if (platform.clients.middleware?.dynamodb) client.middlewareStack.use(platform.clients.middleware.dynamodb);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
});

/** Every item a Query finds, page after page (the SDK's own paginator). */
export async function* queryItems(client: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  for await (const page of paginateQuery({ client }, input)) yield* page.Items ?? [];
}

export async function queryAll<T>(client: DynamoDBDocumentClient, input: QueryCommandInput, read: (item: Record<string, unknown>) => T): Promise<T[]> {
  const found: T[] = [];
  for await (const item of queryItems(client, input)) found.push(read(item));
  return found;
}
