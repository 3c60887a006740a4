// The statistics on DynamoDB (STATISTICS_TABLE). Live counts are ADDed in the same transaction
// as the tip or referral they count (countUpdates), so a write and its count happen together or
// not at all, and a retried write, conditional on its record's version, counts once. Publishing
// a month is a conditional put: the first publication of a month is the only one.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { MAX_STATISTICS_MONTHS } from '../config/defaults';
import { addMonths } from '../core/statistics/calendar';
import type { Counter } from '../core/statistics/counting';
import { partsOfCountKey } from '../core/statistics/counting';
import type { MonthCounts } from '../core/statistics/frame';
import { FUNNEL_STAGES, type Month, type PublishedMonth } from '../core/statistics/model';
import type { PublishedSpan, StatisticsPublisher, StatisticsReader } from '../core/statistics/store';
import type { Channel, IndicatorId, Lang, Level } from '../core/tip';

const LIVE = 'live#';
const PUBLISHED = 'published';
/** The partition that remembers the published span (no month is spelt like this). */
const SPAN_KEY = { month: 'months', cell: PUBLISHED };

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

/** The ADDs that keep the live counts of a write, to go in its transaction. */
export function countUpdates(table: string, delta: readonly Counter[]): TransactItem[] {
  return delta.map((counter) => ({
    Update: {
      TableName: table,
      Key: { month: counter.month, cell: `${LIVE}${counter.key}` },
      UpdateExpression: 'ADD #n :n',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':n': counter.n },
    },
  }));
}

/**
 * Two writes counting into the same category at the same moment cancel one of them with a
 * TransactionConflict (not a failed condition): that one is tried again, a few times, since
 * nothing it checked has changed.
 */
export async function transactCounting(client: DynamoDBDocumentClient, items: TransactItem[], attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error: unknown) {
      const conflictOnly =
        error instanceof TransactionCanceledException &&
        (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict') &&
        !(error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');
      if (!conflictOnly || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}

/** The Query of a month's live counts (its partition, the `live#` items). */
const liveCountsOf = (table: string, month: Month) => ({
  TableName: table,
  KeyConditionExpression: '#m = :month AND begins_with(#c, :live)',
  ExpressionAttributeNames: { '#m': 'month', '#c': 'cell' },
  ExpressionAttributeValues: { ':month': month, ':live': LIVE },
});

function toPublished(item: Record<string, unknown> | undefined): PublishedMonth | undefined {
  return typeof item?.body === 'string' ? (JSON.parse(item.body) as PublishedMonth) : undefined;
}

export function dynamoStatisticsReader(client: DynamoDBDocumentClient, table: string): StatisticsReader {
  return {
    async publishedMonths(months) {
      // One GetItem per month (a period is at most MAX_STATISTICS_MONTHS): what a period costs
      // depends on its months, never on how many tips they counted.
      const found = await Promise.all(
        months.map(async (month) =>
          toPublished((await client.send(new GetCommand({ TableName: table, Key: { month, cell: PUBLISHED }, ConsistentRead: true }))).Item),
        ),
      );
      return found.filter((month): month is PublishedMonth => month !== undefined);
    },

    async publishedSpan() {
      const out = await client.send(new GetCommand({ TableName: table, Key: SPAN_KEY, ConsistentRead: true }));
      return out.Item ? { first: String(out.Item.first), through: String(out.Item.through) } : undefined;
    },
  };
}

export function dynamoStatistics(client: DynamoDBDocumentClient, table: string): StatisticsPublisher {
  return {
    ...dynamoStatisticsReader(client, table),

    async firstCountedMonth(through) {
      // Read only until the first publication: the earliest month up to `through` holding any
      // live count, looked for month by month (one small Query each) as far back as a period goes.
      const months = Array.from({ length: MAX_STATISTICS_MONTHS }, (_, back) => addMonths(through, -back));
      const counted = await Promise.all(
        months.map(async (month) => {
          const out = await client.send(new QueryCommand({ ...liveCountsOf(table, month), Limit: 1 }));
          return (out.Items ?? []).length > 0;
        }),
      );
      const first = months.filter((_, i) => counted[i]).at(-1);
      return first;
    },

    async liveCounts(month) {
      const counts: MonthCounts = {
        month,
        tips: [],
        indicators: [],
        funnel: Object.fromEntries(FUNNEL_STAGES.map((stage) => [stage, 0])) as MonthCounts['funnel'],
      };
      let start: Record<string, unknown> | undefined;
      do {
        const out = await client.send(new QueryCommand({ ...liveCountsOf(table, month), ConsistentRead: true, ExclusiveStartKey: start }));
        for (const item of out.Items ?? []) {
          const count = Number(item.n);
          if (!(count > 0)) continue;
          const [kind, ...parts] = partsOfCountKey(String(item.cell).slice(LIVE.length));
          if (kind === 'tip') {
            const [region, level, channel, language] = parts as [string, Level, Channel, Lang];
            counts.tips.push({ region, level, channel, language, count });
          } else if (kind === 'ind') {
            const [region, level, indicator] = parts as [string, Level, IndicatorId];
            counts.indicators.push({ region, level, indicator, count });
          } else if (kind === 'funnel') counts.funnel[parts[0] as keyof MonthCounts['funnel']] = count;
        }
        start = out.LastEvaluatedKey;
      } while (start);
      return counts;
    },

    async publish(published, span: PublishedSpan) {
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table,
                  Item: { month: published.month, cell: PUBLISHED, body: JSON.stringify(published) },
                  ConditionExpression: 'attribute_not_exists(#c)',
                  ExpressionAttributeNames: { '#c': 'cell' },
                },
              },
              { Put: { TableName: table, Item: { ...SPAN_KEY, first: span.first, through: span.through } } },
            ],
          }),
        );
        return 'published';
      } catch (error: unknown) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return 'kept';
        if (error instanceof ConditionalCheckFailedException) return 'kept';
        throw error;
      }
    },
  };
}
