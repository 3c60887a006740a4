// The staff directory of the local stack: the demo users (local/demo-users.json) in the groups
// `operator` and `supervisor`, by the same `sub` their local tokens carry, listed as Cognito's
// groups would list them (functions/adapters/cognito-staff.ts).
import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { staffFromGroups } from '../functions/adapters/cognito-staff';
import type { StaffDirectory } from '../functions/core/operator-actions';
import demoUsers from './demo-users.json' with { type: 'json' };
import { DEMO_USERS } from './identity';

const asCognitoUser = (username: string, person: { sub: string; name: string }): UserType => ({
  Username: username,
  Enabled: true,
  Attributes: [
    { Name: 'sub', Value: person.sub },
    { Name: 'name', Value: person.name },
  ],
});

export function demoStaffDirectory(): StaffDirectory {
  const inGroup = (group: 'operator' | 'supervisor') => ({
    group,
    users: DEMO_USERS.filter((user) => (demoUsers[user].groups as readonly string[]).includes(group)).map((user) => asCognitoUser(user, demoUsers[user])),
  });
  const staff = staffFromGroups([inGroup('operator'), inGroup('supervisor')]);
  return { list: async () => staff.map((member) => ({ ...member, roles: [...member.roles] })) };
}
