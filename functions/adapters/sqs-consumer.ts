// The one shape of an SQS consumer: each record is parsed against its job's schema; a record
// that is not JSON or not that job is poison (it fails, is retried and ends in the dead-letter
// queue, where the DLQ tool shows it); a job that fails is logged by error name and fails its
// record alone, reported back as a batch item failure, never swallowed.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { errorName, type LogFields, type TiplineLogger } from './logger';

export class PoisonMessage extends Error {
  override name = 'PoisonMessage';
}

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface SqsConsumer<T> {
  /** What a record should be, as an operator reading the dead-letter queue would call it. */
  job: string;
  schema: z.ZodType<T>;
  logger: TiplineLogger;
  /** In order: jobs of one batch that touch the same thing must not race. */
  inOrder: boolean;
  /** Log fields for a job that failed (never its content). */
  describe?: (job: T) => LogFields;
  handle(job: T): Promise<void>;
}

export function parseRecord<T>(record: Pick<SQSRecord, 'body'>, job: string, schema: z.ZodType<T>): T {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessage(`The queue message is not JSON; it will go to the dead-letter queue.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new PoisonMessage(`The queue message is not a ${job}; it will go to the dead-letter queue.`);
  return parsed.data;
}

export function sqsConsumer<T>(consumer: SqsConsumer<T>): SqsHandler {
  const processor = new BatchProcessor(EventType.SQS);
  const one = async (record: SQSRecord): Promise<void> => {
    let job: T | undefined;
    try {
      job = parseRecord(record, consumer.job, consumer.schema);
      await consumer.handle(job);
    } catch (error: unknown) {
      const fields = job !== undefined && consumer.describe ? consumer.describe(job) : {};
      consumer.logger.error(`${consumer.job} failed; the message will be retried`, { ...fields, errorName: errorName(error) });
      throw error;
    }
  };
  return (event, context) => processPartialResponse(event, one, processor, { context, processInParallel: !consumer.inOrder });
}
