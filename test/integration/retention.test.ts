// A closed tip takes everything it holds with it: closing gives its messages and its receipt the
// tip's expiresAt (the tables' time-to-live), a note written afterwards takes it too, and
// reopening clears it everywhere. Checked in DynamoDB Local, as the tables hold it.
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { call, postWebTip, queuedTip } from '../support/operator';
import { dynamo } from '../support/local-aws';

const stack = inject('stack');
const { operator, supervisor } = stack.tokens as Record<'operator' | 'supervisor', string>;
const db = DynamoDBDocumentClient.from(dynamo(stack.dynamoDbEndpoint));

async function expiryOf(tipId: string): Promise<{ tip: unknown; messages: unknown[]; receipts: unknown[] }> {
  const byTip = async (TableName: string, IndexName: string) =>
    (
      (await db.send(new QueryCommand({ TableName, IndexName, KeyConditionExpression: 'tipId = :t', ExpressionAttributeValues: { ':t': tipId } }))).Items ?? []
    ).map((item) => item.expiresAt);
  const tip = (await db.send(new GetCommand({ TableName: 'Tips', Key: { tipId } }))).Item;
  return { tip: tip?.expiresAt, messages: await byTip('Messages', 'MessagesByTip'), receipts: await byTip('Receipts', 'ReceiptsByTip') };
}

describe('retention of what a tip holds', () => {
  it('closing sets the tip’s expiresAt on its messages and receipt, a later note takes it, reopening clears all', async () => {
    // Arrange: a web tip (it has a receipt) with a note.
    const marker = 'retencion-cierre';
    expect((await postWebTip(stack, { text: `${marker}: vi un anuncio de trabajo con pasaje pagado` })).status).toBe(202);
    const tip = await queuedTip(stack, marker);
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/notes`, { text: 'Revisado.' })).status).toBe(201);
    expect(await expiryOf(tip.tipId)).toEqual({ tip: undefined, messages: [undefined, undefined], receipts: [undefined] });

    // Act: close.
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'closed', outcome: 'no_trafficking' })).status).toBe(200);

    // Assert
    const closed = await expiryOf(tip.tipId);
    expect(typeof closed.tip).toBe('number');
    expect(closed.messages).toEqual([closed.tip, closed.tip]);
    expect(closed.receipts).toEqual([closed.tip]);

    // A note on the closed tip goes when the tip goes.
    expect((await call(stack, operator, 'POST', `/api/tips/${tip.tipId}/notes`, { text: 'Cerrado sin indicios.' })).status).toBe(201);
    expect((await expiryOf(tip.tipId)).messages).toEqual([closed.tip, closed.tip, closed.tip]);

    // Reopening keeps everything again.
    expect((await call(stack, supervisor, 'POST', `/api/tips/${tip.tipId}/status`, { status: 'in_review' })).status).toBe(200);
    expect(await expiryOf(tip.tipId)).toEqual({ tip: undefined, messages: [undefined, undefined, undefined], receipts: [undefined] });
  });
});
