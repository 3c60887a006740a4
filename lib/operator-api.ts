import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ENV } from '../functions/config/env-names';
import type { Storage } from './storage';
import { TiplineFunction } from './tipline-function';
import { useTable } from './wiring';

export interface OperatorApiProps {
  storage: Storage;
}

/**
 * Serves the queue and tip threads to hotline operators. Read-only for now: claiming, notes
 * and replies come with their own issues, and each will widen the grant it needs.
 */
export class OperatorApi extends Construct {
  readonly fn: TiplineFunction;

  constructor(scope: Construct, id: string, props: OperatorApiProps) {
    super(scope, id);

    this.fn = new TiplineFunction(this, 'OperatorApi', {
      handler: 'operatorApi',
      description: 'Operator queue and tip views.',
      timeout: Duration.seconds(10),
      memorySize: 512,
    });
    useTable(this.fn, props.storage.tips, ENV.tipsTable, 'read');
    useTable(this.fn, props.storage.messages, ENV.messagesTable, 'read');
  }
}
