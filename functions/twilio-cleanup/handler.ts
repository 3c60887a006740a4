// Deletes Twilio's record of an inbound message once its tip is queued, so that the body and
// the sender's number do not wait in Twilio's logs. A failure is retried by SQS and ends in
// the dead-letter queue, where an operator can see that a copy is still at Twilio.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { dataKeySourceFromEnv } from '../adapters/data-keys';
import { open } from '../adapters/envelope';
import { createLogger, errorName } from '../adapters/logger';
import { loadTwilioAuthToken } from '../adapters/secrets';
import { twilioRestFromEnv } from '../adapters/twilio-sender';
import { deleteTwilioMessageSchema, TWILIO_CLEANUP_CONTEXT } from '../core/twilio-cleanup';

const dataKeys = dataKeySourceFromEnv();
const twilio = twilioRestFromEnv(loadTwilioAuthToken);
const processor = new BatchProcessor(EventType.SQS);
const logger = createLogger('twilio-cleanup');

export class PoisonJob extends Error {
  override name = 'PoisonJob';
}

async function deleteInbound(record: SQSRecord): Promise<void> {
  try {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new PoisonJob('The cleanup job is not JSON; it will go to the dead-letter queue.');
    }
    const job = deleteTwilioMessageSchema.safeParse(body);
    if (!job.success) throw new PoisonJob('The cleanup job is not a DeleteTwilioMessage; it will go to the dead-letter queue.');
    const sid = await open(dataKeys, job.data.sealedSid, TWILIO_CLEANUP_CONTEXT);
    const outcome = await (await twilio()).deleteMessage(sid);
    logger.info('twilio copy deleted', { outcome });
  } catch (error: unknown) {
    logger.error('twilio cleanup failed; the job will be retried', { errorName: errorName(error) });
    throw error;
  }
}

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, deleteInbound, processor, { context });
