import { Duration } from 'aws-cdk-lib';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_EMERGENCY_NUMBERS } from '../functions/config/defaults';
import { ENV } from '../functions/config/env-names';
import type { ContactVault } from './contact-vault';
import { contextString } from './context';
import type { TiplineSecrets } from './secrets';
import { TiplineFunction } from './tipline-function';
import type { TwilioCleanup } from './twilio-cleanup';
import { readSecret, sendTo } from './wiring';

export interface IntakeProps {
  tipsQueue: IQueue;
  secrets: TiplineSecrets;
  vault: ContactVault;
  twilioCleanup: TwilioCleanup;
}

/** Context `emergencyNumbers`: the same numbers on every path a tipster comes in by. */
export function readEmergencyNumbers(scope: Construct): string {
  return contextString(scope, 'emergencyNumbers') ?? DEFAULT_EMERGENCY_NUMBERS;
}

/**
 * The only code that sees raw identifiers. It gets the queue to send to and the secrets it
 * hashes with, and no readable table but one item at a time of ResponderContacts (which holds
 * no number; see Paging.acceptAcksFrom): nothing it holds can leak into storage except through
 * the redacted queue message and the sealed vault entry, which it can write and delete but
 * never read back.
 */
export class Intake extends Construct {
  readonly smsIntake: TiplineFunction;
  readonly webIntake: TiplineFunction;

  constructor(scope: Construct, id: string, props: IntakeProps) {
    super(scope, id);
    const emergencyNumbers = readEmergencyNumbers(this);

    // Twilio gives up on a webhook after 15 s; the handler only verifies, redacts and queues.
    this.smsIntake = new TiplineFunction(this, 'SmsIntake', {
      handler: 'smsIntake',
      description: 'Twilio SMS/WhatsApp webhook: verify, redact, queue, acknowledge.',
      timeout: Duration.seconds(10),
      memorySize: 512,
    });
    sendTo(this.smsIntake, props.tipsQueue, ENV.tipsQueueUrl);
    readSecret(this.smsIntake, props.secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    readSecret(this.smsIntake, props.secrets.contactKey, ENV.contactKeySecretArn);
    this.smsIntake.addEnvironment(ENV.emergencyNumbers, emergencyNumbers);
    // The reply path needs the sender's address; sms-intake is the only code that has it.
    props.vault.grantRememberAndForget(this.smsIntake);
    props.twilioCleanup.acceptJobsFrom(this.smsIntake);

    this.webIntake = new TiplineFunction(this, 'WebIntake', {
      handler: 'webIntake',
      description: 'Public web form: validate, redact, queue, return a receipt code.',
      timeout: Duration.seconds(10),
      // The receipt code's slow hash is CPU-bound, and Lambda hands out CPU by memory.
      memorySize: 1024,
    });
    sendTo(this.webIntake, props.tipsQueue, ENV.tipsQueueUrl);
    readSecret(this.webIntake, props.secrets.receiptPepper, ENV.receiptPepperSecretArn);
    this.webIntake.addEnvironment(ENV.emergencyNumbers, emergencyNumbers);
  }

  /**
   * Twilio signs the URL it was configured with; behind API Gateway the Host header is not
   * that URL, so sms-intake is told the public base URL instead of guessing it.
   */
  verifyTwilioSignaturesAgainst(publicUrl: string): void {
    this.smsIntake.addEnvironment(ENV.publicUrl, publicUrl);
  }
}
