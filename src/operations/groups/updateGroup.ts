import type { Context } from '../../context.js';
import type { CreateGroupInput } from './createGroup.js';
import { findGroup, groupType } from '../../domain/groups.js';
import { findPool } from '../../domain/userPools.js';

/**
 * Changes the members of the group the request names; the others stay (AWS's UpdateGroup example
 * leaves RoleArn out and answers with the group's role unchanged).
 */
export default function updateGroup(input: CreateGroupInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const group = findGroup(ctx, pool, input.GroupName);
  const updated = {
    ...group,
    description: input.Description ?? group.description,
    roleArn: input.RoleArn ?? group.roleArn,
    precedence: input.Precedence ?? group.precedence,
    modifiedAt: ctx.clock.now(),
  };
  ctx.store.transaction(() => ctx.store.groups.save(updated));
  return { Group: groupType(updated) };
}
