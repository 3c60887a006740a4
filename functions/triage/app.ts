// SQS consumer: each record is a TipReceived, scored and stored (threaded into an open tip of
// the same contact, or a new one); urgent tips are handed to paging.
import { documentClient } from '../adapters/aws-clients';
import { sqsClient } from '../adapters/sqs-queue';
import { dynamoTipStore } from '../adapters/dynamo-tip-store';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { awsPlatform, type Platform } from '../adapters/platform';
import { sqsDelayedJobs } from '../adapters/sqs-delayed';
import { sqsConsumer } from '../adapters/sqs-consumer';
import { ENV } from '../config/env-names';
import { configShapes, readConfig, type Env } from '../config/runtime';
import { PAGING_QUEUE } from '../config/tables';
import { textSketch } from '../core/paging/fingerprint';
import type { PagingJob } from '../core/paging/jobs';
import { pagingJobFor } from '../core/paging/trigger';
import type { DelayedJobs } from '../core/ports';
import { newTipId, type TipId } from '../core/tip-id';
import { isInbound, type TipRecord, type TipStore } from '../core/tip-record';
import { tipReceivedSchema } from '../core/tip';
import { threadText, triageTip } from '../core/triage/triage-tip';

export const configShape = {
  ...configShapes.tipsTable,
  ...configShapes.messagesTable,
  ...configShapes.contactsTable,
  ...configShapes.receiptsTable,
  ...configShapes.evidenceTable,
  ...configShapes.threadWindow,
  ...configShapes.pagingQueue,
  ...configShapes.highUnclaimed,
  ...configShapes.statisticsTable,
};

export interface TriageDeps {
  store: TipStore;
  pagingLater: DelayedJobs<PagingJob>;
  threadWindowMs: number;
  highAfterMinutes: number;
  newTipId: () => TipId;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): TriageDeps {
  const config = readConfig(configShape, env);
  return {
    store: dynamoTipStore(documentClient(platform), {
      tips: config[ENV.tipsTable],
      messages: config[ENV.messagesTable],
      contacts: config[ENV.contactsTable],
      receipts: config[ENV.receiptsTable],
      evidence: config[ENV.evidenceTable],
      statistics: config[ENV.statisticsTable],
    }),
    // Delays are counted from the wall clock: SQS holds a message by its own.
    pagingLater: sqsDelayedJobs<PagingJob>(sqsClient(platform), config[ENV.pagingQueueUrl], PAGING_QUEUE.maxDelaySeconds, () => new Date()),
    threadWindowMs: config[ENV.threadWindowMinutes] * 60_000,
    highAfterMinutes: config[ENV.highUnclaimedPageAfterMinutes],
    newTipId: () => newTipId(),
    logger: createLogger('triage'),
  };
}

export function makeHandler(deps: TriageDeps) {
  /**
   * Hands urgent tips to paging, with their text's sketch for the duplicate check (never the
   * text); a failure fails the record, so the redelivery hands it again, reading the thread.
   */
  async function handOff(tip: TipRecord | undefined, text?: string): Promise<void> {
    if (!tip || !pagingJobFor(tip, deps.highAfterMinutes)) return;
    const thread = text ?? threadText((await deps.store.listMessages(tip.tipId)).filter(isInbound));
    const next = pagingJobFor(tip, deps.highAfterMinutes, textSketch(thread));
    if (next) await deps.pagingLater(next.job, next.at);
  }
  return sqsConsumer({
    job: 'TipReceived',
    schema: tipReceivedSchema,
    logger: deps.logger,
    // Sequential: messages of one contact in one batch must thread in order, not race.
    inOrder: true,
    async handle(received) {
      const outcome = await triageTip(received, { store: deps.store, newTipId: deps.newTipId, threadWindowMs: deps.threadWindowMs });
      if (outcome.kind === 'duplicate') {
        deps.logger.info('duplicate delivery ignored', { messageId: outcome.messageId });
        await handOff(outcome.tipId ? await deps.store.getTip(outcome.tipId) : undefined);
      } else {
        deps.logger.info('tip stored', { tipId: outcome.tip.tipId, urgency: outcome.tip.level, outcome: outcome.threaded ? 'threaded' : 'new' });
        await handOff(outcome.tip, outcome.text);
      }
    },
  });
}
