// The agency directory as the operator API reads it, for GET /api/agencies and to check a
// referral: the roster's `agency` and `region` items, their data only. An agency's sealed contact
// is not even read (the projection leaves it out), and no other kind of roster item is (the IAM
// grant holds the function to those two partitions: lib/operator-api.ts).
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AGENCY_DIRECTORY_KINDS } from '../config/tables';
import type { Agency, RegionRule } from '../core/paging/model';
import { queryAll } from './aws-clients';

export interface AgencyDirectory {
  load(): Promise<{ agencies: Agency[]; regionRules: RegionRule[] }>;
}

export function dynamoAgencyDirectory(client: DynamoDBDocumentClient, rosterTable: string): AgencyDirectory {
  const dataOf = <T>(kind: (typeof AGENCY_DIRECTORY_KINDS)[number]) =>
    queryAll(
      client,
      {
        TableName: rosterTable,
        KeyConditionExpression: '#kind = :kind',
        ProjectionExpression: '#data',
        ExpressionAttributeNames: { '#kind': 'kind', '#data': 'data' },
        ExpressionAttributeValues: { ':kind': kind },
        ConsistentRead: true,
      },
      (item) => item.data as T,
    );
  return {
    async load() {
      const [agencies, regionRules] = await Promise.all([dataOf<Agency>('agency'), dataOf<RegionRule>('region')]);
      return { agencies, regionRules };
    },
  };
}
