// The DynamoDB a command reads: DynamoDB Local of the running local stack by default, or the
// deployment's through the AWS credential chain with --aws.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_ENV } from '../local/config';

export function dynamoClientFor(aws: boolean, env: NodeJS.ProcessEnv): DynamoDBDocumentClient {
  if (aws) return DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const local = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${env[LOCAL_ENV.dynamoDbPort] || '8000'}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return DynamoDBDocumentClient.from(local);
}

/** A refused connection to DynamoDB Local means the stack is not running: say so, not the socket error. */
export function explainLocalFailure(error: unknown, aws: boolean, env: NodeJS.ProcessEnv): unknown {
  if (!aws && error instanceof Error && /ECONNREFUSED|fetch failed|connect/i.test(`${error.message} ${String((error as { code?: unknown }).code ?? '')}`))
    return new Error(`No DynamoDB Local on port ${env[LOCAL_ENV.dynamoDbPort] || '8000'}: is the local stack running (npm start)? Use --aws for AWS.`);
  return error;
}
