// An agency's contact is sealed beside it in the Roster table, like a responder's phone: written
// by the roster API, kept when a supervisor edits the agency without one, and opened only by the
// adapter paging sends referrals with.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoAgencyContacts, dynamoRosterWriter } from '../../functions/adapters/dynamo-roster';
import type { Agency } from '../../functions/core/paging';
import { localDataKeys } from '../../local/data-keys';

const keys = localDataKeys('0'.repeat(64));
const tables = { roster: 'Roster', responderContacts: 'ResponderContacts' };
const fiscalia: Agency = { agencyId: 'fistrap-mdd', name: 'FISTRAP Madre de Dios (test)', kind: 'prosecutor', region: 'Madre de Dios', active: true };

/** A Roster table in memory, answering Get and Put as DynamoDB would (reading it whole is the integration tests'). */
function rosterTable() {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (key: { kind: unknown; id: unknown }) => `${String(key.kind)}#${String(key.id)}`;
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const input = command.input;
    switch (command.constructor.name) {
      case 'GetCommand':
        return { Item: structuredClone(items.get(keyOf(input.Key as { kind: string; id: string }))) };
      case 'PutCommand': {
        const item = input.Item as { kind: string; id: string };
        items.set(keyOf(item), structuredClone(item));
        return {};
      }
      default:
        throw new Error(`unexpected ${command.constructor.name}`);
    }
  };
  return { db: { send } as unknown as DynamoDBDocumentClient, items };
}

describe("an agency's contact", () => {
  it('is sealed on write, kept when the agency is saved without one, and opened only by the contacts adapter', async () => {
    const { db, items } = rosterTable();
    const writer = dynamoRosterWriter(db, tables, keys);

    await writer.putAgency(fiscalia, '+51900000202');
    await writer.putAgency({ ...fiscalia, name: 'Fiscalía contra la trata (test)' });

    const stored = items.get('agency#fistrap-mdd')!;
    expect(stored.sealedContact).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain('900000202');
    expect(stored.data).toEqual({ ...fiscalia, name: 'Fiscalía contra la trata (test)' });
    expect(await dynamoAgencyContacts(db, 'Roster', keys).contactOf('fistrap-mdd')).toBe('+51900000202');
    expect(await dynamoAgencyContacts(db, 'Roster', keys).contactOf('ong-mdd')).toBeUndefined();
  });
});
