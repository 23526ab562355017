import type { Context } from '../../context.js';
import { groupExists, groupType } from '../../domain/groups.js';
import { findPool } from '../../domain/userPools.js';

export interface CreateGroupInput {
  UserPoolId: string;
  GroupName: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
}

/** A new group in the pool; its name must be new there. */
export default function createGroup(input: CreateGroupInput, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const now = ctx.clock.now();
  const group = {
    userPoolId: pool.id,
    groupName: input.GroupName,
    description: input.Description ?? null,
    roleArn: input.RoleArn ?? null,
    precedence: input.Precedence ?? null,
    createdAt: now,
    modifiedAt: now,
  };
  ctx.store.transaction(() => {
    if (ctx.store.groups.get(pool.id, group.groupName)) throw groupExists();
    ctx.store.groups.save(group);
  });
  return { Group: groupType(group) };
}
