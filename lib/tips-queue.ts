import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TIPS_QUEUE } from '../functions/config/tables';

/** Between intake and triage: intake answers the tipster at once, triage does the work here. */
export class TipsQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** The triage consumer's timeout; the visibility timeout is derived from it. */
  readonly consumerTimeout = Duration.seconds(TIPS_QUEUE.consumerTimeoutSeconds);

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      // The longest SQS allows: a tip that failed five times still has to reach a human.
      retentionPeriod: Duration.days(14),
      // SQS-managed until the KMS issue gives both queues a customer-managed key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.queue = new Queue(this, 'Tips', {
      // AWS's advice for Lambda consumers: six times the function timeout, so a message whose
      // batch is still being retried by the poller does not reappear and run twice at once.
      visibilityTimeout: Duration.seconds(TIPS_QUEUE.consumerTimeoutSeconds * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: TIPS_QUEUE.maxReceiveCount },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Messages in flight are tips nobody has seen yet.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
