// Sealed evidence in the local stack, as triage will write it: a span sealed with the stack's
// own local data keys under the evidence context, put straight into the Evidence table. And the
// stack's movable clock, moved far (past a retention) and back.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { seal } from '../../functions/adapters/envelope';
import { EVIDENCE_TABLE } from '../../functions/config/tables';
import { evidenceContext, spanIdOf, type EvidenceKind } from '../../functions/core/evidence/model';
import { localDataKeys } from '../../local/data-keys';
import { dynamo } from './local-aws';

export interface EvidenceStackRef {
  httpUrl: string;
  dynamoDbEndpoint: string;
  dataDir: string;
}

export const evidenceTable = (stack: EvidenceStackRef) =>
  DynamoDBDocumentClient.from(dynamo(stack.dynamoDbEndpoint), { marshallOptions: { removeUndefinedValues: true } });

/** The local stack's stand-in for KMS, from its data folder (global-setup's `data`). */
function stackDataKeys(stack: EvidenceStackRef) {
  const secrets = JSON.parse(readFileSync(join(stack.dataDir, 'data', 'secrets.json'), 'utf8')) as { vaultLocalKey: string };
  return localDataKeys(secrets.vaultLocalKey);
}

/** Seals `value` for the placeholder `ordinal` of message `messageId` and stores it for the tip; answers the span id. */
export async function plantSealedSpan(
  stack: EvidenceStackRef,
  span: { tipId: string; messageId: string; ordinal: number; kind: EvidenceKind; value: string },
): Promise<string> {
  const sealed = await seal(stackDataKeys(stack), span.value, evidenceContext(span.messageId, span.ordinal));
  const item = {
    tipId: span.tipId,
    itemKey: `span#${span.messageId}#${span.ordinal}`,
    messageId: span.messageId,
    ordinal: span.ordinal,
    kind: span.kind,
    sealed,
    createdAt: new Date().toISOString(),
  };
  await evidenceTable(stack).send(new PutCommand({ TableName: EVIDENCE_TABLE.name, Item: item }));
  return spanIdOf(span);
}

/** Every evidence item of a tip, as stored. */
export async function evidenceItems(stack: EvidenceStackRef, tipId: string): Promise<Array<Record<string, unknown>>> {
  const out = await evidenceTable(stack).send(
    new QueryCommand({
      TableName: EVIDENCE_TABLE.name,
      KeyConditionExpression: 'tipId = :t',
      ExpressionAttributeValues: { ':t': tipId },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

const WEEK_MINUTES = 7 * 24 * 60;

/** Moves the stack's clock by `minutes` (negative: back), a week at most per request as the stack allows. */
export async function moveClock(stack: { httpUrl: string }, minutes: number): Promise<number> {
  let left = Math.round(minutes);
  let offsetMs = 0;
  do {
    const step = Math.sign(left) * Math.min(Math.abs(left), WEEK_MINUTES);
    const res = await fetch(`${stack.httpUrl}/local/clock?advanceMinutes=${step}`, { method: 'POST' });
    offsetMs = ((await res.json()) as { offsetMs: number }).offsetMs;
    left -= step;
  } while (left !== 0);
  return offsetMs;
}

export async function clockOffsetMs(stack: { httpUrl: string }): Promise<number> {
  return ((await (await fetch(`${stack.httpUrl}/local/clock`)).json()) as { offsetMs: number }).offsetMs;
}
