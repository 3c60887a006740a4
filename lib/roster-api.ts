import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { KEY_PURPOSES, type ContactVault } from './contact-vault';
import type { TiplineSecrets } from './secrets';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import { readSecret, useTableItems } from './wiring';

export interface RosterApiProps {
  storage: Storage;
  vault: ContactVault;
  secrets: TiplineSecrets;
}

/**
 * Supervisors' management of the on-call roster. Its own function because it is the only staff
 * code that holds a responder's number, or an agency's, in clear: it hashes a responder's into a
 * contact key, seals both, and can never open a sealed one again (paging alone can). Nothing
 * about tips.
 */
export class RosterApi extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: RosterApiProps) {
    super(scope, id);

    this.fn = new TiplineFunction(this, 'RosterApi', {
      handler: 'rosterApi',
      description: 'On-call roster for supervisors: responders, rotations, overrides, escalation policies, agencies, region rules.',
    });
    useTableItems(this.fn, props.storage.roster, ENV.rosterTable, ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem']);
    // Written in one transaction with the responder's roster item; TransactWriteItems is
    // authorised by the Put and Delete rights on each table, so no action of its own. No read:
    // the roster item already says which contact key a responder has.
    useTableItems(this.fn, props.storage.responderContacts, ENV.responderContactsTable, ['dynamodb:PutItem', 'dynamodb:DeleteItem']);
    useTableItems(this.fn, props.storage.audit, ENV.auditTable, ['dynamodb:PutItem']);
    // The same contact key as sms-intake computes, so an ACK from that phone is recognised.
    readSecret(this.fn, props.secrets.contactKey, ENV.contactKeySecretArn);
    // Responders' phones and agencies' contacts alike: sealed here, never opened here.
    props.vault.grantSeal(this.fn, KEY_PURPOSES.responderPhone, KEY_PURPOSES.agencyContact);
  }
}
