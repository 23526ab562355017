import type { Context } from '../../context.js';
import { deleteAttributes } from '../../domain/attributeUpdates.js';
import { findAdminUser } from '../../domain/users.js';

/** An administrator deletes attribute values; required and immutable ones stay. Existing tokens keep theirs. */
export default function adminDeleteUserAttributes(input: { UserPoolId: string; Username: string; UserAttributeNames: string[] }, ctx: Context) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  deleteAttributes(ctx, pool, user, input.UserAttributeNames, { admin: true });
  return {};
}
