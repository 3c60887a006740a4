// SDK clients, built once per container. Endpoints come from the SDK's own
// AWS_ENDPOINT_URL_* variables, which is how the local stack points the very same code at
// DynamoDB Local and the local SQS server.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

/** SDK middleware, in the SDK's own plugin form (`client.middlewareStack.use(plugin)`). */
export interface ClientMiddleware {
  dynamodb?: Parameters<DynamoDBClient['middlewareStack']['use']>[0];
  sqs?: Parameters<SQSClient['middlewareStack']['use']>[0];
}

const registered = new Set<ClientMiddleware>();

/**
 * For a process that hosts the handlers itself (the local stack, the fault tests): adds SDK
 * middleware to every client built after the call, e.g. to inject the throttling that DynamoDB
 * Local never answers with. Handlers build their clients at cold start, so register before
 * importing one. Lambda never calls this: deployed clients are the SDK's defaults. Returns a
 * function that stops applying it to clients built later.
 */
export function registerClientMiddleware(middleware: ClientMiddleware): () => void {
  registered.add(middleware);
  return () => registered.delete(middleware);
}

export function documentClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient({});
  for (const { dynamodb } of registered) if (dynamodb) client.middlewareStack.use(dynamodb);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function sqsClient(): SQSClient {
  const client = new SQSClient({});
  for (const { sqs } of registered) if (sqs) client.middlewareStack.use(sqs);
  return client;
}
