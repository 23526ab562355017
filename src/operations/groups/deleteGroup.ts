import type { Context } from '../../context.js';
import { findGroup } from '../../domain/groups.js';
import { findPool } from '../../domain/userPools.js';

/** Deletes the group; its members stay users of the pool, no longer in it. */
export default function deleteGroup(input: { UserPoolId: string; GroupName: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const group = findGroup(ctx, pool, input.GroupName);
  ctx.store.transaction(() => ctx.store.groups.delete(pool.id, group.groupName));
  return {};
}
