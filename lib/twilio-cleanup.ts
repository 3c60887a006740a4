import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { TWILIO_CLEANUP_QUEUE } from '../functions/config/tables';
import { KEY_PURPOSES, type ContactVault } from './contact-vault';
import type { TiplineSecrets } from './secrets';
import type { TiplineFunction } from './tipline-function';
import type { TwilioAccount } from './twilio-account';
import { readSecret, sendTo } from './wiring';
import { WorkQueue } from './work-queue';

export interface TwilioCleanupProps {
  vault: ContactVault;
  secrets: TiplineSecrets;
  twilio: TwilioAccount;
  /** EncryptionKeys.queues. */
  queueKey: IKey;
}

/**
 * Twilio keeps every inbound message, sender number included, until someone deletes it. Once
 * a tip is queued, sms-intake sends a delayed job here (the SID sealed under the vault key) and
 * the consumer deletes the message through Twilio's Messages API; SQS retries, then the DLQ.
 */
export class TwilioCleanup extends Construct {
  readonly jobs: WorkQueue;
  readonly fn: TiplineFunction;
  private readonly props: TwilioCleanupProps;

  constructor(scope: Construct, id: string, props: TwilioCleanupProps) {
    super(scope, id);
    this.props = props;

    // The queue's own delay, not the sender's: Twilio refuses to delete a message whose
    // webhook is still being answered, and the delay outlasts that answer.
    this.jobs = new WorkQueue(this, 'Queue', { shape: TWILIO_CLEANUP_QUEUE, queueId: 'Jobs', key: props.queueKey });
    this.fn = this.jobs.consumerFunction(this, 'TwilioCleanup', {
      handler: 'twilioCleanup',
      description: 'Twilio cleanup queue consumer: delete inbound messages from Twilio.',
    });
    // No table at all: the job carries everything, and the function only talks to Twilio.
    this.fn.addEnvironment(ENV.twilioAccountSid, props.twilio.accountSid);
    readSecret(this.fn, props.secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    props.vault.grantOpen(this.fn, KEY_PURPOSES.twilioCleanup);

    // The lowest SQS allows: deletions can wait, and Twilio's API limits are per account,
    // shared with the replies.
    this.jobs.consumeWith(this.fn, { maxConcurrency: 2 });
  }

  /**
   * sms-intake: may queue jobs (and seal the SIDs in them), nothing else. Whether it does is the
   * `deleteInboundFromTwilio` setting, off until an operator has set the account SID.
   */
  acceptJobsFrom(fn: TiplineFunction): void {
    sendTo(fn, this.jobs.queue, ENV.twilioCleanupQueueUrl);
    this.props.vault.grantSeal(fn, KEY_PURPOSES.twilioCleanup);
    fn.addEnvironment(ENV.deleteInboundFromTwilio, String(this.props.twilio.deleteInbound));
  }
}
