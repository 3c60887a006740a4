// The paging consumer: starts paging critical tips (and high ones nobody claimed in time, and
// tips an operator raised to critical), within each region's page budget and once per
// duplicate, escalates at each deadline, takes responders' ACKs and notes, and ends a tip's
// paging when its case ends. It also sends a referral's SMS to its agency and reminds
// supervisors of referrals nobody updated (core/cases/referral-jobs). Every decision is the
// paging core's; this file only wires it to DynamoDB, SQS and Twilio.
import { documentClient } from '../adapters/aws-clients';
import { dataKeysOf } from '../adapters/envelope';
import { sqsClient } from '../adapters/sqs-queue';
import * as z from 'zod';
import { dynamoAuditLog } from '../adapters/dynamo-audit-log';
import { dynamoDeliveries, dynamoPageCodes, dynamoPagingStore, dynamoResponderNotes } from '../adapters/dynamo-paging';
import { dynamoPagingLedger } from '../adapters/dynamo-paging-ledger';
import { dynamoAgencyContacts, dynamoResponderPhones, dynamoRosterReader } from '../adapters/dynamo-roster';
import { dynamoCaseStore } from '../adapters/dynamo-cases';
import { dynamoTipLookup, dynamoTipUpdater } from '../adapters/dynamo-tip-store';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { awsPlatform, type Platform } from '../adapters/platform';
import { sqsConsumer } from '../adapters/sqs-consumer';
import { sqsDelayedJobs } from '../adapters/sqs-delayed';
import { dynamoStatistics } from '../adapters/dynamo-statistics';
import { twilioSettingsOf, twilioSms } from '../adapters/twilio-sender';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import { PAGING_GUARDS, PAGING_QUEUE } from '../config/tables';
import { handlePagingJob, type PagingPorts } from '../core/paging/handle-job';
import { pagingJobSchema, type PagingJob } from '../core/paging/jobs';

export const configShape = {
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.auditTable,
  ...configShapes.rosterTable,
  ...configShapes.pagingTable,
  ...configShapes.pageDeliveriesTable,
  ...configShapes.pagingQueue,
  ...configShapes.highUnclaimed,
  ...configShapes.publicUrl,
  ...configShapes.twilioAccount,
  ...configShapes.twilioSender,
  ...configShapes.casesTable,
  ...configShapes.statisticsTable,
  ...configShapes.referralReminders,
  [ENV.pagingMaxDelaySeconds]: z.coerce.number().int().min(1).max(PAGING_QUEUE.maxDelaySeconds).default(PAGING_QUEUE.maxDelaySeconds),
  [ENV.pageBudgetPerRegionHour]: z.coerce.number().int().min(1).max(PAGING_GUARDS.maxBudgetPerHour).default(PAGING_GUARDS.defaultBudgetPerHour),
  [ENV.duplicatePageWindowMinutes]: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGING_GUARDS.maxDuplicateWindowMinutes)
    .default(PAGING_GUARDS.defaultDuplicateWindowMinutes),
};

export interface PagingDeps {
  ports: PagingPorts;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): PagingDeps {
  const config = readConfig(configShape, env);
  const dynamo = documentClient(platform);
  return {
    ports: {
      roster: dynamoRosterReader(dynamo, config[ENV.rosterTable]),
      tips: {
        ...dynamoTipLookup(dynamo, config[ENV.tipsTable]),
        ...dynamoTipUpdater(dynamo, { tips: config[ENV.tipsTable], statistics: config[ENV.statisticsTable] }),
      },
      states: dynamoPagingStore(dynamo, config[ENV.pagingTable]),
      deliveries: dynamoDeliveries(dynamo, config[ENV.pageDeliveriesTable]),
      phones: dynamoResponderPhones(dynamo, config[ENV.rosterTable], dataKeysOf(platform, env)),
      sms: twilioSms(twilioSettingsOf(config), platform, env, { statusCallback: `${config[ENV.publicUrl]}/sms/status` }),
      audit: dynamoAuditLog(dynamo, config[ENV.auditTable]),
      later: sqsDelayedJobs<PagingJob>(sqsClient(platform), config[ENV.pagingQueueUrl], config[ENV.pagingMaxDelaySeconds], platform.clock),
      now: platform.clock,
      highAfterMinutes: config[ENV.highUnclaimedPageAfterMinutes],
      ledger: dynamoPagingLedger(dynamo, config[ENV.pagingTable]),
      guards: { budgetPerHour: config[ENV.pageBudgetPerRegionHour], duplicateWindowMinutes: config[ENV.duplicatePageWindowMinutes] },
      notes: dynamoResponderNotes(dynamo, config[ENV.messagesTable]),
      codes: dynamoPageCodes(dynamo, config[ENV.pagingTable]),
      statistics: dynamoStatistics(dynamo, config[ENV.statisticsTable]),
      referrals: {
        cases: dynamoCaseStore(dynamo, { cases: config[ENV.casesTable], statistics: config[ENV.statisticsTable] }),
        contacts: dynamoAgencyContacts(dynamo, config[ENV.rosterTable], dataKeysOf(platform, env)),
        reminderDays: config[ENV.referralReminderDays],
      },
    },
    logger: createLogger('paging'),
  };
}

export function makeHandler(deps: PagingDeps) {
  return sqsConsumer({
    job: 'paging job',
    schema: pagingJobSchema,
    logger: deps.logger,
    // In order: an ACK and a deadline for one tip in one batch must not race each other.
    inOrder: true,
    describe: (job) => ({ outcome: job.type }),
    async handle(job) {
      await handlePagingJob(job, deps.ports);
      deps.logger.info('paging job done', { outcome: job.type, ...('tipId' in job ? { tipId: job.tipId } : {}) });
    },
  });
}
