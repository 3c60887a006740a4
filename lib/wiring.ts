// Wiring and grants travel together: each helper sets the one environment variable a handler
// reads and grants the narrowest right that goes with it, so a function can never be handed a
// resource name without the permission, nor a permission nobody reads.
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ENV } from '../functions/config/env-names';
import type { TableShape } from '../functions/config/tables';
import { indexNamesOf } from './storage';
import type { TiplineFunction } from './tipline-function';

/** Only the shared constants are accepted, so a typo'd literal does not compile. */
export type EnvName = (typeof ENV)[keyof typeof ENV];

export type TableAccess = 'read' | 'write' | 'readWrite';

/** CDK's grantReadData/grantWriteData, spelled out so that the index ARNs can be named (below). */
const READ_DATA_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE_DATA_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable'];
/** The only actions that take an IndexName: everything else on an index ARN grants nothing. */
const INDEX_ACTIONS = new Set(['dynamodb:Query', 'dynamodb:Scan']);
const TABLE_WRITES = new Set(['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']);

/** Whole-table access: every item action of its kind, on the table and each of its named indexes. */
export function useTable(fn: TiplineFunction, table: ITable, envName: EnvName, access: TableAccess): void {
  fn.addEnvironment(envName, table.tableName);
  switch (access) {
    case 'read':
      grantOnTable(fn, table, READ_DATA_ACTIONS);
      return;
    case 'write':
      grantOnTable(fn, table, WRITE_DATA_ACTIONS);
      return;
    case 'readWrite':
      grantOnTable(fn, table, [...new Set([...READ_DATA_ACTIONS, ...WRITE_DATA_ACTIONS])]);
      return;
    default: {
      const unreachable: never = access;
      throw new Error(`unknown table access: ${String(unreachable)}`);
    }
  }
}

/**
 * For tables where even `grantReadData`/`grantWriteData` say too much: exactly these item
 * actions on the table (e.g. PutItem and DeleteItem but no read, or GetItem but no Query/Scan).
 * Query covers the table's indexes too, each by name. No batch, Scan or PartiQL actions: each
 * would widen a grant past what its name suggests.
 */
export type DynamoItemAction = 'dynamodb:GetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem';

export function useTableItems(fn: TiplineFunction, table: ITable, envName: EnvName, actions: readonly [DynamoItemAction, ...DynamoItemAction[]]): void {
  fn.addEnvironment(envName, table.tableName);
  grantOnTable(fn, table, actions);
}

/**
 * Items of some partitions only: `actions` on the table, conditioned on the partition keys named
 * (IAM's `dynamodb:LeadingKeys`). For a table that keeps several kinds of item under a kind key
 * (the roster), a function that needs one kind cannot read another through the same right.
 */
export function useTablePartitions(
  fn: TiplineFunction,
  table: ITable,
  envName: EnvName,
  actions: readonly [DynamoItemAction, ...DynamoItemAction[]],
  partitions: readonly [string, ...string[]],
): void {
  fn.addEnvironment(envName, table.tableName);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [...actions],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [...partitions] } },
    }),
  );
  useTableKey(fn, table, actions);
}

/**
 * `actions` on the table's own ARN, and the index actions among them on each index the table's
 * shape declares, by name: never `<table>/index/*`, which would also cover an index added later.
 */
function grantOnTable(fn: TiplineFunction, table: ITable, actions: readonly string[]): void {
  Grant.addToPrincipal({ grantee: fn, actions: [...actions], resourceArns: [table.tableArn] });
  const onIndexes = actions.filter((action) => INDEX_ACTIONS.has(action));
  const indexArns = indexNamesOf(table).map((name) => `${table.tableArn}/index/${name}`);
  if (onIndexes.length > 0 && indexArns.length > 0) Grant.addToPrincipal({ grantee: fn, actions: onIndexes, resourceArns: indexArns });
  useTableKey(fn, table, actions);
}

/**
 * Tighter still, for tables whose indexes answer different questions: `items` hold on the table
 * alone (not on `index/*`), and Query only on the indexes named here, which the shape's type
 * restricts to the ones it declares. A status callback that looks deliveries up by MessageSid
 * then cannot list a responder's pages through the other index.
 */
export function useTableItemsAndIndexes<Shape extends { readonly indexes: ReadonlyArray<{ readonly name: string }> }>(
  fn: TiplineFunction,
  table: ITable,
  _shape: Shape,
  envName: EnvName,
  items: readonly DynamoItemAction[],
  queryIndexes: readonly [Shape['indexes'][number]['name'], ...Array<Shape['indexes'][number]['name']>],
): void {
  fn.addEnvironment(envName, table.tableName);
  if (items.length > 0) Grant.addToPrincipal({ grantee: fn, actions: [...items], resourceArns: [table.tableArn] });
  Grant.addToPrincipal({
    grantee: fn,
    actions: ['dynamodb:Query'],
    resourceArns: queryIndexes.map((name) => `${table.tableArn}/index/${name}`),
  });
  useTableKey(fn, table, [...items, 'dynamodb:Query']);
}

/**
 * UpdateItem on `table` that can set or remove the items' time-to-live attribute and nothing
 * else: IAM's `dynamodb:Attributes` must be within the table's key and that one attribute, and
 * nothing may be returned. So a function that keeps a tip's items on the tip's retention
 * (operator-api, on closing) cannot rewrite a message or a delivery through the same right.
 */
export function useExpiryOf(fn: TiplineFunction, table: ITable, shape: TableShape & { timeToLive: string }): void {
  const keys = [shape.partitionKey, ...(shape.sortKey === undefined ? [] : [shape.sortKey])];
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:UpdateItem'],
      resources: [table.tableArn],
      conditions: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...keys, shape.timeToLive] },
        StringEqualsIfExists: { 'dynamodb:ReturnValues': 'NONE' },
      },
    }),
  );
  useTableKey(fn, table, ['dynamodb:UpdateItem']);
}

/**
 * DynamoDB decrypts (and, for writes, encrypts) with the tables' key as the caller, so a
 * function needs the key for the tables it uses; only through DynamoDB (kms:ViaService), so the
 * right cannot be used to call KMS directly. Exact actions: CDK's own table grants add
 * `kms:ReEncrypt*` and `kms:GenerateDataKey*`, which DynamoDB's item calls never need.
 */
function useTableKey(fn: TiplineFunction, table: ITable, actions: readonly string[]): void {
  const key = table.encryptionKey;
  if (key === undefined) return;
  const writes = actions.some((action) => TABLE_WRITES.has(action));
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService(fn, 'dynamodb') } },
    }),
  );
}

function viaService(fn: TiplineFunction, service: 'dynamodb' | 'sqs' | 'secretsmanager'): string {
  const stack = Stack.of(fn);
  return `${service}.${stack.region}.${stack.urlSuffix}`;
}

/**
 * One KMS action on one key, only for data keys whose encryption context carries one of the
 * given `purpose` values. The handlers put that context on every GenerateDataKey and Decrypt,
 * so a function can use the key for its own kind of secret and for nothing else.
 * Added to the role rather than through `key.grant()`: the default key policy delegates to the
 * account's IAM, and `grant()` has no way to attach a condition.
 */
export function useKey(
  fn: TiplineFunction,
  key: IKey,
  envName: EnvName,
  action: 'kms:GenerateDataKey' | 'kms:Decrypt',
  purposes: readonly [string, ...string[]],
): void {
  fn.addEnvironment(envName, key.keyArn);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [action],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:purpose': purposes.length === 1 ? purposes[0] : [...purposes] } },
    }),
  );
}

/**
 * The send right of `grantSendMessages`, and on the queue's key exactly what SQS asks of a
 * producer (GenerateDataKey, Decrypt), through SQS only: CDK's own grant adds `kms:Encrypt`,
 * `kms:ReEncrypt*` and `kms:GenerateDataKey*` besides.
 */
export function sendTo(fn: TiplineFunction, queue: IQueue, envName: EnvName): void {
  fn.addEnvironment(envName, queue.queueUrl);
  queue.grant(fn, 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl');
  const key = queue.encryptionMasterKey;
  if (key === undefined) return;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService(fn, 'sqs') } },
    }),
  );
}

/**
 * Only the ARN goes into the environment; the value is fetched at cold start. `grantRead`'s
 * rights, with the Decrypt on the secrets' key in the role (through Secrets Manager only) rather
 * than in the key policy, where CDK would put it: who may use a key is the roles' business here.
 */
export function readSecret(fn: TiplineFunction, secret: ISecret, envName: EnvName): void {
  fn.addEnvironment(envName, secret.secretArn);
  Grant.addToPrincipal({ grantee: fn, actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resourceArns: [secret.secretArn] });
  const key = secret.encryptionKey;
  if (key === undefined) return;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': viaService(fn, 'secretsmanager') } },
    }),
  );
}
