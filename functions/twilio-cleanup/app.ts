// Deletes Twilio's record of an inbound message once its tip is queued, so that the body and
// the sender's number do not wait in Twilio's logs. A failure is retried by SQS and ends in
// the dead-letter queue, where an operator can see that a copy is still at Twilio.
import { dataKeysOf, open } from '../adapters/envelope';
import { createLogger, type TiplineLogger } from '../adapters/logger';
import { awsPlatform, type Platform } from '../adapters/platform';
import { sqsConsumer } from '../adapters/sqs-consumer';
import { lazyTwilio, twilioSettingsOf } from '../adapters/twilio-sender';
import { configShapes, readConfig, type Env } from '../config/runtime';
import type { DataKeySource, TwilioRest } from '../core/ports';
import { deleteTwilioMessageSchema, TWILIO_CLEANUP_CONTEXT } from '../core/twilio-cleanup';

export const configShape = { ...configShapes.twilioAccount };

export interface TwilioCleanupDeps {
  dataKeys: DataKeySource;
  twilio: () => Promise<TwilioRest>;
  logger: TiplineLogger;
}

export function fromEnv(env: Env, platform: Platform = awsPlatform(env)): TwilioCleanupDeps {
  const config = readConfig(configShape, env);
  return { dataKeys: dataKeysOf(platform, env), twilio: lazyTwilio(twilioSettingsOf(config), platform, env), logger: createLogger('twilio-cleanup') };
}

export function makeHandler(deps: TwilioCleanupDeps) {
  return sqsConsumer({
    job: 'DeleteTwilioMessage',
    schema: deleteTwilioMessageSchema,
    logger: deps.logger,
    inOrder: false,
    async handle(job) {
      const sid = await open(deps.dataKeys, job.sealedSid, TWILIO_CLEANUP_CONTEXT);
      const outcome = await (await deps.twilio()).deleteMessage(sid);
      deps.logger.info('twilio copy deleted', { outcome });
    },
  });
}
