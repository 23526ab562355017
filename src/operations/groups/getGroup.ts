import type { Context } from '../../context.js';
import { findGroup, groupType } from '../../domain/groups.js';
import { findPool } from '../../domain/userPools.js';

export default function getGroup(input: { UserPoolId: string; GroupName: string }, ctx: Context) {
  return { Group: groupType(findGroup(ctx, findPool(ctx, input.UserPoolId), input.GroupName)) };
}
