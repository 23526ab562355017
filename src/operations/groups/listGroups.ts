import type { Context } from '../../context.js';
import { DEFAULT_GROUP_PAGE_SIZE, groupType } from '../../domain/groups.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findPool } from '../../domain/userPools.js';

/** The pool's groups by name, a page at a time (NextToken). */
export default function listGroups(input: { UserPoolId: string; Limit?: number; NextToken?: string }, ctx: Context) {
  const pool = findPool(ctx, input.UserPoolId);
  const limit = input.Limit || DEFAULT_GROUP_PAGE_SIZE;
  const found = ctx.store.groups.list(pool.id, decodeToken(input.NextToken), limit + 1);
  const { items, next } = page(found, limit, (group) => group.groupName);
  return { Groups: items.map(groupType), ...(next ? { NextToken: next } : {}) };
}
