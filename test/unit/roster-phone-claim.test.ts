// A responder's number is claimed in the same transaction that saves them, on the condition that
// nobody else holds it: a concurrent claim cannot slip between the roster API's look-up and its
// write. A transaction that merely collided with another is tried again.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoRosterWriter, PhoneTaken } from '../../functions/adapters/dynamo-roster';
import type { Responder } from '../../functions/core/paging';
import { localDataKeys } from '../../local/data-keys';

const keys = localDataKeys('0'.repeat(64));
const tables = { roster: 'Roster', responderContacts: 'ResponderContacts' };
const ana: Responder = { responderId: 'ana', name: 'Ana (test)', role: 'police', regions: ['Madre de Dios'], lang: 'es', active: true };
const phone = { e164: '+51911000001', contactKey: 'ck-ana' };

function cancelled(...codes: string[]): Error {
  return Object.assign(new Error('Transaction cancelled'), { name: 'TransactionCanceledException', CancellationReasons: codes.map((Code) => ({ Code })) });
}

/** A client that answers GetItem with nothing and each TransactWrite with the next outcome. */
function client(outcomes: Array<Error | 'ok'>) {
  const writes: Array<{ TransactItems: Array<Record<string, Record<string, unknown>>> }> = [];
  const send = async (command: { constructor: { name: string }; input: unknown }) => {
    if (command.constructor.name === 'GetCommand') return {};
    writes.push(command.input as (typeof writes)[number]);
    const outcome = outcomes.shift() ?? 'ok';
    if (outcome !== 'ok') throw outcome;
    return {};
  };
  return { db: { send } as unknown as DynamoDBDocumentClient, writes };
}

describe("the roster writer's claim on a number", () => {
  it('puts the contact key only if nobody else holds it', async () => {
    const { db, writes } = client(['ok']);

    await dynamoRosterWriter(db, tables, keys).putResponder(ana, phone);

    const claim = writes[0]!.TransactItems.find((item) => item.Put?.TableName === 'ResponderContacts')!.Put!;
    expect(claim).toMatchObject({
      Item: { contactKey: 'ck-ana', responderId: 'ana' },
      ConditionExpression: 'attribute_not_exists(contactKey) OR responderId = :responderId',
      ExpressionAttributeValues: { ':responderId': 'ana' },
    });
  });

  it('refuses with PhoneTaken when the condition fails, writing nothing', async () => {
    const { db, writes } = client([cancelled('None', 'ConditionalCheckFailed')]);

    await expect(dynamoRosterWriter(db, tables, keys).putResponder(ana, phone)).rejects.toBeInstanceOf(PhoneTaken);
    expect(writes).toHaveLength(1);
  });

  it('tries a transaction that collided with another again, up to three times', async () => {
    const twice = client([cancelled('TransactionConflict', 'None'), cancelled('None', 'TransactionConflict'), 'ok']);
    await dynamoRosterWriter(twice.db, tables, keys).putResponder(ana, phone);
    expect(twice.writes).toHaveLength(3);

    const always = client([cancelled('TransactionConflict'), cancelled('TransactionConflict'), cancelled('TransactionConflict')]);
    await expect(dynamoRosterWriter(always.db, tables, keys).putResponder(ana, phone)).rejects.toThrow('Transaction cancelled');
    expect(always.writes).toHaveLength(3);
  });
});
