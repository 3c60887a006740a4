// The on-call roster on DynamoDB: one item per responder, rotation, override, policy, agency and
// region rule. A responder's phone is sealed (envelope encryption, purpose 'responder-phone'),
// and their contact key goes to ResponderContacts so that intake can recognise an ACK without
// reading the roster. Only the paging function opens a phone, to send a page. An agency's contact
// is sealed the same way (purpose 'agency-contact'), opened only to send it a referral.
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Agency, EscalationPolicy, Override, RegionRule, Responder, Rotation } from '../core/paging';
import type { AgencyContacts, DataKeySource, ResponderLookup, ResponderPhones, RosterAdminReader, RosterKind, RosterWriter } from '../core/ports';
import { open, seal } from './envelope';
import { queryAll } from './aws-clients';

export interface RosterTables {
  roster: string;
  responderContacts: string;
}

const phoneContext = (responderId: string) => ({ purpose: 'responder-phone', responderId });
const agencyContext = (agencyId: string) => ({ purpose: 'agency-contact', agencyId });

/** The number's contact key already belongs to another responder (the write was conditional on it). */
export class PhoneTaken extends Error {
  override name = 'PhoneTaken';
}

function cancelledFor(error: unknown, code: 'ConditionalCheckFailed' | 'TransactionConflict'): boolean {
  const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons;
  return error instanceof Error && error.name === 'TransactionCanceledException' && (reasons ?? []).some((reason) => reason.Code === code);
}

/** A transaction that lost a race for an item is tried again, so that the condition, not the race, decides. */
const TRANSACTION_ATTEMPTS = 3;

/** Every item of one kind, read consistently: a roster change must see the one before it. */
function queryKind<T>(client: DynamoDBDocumentClient, table: string, kind: RosterKind): Promise<T[]> {
  return itemsOfKind(client, table, kind).then((items) => items.map((item) => item.data as T));
}

function itemsOfKind(client: DynamoDBDocumentClient, table: string, kind: RosterKind): Promise<Array<Record<string, unknown>>> {
  const input = { TableName: table, KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': kind }, ConsistentRead: true };
  return queryAll(client, input, (item) => item);
}

export function dynamoRosterReader(client: DynamoDBDocumentClient, table: string): RosterAdminReader {
  return {
    async loadWithPhoneFlags() {
      const [responderItems, rotations, overrides, policies, agencyItems, regionRules] = await Promise.all([
        itemsOfKind(client, table, 'responder'),
        queryKind<Rotation>(client, table, 'rotation'),
        queryKind<Override>(client, table, 'override'),
        queryKind<EscalationPolicy>(client, table, 'policy'),
        itemsOfKind(client, table, 'agency'),
        queryKind<RegionRule>(client, table, 'region'),
      ]);
      // Only the presence of the sealed phone leaves this function; the ciphertext stays here.
      const hasPhone = new Set(responderItems.filter((item) => typeof item.sealedPhone === 'string').map((item) => (item.data as Responder).responderId));
      const hasContact = new Set(agencyItems.filter((item) => typeof item.sealedContact === 'string').map((item) => (item.data as Agency).agencyId));
      const responders = responderItems.map((item) => item.data as Responder);
      const agencies = agencyItems.map((item) => item.data as Agency);
      return { roster: { responders, rotations, overrides, policies, agencies, regionRules }, hasPhone, hasContact };
    },
    async load() {
      const [responders, rotations, overrides, policies, agencies, regionRules] = await Promise.all([
        queryKind<Responder>(client, table, 'responder'),
        queryKind<Rotation>(client, table, 'rotation'),
        queryKind<Override>(client, table, 'override'),
        queryKind<EscalationPolicy>(client, table, 'policy'),
        queryKind<Agency>(client, table, 'agency'),
        queryKind<RegionRule>(client, table, 'region'),
      ]);
      return { responders, rotations, overrides, policies, agencies, regionRules };
    },
  };
}

export function dynamoResponderPhones(client: DynamoDBDocumentClient, table: string, keys: DataKeySource): ResponderPhones {
  return {
    async phoneOf(responderId) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { kind: 'responder', id: responderId }, ConsistentRead: true }));
      const sealed = out.Item?.sealedPhone;
      return typeof sealed === 'string' ? open(keys, sealed, phoneContext(responderId)) : undefined;
    },
  };
}

/** Opens an agency's sealed contact; the roster's other readers never do. */
export function dynamoAgencyContacts(client: DynamoDBDocumentClient, table: string, keys: DataKeySource): AgencyContacts {
  return {
    async contactOf(agencyId) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { kind: 'agency', id: agencyId }, ConsistentRead: true }));
      const sealed = out.Item?.sealedContact;
      return typeof sealed === 'string' ? open(keys, sealed, agencyContext(agencyId)) : undefined;
    },
  };
}

export function dynamoRosterWriter(client: DynamoDBDocumentClient, tables: RosterTables, keys: DataKeySource): RosterWriter {
  return {
    async putResponder(responder, phone) {
      const previous = await client.send(
        new GetCommand({ TableName: tables.roster, Key: { kind: 'responder', id: responder.responderId }, ConsistentRead: true }),
      );
      const oldKey = previous.Item?.contactKey as string | undefined;
      const item: Record<string, unknown> = { kind: 'responder', id: responder.responderId, data: responder };
      if (phone) {
        item.sealedPhone = await seal(keys, phone.e164, phoneContext(responder.responderId));
        item.contactKey = phone.contactKey;
      } else if (previous.Item) {
        item.sealedPhone = previous.Item.sealedPhone;
        item.contactKey = oldKey;
      }
      const contactKey = item.contactKey as string | undefined;
      // The number is taken only if nobody else holds it, checked in the same transaction: the
      // roster API's look-up before it cannot see a concurrent write.
      const claim = {
        TableName: tables.responderContacts,
        Item: { contactKey, responderId: responder.responderId },
        ConditionExpression: 'attribute_not_exists(contactKey) OR responderId = :responderId',
        ExpressionAttributeValues: { ':responderId': responder.responderId },
      };
      const write = new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tables.roster, Item: item } },
          ...(oldKey && oldKey !== contactKey ? [{ Delete: { TableName: tables.responderContacts, Key: { contactKey: oldKey } } }] : []),
          ...(contactKey ? [{ Put: claim }] : []),
        ],
      });
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(write);
          return;
        } catch (error: unknown) {
          if (cancelledFor(error, 'ConditionalCheckFailed')) throw new PhoneTaken();
          if (!cancelledFor(error, 'TransactionConflict') || attempt >= TRANSACTION_ATTEMPTS) throw error;
        }
      }
    },
    async putAgency(agency, contact) {
      const item: Record<string, unknown> = { kind: 'agency', id: agency.agencyId, data: agency };
      if (contact !== undefined) item.sealedContact = await seal(keys, contact, agencyContext(agency.agencyId));
      else {
        const previous = await client.send(new GetCommand({ TableName: tables.roster, Key: { kind: 'agency', id: agency.agencyId }, ConsistentRead: true }));
        if (typeof previous.Item?.sealedContact === 'string') item.sealedContact = previous.Item.sealedContact;
      }
      await client.send(new PutCommand({ TableName: tables.roster, Item: item }));
    },
    async put(kind, id, data) {
      await client.send(new PutCommand({ TableName: tables.roster, Item: { kind, id, data } }));
    },
    async remove(kind, id) {
      await client.send(new DeleteCommand({ TableName: tables.roster, Key: { kind, id } }));
    },
  };
}

export function dynamoResponderLookup(client: DynamoDBDocumentClient, table: string): ResponderLookup {
  return {
    async responderFor(contactKey) {
      const out = await client.send(new GetCommand({ TableName: table, Key: { contactKey } }));
      return typeof out.Item?.responderId === 'string' ? out.Item.responderId : undefined;
    },
  };
}
