import { Duration, Names, RemovalPolicy } from 'aws-cdk-lib';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { VISIBILITY_TIMEOUT_FACTOR } from '../functions/config/defaults';
import { acknowledge } from './nag';
import { TiplineFunction, type TiplineFunctionProps } from './tipline-function';

/** The settings a queue shape in `functions/config/tables.ts` carries. */
export interface WorkQueueShape {
  maxReceiveCount: number;
  /** The consumer's timeout; the visibility timeout is VISIBILITY_TIMEOUT_FACTOR times this. */
  consumerTimeoutSeconds: number;
  /** Records the consumer is handed at once. */
  batchSize: number;
  /** Seconds every message waits before it can be received. */
  delaySeconds?: number;
  /** The longest delay a producer puts on one message (per-message delays, as paging's deadlines). */
  maxDelaySeconds?: number;
}

/** The longest SQS keeps a message: every queue, main and dead-letter, keeps its messages this long. */
export const QUEUE_RETENTION = Duration.days(14);

/**
 * How long a message may wait in a queue before its age alarm fires: its delay, one visibility
 * timeout (a receive that is still being worked on), and two minutes of slack. A message on a
 * second attempt passes it too, but then the consumer's error alarm has fired already.
 */
export function maxExpectedAge(shape: WorkQueueShape): Duration {
  const delay = shape.delaySeconds ?? shape.maxDelaySeconds ?? 0;
  return Duration.seconds(delay + shape.consumerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR + 120);
}

export interface WorkQueueProps {
  shape: WorkQueueShape;
  /** Construct id of the main queue, kept stable because it is part of the logical id. */
  queueId: string;
  /** The customer-managed key for both queues (EncryptionKeys.queues). */
  key: IKey;
}

/**
 * A queue with a Lambda consumer and a dead-letter queue, the same way every time: encrypted,
 * TLS only, retained, redriven after `maxReceiveCount` receives, and a visibility timeout that
 * fits the consumer.
 */
export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  /** The age past which a waiting message means a stalled consumer (Alarms.watchQueueAge). */
  readonly maxExpectedAge: Duration;
  /** The consumer's timeout (consumerFunction) and batch size (consumeWith), from the shape. */
  private readonly consumerTimeout: Duration;
  private readonly batchSize: number;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { shape } = props;
    this.consumerTimeout = Duration.seconds(shape.consumerTimeoutSeconds);
    this.batchSize = shape.batchSize;
    this.maxExpectedAge = maxExpectedAge(shape);

    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      // The longest SQS allows: a message that failed five times still has to reach a human.
      // SQS counts it from the first send, not from the move here: see docs/operations.md.
      retentionPeriod: QUEUE_RETENTION,
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.deadLetterQueue, {
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This is the dead-letter queue at the end of the chain: a message leaves it only when an operator ' +
        'redrives it to its source queue (npm run cli -- dlq), and an alarm fires as soon as one arrives.',
    });

    this.queue = new Queue(this, props.queueId, {
      // AWS's advice for Lambda consumers: six times the function timeout, so a message whose
      // batch is still being retried by the poller does not reappear and run twice at once.
      visibilityTimeout: Duration.seconds(shape.consumerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      ...(shape.delaySeconds === undefined ? {} : { deliveryDelay: Duration.seconds(shape.delaySeconds) }),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: shape.maxReceiveCount },
      // Not SQS's default 4 days: a consumer stalled over a long weekend would lose tips that
      // never reached the dead-letter queue. The age alarm fires long before this.
      retentionPeriod: QUEUE_RETENTION,
      // Producers need GenerateDataKey and consumers Decrypt on it: wiring.ts and the event
      // sources grant exactly that.
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.key,
      enforceSSL: true,
      // Messages in flight are work nobody has done yet.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * The function that is to consume this queue, made in `scope`: its timeout is the shape's,
   * which the visibility timeout is derived from, so the two cannot drift apart.
   */
  consumerFunction(scope: Construct, id: string, props: Omit<TiplineFunctionProps, 'timeout'>): TiplineFunction {
    return new TiplineFunction(scope, id, { ...props, timeout: this.consumerTimeout });
  }

  /**
   * `fn` becomes the queue's consumer, `maxConcurrency` instances at most, in batches of the
   * shape's size. Each record fails alone (reportBatchItemFailures): one that fails must not send
   * the whole batch back, to redo what the others already did (a tip stored, a page sent, a
   * message deleted). The event source also grants the consume rights on the queue and Decrypt
   * on its key, and nothing more.
   */
  consumeWith(fn: TiplineFunction, { maxConcurrency }: { maxConcurrency: number }): void {
    fn.addEventSource(new SqsEventSource(this.queue, { batchSize: this.batchSize, reportBatchItemFailures: true, maxConcurrency }));
    const mapping = fn.node.tryFindChild(`SqsEventSource:${Names.nodeUniqueId(this.queue.node)}`);
    if (mapping === undefined) throw new Error(`no event source mapping from ${this.queue.node.path} to ${fn.node.path}`);
    acknowledge(mapping, {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'An on-failure destination exists only for stream and Kafka sources, not SQS: a record that keeps failing ' +
        "goes to the queue's redrive dead-letter queue after maxReceiveCount receives, and that queue is alarmed.",
    });
  }
}
