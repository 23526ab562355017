import type { Context } from '../../context.js';
import { findGroup } from '../../domain/groups.js';
import { findAdminUser } from '../../domain/users.js';

/** Puts the user in the group (already there: nothing changes). Their next tokens carry it. */
export default function adminAddUserToGroup(input: { UserPoolId: string; Username: string; GroupName: string }, ctx: Context) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  const group = findGroup(ctx, pool, input.GroupName);
  ctx.store.transaction(() => ctx.store.groups.addMember(pool.id, group.groupName, user.usernameKey, ctx.clock.now()));
  return {};
}
