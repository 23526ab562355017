import type { Context } from '../../context.js';
import { DEFAULT_GROUP_PAGE_SIZE, groupsOf, groupType, membershipPosition } from '../../domain/groups.js';
import { decodeToken, page } from '../../domain/pagination.js';
import { findAdminUser } from '../../domain/users.js';

/** The user's groups in the order their tokens list them, a page at a time (NextToken). */
export default function adminListGroupsForUser(
  input: { UserPoolId: string; Username: string; Limit?: number; NextToken?: string },
  ctx: Context,
) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  const limit = input.Limit || DEFAULT_GROUP_PAGE_SIZE;
  const after = decodeToken(input.NextToken);
  const found = groupsOf(ctx.store, user).filter((group) => after === undefined || membershipPosition(group) > after);
  const { items, next } = page(found, limit, membershipPosition);
  return { Groups: items.map(groupType), ...(next ? { NextToken: next } : {}) };
}
