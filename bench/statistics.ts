// The statistics' cost against the number of tips, on a DynamoDB Local of its own: for months of
// 1,000 to 1,000,000 tips, the live counts as the tip writes leave them (one item per category,
// however many tips fall in it), then publishing the month (read its counts, suppress, freeze),
// then `stats` for a year (what the CLI and GET /api/statistics do). Figures only.
//   node --import tsx bench/statistics.ts        (npm run bench runs it too)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoStatistics } from '../functions/adapters/dynamo-statistics';
import { STATISTICS_TABLE } from '../functions/config/tables';
import { addMonths } from '../functions/core/statistics/calendar';
import { type Counter, counterDelta, indicatorCountKey, tipCountKey } from '../functions/core/statistics/counting';
import { publishSettledMonths, readStatistics } from '../functions/core/statistics/store';
import { CHANNELS, INDICATOR_IDS, LANGS, LEVELS } from '../functions/core/tip';
import { ensureTables, startDynamoDb } from '../local/dynamodb';
import { freePort } from '../test/support/free-port';
import { summarise } from './stats';

const REGIONS = ['Madre de Dios', 'Cusco', 'Puno', 'Loreto', 'Ucayali', 'Lima', 'Junín', 'Arequipa', 'Piura', 'La Libertad', 'unknown'];
const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const READS = 30;
const print = (line = ''): void => void process.stdout.write(`${line}\n`);
// Lambda runs Node 22; the SDK's notice about Node 20 would only bury the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A month of `tips` tips, skewed as real ones are (most in a few regions, levels and languages), as live counts. */
function liveCounts(month: string, tips: number): Counter[] {
  let seed = tips;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(items: readonly T[], skew: number): T => items[Math.floor(random() ** skew * items.length)]!;
  const counters: Counter[] = [];
  // Summed per category as the ADDs of the tips' writes would leave them, without writing each tip.
  for (let i = 0; i < tips; i++) {
    const region = pick(REGIONS, 2);
    const level = pick(LEVELS, 1);
    counters.push({ month, key: tipCountKey(region, level, pick(CHANNELS, 1.5), pick(LANGS, 4)), n: 1 });
    for (const indicator of INDICATOR_IDS) if (random() < 0.15) counters.push({ month, key: indicatorCountKey(region, level, indicator), n: 1 });
  }
  return counterDelta([], counters);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tipline-bench-statistics-'));
  const dynamo = await startDynamoDb(await freePort(), dir);
  try {
    await ensureTables(dynamo.endpoint, [STATISTICS_TABLE]);
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }),
    );
    const store = dynamoStatistics(client, STATISTICS_TABLE.name);
    print('statistics: cost against the tips of a month (DynamoDB Local; a year read per `stats`)');
    print(
      `  ${'tips in the month'.padEnd(20)}${'count items'.padStart(12)}${'publish'.padStart(12)}${'stats p50'.padStart(12)}${'stats p99'.padStart(12)}${'items read'.padStart(12)}`,
    );
    let month = '2020-01';
    for (const tips of SIZES) {
      const counters = liveCounts(month, tips);
      for (let i = 0; i < counters.length; i += 25)
        await client.send(
          new BatchWriteCommand({
            RequestItems: {
              [STATISTICS_TABLE.name]: counters.slice(i, i + 25).map((c) => ({ PutRequest: { Item: { month: c.month, cell: `live#${c.key}`, n: c.n } } })),
            },
          }),
        );
      // Publishing happens once a month, the hour the month settles: timed once.
      const settledAt = new Date(`${addMonths(month, 1)}-20T12:00:00.000Z`);
      const started = performance.now();
      await publishSettledMonths(store, settledAt);
      const publishMs = performance.now() - started;
      const samples: number[] = [];
      for (let i = 0; i < READS; i++) {
        const t0 = process.hrtime.bigint();
        await readStatistics(store, { from: addMonths(month, -11), to: month }, settledAt);
        samples.push(Number(process.hrtime.bigint() - t0));
      }
      const read = summarise(samples);
      print(
        `  ${tips.toLocaleString('en').padEnd(20)}${String(counters.length).padStart(12)}${`${publishMs.toFixed(0)} ms`.padStart(12)}${`${(read.p50 / 1e3).toFixed(1)} ms`.padStart(12)}${`${(read.p99 / 1e3).toFixed(1)} ms`.padStart(12)}${'13'.padStart(12)}`,
      );
      month = addMonths(month, 1);
    }
    print('  (items read: the published span and one published month per month of the year, whatever the tips)');
    client.destroy();
  } finally {
    await dynamo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
