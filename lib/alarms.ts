import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

export interface AlarmsProps {
  /** EncryptionKeys.alarms, whose policy lets CloudWatch publish. */
  key: IKey;
  /** Settings `alarmEmail`: who is mailed when an alarm fires (optional). */
  email?: string;
}

/**
 * "Nothing lost" needs someone to hear about it: a message in a dead-letter queue is a tip (or a
 * page, or a Twilio deletion) that did not happen, and a consumer that errors or is throttled is
 * the step before. Every alarm fires on the first occurrence and notifies one encrypted topic;
 * `alarmEmail` subscribes an address, and anything else (chat, paging) can subscribe later.
 *
 * The notifications name the queue or function and a count, never a message: the topic sees
 * nothing of a tip.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  /** By a name for the tests and the console: `<what>DeadLetters`, `<fn>Errors`, `<fn>Throttles`. */
  readonly alarms = new Map<string, Alarm>();
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'tipline alarms',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.action = new SnsAction(this.topic);
    if (props.email !== undefined) {
      const subscription = this.topic.addSubscription(new EmailSubscription(props.email));
      acknowledge(subscription, {
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'A mail that cannot be delivered loses nothing: the alarm stays in ALARM in CloudWatch, with its history, ' +
          'until what it watches is fixed; a dead-letter queue would only keep a copy of the notification.',
      });
    }
  }

  /** Fires when the dead-letter queue holds any message. */
  watchDeadLetterQueue(name: string, queue: IQueue): void {
    this.add(
      `${name}DeadLetters`,
      // Maximum, not Average: one message seen once in the period is enough.
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      `A message is in the ${name} dead-letter queue: work that failed every retry. Inspect and redrive with \`npm run cli -- dlq\`.`,
    );
  }

  /** Fires on any error or throttle of a queue consumer. */
  watchConsumer(name: string, fn: IFunction): void {
    this.add(
      `${name}Errors`,
      fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
      `${name} failed an invocation: records are being retried and may reach its dead-letter queue.`,
    );
    this.add(
      `${name}Throttles`,
      fn.metricThrottles({ period: Duration.minutes(1), statistic: 'Sum' }),
      `${name} was throttled: its queue is backing up (account concurrency, or the event source's maximum).`,
    );
  }

  private add(name: string, metric: IMetric, description: string): void {
    if (this.alarms.has(name)) throw new Error(`alarm ${name} exists already`);
    const alarm = new Alarm(this, name, {
      metric,
      alarmDescription: description,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data means no messages and no invocations: nothing is wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    // So that whoever was woken up also hears that it is over.
    alarm.addOkAction(this.action);
    this.alarms.set(name, alarm);
  }
}
