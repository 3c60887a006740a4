import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { PAGE_DELIVERIES_TABLE } from '../functions/config/tables';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import { useTableItems, useTableItemsAndIndexes } from './wiring';

export interface OperatorApiProps {
  storage: Storage;
  /**
   * Settings `closedTipRetentionDays`: how long a closed tip is kept. Closing sets the tip's
   * `expiresAt` that far ahead and DynamoDB's time-to-live deletes it then; reopening clears it.
   */
  closedTipRetentionDays: number;
}

/**
 * The queue, tip threads and the actions on a tip (claim, status, notes, level) for staff.
 * Item-level grants only, no vault, key, queue or secret: replies, which need the vault, are
 * tipster-reply's.
 */
export class OperatorApi extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: OperatorApiProps) {
    super(scope, id);

    this.fn = new TiplineFunction(this, 'OperatorApi', {
      handler: 'operatorApi',
      description: 'Operator queue, tip views, claims, status, notes, level overrides, audit trail, pages.',
    });
    // Claims, status, level overrides are conditional UpdateItems on the tip; never a Put (which
    // could replace a tip wholesale) nor a Delete (a report is evidence).
    useTableItems(this.fn, props.storage.tips, ENV.tipsTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    // Notes join the thread as new items; existing messages are never changed.
    useTableItems(this.fn, props.storage.messages, ENV.messagesTable, ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem']);
    // Append and read the trail, never rewrite it.
    useTableItems(this.fn, props.storage.audit, ENV.auditTable, ['dynamodb:PutItem', 'dynamodb:Query']);
    // Who was paged for a tip: its paging state and the deliveries listed by tip. No roster, no
    // numbers, and not the index that would list a responder's pages for other tips.
    useTableItems(this.fn, props.storage.paging, ENV.pagingTable, ['dynamodb:GetItem']);
    useTableItemsAndIndexes(this.fn, props.storage.pageDeliveries, PAGE_DELIVERIES_TABLE, ENV.pageDeliveriesTable, [], ['DeliveriesByTip']);
    // Closing a tip is an UpdateItem it already holds; the retention only tells it the date.
    this.fn.addEnvironment(ENV.closedTipRetentionDays, String(props.closedTipRetentionDays));
  }
}
