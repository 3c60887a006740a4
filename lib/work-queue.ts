import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The settings a queue shape in `functions/config/tables.ts` carries. */
export interface WorkQueueShape {
  maxReceiveCount: number;
  /** The consumer's timeout; the visibility timeout is six times this. */
  consumerTimeoutSeconds: number;
  /** Seconds every message waits before it can be received. */
  delaySeconds?: number;
}

export interface WorkQueueProps {
  shape: WorkQueueShape;
  /** Construct id of the main queue, kept stable because it is part of the logical id. */
  queueId: string;
}

/**
 * A queue with a Lambda consumer and a dead-letter queue, the same way every time: encrypted,
 * TLS only, retained, redriven after `maxReceiveCount` receives, and a visibility timeout that
 * fits the consumer.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** The consumer's timeout; the visibility timeout is derived from it. */
  readonly consumerTimeout: Duration;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { shape } = props;
    this.consumerTimeout = Duration.seconds(shape.consumerTimeoutSeconds);

    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      // The longest SQS allows: a message that failed five times still has to reach a human.
      retentionPeriod: Duration.days(14),
      // SQS-managed until the KMS issue gives the queues a customer-managed key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.queue = new Queue(this, props.queueId, {
      // AWS's advice for Lambda consumers: six times the function timeout, so a message whose
      // batch is still being retried by the poller does not reappear and run twice at once.
      visibilityTimeout: Duration.seconds(shape.consumerTimeoutSeconds * 6),
      ...(shape.delaySeconds === undefined ? {} : { deliveryDelay: Duration.seconds(shape.delaySeconds) }),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: shape.maxReceiveCount },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Messages in flight are work nobody has done yet.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
