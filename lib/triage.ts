import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import { MESSAGES_TABLE } from '../functions/config/tables';
import type { Storage } from './storage';
import type { TiplineFunction } from './tipline-function';
import type { TipsQueue } from './tips-queue';
import { useTableItems, useTableItemsAndIndexes } from './wiring';

export interface TriageProps {
  tipsQueue: TipsQueue;
  storage: Storage;
}

/** The capped consumer of the scalable-webhook shape: scores, stores and threads each tip. */
export class Triage extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: TriageProps) {
    super(scope, id);

    this.fn = props.tipsQueue.consumerFunction(this, 'Triage', {
      handler: 'triage',
      description: 'Tips queue consumer: score, store, thread, hand urgent tips to alerting.',
    });

    // Exactly what it does: look up a message, a thread pointer and a tip by key, read one tip's
    // thread through its index, and store all of it in one transaction of conditional Puts
    // (TransactWriteItems is authorised by each item's PutItem). Never Update, Delete, Scan or a
    // batch write: a bug or a poisoned message in the consumer cannot erase or rewrite a report.
    useTableItems(this.fn, props.storage.tips, ENV.tipsTable, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    useTableItemsAndIndexes(this.fn, props.storage.messages, MESSAGES_TABLE, ENV.messagesTable, ['dynamodb:GetItem', 'dynamodb:PutItem'], ['MessagesByTip']);
    useTableItems(this.fn, props.storage.contacts, ENV.contactsTable, ['dynamodb:GetItem', 'dynamodb:PutItem']);
    // Triage only records the receipt hash that web-intake computed; looking receipts up is
    // the reply path's job, so no read right here.
    useTableItems(this.fn, props.storage.receipts, ENV.receiptsTable, ['dynamodb:PutItem']);
    // Sealed evidence arrives sealed from intake: triage stores it and can neither read nor open it.
    useTableItems(this.fn, props.storage.evidence, ENV.evidenceTable, ['dynamodb:PutItem']);
    // The statistics' live counts, ADDed in the same transaction as the tip: categories only.
    useTableItems(this.fn, props.storage.statistics, ENV.statisticsTable, ['dynamodb:UpdateItem']);

    // A flood of tips (or of spam) queues up instead of throttling the tables and the operator
    // API that shares them.
    props.tipsQueue.consumeWith(this.fn, { maxConcurrency: 5 });
  }
}
