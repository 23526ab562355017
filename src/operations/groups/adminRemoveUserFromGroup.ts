import type { Context } from '../../context.js';
import { findGroup } from '../../domain/groups.js';
import { findAdminUser } from '../../domain/users.js';

/** Takes the user out of the group (not in it: nothing changes). */
export default function adminRemoveUserFromGroup(input: { UserPoolId: string; Username: string; GroupName: string }, ctx: Context) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  const group = findGroup(ctx, pool, input.GroupName);
  ctx.store.transaction(() => ctx.store.groups.removeMember(pool.id, group.groupName, user.usernameKey));
  return {};
}
