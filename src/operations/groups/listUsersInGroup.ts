import type { Context } from '../../context.js';
import type { User } from '../../store/users.js';
import { DEFAULT_GROUP_PAGE_SIZE, findGroup } from '../../domain/groups.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';
import { userType } from '../../domain/users.js';

/** The group's members (UserType) in username order, a page at a time (NextToken). */
export default function listUsersInGroup(input: { UserPoolId: string; GroupName: string; Limit?: number; NextToken?: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const group = findGroup(ctx, pool, input.GroupName);
  const limit = input.Limit || DEFAULT_GROUP_PAGE_SIZE;
  const keys = ctx.store.groups.memberKeys(pool.id, group.groupName, decodeToken(input.NextToken), limit + 1);
  const members = keys.map((key) => ctx.store.users.byUsernameKey(pool.id, key)).filter((user): user is User => user !== undefined);
  const { items, next } = page(members, limit, (user) => user.usernameKey);
  return { Users: items.map(userType), ...(next ? { NextToken: next } : {}) };
}
