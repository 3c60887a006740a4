import { Duration, Stack } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { CASES_TABLE, PAGE_DELIVERIES_TABLE, PAGING_GUARDS, PAGING_QUEUE } from '../functions/config/tables';
import type { PagingJob } from '../functions/core/paging/jobs';
import { KEY_PURPOSES, type ContactVault } from './contact-vault';
import type { TiplineSecrets } from './secrets';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import type { TwilioAccount } from './twilio-account';
import { readSecret, sendTo, useTableItems, useTableItemsAndIndexes } from './wiring';
import { WorkQueue } from './work-queue';

export interface PagingProps {
  storage: Storage;
  vault: ContactVault;
  secrets: TiplineSecrets;
  twilio: TwilioAccount;
  /** EncryptionKeys.queues. */
  queueKey: IKey;
  /** Settings `highUnclaimedPageAfterMinutes`: how long a high tip may wait unclaimed before paging. */
  highUnclaimedPageAfterMinutes: number;
  /** Automatic page SMS per region in any hour (PAGING_GUARDS: 6 unless set). */
  pageBudgetPerRegionHour?: number;
  /** Minutes a copy of a paged tip is covered by its page (PAGING_GUARDS: 30 unless set). */
  duplicatePageWindowMinutes?: number;
}

/**
 * On-call paging: a queue of paging work (a tip to page, a deadline falling due, an ACK), the
 * consumer that decides who is paged and sends the SMS, and the endpoint for Twilio's delivery
 * reports. Deadlines are per-message delays on the same queue, so the queue itself has none.
 *
 * Only paging can open a responder's phone number (or an agency's contact, to send it a
 * referral); roster-api seals them and nobody else touches them. The functions that feed the
 * queue get the send right and nothing of paging's; an hourly rule puts the referral sweep on it.
 */
export class Paging extends Construct {
  readonly work: WorkQueue;
  readonly fn: TiplineFunction;
  /** Twilio's status callbacks for pages: records each delivery's status, nothing more. */
  readonly smsStatus: TiplineFunction;
  private readonly storage: Storage;
  private readonly highUnclaimedPageAfterMinutes: number;

  constructor(scope: Construct, id: string, props: PagingProps) {
    super(scope, id);
    const { storage, vault, secrets, twilio } = props;
    this.storage = storage;
    this.highUnclaimedPageAfterMinutes = props.highUnclaimedPageAfterMinutes;

    this.work = new WorkQueue(this, 'Queue', { shape: PAGING_QUEUE, queueId: 'Work', key: props.queueKey });

    this.fn = this.work.consumerFunction(this, 'Paging', {
      handler: 'paging',
      description: 'Paging queue consumer: page the on-call responder, escalate at deadlines, record ACKs.',
    });
    // The roster is small and read whole per region; one GetItem opens a paged responder's entry.
    useTableItems(this.fn, storage.roster, ENV.rosterTable, ['dynamodb:Query', 'dynamodb:GetItem']);
    // Only the level and the places the scorer found, never the tip's text; the one write is
    // paging's marks on the tip (pageUnanswered, nobodyConfirmed, duplicateOf: a conditional
    // UpdateItem on its version) for the queue.
    useTableItems(this.fn, storage.tips, ENV.tipsTable, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
    // The state, each region's ledger (the hour's pages, the recent starts a duplicate is covered
    // by) and each page code's tips are written whole with a condition on their version: Get and
    // Put are enough.
    useTableItems(this.fn, storage.paging, ENV.pagingTable, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    this.fn.addEnvironment(ENV.pageBudgetPerRegionHour, String(props.pageBudgetPerRegionHour ?? PAGING_GUARDS.defaultBudgetPerHour));
    this.fn.addEnvironment(ENV.duplicatePageWindowMinutes, String(props.duplicatePageWindowMinutes ?? PAGING_GUARDS.defaultDuplicateWindowMinutes));
    // A conditional Put per idempotency key is what keeps a page from going out twice; the
    // responder index finds the newest open page for a bare `ACK`.
    useTableItemsAndIndexes(
      this.fn,
      storage.pageDeliveries,
      PAGE_DELIVERIES_TABLE,
      ENV.pageDeliveriesTable,
      ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
      ['PagesByResponder'],
    );
    useTableItems(this.fn, storage.audit, ENV.auditTable, ['dynamodb:PutItem']);
    // A responder's text joins the case they were paged for as a new thread item (a conditional
    // Put); it reads no message and changes none.
    useTableItems(this.fn, storage.messages, ENV.messagesTable, ['dynamodb:PutItem']);
    // Its own deadlines: the next level is a delayed message to itself.
    sendTo(this.fn, this.work.queue, ENV.pagingQueueUrl);
    this.fn.addEnvironment(ENV.pagingMaxDelaySeconds, String(PAGING_QUEUE.maxDelaySeconds));
    // A responder's phone to page them; an agency's contact to send it a referral.
    vault.grantOpen(this.fn, KEY_PURPOSES.responderPhone, KEY_PURPOSES.agencyContact);
    // Referrals (core/cases/referral-jobs): read one by key, list the open ones through their
    // index for the sweep, and keep the SMS's delivery and the reminders on it (UpdateItem on its
    // version); the case's tips to audit a reminder under. No Put: paging makes no case or referral.
    useTableItemsAndIndexes(this.fn, storage.cases, CASES_TABLE, ENV.casesTable, ['dynamodb:GetItem', 'dynamodb:UpdateItem'], ['OpenReferralsByUpdate']);
    // Statistics: counts move with the tips and referrals it updates (UpdateItem ADD); publishing
    // reads a month's live counts (Query) and freezes the month once (conditional PutItem).
    useTableItems(this.fn, storage.statistics, ENV.statisticsTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    readSecret(this.fn, secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    this.fn.addEnvironment(ENV.twilioAccountSid, twilio.accountSid);
    this.fn.addEnvironment(ENV.twilioSender, twilio.sender);

    // Twilio's API limits are per account, shared with replies; pages are few.
    this.work.consumeWith(this.fn, { maxConcurrency: 2 });
    this.sweepReferralsHourly(props.queueKey);

    // Behind a public route like the inbound webhook, so it trusts nothing but the signature.
    this.smsStatus = new TiplineFunction(this, 'SmsStatus', {
      handler: 'smsStatus',
      description: 'Twilio status callback for pages: verify, record the delivery status.',
    });
    readSecret(this.smsStatus, secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    useTableItemsAndIndexes(
      this.smsStatus,
      storage.pageDeliveries,
      PAGE_DELIVERIES_TABLE,
      ENV.pageDeliveriesTable,
      ['dynamodb:UpdateItem'],
      ['DeliveriesBySid'],
    );
  }

  /**
   * Every hour, `{"type":"ReferralSweep"}` and `{"type":"StatisticsPublication"}` on the paging queue: supervisors are reminded of
   * referrals nobody updated (core/cases/reminders.ts). A sweep EventBridge could not deliver goes
   * to paging's dead-letter queue, whose alarm fires and whose redrive puts it on the paging
   * queue, where it belongs. EventBridge sends through the queues' own policies, limited to this
   * rule, and uses the queues key with GenerateDataKey and Decrypt only, for this account only
   * (the key cannot name the rule: the rule names the queue, which names the key).
   */
  private sweepReferralsHourly(queueKey: IKey): void {
    const { queue, deadLetterQueue } = this.work;
    const events = new ServicePrincipal('events.amazonaws.com');
    const rule = new Rule(this, 'ReferralSweep', {
      description: 'Hourly: remind supervisors of referrals with no update (ReferralSweep on the paging queue).',
      schedule: Schedule.rate(Duration.hours(1)),
    });
    // The same hour publishes the statistics of any month that has just settled (core/statistics):
    // a second target of the rule, so that it goes through the same queue policy.
    const hourlyJobs: PagingJob[] = [{ type: 'ReferralSweep' }, { type: 'StatisticsPublication' }];
    for (const job of hourlyJobs)
      rule.addTarget({
        bind: () => ({
          arn: queue.queueArn,
          input: RuleTargetInput.fromObject(job),
          targetResource: queue,
          deadLetterConfig: { arn: deadLetterQueue.queueArn },
          // A sweep more than an hour late is the next one's to do.
          retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 },
        }),
      });
    for (const target of [queue, deadLetterQueue]) {
      target.addToResourcePolicy(
        new PolicyStatement({
          principals: [events],
          actions: ['sqs:SendMessage'],
          resources: [target.queueArn],
          conditions: { ArnEquals: { 'aws:SourceArn': rule.ruleArn } },
        }),
      );
    }
    queueKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [events],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }

  /**
   * triage: hands critical tips over at once and high ones as a delayed check. It cannot read
   * the roster or any paging state; what happens next is paging's decision.
   */
  acceptTipsFrom(fn: TiplineFunction): void {
    sendTo(fn, this.work.queue, ENV.pagingQueueUrl);
    fn.addEnvironment(ENV.highUnclaimedPageAfterMinutes, String(this.highUnclaimedPageAfterMinutes));
  }

  /**
   * sms-intake: one GetItem by contact key tells it whether the sender is a responder (the
   * item holds no number), and an ACK goes on as paging work instead of as a tip.
   */
  acceptAcksFrom(fn: TiplineFunction): void {
    useTableItems(fn, this.storage.responderContacts, ENV.responderContactsTable, ['dynamodb:GetItem']);
    sendTo(fn, this.work.queue, ENV.pagingQueueUrl);
  }

  /**
   * Paging builds each page's status callback URL from the public base URL, and sms-status
   * checks Twilio's signature against that same URL, never against the Host header.
   */
  useCallbacksAt(publicUrl: string): void {
    this.fn.addEnvironment(ENV.publicUrl, publicUrl);
    this.smsStatus.addEnvironment(ENV.publicUrl, publicUrl);
  }
}
