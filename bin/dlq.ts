// Dead-letter operations: list, inspect (redacted) and redrive the dead-letter queues of the
// tips, twilio-cleanup and paging queues, on the local stack or in AWS.
//
// A dead-letter queue holds whatever failed, including poison messages that never went through
// intake's redaction, so nothing here prints a body as it is: `list` prints no body at all and
// `inspect` passes every string through the same redaction as intake, truncates it, and hides
// sealed values.
import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { ENV } from '../functions/config/env-names';
import { LOCAL_ENV } from '../local/config';
import { PAGING_QUEUE, TIPS_QUEUE, TWILIO_CLEANUP_QUEUE } from '../functions/config/tables';
import { redactIdentifiers } from '../functions/core/redaction/redact';

export const DLQ_USAGE = `  tipline dlq list [--queue Q]   the messages of the dead-letter queue(s), one a line: id,
                                 receive count and age as SQS reports them (reading is a receive),
                                 type, size; never the body
  tipline dlq inspect ID [--queue Q]
                                 one message, every string redacted and truncated, sealed
                                 values shown as [sealed]
  tipline dlq redrive [--queue Q] [--max N]
                                 move messages back to their source queue (sent there first,
                                 deleted from the dead-letter queue only once the send succeeded)
    Q is tips, twilio-cleanup or paging (all three when omitted). The local stack by default
    (SQS on 127.0.0.1:$${LOCAL_ENV.sqsPort}, 9324 when unset); --aws uses the AWS credential
    chain and the source queues in $${ENV.tipsQueueUrl}, $${ENV.twilioCleanupQueueUrl},
    $${ENV.pagingQueueUrl}, or --queue-url URL (a source queue or its dead-letter queue).`;

// Lambda runs Node 22; the SDK's notice about Node 20 support ending would only bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const QUEUES = {
  tips: { spec: TIPS_QUEUE, urlEnv: ENV.tipsQueueUrl },
  'twilio-cleanup': { spec: TWILIO_CLEANUP_QUEUE, urlEnv: ENV.twilioCleanupQueueUrl },
  paging: { spec: PAGING_QUEUE, urlEnv: ENV.pagingQueueUrl },
} as const;
type QueueKey = keyof typeof QUEUES;
const isQueueKey = (name: string): name is QueueKey => Object.hasOwn(QUEUES, name);

/** A dead-letter queue and the queue its messages go back to. */
export interface QueuePair {
  label: string;
  sourceUrl: string;
  deadLetterUrl: string;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

type Out = (line: string) => void;

// ---- resolving queues -------------------------------------------------------------------

const queueName = (url: string): string => url.replace(/\/+$/, '').split('/').pop() ?? url;

/** "arn:aws:sqs:region:account:name" -> its URL, through SQS itself (works locally and in AWS). */
async function urlOfArn(client: SQSClient, arn: string): Promise<string> {
  const [, , , , account, name] = arn.split(':');
  if (!name) throw new Error(`Not an SQS queue ARN: ${arn}`);
  const out = await client.send(new GetQueueUrlCommand({ QueueName: name, ...(account ? { QueueOwnerAWSAccountId: account } : {}) }));
  if (!out.QueueUrl) throw new Error(`No URL for ${arn}`);
  return out.QueueUrl;
}

async function redrivePolicyTarget(client: SQSClient, url: string): Promise<string | undefined> {
  const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }));
  const policy = out.Attributes?.RedrivePolicy;
  if (!policy) return undefined;
  const parsed: unknown = JSON.parse(policy);
  const arn = typeof parsed === 'object' && parsed !== null && 'deadLetterTargetArn' in parsed ? parsed.deadLetterTargetArn : undefined;
  return typeof arn === 'string' ? urlOfArn(client, arn) : undefined;
}

/** The dead-letter queue comes from the source's redrive policy, so a misconfigured one shows up here. */
async function pairFromSource(client: SQSClient, label: string, sourceUrl: string): Promise<QueuePair> {
  const deadLetterUrl = await redrivePolicyTarget(client, sourceUrl);
  if (!deadLetterUrl) throw new Error(`${queueName(sourceUrl)} has no redrive policy: it has no dead-letter queue.`);
  return { label, sourceUrl, deadLetterUrl };
}

/** --queue-url may name either side: a queue with a redrive policy is a source, else a dead-letter queue. */
async function pairFromAnyUrl(client: SQSClient, url: string): Promise<QueuePair> {
  if (await redrivePolicyTarget(client, url)) return pairFromSource(client, queueName(url), url);
  const sources = (await client.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: url }))).queueUrls ?? [];
  if (sources.length !== 1) {
    throw new Error(`${queueName(url)} is the dead-letter queue of ${sources.length} queues; pass a source queue's URL instead.`);
  }
  return { label: queueName(sources[0]!), sourceUrl: sources[0]!, deadLetterUrl: url };
}

export interface Target {
  client: SQSClient;
  aws: boolean;
  pairs: QueuePair[];
}

export async function resolveTarget(options: { aws: boolean; queue?: string; queueUrl?: string }, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  if (options.queue !== undefined && !isQueueKey(options.queue)) throw new UsageError(`--queue must be one of ${Object.keys(QUEUES).join(', ')}`);
  const keys: QueueKey[] = options.queue ? [options.queue as QueueKey] : (Object.keys(QUEUES) as QueueKey[]);
  const client = options.aws
    ? new SQSClient({})
    : new SQSClient({
        endpoint: `http://127.0.0.1:${env[LOCAL_ENV.sqsPort] || '9324'}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
  try {
    if (options.queueUrl) return { client, aws: options.aws, pairs: [await pairFromAnyUrl(client, options.queueUrl)] };
    const pairs: QueuePair[] = [];
    for (const key of keys) {
      const { spec, urlEnv } = QUEUES[key];
      let sourceUrl: string | undefined;
      if (options.aws) {
        sourceUrl = env[urlEnv];
        // Asking for all three in AWS is fine when only some are configured; asking for one is not.
        if (!sourceUrl) {
          if (options.queue) throw new UsageError(`--aws needs $${urlEnv} or --queue-url for the ${key} queue`);
          continue;
        }
      } else {
        sourceUrl = (await client.send(new GetQueueUrlCommand({ QueueName: spec.name }))).QueueUrl;
        if (!sourceUrl) throw new Error(`The local stack has no ${spec.name} queue.`);
      }
      pairs.push(await pairFromSource(client, key, sourceUrl));
    }
    if (pairs.length === 0)
      throw new UsageError(
        `--aws needs queue URLs: set ${Object.values(QUEUES)
          .map((q) => `$${q.urlEnv}`)
          .join(', ')} or pass --queue-url`,
      );
    return { client, aws: options.aws, pairs };
  } catch (error: unknown) {
    client.destroy();
    if (
      !options.aws &&
      error instanceof Error &&
      /ECONNREFUSED|fetch failed|connect/i.test(`${error.message} ${String((error as { code?: unknown }).code ?? '')}`)
    ) {
      throw new Error(`No local SQS on port ${env[LOCAL_ENV.sqsPort] || '9324'}: is the local stack running (npm start)? Use --aws for AWS.`);
    }
    throw error;
  }
}

// ---- peeking without consuming ----------------------------------------------------------

/** Long enough to finish one command; the messages are released as soon as it is done. */
const HOLD_SECONDS = 30;

/**
 * Receives up to `limit` messages and keeps them invisible until `release` is called (or the
 * hold runs out). Receiving is the only way to read an SQS message; it adds one to its count.
 */
async function hold(target: Target, url: string, limit: number): Promise<{ messages: Message[]; release: () => Promise<void> }> {
  const messages: Message[] = [];
  while (messages.length < limit) {
    const out = await target.client.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, limit - messages.length),
        VisibilityTimeout: HOLD_SECONDS,
        // AWS's short polling samples a few servers and may answer empty while messages wait.
        WaitTimeSeconds: target.aws ? 1 : 0,
        MessageSystemAttributeNames: ['All'],
        // the local SQS server reads only the older name of the same parameter
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    if (!out.Messages?.length) break;
    messages.push(...out.Messages);
  }
  const release = async () => {
    for (let i = 0; i < messages.length; i += 10) {
      await target.client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: url,
          Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }),
      );
    }
  };
  return { messages, release };
}

async function depth(target: Target, url: string): Promise<number> {
  const out = await target.client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? '0');
}

// ---- describing a message without its content ------------------------------------------

/** Only a type name that looks like one of ours is echoed; a poison message's "type" may be anything. */
export function messageType(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return '(not JSON)';
  }
  const type = typeof parsed === 'object' && parsed !== null && 'type' in parsed ? parsed.type : undefined;
  if (typeof type !== 'string') return '(no type)';
  return /^[A-Z][A-Za-z]{0,39}$/.test(type) ? type : '(unrecognised type)';
}

export function humanAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

const sentAt = (m: Message): number | undefined => {
  const raw = Number(m.Attributes?.SentTimestamp);
  return Number.isFinite(raw) && raw > 0 ? raw : undefined;
};

// ---- redaction for inspect ----------------------------------------------------------------

const MAX_STRING = 200;
const MAX_KEY = 60;
const MAX_ITEMS = 50;
const MAX_DEPTH = 8;
/** seal()'s output: v1.<wrapped key>.<iv>.<ciphertext>.<tag>, base64url. */
const SEALED_VALUE = /^v1(\.[A-Za-z0-9_-]+){4}$/;

// Redacted before truncating: cutting first could split a phone number into pieces too short
// for the detectors to recognise.
function safeText(text: string, max: number): string {
  const redacted = redactIdentifiers(text).text;
  return redacted.length > max ? `${redacted.slice(0, max)}… (${redacted.length - max} more characters)` : redacted;
}

/** A JSON value with every string (keys too) redacted and truncated, sealed values hidden. */
export function redactValue(value: unknown, key = '', level = 0): unknown {
  if (typeof value === 'string') return /^sealed/i.test(key) || SEALED_VALUE.test(value) ? '[sealed]' : safeText(value, MAX_STRING);
  // A phone number can travel as a JSON number too.
  if (typeof value === 'number') {
    const text = String(value);
    const redacted = safeText(text, MAX_STRING);
    return redacted === text ? value : redacted;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (level >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) {
    const shown = value.slice(0, MAX_ITEMS).map((item) => redactValue(item, key, level + 1));
    return value.length > MAX_ITEMS ? [...shown, `[${value.length - MAX_ITEMS} more items]`] : shown;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries.slice(0, MAX_ITEMS)) out[safeText(k, MAX_KEY)] = redactValue(v, k, level + 1);
    if (entries.length > MAX_ITEMS) out['[more keys]'] = entries.length - MAX_ITEMS;
    return out;
  }
  return `[${typeof value}]`;
}

export function redactBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return safeText(body, 500);
  }
  return JSON.stringify(redactValue(parsed), null, 2);
}

function redactAttributes(attributes: Record<string, MessageAttributeValue> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(attributes ?? {})) {
    out[safeText(name, MAX_KEY)] = value.StringValue !== undefined ? String(redactValue(value.StringValue, name)) : `[${value.DataType ?? 'binary'}]`;
  }
  return out;
}

// ---- commands -----------------------------------------------------------------------------

const LIST_LIMIT = 1000;

export async function listDeadLetters(target: Target, out: Out): Promise<number> {
  for (const pair of target.pairs) {
    const { messages, release } = await hold(target, pair.deadLetterUrl, LIST_LIMIT);
    try {
      out(`${queueName(pair.deadLetterUrl)} (source ${queueName(pair.sourceUrl)}): ${messages.length} message${messages.length === 1 ? '' : 's'}`);
      const now = Date.now();
      for (const m of messages) {
        const sent = sentAt(m);
        out(
          [
            `  ${m.MessageId}`,
            `receives ${String(m.Attributes?.ApproximateReceiveCount ?? '?').padStart(3)}`,
            `age ${(sent ? humanAge(now - sent) : '?').padStart(4)}`,
            messageType(m.Body ?? '').padEnd(20),
            `${Buffer.byteLength(m.Body ?? '')} B`,
          ].join('  '),
        );
      }
      if (messages.length >= LIST_LIMIT) out(`  (the first ${LIST_LIMIT} only)`);
    } finally {
      await release();
    }
  }
  return 0;
}

export async function inspectDeadLetter(target: Target, messageId: string, out: Out): Promise<number> {
  for (const pair of target.pairs) {
    const { messages, release } = await hold(target, pair.deadLetterUrl, LIST_LIMIT);
    try {
      const m = messages.find((candidate) => candidate.MessageId === messageId);
      if (!m) continue;
      const body = m.Body ?? '';
      const sent = sentAt(m);
      out(`message     ${m.MessageId}`);
      out(`queue       ${queueName(pair.deadLetterUrl)} (source ${queueName(pair.sourceUrl)})`);
      out(`receives    ${m.Attributes?.ApproximateReceiveCount ?? '?'}`);
      out(`sent        ${sent ? `${new Date(sent).toISOString()} (${humanAge(Date.now() - sent)} ago)` : '?'}`);
      out(`type        ${messageType(body)}`);
      out(`size        ${Buffer.byteLength(body)} B`);
      const attributes = redactAttributes(m.MessageAttributes);
      if (Object.keys(attributes).length) out(`attributes  ${JSON.stringify(attributes)}`);
      out(`body        (identifiers redacted, strings cut at ${MAX_STRING} characters, sealed values hidden)`);
      out(redactBody(body));
      return 0;
    } finally {
      await release();
    }
  }
  out(`No message ${messageId} in ${target.pairs.map((p) => queueName(p.deadLetterUrl)).join(', ')}.`);
  return 1;
}

function copyAttributes(m: Message): Record<string, MessageAttributeValue> | undefined {
  const entries = Object.entries(m.MessageAttributes ?? {});
  if (!entries.length) return undefined;
  return Object.fromEntries(
    entries.map(([name, v]) => [
      name,
      {
        DataType: v.DataType,
        ...(v.StringValue !== undefined ? { StringValue: v.StringValue } : {}),
        ...(v.BinaryValue !== undefined ? { BinaryValue: v.BinaryValue } : {}),
      },
    ]),
  );
}

export interface RedriveResult {
  moved: number;
  failed: number;
  /** Sent to the source but could not be deleted from the dead-letter queue: they exist twice. */
  copied: number;
}

/**
 * Moves messages one by one: send to the source, then delete from the dead-letter queue. A
 * failure between the two leaves a copy in both (the consumers are idempotent on the message
 * id), never none. Bounded by the depth seen at the start and by `max`, and a message this run
 * already moved is never moved again: a poison message that fails again at once would
 * otherwise circle for ever.
 */
export async function redriveDeadLetters(target: Target, max: number | undefined, out: Out): Promise<RedriveResult> {
  const total: RedriveResult = { moved: 0, failed: 0, copied: 0 };
  for (const pair of target.pairs) {
    const result: RedriveResult = { moved: 0, failed: 0, copied: 0 };
    const budget = Math.min(max ?? Number.POSITIVE_INFINITY, await depth(target, pair.deadLetterUrl));
    const ours = new Set<string>();
    const fifo = pair.sourceUrl.endsWith('.fifo');
    while (result.moved + result.failed + result.copied < budget) {
      const received = await target.client.send(
        new ReceiveMessageCommand({
          QueueUrl: pair.deadLetterUrl,
          MaxNumberOfMessages: Math.min(10, budget - result.moved - result.failed - result.copied),
          VisibilityTimeout: HOLD_SECONDS,
          WaitTimeSeconds: target.aws ? 1 : 0,
          MessageSystemAttributeNames: ['All'],
          // the local SQS server reads only the older name of the same parameter
          AttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const batch = received.Messages ?? [];
      if (!batch.length) break;
      let progressed = false;
      for (const m of batch) {
        const handle = { QueueUrl: pair.deadLetterUrl, ReceiptHandle: m.ReceiptHandle! };
        if (ours.has(m.MessageId!) || result.moved + result.failed + result.copied >= budget) {
          await target.client.send(new ChangeMessageVisibilityCommand({ ...handle, VisibilityTimeout: 0 }));
          continue;
        }
        progressed = true;
        let newId: string | undefined;
        try {
          const sent = await target.client.send(
            new SendMessageCommand({
              QueueUrl: pair.sourceUrl,
              MessageBody: m.Body ?? '',
              MessageAttributes: copyAttributes(m),
              ...(fifo ? { MessageGroupId: m.Attributes?.MessageGroupId, MessageDeduplicationId: m.Attributes?.MessageDeduplicationId ?? m.MessageId } : {}),
            }),
          );
          newId = sent.MessageId;
        } catch (error: unknown) {
          result.failed++;
          out(
            `  not moved ${m.MessageId}: sending to ${queueName(pair.sourceUrl)} failed (${error instanceof Error ? error.name : 'error'}); it stays in the dead-letter queue`,
          );
          await target.client.send(new ChangeMessageVisibilityCommand({ ...handle, VisibilityTimeout: 0 })).catch(() => undefined);
          continue;
        }
        if (newId) ours.add(newId);
        try {
          await target.client.send(new DeleteMessageCommand(handle));
          result.moved++;
          out(`  moved ${m.MessageId} -> ${newId ?? '?'}`);
        } catch (error: unknown) {
          result.copied++;
          out(
            `  copied ${m.MessageId} -> ${newId ?? '?'} but could not delete it from the dead-letter queue (${error instanceof Error ? error.name : 'error'}): it is in both now`,
          );
        }
      }
      // Only messages this run already moved came back: the rest are gone or held elsewhere.
      if (!progressed) break;
    }
    out(
      `${queueName(pair.deadLetterUrl)} -> ${queueName(pair.sourceUrl)}: moved ${result.moved}${result.failed ? `, failed ${result.failed}` : ''}${result.copied ? `, copied (not deleted) ${result.copied}` : ''}`,
    );
    total.moved += result.moved;
    total.failed += result.failed;
    total.copied += result.copied;
  }
  if (target.pairs.length > 1) out(`moved ${total.moved} in all`);
  return total;
}

/** `tipline dlq …`: returns the exit code. */
export async function dlqCommand(argv: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      queue: { type: 'string' },
      'queue-url': { type: 'string' },
      aws: { type: 'boolean', default: false },
      max: { type: 'string' },
    },
  });
  const [action, ...rest] = positionals;
  let max: number | undefined;
  if (values.max !== undefined) {
    max = Number(values.max);
    if (!Number.isInteger(max) || max < 1) throw new UsageError('--max must be a whole number of at least 1');
  }
  if (action !== 'list' && action !== 'inspect' && action !== 'redrive') throw new UsageError('dlq needs list, inspect ID or redrive');
  if (action === 'inspect' && rest.length !== 1) throw new UsageError('dlq inspect needs one message id');
  if (action !== 'inspect' && rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);

  const target = await resolveTarget(
    { aws: values.aws, ...(values.queue ? { queue: values.queue } : {}), ...(values['queue-url'] ? { queueUrl: values['queue-url'] } : {}) },
    env,
  );
  try {
    switch (action) {
      case 'list':
        return await listDeadLetters(target, out);
      case 'inspect':
        return await inspectDeadLetter(target, rest[0]!, out);
      case 'redrive': {
        const result = await redriveDeadLetters(target, max, out);
        return result.failed || result.copied ? 1 : 0;
      }
      default: {
        const unreachable: never = action;
        throw new UsageError(`unknown dlq action ${String(unreachable)}`);
      }
    }
  } finally {
    target.client.destroy();
  }
}
