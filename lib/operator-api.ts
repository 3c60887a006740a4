import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { AGENCY_DIRECTORY_KINDS, MESSAGES_TABLE, PAGE_DELIVERIES_TABLE, PAGING_TABLE, RECEIPTS_TABLE } from '../functions/config/tables';
import { KEY_PURPOSES, type ContactVault } from './contact-vault';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import { sendTo, useExpiryOf, useTableItems, useTableItemsAndIndexes, useTablePartitions } from './wiring';
import type { WorkQueue } from './work-queue';

export interface OperatorApiProps {
  storage: Storage;
  /** Its key opens sealed evidence, and only that (the `evidence` purpose). */
  vault: ContactVault;
  /**
   * Settings `closedTipRetentionDays`: how long a closed tip is kept. Closing sets the tip's
   * `expiresAt` that far ahead and DynamoDB's time-to-live deletes it then; reopening clears it.
   */
  closedTipRetentionDays: number;
}

/**
 * The queue, tip threads and the actions on a tip (claim, status, notes, level) for staff, and
 * the two-supervisor reveal of sealed evidence. Item-level grants only, no contact vault, queue
 * or secret: replies, which need the vault, are tipster-reply's. Its one key right opens data
 * keys whose purpose is `evidence`, and nothing a tipster or a responder sealed.
 */
export class OperatorApi extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: OperatorApiProps) {
    super(scope, id);

    this.fn = new TiplineFunction(this, 'OperatorApi', {
      handler: 'operatorApi',
      description: 'Operator queue, tip views, claims, status, notes, level overrides, audit trail, pages, evidence reveals.',
    });
    // Claims, status, level overrides are conditional UpdateItems on the tip; never a Put (which
    // could replace a tip wholesale) nor a Delete (a report is evidence).
    useTableItems(this.fn, props.storage.tips, ENV.tipsTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // Notes join the thread as new items; existing messages are never changed.
    useTableItems(this.fn, props.storage.messages, ENV.messagesTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    // Append and read the trail, never rewrite it.
    useTableItems(this.fn, props.storage.audit, ENV.auditTable, ['dynamodb:PutItem', 'dynamodb:Query']);
    // Who was paged for a tip: its paging state and the deliveries listed by tip, for the pages
    // view and for deciding whether a responder may read that tip (core/responder-access), which
    // needs nothing more. No roster, no numbers, and not the index that would list a responder's
    // pages for other tips (PagesByResponder): a refusal then reads only what an unknown id does.
    useTableItems(this.fn, props.storage.paging, ENV.pagingTable, ['dynamodb:GetItem']);
    useTableItemsAndIndexes(this.fn, props.storage.pageDeliveries, PAGE_DELIVERIES_TABLE, ENV.pageDeliveriesTable, [], ['DeliveriesByTip']);
    // Sealed evidence: the spans and requests of one tip (Query, GetItem), a new request (a
    // conditional Put), a decision and the tip's retention (UpdateItem), and shredding once the
    // retention has passed (DeleteItem). Its code writes requests only, never a span: IAM cannot
    // tell the items of one partition apart.
    useTableItems(this.fn, props.storage.evidence, ENV.evidenceTable, [
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
    ]);
    props.vault.grantOpen(this.fn, KEY_PURPOSES.evidence);
    // Closing a tip is an UpdateItem it already holds; the retention only tells it the date.
    this.fn.addEnvironment(ENV.closedTipRetentionDays, String(props.closedTipRetentionDays));
    // ...and everything else the tip holds takes the same date (adapters/dynamo-tip-retention.ts):
    // its messages (found through the index it already queries), its receipt (through the
    // receipt's by-tip index, nothing else of the table), its paging state and deliveries.
    // Each right changes `expiresAt` and nothing else.
    useExpiryOf(this.fn, props.storage.messages, MESSAGES_TABLE);
    useTableItemsAndIndexes(this.fn, props.storage.receipts, RECEIPTS_TABLE, ENV.receiptsTable, [], ['ReceiptsByTip']);
    useExpiryOf(this.fn, props.storage.receipts, RECEIPTS_TABLE);
    useExpiryOf(this.fn, props.storage.paging, PAGING_TABLE);
    useExpiryOf(this.fn, props.storage.pageDeliveries, PAGE_DELIVERIES_TABLE);
    // Cases and referrals: a new case or referral is a conditional Put, a change an UpdateItem on
    // its version; a case's referrals are a Query of its key, the overdue list one of the
    // open-referrals index. Linking sets tips' `caseId` through the UpdateItem it holds on tips.
    useTableItems(this.fn, props.storage.cases, ENV.casesTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    // The agency directory (GET /api/agencies, a referral's checks): the roster's agency and
    // region items alone, never a responder, a rotation or a policy; it cannot open a contact.
    useTablePartitions(this.fn, props.storage.roster, ENV.rosterTable, ['dynamodb:Query'], AGENCY_DIRECTORY_KINDS);
    // Statistics: a tip's or referral's counts move in the same transaction as it (UpdateItem ADD),
    // and GET /api/statistics reads published months by key. It never publishes one.
    useTableItems(this.fn, props.storage.statistics, ENV.statisticsTable, ['dynamodb:GetItem', 'dynamodb:UpdateItem']);
  }

  /**
   * An operator's raise to critical pages at once: one message on paging's work queue (send
   * only). Paging decides the rest; this function cannot read the roster or any page.
   */
  pagesThrough(paging: WorkQueue): void {
    sendTo(this.fn, paging.queue, ENV.pagingQueueUrl);
  }
}
