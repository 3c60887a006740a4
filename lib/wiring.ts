// Wiring and grants travel together: each helper sets the one environment variable a handler
// reads and grants the narrowest right that goes with it, so a function can never be handed a
// resource name without the permission, nor a permission nobody reads.
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
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

export function sendTo(fn: TiplineFunction, queue: IQueue, envName: EnvName): void {
  fn.addEnvironment(envName, queue.queueUrl);
  queue.grantSendMessages(fn);
}

/** Only the ARN goes into the environment; the value is fetched at cold start. */
export function readSecret(fn: TiplineFunction, secret: ISecret, envName: EnvName): void {
  fn.addEnvironment(envName, secret.secretArn);
  secret.grantRead(fn);
}
