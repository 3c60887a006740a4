// Cases and referrals on DynamoDB (CASES_TABLE): a `case` item and a `referral#<id>` item per
// referral under the case's key, each written on its version like a tip. Linking is one
// transaction: the case (created, or on its version) and every joining tip's `caseId` (on the
// tip's version, and only where none is set), so that a retry never leaves a tip pointing at a
// case that does not list it. An open referral carries `openReferral` for the sparse index the
// overdue list and paging's sweep read; closing it removes the attribute.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CASES_TABLE } from '../config/tables';
import { type CaseRecord, isReferralOpen, type ReferralRecord } from '../core/cases/model';
import { type CaseStore, CaseVersionConflict } from '../core/cases/store';
import { queryAll } from './aws-clients';
import { countUpdates, transactCounting } from './dynamo-statistics';
import { referralCountDelta } from '../core/statistics/counting';

export interface CaseTables {
  cases: string;
  /** The statistics' live counts: a referral's funnel steps are counted in the same transaction. */
  statistics: string;
  /** Linking sets `caseId` on tips (operator API only). */
  tips?: string;
}

// Checked against the table's shape, so that renaming the index cannot point a query elsewhere.
const OPEN_REFERRALS: (typeof CASES_TABLE.indexes)[number]['name'] = 'OpenReferralsByUpdate';
const OPEN = 'open';
const CASE_KEY = 'case';
const referralKey = (referralId: string) => `referral#${referralId}`;

function caseItem(record: CaseRecord): Record<string, unknown> {
  return { ...record, itemKey: CASE_KEY };
}

function referralItem(referral: ReferralRecord): Record<string, unknown> {
  return { ...referral, itemKey: referralKey(referral.referralId), ...(isReferralOpen(referral) ? { openReferral: OPEN } : {}) };
}

function toCase(item: Record<string, unknown>): CaseRecord {
  const { itemKey: _itemKey, ...record } = item;
  return record as unknown as CaseRecord;
}

function toReferral(item: Record<string, unknown>): ReferralRecord {
  const { itemKey: _itemKey, openReferral: _open, ...record } = item;
  return record as unknown as ReferralRecord;
}

/** SET the attributes that changed, REMOVE the ones `after` lost; keys untouched. */
function changes(before: Record<string, unknown>, after: Record<string, unknown>, keys: readonly string[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  let i = 0;
  for (const attribute of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (keys.includes(attribute)) continue;
    const name = `#a${i}`;
    if (after[attribute] === undefined) {
      names[name] = attribute;
      removes.push(name);
    } else if (JSON.stringify(after[attribute]) !== JSON.stringify(before[attribute])) {
      names[name] = attribute;
      values[`:v${i}`] = after[attribute];
      sets.push(`${name} = :v${i}`);
    }
    i++;
  }
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim();
  return { expression, names, values };
}

const lostRace = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict'));

export function dynamoCaseStore(client: DynamoDBDocumentClient, tables: CaseTables): CaseStore {
  const get = async (caseId: string, itemKey: string) =>
    (await client.send(new GetCommand({ TableName: tables.cases, Key: { caseId, itemKey }, ConsistentRead: true }))).Item;

  return {
    async getCase(caseId) {
      const item = await get(caseId, CASE_KEY);
      return item ? toCase(item) : undefined;
    },

    async getReferral(caseId, referralId) {
      const item = await get(caseId, referralKey(referralId));
      return item ? toReferral(item) : undefined;
    },

    async listReferrals(caseId) {
      const referrals = await queryAll(
        client,
        {
          TableName: tables.cases,
          KeyConditionExpression: 'caseId = :caseId AND begins_with(itemKey, :referral)',
          ExpressionAttributeValues: { ':caseId': caseId, ':referral': 'referral#' },
          ConsistentRead: true,
        },
        toReferral,
      );
      return referrals.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },

    openReferrals(updatedBy) {
      return queryAll(
        client,
        {
          TableName: tables.cases,
          IndexName: OPEN_REFERRALS,
          KeyConditionExpression: updatedBy === undefined ? 'openReferral = :open' : 'openReferral = :open AND lastUpdateAt <= :by',
          ExpressionAttributeValues: { ':open': OPEN, ...(updatedBy === undefined ? {} : { ':by': updatedBy }) },
          ScanIndexForward: true,
        },
        toReferral,
      );
    },

    async link(write) {
      if (!tables.tips) throw new Error('Linking tips needs the tips table; this function was not given it.');
      const tipsTable = tables.tips;
      const caseWrite =
        write.expectedCaseVersion === null
          ? { ConditionExpression: 'attribute_not_exists(caseId)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': write.expectedCaseVersion } };
      const tipWrites = write.tips.map(({ tipId, expectedVersion }) => ({
        Update: {
          TableName: tipsTable,
          Key: { tipId },
          UpdateExpression: 'SET caseId = :caseId, version = :next',
          // A tip joins one case, once: never moved from another by a stale decision.
          ConditionExpression: 'version = :expected AND attribute_not_exists(caseId)',
          ExpressionAttributeValues: { ':caseId': write.case.caseId, ':expected': expectedVersion, ':next': expectedVersion + 1 },
        },
      }));
      try {
        await client.send(
          new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tables.cases, Item: caseItem(write.case), ...caseWrite } }, ...tipWrites] }),
        );
      } catch (error: unknown) {
        if (lostRace(error)) throw new CaseVersionConflict(`Case ${write.case.caseId} or one of its tips`);
        throw error;
      }
    },

    async putReferral(referral) {
      await transactCounting(client, [
        { Put: { TableName: tables.cases, Item: referralItem(referral), ConditionExpression: 'attribute_not_exists(caseId)' } },
        ...countUpdates(tables.statistics, referralCountDelta(undefined, referral)),
      ]);
    },

    async updateReferral(before, after) {
      const { expression, names, values } = changes(referralItem(before), referralItem({ ...after, version: before.version + 1 }), ['caseId', 'itemKey']);
      try {
        const update = {
          TableName: tables.cases,
          Key: { caseId: before.caseId, itemKey: referralKey(before.referralId) },
          UpdateExpression: expression,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { ...names, '#version': 'version' },
          ExpressionAttributeValues: { ...values, ':expected': before.version },
        };
        const counts = referralCountDelta(before, after);
        if (counts.length === 0) await client.send(new UpdateCommand(update));
        else await transactCounting(client, [{ Update: update }, ...countUpdates(tables.statistics, counts)]);
      } catch (error: unknown) {
        if (lostRace(error)) throw new CaseVersionConflict(`Referral ${before.referralId}`);
        throw error;
      }
    },
  };
}
