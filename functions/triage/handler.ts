// SQS consumer: each record is a TipReceived. A record that fails is reported back as a
// batch item failure (retried, then dead-lettered), never swallowed.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient, sqsClient } from '../adapters/aws-clients';
import { dynamoTipStore } from '../adapters/dynamo-tip-store';
import { createLogger, errorName } from '../adapters/logger';
import { sqsDelayedJobs } from '../adapters/sqs-delayed';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { PAGING_QUEUE } from '../config/tables';
import type { PagingJob } from '../core/paging/jobs';
import { pagingJobFor } from '../core/paging/trigger';
import { newTipId } from '../core/tip-id';
import type { TipRecord } from '../core/tip-record';
import { tipReceivedSchema } from '../core/tip';
import { triageTip } from '../core/triage/triage-tip';

const config = readConfig({
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.contactsTable,
  ...configShapes.receiptsTable,
  ...configShapes.threadWindow,
  ...configShapes.pagingQueue,
  ...configShapes.highUnclaimed,
});
const store = dynamoTipStore(documentClient(), {
  tips: config[ENV.tipsTable],
  messages: config[ENV.messagesTable],
  contacts: config[ENV.contactsTable],
  receipts: config[ENV.receiptsTable],
});
const threadWindowMs = config[ENV.threadWindowMinutes] * 60_000;
const pagingLater = sqsDelayedJobs<PagingJob>(sqsClient(), config[ENV.pagingQueueUrl], PAGING_QUEUE.maxDelaySeconds, () => new Date());

/** Hands urgent tips to paging; a failure fails the record, so the redelivery hands it again. */
async function handOff(tip: TipRecord | undefined): Promise<void> {
  const next = tip && pagingJobFor(tip, config[ENV.highUnclaimedPageAfterMinutes]);
  if (next) await pagingLater(next.job, next.at);
}
const processor = new BatchProcessor(EventType.SQS);
const logger = createLogger('triage');

export class PoisonMessage extends Error {
  override name = 'PoisonMessage';
}

function parseRecord(record: SQSRecord) {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessage('The queue message is not JSON; it will go to the dead-letter queue.');
  }
  const parsed = tipReceivedSchema.safeParse(body);
  if (!parsed.success) throw new PoisonMessage('The queue message is not a TipReceived; it will go to the dead-letter queue.');
  return parsed.data;
}

async function triageRecord(record: SQSRecord): Promise<void> {
  try {
    const outcome = await triageTip(parseRecord(record), { store, newTipId: () => newTipId(), threadWindowMs });
    if (outcome.kind === 'duplicate') {
      logger.info('duplicate delivery ignored', { messageId: outcome.messageId });
      await handOff(outcome.tipId ? await store.getTip(outcome.tipId) : undefined);
    } else {
      logger.info('tip stored', { tipId: outcome.tip.tipId, urgency: outcome.tip.level, outcome: outcome.threaded ? 'threaded' : 'new' });
      await handOff(outcome.tip);
    }
  } catch (error: unknown) {
    logger.error('triage failed; the message will be retried', { errorName: errorName(error) });
    throw error;
  }
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  // Sequential: messages of one contact in one batch must thread in order, not race.
  processPartialResponse(event, triageRecord, processor, { context, processInParallel: false });
