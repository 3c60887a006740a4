import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import type { Storage } from './storage';
import type { TiplineFunction } from './tipline-function';
import type { TipsQueue } from './tips-queue';
import { useTable, useTableItems } from './wiring';

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

    useTable(this.fn, props.storage.tips, ENV.tipsTable, 'readWrite');
    useTable(this.fn, props.storage.messages, ENV.messagesTable, 'readWrite');
    useTable(this.fn, props.storage.contacts, ENV.contactsTable, 'readWrite');
    // Triage only records the receipt hash that web-intake computed; looking receipts up is
    // the reply path's job, so no read right here.
    useTable(this.fn, props.storage.receipts, ENV.receiptsTable, 'write');
    // Sealed evidence arrives sealed from intake: triage stores it and can neither read nor open it.
    useTableItems(this.fn, props.storage.evidence, ENV.evidenceTable, ['dynamodb:PutItem']);

    // A flood of tips (or of spam) queues up instead of throttling the tables and the operator
    // API that shares them.
    props.tipsQueue.consumeWith(this.fn, { maxConcurrency: 5 });
  }
}
