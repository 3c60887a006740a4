import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import type { ContactVault } from './contact-vault';
import type { TiplineSecrets } from './secrets';
import { TiplineFunction } from './tipline-function';
import type { TwilioCleanup } from './twilio-cleanup';
import { readSecret, sendTo, useTableItems } from './wiring';

export interface IntakeProps {
  tipsQueue: IQueue;
  secrets: TiplineSecrets;
  vault: ContactVault;
  /** Storage.intakeMemory: MessageSids seen, numbers left open, erasures (keyed names only). */
  intakeMemory: ITable;
  twilioCleanup: TwilioCleanup;
  /** Settings `emergencyNumbers`: the same numbers on every path a tipster comes in by. */
  emergencyNumbers: string;
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

    // The default 10 s, under the 15 s after which Twilio gives up on a webhook: the handler
    // only verifies, redacts and queues.
    this.smsIntake = new TiplineFunction(this, 'SmsIntake', {
      handler: 'smsIntake',
      description: 'Twilio SMS/WhatsApp webhook: verify, redact, queue, acknowledge.',
    });
    sendTo(this.smsIntake, props.tipsQueue, ENV.tipsQueueUrl);
    readSecret(this.smsIntake, props.secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    readSecret(this.smsIntake, props.secrets.contactKey, ENV.contactKeySecretArn);
    this.smsIntake.addEnvironment(ENV.emergencyNumbers, props.emergencyNumbers);
    // The reply path needs the sender's address; sms-intake is the only code that has it.
    props.vault.grantRememberAndForget(this.smsIntake);
    props.vault.grantSealEvidence(this.smsIntake);
    // Read one contact's notes by key (no Query or Scan), claim a MessageSid, clear a note.
    useTableItems(this.smsIntake, props.intakeMemory, ENV.intakeMemoryTable, ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']);
    props.twilioCleanup.acceptJobsFrom(this.smsIntake);

    this.webIntake = webTipFunction(this, 'WebIntake', {
      handler: 'webIntake',
      description: 'Public web form: validate, redact, queue, return a receipt code.',
      tipsQueue: props.tipsQueue,
      secrets: props.secrets,
      vault: props.vault,
    });
    this.webIntake.addEnvironment(ENV.emergencyNumbers, props.emergencyNumbers);
  }

  /**
   * Twilio signs the URL it was configured with; behind API Gateway the Host header is not
   * that URL, so sms-intake is told the public base URL instead of guessing it.
   */
  verifyTwilioSignaturesAgainst(publicUrl: string): void {
    this.smsIntake.addEnvironment(ENV.publicUrl, publicUrl);
  }
}

export interface WebTipFunctionProps {
  handler: 'webIntake' | 'publicForm';
  description: string;
  tipsQueue: IQueue;
  secrets: TiplineSecrets;
  /** Seals identifiers a tip gives to someone else (evidence); it can never open them. */
  vault: ContactVault;
}

/**
 * A function that takes tips from the web and hands back a receipt code (web-intake, and the
 * public form, which answers like it): it queues each tip and hashes the code with the receipt
 * pepper. The hash is slow on purpose (scrypt) and CPU-bound, and Lambda hands out CPU by memory.
 */
export function webTipFunction(scope: Construct, id: string, props: WebTipFunctionProps): TiplineFunction {
  const fn = new TiplineFunction(scope, id, { handler: props.handler, description: props.description, memorySize: 1024 });
  sendTo(fn, props.tipsQueue, ENV.tipsQueueUrl);
  readSecret(fn, props.secrets.receiptPepper, ENV.receiptPepperSecretArn);
  // Behind CloudFront: with it, the viewer's address (not the edge's) is what rate limits key on.
  readSecret(fn, props.secrets.originVerify, ENV.originVerifySecretArn);
  props.vault.grantSealEvidence(fn);
  return fn;
}
