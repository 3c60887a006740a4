import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { TIPS_QUEUE } from '../functions/config/tables';
import { WorkQueue } from './work-queue';

/** Between intake and triage: intake answers the tipster at once, triage does the work here. */
export class TipsQueue extends WorkQueue {
  constructor(scope: Construct, id: string, props: { key: IKey }) {
    super(scope, id, { shape: TIPS_QUEUE, queueId: 'Tips', key: props.key });
  }
}
