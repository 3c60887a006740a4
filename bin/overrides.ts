// `tipline eval --overrides`: closed tips as lines of the labelled corpus, for the team to label
// from (the operator's level beside the scorer's), from the local stack or from AWS.
//
// Only what storage already holds redacted goes out: the tipster's messages (redacted at
// intake), ids, levels and indicator ids. Never an operator's note or reply, nor the reason
// of an override: those are staff free text and were never redacted (core/corpus-export.ts).
import { parseArgs } from 'node:util';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoClientFor, explainLocalFailure } from './dynamo-target';
import * as z from 'zod';
import { dynamoClosedTips, dynamoThreadReader } from '../functions/adapters/dynamo-tip-store';
import { ENV } from '../functions/config/env-names';
import { LOCAL_ENV } from '../local/config';
import { MESSAGES_TABLE, TIPS_TABLE } from '../functions/config/tables';
import { toCorpusLine } from '../functions/core/corpus-export';
import { UsageError } from './dlq';

export const OVERRIDES_USAGE = `  tipline eval --overrides [--since YYYY-MM-DD] [--aws]
                                 closed tips (closed on or after --since, UTC) as corpus lines to
                                 label from: {"id","channel","lang","text","level","indicators",
                                 "scoredLevel","pii":[],"keep":[]}; "level" is the operator's
                                 (their override, else the final level), "text" the tipster's
                                 messages as stored (redacted). The local stack by default
                                 (DynamoDB Local on 127.0.0.1:$${LOCAL_ENV.dynamoDbPort}, 8000 when unset);
                                 --aws uses the AWS credential chain and the tables in
                                 $${ENV.tipsTable} and $${ENV.messagesTable} (stack outputs
                                 TipsTableName and MessagesTableName).`;

// Lambda runs Node 22; the SDK's notice about Node 20 support ending would only bury the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Out = (line: string) => void;

const sinceDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '--since is a date, YYYY-MM-DD')
  .refine(
    (day) => !Number.isNaN(Date.parse(`${day}T00:00:00.000Z`)) && new Date(`${day}T00:00:00.000Z`).toISOString().startsWith(day),
    '--since is not a calendar date',
  )
  .transform((day) => `${day}T00:00:00.000Z`);

interface Target {
  client: DynamoDBDocumentClient;
  tips: string;
  messages: string;
}

function target(aws: boolean, env: NodeJS.ProcessEnv): Target {
  if (aws) {
    const tips = env[ENV.tipsTable];
    const messages = env[ENV.messagesTable];
    if (!tips || !messages)
      throw new UsageError(`--aws needs $${ENV.tipsTable} and $${ENV.messagesTable} (the stack outputs TipsTableName and MessagesTableName)`);
    return { client: dynamoClientFor(true, env), tips, messages };
  }
  return { client: dynamoClientFor(false, env), tips: TIPS_TABLE.name, messages: MESSAGES_TABLE.name };
}

/** `tipline eval --overrides …`: returns the exit code. */
export async function overridesCommand(argv: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { overrides: { type: 'boolean', default: false }, since: { type: 'string' }, aws: { type: 'boolean', default: false } },
  });
  if (positionals.length) throw new UsageError(`eval --overrides reads the tip store, not a file: unexpected ${positionals[0]}`);
  // Before any closing time: no --since is every closed tip.
  let since = '1970-01-01T00:00:00.000Z';
  if (values.since !== undefined) {
    const parsed = sinceDate.safeParse(values.since);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? '--since is a date, YYYY-MM-DD');
    since = parsed.data;
  }

  const { client, tips, messages } = target(values.aws, env);
  const closed = dynamoClosedTips(client, tips);
  const threads = dynamoThreadReader(client, messages);
  try {
    for await (const tip of closed.closedSince(since)) out(JSON.stringify(toCorpusLine(tip, await threads.listMessages(tip.tipId))));
    return 0;
  } catch (error: unknown) {
    throw explainLocalFailure(error, values.aws, env);
  } finally {
    client.destroy();
  }
}
