// The staff directory in AWS: the users of the Cognito groups `operator` and `supervisor`. A
// colleague's id is their `sub`, the claim operator-auth.ts makes the actor's id, so that a tip
// handed to them shows as theirs when they sign in. Read whole (a line has tens of staff, not
// thousands) and kept for a minute: the dashboard asks each time the assign menu opens.
import { CognitoIdentityProviderClient, paginateListUsersInGroup, type UserType } from '@aws-sdk/client-cognito-identity-provider';
import { ENV } from '../config/env-names';
import { InvalidConfiguration } from '../config/runtime';
import type { StaffDirectory, StaffMember } from '../core/operator-actions';

const STAFF_GROUPS = ['operator', 'supervisor'] as const;
const CACHE_MS = 60_000;

const attribute = (user: UserType, name: string): string | undefined => user.Attributes?.find((a) => a.Name === name)?.Value || undefined;

/**
 * Who may hold a tip, by name. A disabled account is left out: it cannot sign in to work a tip.
 * A person in both groups is listed once, with both roles.
 */
export function staffFromGroups(groups: ReadonlyArray<{ group: StaffMember['roles'][number]; users: readonly UserType[] }>): StaffMember[] {
  const staff = new Map<string, StaffMember>();
  for (const { group, users } of groups) {
    for (const user of users) {
      const id = attribute(user, 'sub');
      if (!id || user.Enabled === false) continue;
      const member = staff.get(id) ?? { id, name: attribute(user, 'name') ?? user.Username ?? id, roles: [] };
      if (!member.roles.includes(group)) member.roles.push(group);
      staff.set(id, member);
    }
  }
  return [...staff.values()].sort((a, b) => a.name.localeCompare(b.name, 'es') || a.id.localeCompare(b.id));
}

/** Answers from its last read for a minute; a read that fails is not kept. */
export function cachedStaff(read: () => Promise<StaffMember[]>, now: () => number = Date.now): StaffDirectory {
  let kept: { at: number; staff: Promise<StaffMember[]> } | undefined;
  return {
    list() {
      if (kept && now() - kept.at < CACHE_MS) return kept.staff;
      const staff = read();
      const entry = { at: now(), staff };
      kept = entry;
      staff.catch(() => {
        if (kept === entry) kept = undefined;
      });
      return staff;
    },
  };
}

/** Fails at cold start without a pool: a deployment that cannot list its staff must not seem to work. */
export function cognitoStaffDirectory(userPoolId: string | undefined, client = new CognitoIdentityProviderClient({})): StaffDirectory {
  if (!userPoolId) throw new InvalidConfiguration(`Missing or invalid environment: ${ENV.staffUserPoolId}. See README "Configuration".`);
  return cachedStaff(async () => {
    const groups = await Promise.all(
      STAFF_GROUPS.map(async (group) => {
        const users: UserType[] = [];
        for await (const page of paginateListUsersInGroup({ client }, { UserPoolId: userPoolId, GroupName: group })) users.push(...(page.Users ?? []));
        return { group, users };
      }),
    );
    return staffFromGroups(groups);
  });
}
