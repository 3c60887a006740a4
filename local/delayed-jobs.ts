// Delayed jobs on the local stack's clock. In AWS a paging deadline is an SQS message with a
// delay, and the queue counts that delay on the wall clock; the local SQS server does the same,
// so moving the paging clock (POST /local/clock) would not make a deadline arrive any sooner.
// Here the paging function's own SQS client hands every delayed message for a held queue to
// this holder instead (SDK middleware, so the function's code is unchanged): it is due when the
// movable clock reaches its time, and is then sent on without a delay. Held jobs are kept in the
// data folder, so that a restart loses none.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { SendMessageCommand, type SendMessageCommandInput, type SQSClient } from '@aws-sdk/client-sqs';
import type { ClientMiddleware } from './platform';
import type { MovableClock } from './clock';
import { writeJsonFile } from './json-file';

export interface HeldJob {
  /** The queue's name (its URL changes with the port). */
  queue: string;
  body: string;
  /** ISO instant on the movable clock. */
  dueAt: string;
}

export interface ClockDrivenDelays {
  /** For the platform: the SQS middleware that holds delayed messages. */
  middleware: Required<Pick<ClientMiddleware, 'sqs'>>;
  /** Holds a message body until `dueAt` (also for deadlines rebuilt at start). */
  hold(queue: string, body: string, dueAt: Date): void;
  /** Held jobs, soonest first. */
  held(): HeldJob[];
  /** Sends every job whose time has come on the movable clock. */
  releaseDue(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClockDrivenDelaysOptions {
  client: SQSClient;
  /** Queue name to its current URL: delayed messages to these are held. */
  queues: Record<string, string>;
  clock: MovableClock;
  /** Where held jobs are kept across restarts. */
  file: string;
  onError?: (error: unknown) => void;
  /** How often due jobs are looked for; moving the clock looks at once. */
  tickMs?: number;
}

function keptJobs(file: string, queues: Record<string, string>, onError?: (error: unknown) => void): HeldJob[] {
  if (!existsSync(file)) return [];
  try {
    const jobs = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(jobs)) return [];
    return jobs.filter(
      (job): job is HeldJob => typeof job?.queue === 'string' && job.queue in queues && typeof job.body === 'string' && !Number.isNaN(Date.parse(job.dueAt)),
    );
  } catch (error: unknown) {
    // Deadlines are rebuilt from the paging table at start anyway; a broken file only loses
    // other delayed checks.
    onError?.(error);
    return [];
  }
}

export function clockDrivenDelays(options: ClockDrivenDelaysOptions): ClockDrivenDelays {
  const urls = new Map(Object.entries(options.queues).map(([name, url]) => [url, name]));
  let jobs = keptJobs(options.file, options.queues, options.onError);
  const keep = () => writeJsonFile(options.file, jobs);
  let releasing: Promise<void> = Promise.resolve();

  const hold = (queue: string, body: string, dueAt: Date) => {
    const iso = dueAt.toISOString();
    if (jobs.some((job) => job.queue === queue && job.body === body && job.dueAt === iso)) return;
    jobs = [...jobs, { queue, body, dueAt: iso }].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    keep();
  };

  const releaseOnce = async () => {
    const now = options.clock.now().getTime();
    const due = jobs.filter((job) => Date.parse(job.dueAt) <= now);
    for (const job of due) {
      await options.client.send(new SendMessageCommand({ QueueUrl: options.queues[job.queue], MessageBody: job.body }));
      // Dropped only once on the queue: a failed send is tried again at the next tick.
      jobs = jobs.filter((held) => held !== job);
      keep();
    }
  };
  // One release at a time, so that a job is never sent twice by overlapping ticks.
  const releaseDue = () => {
    releasing = releasing.then(releaseOnce).catch((error: unknown) => options.onError?.(error));
    return releasing;
  };

  const timer = setInterval(() => void releaseDue(), options.tickMs ?? 100);
  timer.unref();
  options.clock.onMove(() => void releaseDue());

  const sqs: ClientMiddleware['sqs'] = {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const input = args.input as Partial<SendMessageCommandInput>;
          const queue = context.commandName === 'SendMessageCommand' && input.QueueUrl ? urls.get(input.QueueUrl) : undefined;
          if (queue === undefined || !input.MessageBody || !input.DelaySeconds) return next(args);
          hold(queue, input.MessageBody, new Date(options.clock.now().getTime() + input.DelaySeconds * 1000));
          // What SQS answers; nobody reads more than that it succeeded.
          return { output: { $metadata: {}, MessageId: randomUUID() } as never, response: undefined };
        },
        { step: 'initialize', name: 'localClockDrivenDelays' },
      );
    },
  };

  return {
    middleware: { sqs },
    hold,
    held: () => jobs.map((job) => ({ ...job })),
    releaseDue,
    async stop() {
      clearInterval(timer);
      await releasing;
    },
  };
}
