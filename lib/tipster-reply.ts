import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import type { ContactVault } from './contact-vault';
import type { TiplineSecrets } from './secrets';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import type { TwilioAccount } from './twilio-account';
import { readSecret, useTableItems } from './wiring';

export interface TipsterReplyProps {
  storage: Storage;
  vault: ContactVault;
  secrets: TiplineSecrets;
  twilio: TwilioAccount;
}

/**
 * Operators' replies to SMS/WhatsApp tipsters. Its own function because it is the only code
 * that can read the contact vault and unwrap an address: the rest of the operator API never
 * holds that right, so a bug there cannot leak a number.
 */
export class TipsterReply extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: TipsterReplyProps) {
    super(scope, id);

    this.fn = new TiplineFunction(this, 'TipsterReply', {
      handler: 'tipsterReply',
      description: 'Operator reply to a tipster: look up the sealed address, send through Twilio.',
      // One GetItem each on two tables, one KMS Decrypt, one Twilio API call, two PutItems.
      timeout: Duration.seconds(15),
    });
    // The tip only tells it which contact key to look up; it reads one item, never the queue.
    useTableItems(this.fn, props.storage.tips, ENV.tipsTable, ['dynamodb:GetItem']);
    // The reply joins the thread as a new item (web tipsters read it there, by receipt code).
    useTableItems(this.fn, props.storage.messages, ENV.messagesTable, ['dynamodb:PutItem']);
    useTableItems(this.fn, props.storage.audit, ENV.auditTable, ['dynamodb:PutItem']);
    props.vault.grantRecall(this.fn);
    readSecret(this.fn, props.secrets.twilioAuthToken, ENV.twilioAuthTokenSecretArn);
    // Placeholders until set in the settings (see twilio-account.ts): replies fail, nothing else.
    this.fn.addEnvironment(ENV.twilioAccountSid, props.twilio.accountSid);
    this.fn.addEnvironment(ENV.twilioSender, props.twilio.sender);
  }
}
