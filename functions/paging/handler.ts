// The paging consumer: starts paging critical tips (and high ones nobody claimed in time),
// escalates at each deadline, and takes responders' ACKs. Every decision is the on-call core's;
// this file only wires it to DynamoDB, SQS and Twilio.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { documentClient, sqsClient } from '../adapters/aws-clients';
import { clockFromEnv } from '../adapters/clock';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoDeliveries, dynamoPagingStore } from '../adapters/dynamo-paging';
import { dynamoResponderPhones, dynamoRosterReader } from '../adapters/dynamo-roster';
import { dynamoTipLookup, dynamoTipUpdater } from '../adapters/dynamo-tip-store';
import { createLogger, errorName } from '../adapters/logger';
import { loadTwilioAuthToken } from '../adapters/secrets';
import { sqsDelayedJobs } from '../adapters/sqs-delayed';
import { twilioSmsFromEnv } from '../adapters/twilio-sender';
import { ENV } from '../config/env-names';
import { configShapes, readConfig } from '../config/runtime';
import { PAGING_QUEUE } from '../config/tables';
import { handlePagingJob, type PagingPorts } from '../core/paging/handle-job';
import { pagingJobSchema, type PagingJob } from '../core/paging/jobs';

const config = readConfig({
  ...configShapes.tipsTable,
  ...configShapes.auditTable,
  ...configShapes.pagingTables,
  ...configShapes.pagingQueue,
  ...configShapes.highUnclaimed,
  ...configShapes.publicUrl,
  [ENV.pagingMaxDelaySeconds]: z.coerce.number().int().min(1).max(PAGING_QUEUE.maxDelaySeconds).default(PAGING_QUEUE.maxDelaySeconds),
});
const dynamo = documentClient();
const now = clockFromEnv();
const ports: PagingPorts = {
  roster: dynamoRosterReader(dynamo, config[ENV.rosterTable]),
  tips: { ...dynamoTipLookup(dynamo, config[ENV.tipsTable]), ...dynamoTipUpdater(dynamo, config[ENV.tipsTable]) },
  states: dynamoPagingStore(dynamo, config[ENV.pagingTable]),
  deliveries: dynamoDeliveries(dynamo, config[ENV.pageDeliveriesTable]),
  phones: dynamoResponderPhones(dynamo, config[ENV.rosterTable], dataKeySourceFromEnv()),
  sms: twilioSmsFromEnv(loadTwilioAuthToken, { statusCallback: `${config[ENV.publicUrl]}/sms/status` }),
  audit: dynamoAuditLog(dynamo, config[ENV.auditTable]),
  later: sqsDelayedJobs<PagingJob>(sqsClient(), config[ENV.pagingQueueUrl], config[ENV.pagingMaxDelaySeconds], now),
  now,
  highAfterMinutes: config[ENV.highUnclaimedPageAfterMinutes],
};
const processor = new BatchProcessor(EventType.SQS);
const logger = createLogger('paging');

export class PoisonPagingJob extends Error {
  override name = 'PoisonPagingJob';
}

async function pagingRecord(record: SQSRecord): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonPagingJob('The paging job is not JSON; it will go to the dead-letter queue.');
  }
  const job = pagingJobSchema.safeParse(body);
  if (!job.success) throw new PoisonPagingJob('The paging job has an unknown shape; it will go to the dead-letter queue.');
  try {
    await handlePagingJob(job.data, ports);
    logger.info('paging job done', { outcome: job.data.type, ...('tipId' in job.data ? { tipId: job.data.tipId } : {}) });
  } catch (error: unknown) {
    logger.error('paging job failed; it will be retried', { outcome: job.data.type, errorName: errorName(error) });
    throw error;
  }
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  // In order: an ACK and a deadline for one tip in one batch must not race each other.
  processPartialResponse(event, pagingRecord, processor, { context, processInParallel: false });
