// SDK clients, built once per container. Endpoints come from the SDK's own
// AWS_ENDPOINT_URL_* variables, which is how the local stack points the very same code at
// DynamoDB Local and the local SQS server.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';

export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function sqsClient(): SQSClient {
  return new SQSClient({});
}
