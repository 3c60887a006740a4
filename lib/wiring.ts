// Wiring and grants travel together: each helper sets the one environment variable a handler
// reads and grants the narrowest right that goes with it, so a function can never be handed a
// resource name without the permission, nor a permission nobody reads.
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ENV } from '../functions/config/env-names';
import type { TiplineFunction } from './tipline-function';

/** Only the shared constants are accepted, so a typo'd literal does not compile. */
export type EnvName = (typeof ENV)[keyof typeof ENV];

export type TableAccess = 'read' | 'write' | 'readWrite';

export function useTable(fn: TiplineFunction, table: ITable, envName: EnvName, access: TableAccess): void {
  fn.addEnvironment(envName, table.tableName);
  switch (access) {
    case 'read':
      table.grantReadData(fn);
      return;
    case 'write':
      table.grantWriteData(fn);
      return;
    case 'readWrite':
      table.grantReadWriteData(fn);
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
 * Query covers the table's indexes too. No batch, Scan or PartiQL actions: each would widen a
 * grant past what its name suggests.
 */
export type DynamoItemAction = 'dynamodb:GetItem' | 'dynamodb:Query' | 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem';

export function useTableItems(fn: TiplineFunction, table: ITable, envName: EnvName, actions: readonly [DynamoItemAction, ...DynamoItemAction[]]): void {
  fn.addEnvironment(envName, table.tableName);
  table.grant(fn, ...actions);
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
  shape: Shape,
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

export function sendTo(fn: TiplineFunction, queue: IQueue, envName: EnvName): void {
  fn.addEnvironment(envName, queue.queueUrl);
  queue.grantSendMessages(fn);
}

/** Only the ARN goes into the environment; the value is fetched at cold start. */
export function readSecret(fn: TiplineFunction, secret: ISecret, envName: EnvName): void {
  fn.addEnvironment(envName, secret.secretArn);
  secret.grantRead(fn);
}
