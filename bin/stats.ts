// `tipline stats`: the published statistics of a period, as JSON or CSV, from the local stack
// or a deployment. It reads published months only (one GetItem each): never a live count,
// never a tip, so its cost is the period's, not the number of tips.
import { parseArgs } from 'node:util';
import { ENV } from '../functions/config/env-names';
import { STATISTICS_TABLE } from '../functions/config/tables';
import { dynamoStatisticsReader } from '../functions/adapters/dynamo-statistics';
import { exportToCsv, InvalidPeriod, statisticsQuery } from '../functions/core/statistics/export';
import { readStatistics } from '../functions/core/statistics/store';
import { LOCAL_ENV } from '../local/config';
import { UsageError } from './dlq';
import { dynamoClientFor, explainLocalFailure } from './dynamo-target';

export const STATS_USAGE = `  tipline stats [--from YYYY-MM] [--to YYYY-MM] [--format json|csv] [--aws]
                                 the published statistics of a period (months in Peru's time): every
                                 count is 0, at least k (10), or withheld; a month is published 7
                                 days after it ends and never changes. Without --to, the newest
                                 published month; without --from, the twelve months up to --to.
                                 The local stack by default (DynamoDB Local on
                                 127.0.0.1:$${LOCAL_ENV.dynamoDbPort}, 8000 when unset); --aws uses the AWS
                                 credential chain and the table in $${ENV.statisticsTable} (the
                                 stack output StatisticsTableName). docs/statistics.md says how.`;

type Out = (text: string) => void;

/** `tipline stats …`: returns the exit code. */
export async function statsCommand(argv: string[], out: Out, env: NodeJS.ProcessEnv = process.env, now = new Date()): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'json' }, aws: { type: 'boolean', default: false } },
  });
  if (positionals.length) throw new UsageError(`stats takes options only: unexpected ${positionals[0]}`);
  const query = statisticsQuery.safeParse({ from: values.from, to: values.to, format: values.format });
  if (!query.success) throw new UsageError(query.error.issues[0]?.message ?? 'format is json or csv');
  const table = values.aws ? env[ENV.statisticsTable] : STATISTICS_TABLE.name;
  if (!table) throw new UsageError(`--aws needs $${ENV.statisticsTable} (the stack output StatisticsTableName)`);
  const client = dynamoClientFor(values.aws, env);
  try {
    const statistics = await readStatistics(dynamoStatisticsReader(client, table), query.data, now);
    out(query.data.format === 'csv' ? exportToCsv(statistics) : `${JSON.stringify(statistics, null, 2)}\n`);
    return 0;
  } catch (error: unknown) {
    if (error instanceof InvalidPeriod) throw new UsageError(error.message);
    throw explainLocalFailure(error, values.aws, env);
  } finally {
    client.destroy();
  }
}
