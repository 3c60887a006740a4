import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * The customer-managed keys for data at rest, apart from the contact vault's (which has its own,
 * with purpose conditions, in contact-vault.ts). Separate keys so that a right on one says
 * nothing about the others, and so that disabling one (the tables, after a breach) does not
 * stop the alarms that say so.
 *
 * Every key delegates to the account's IAM (CDK's default key policy): which function may use
 * which key is decided by the execution roles, and asserted on them in the infrastructure tests.
 */
export class EncryptionKeys extends Construct {
  /** Every DynamoDB table. Functions reach it only through DynamoDB (kms:ViaService, wiring.ts). */
  readonly tables: Key;
  /** Every SQS queue and its dead-letter queue. */
  readonly queues: Key;
  /** The alarm topic: CloudWatch encrypts what it publishes there. */
  readonly alarms: Key;
  /**
   * The three secrets (contact-key HMAC secret, receipt pepper, Twilio token), rather than the
   * account's aws/secretsmanager key: the contact-key secret is what makes a contact key
   * irreversible, so who may decrypt it is decided here (Secrets Manager only, for the roles
   * that read the secret), it can be disabled at once, and it is retained with the secrets.
   */
  readonly secrets: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    this.tables = dataKey(
      this,
      'TablesKey',
      'tipline: encrypts every DynamoDB table (tips, threads, audit trail, roster, vault entries).',
      `alias/${stackName}/tables`,
    );
    this.queues = dataKey(
      this,
      'QueuesKey',
      'tipline: encrypts the work queues and their dead-letter queues (redacted tips in flight).',
      `alias/${stackName}/queues`,
    );
    this.alarms = dataKey(this, 'AlarmsKey', 'tipline: encrypts the alarm topic.', `alias/${stackName}/alarms`);
    this.secrets = dataKey(
      this,
      'SecretsKey',
      'tipline: encrypts the contact-key secret, the receipt pepper and the Twilio auth token in Secrets Manager.',
      `alias/${stackName}/secrets`,
    );
    // CloudWatch publishes alarm notifications itself; without this the topic drops them.
    // Key policy, not IAM: a service principal has no role to attach a policy to.
    this.alarms.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
  }
}

function dataKey(scope: Construct, id: string, description: string, alias: string): Key {
  return new Key(scope, id, {
    description,
    enableKeyRotation: true,
    // The tables and queues are retained; a deleted key would make them unreadable for good.
    removalPolicy: RemovalPolicy.RETAIN,
    alias,
  });
}
