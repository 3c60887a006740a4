import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import type { TiplineFunction } from './tipline-function';
import { useKey, useTableItems } from './wiring';

/**
 * The `purpose` the handlers put in the encryption context of every data key (next to the
 * contact key, for vault entries). IAM conditions on it keep each function to its own kind of
 * secret: the reply path cannot open a Twilio SID, the cleanup job cannot open an address.
 */
export const KEY_PURPOSES = {
  contactVault: 'contact-vault',
  twilioCleanup: 'twilio-cleanup',
  /** Responders' phone numbers in the roster: roster-api seals them, only paging opens them. */
  responderPhone: 'responder-phone',
  /** Identifiers a tip attributes to someone else: intake seals them, only operator-api opens them (two supervisors). */
  evidence: 'evidence',
  /** Agencies' contacts in the roster: roster-api seals them, only paging opens them (to send a referral). */
  agencyContact: 'agency-contact',
} as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[keyof typeof KEY_PURPOSES];

export interface ContactVaultProps {
  /** The ContactVault table from Storage (built there with the other shapes). */
  table: ITable;
  /** Settings `vaultTtlDays`: how long an address is kept for replies (at most a year, checked there). */
  ttlDays: number;
}

/**
 * The only place a tipster's address is kept: sealed per item with a data key that this
 * customer-managed key wraps, in its own table with a time-to-live. Writers can seal but never
 * unwrap; only the reply path can read and unwrap.
 *
 * The table itself is encrypted with the tables' key (EncryptionKeys), not this one: encrypting
 * it with this key would make DynamoDB call KMS on the writers' behalf without our `purpose`,
 * which is exactly the right the conditions below refuse them.
 */
export class ContactVault extends Construct {
  readonly key: Key;
  readonly table: ITable;
  /** How long an address is kept for replies (settings `vaultTtlDays`). */
  readonly ttlDays: number;

  constructor(scope: Construct, id: string, props: ContactVaultProps) {
    super(scope, id);
    this.table = props.table;
    this.ttlDays = props.ttlDays;

    this.key = new Key(this, 'Key', {
      description: "tipline: wraps the data keys that seal tipster addresses (contact vault), Twilio message SIDs in flight and responders' phone numbers.",
      enableKeyRotation: true,
      // Deleting the key would make every sealed address unreadable at once, and a scheduled
      // key deletion cannot be undone after its window: removing it is a deliberate act.
      removalPolicy: RemovalPolicy.RETAIN,
      // Scoped by stack name so a second stack (staging) in the same account does not collide.
      alias: `alias/${Stack.of(this).stackName}/contact-vault`,
    });
  }

  /** sms-intake: remembers an address and forgets it on request; it can never read one back. */
  grantRememberAndForget(fn: TiplineFunction): void {
    // UpdateItem, not PutItem: `contactSince` survives a refresh and only an erasure resets it.
    useTableItems(fn, this.table, ENV.contactVaultTable, ['dynamodb:UpdateItem', 'dynamodb:DeleteItem']);
    this.grantSeal(fn, KEY_PURPOSES.contactVault);
    fn.addEnvironment(ENV.vaultTtlDays, String(this.ttlDays));
  }

  /** The reply path: reads one entry by contact key (no Query or Scan) and opens it. */
  grantRecall(fn: TiplineFunction): void {
    useTableItems(fn, this.table, ENV.contactVaultTable, ['dynamodb:GetItem']);
    this.grantOpen(fn, KEY_PURPOSES.contactVault);
  }

  /** Intake (SMS and web): seals identifiers a tip gives to someone else; it can never open them. */
  grantSealEvidence(fn: TiplineFunction): void {
    this.grantSeal(fn, KEY_PURPOSES.evidence);
  }

  /** Generate data keys for these purposes only (one statement): seal, never unwrap. */
  grantSeal(fn: TiplineFunction, ...purposes: [KeyPurpose, ...KeyPurpose[]]): void {
    useKey(fn, this.key, ENV.vaultKeyArn, 'kms:GenerateDataKey', purposes);
  }

  /** Unwrap data keys of these purposes only (one statement). */
  grantOpen(fn: TiplineFunction, ...purposes: [KeyPurpose, ...KeyPurpose[]]): void {
    useKey(fn, this.key, ENV.vaultKeyArn, 'kms:Decrypt', purposes);
  }
}
