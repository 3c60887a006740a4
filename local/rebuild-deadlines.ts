// At start, every open page's deadline is held again from the paging table: the local SQS
// server keeps its messages in memory, and a data folder from before deadlines were kept (or a
// stack killed between storing a state and keeping its deadline) would otherwise leave a page
// that never escalates. A deadline held twice is harmless: paging treats the second as stale.
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { sqsMessageBody } from '../functions/adapters/sqs-queue';
import { isPagingOpen, type PagingState } from '../functions/core/paging';
import type { PagingJob } from '../functions/core/paging/jobs';

/** Paging's table also holds each region's ledger; a state is the item with a policy and a step. */
const isPagingState = (item: Record<string, unknown>): boolean =>
  typeof item.tipId === 'string' && typeof item.policyId === 'string' && typeof item.step === 'number' && typeof item.cycle === 'number';

export async function openDeadlines(client: DynamoDBDocumentClient, table: string): Promise<Array<{ body: string; dueAt: Date }>> {
  const deadlines: Array<{ body: string; dueAt: Date }> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      if (!isPagingState(item)) continue;
      const state = item as unknown as PagingState;
      if (!isPagingOpen(state) || state.deadlineAt === undefined) continue;
      // The same job, in the same shape, that paging schedules (core/paging/carry-out.ts).
      const job: PagingJob = { type: 'DeadlineDue', tipId: state.tipId, step: state.step, cycle: state.cycle };
      deadlines.push({ body: sqsMessageBody(job), dueAt: new Date(state.deadlineAt) });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return deadlines;
}
