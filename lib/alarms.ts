import { Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
  /** Settings `stage`: named in every notification, so that staging's mail is not mistaken for production's. */
  stage: string;
  /** Settings `alarmEmail`: who is mailed when an alarm fires (optional). */
  email?: string;
}

/**
 * "Nothing lost" needs someone to hear about it: a message in a dead-letter queue is a tip (or a
 * page, or a Twilio deletion) that did not happen, a message that waits too long is a consumer
 * that stopped, a function that errors or is throttled is the step before, and a 5xx from the API
 * is a tipster or an operator turned away. Every alarm fires on the first occurrence and notifies
 * one encrypted topic; `alarmEmail` subscribes an address, and anything else (chat, paging) can
 * subscribe later. docs/operations.md says what each one means and what to do.
 *
 * Alarm names are `<stack name>-<name>` (the stack name carries the stage), so a mail says which
 * deployment and what broke, and the topic accepts alarms of this stack only.
 *
 * The notifications name the queue, function or API and a count, never a message: the topic
 * sees nothing of a tip.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  /** By name: `<what>DeadLetters`, `<what>OldestMessage`, `<fn>Errors`, `<fn>Throttles`, `Api5xx`. */
  readonly alarms = new Map<string, Alarm>();
  /** `<stack name>-`: the prefix of every alarm's name. */
  readonly namePrefix: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namePrefix = `${stack.stackName}-`;
    this.topic = new Topic(this, 'Topic', {
      displayName: `tipline ${props.stage} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without
    // this statement nothing may publish, and CloudWatch's notifications are dropped silently.
    // Only CloudWatch, only for this account, only from this stack's alarms (confused deputy).
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:${this.namePrefix}*` },
        },
      }),
    );
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
      0,
      `A message is in the ${name} dead-letter queue: work that failed every retry. Inspect and redrive with \`npm run cli -- dlq\` (docs/operations.md).`,
    );
  }

  /**
   * Fires when the oldest message has waited longer than `maxAge`: its consumer has stopped
   * (disabled, throttled to nothing, failing every record) long before the queue's retention
   * could expire anything.
   */
  watchQueueAge(name: string, queue: IQueue, maxAge: Duration): void {
    this.add(
      `${name}OldestMessage`,
      queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      maxAge.toSeconds(),
      `The oldest message in the ${name} queue has waited over ${maxAge.toSeconds()} s: its consumer is not keeping up or has stopped (docs/operations.md).`,
    );
  }

  /** Fires on any error (a crash, a timeout: handlers answer what callers cause) or throttle of a function. */
  watchFunction(name: string, fn: IFunction): void {
    this.add(
      `${name}Errors`,
      fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
      0,
      `${name} failed an invocation: a queue consumer retries its records (they may reach the dead-letter queue), an HTTP function answered 5xx.`,
    );
    this.add(
      `${name}Throttles`,
      fn.metricThrottles({ period: Duration.minutes(1), statistic: 'Sum' }),
      0,
      `${name} was throttled: the account's Lambda concurrency is exhausted or a queue's maximum is reached (docs/operations.md).`,
    );
  }

  /** Fires on any 5xx the API answered: a tipster, Twilio or an operator was turned away. */
  watchApiServerErrors(api: IHttpApi): void {
    this.add(
      'Api5xx',
      api.metricServerError({ period: Duration.minutes(1), statistic: 'Sum' }),
      0,
      'The HTTP API answered 5xx (a function failed, timed out or was throttled): Twilio, the form or the dashboard got an error (docs/operations.md).',
    );
  }

  private add(name: string, metric: IMetric, threshold: number, description: string): void {
    if (this.alarms.has(name)) throw new Error(`alarm ${name} exists already`);
    const alarm = new Alarm(this, name, {
      alarmName: `${this.namePrefix}${name}`,
      metric,
      alarmDescription: description,
      threshold,
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
