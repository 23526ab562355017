import type { Context } from '../context.js';
import type { UserPool } from '../store/userPools.js';
import type { User } from '../store/users.js';
import { findPool } from '../domain/userPools.js';
import { attributeList, findUser, mfaFields } from '../domain/users.js';
import { UserNotFound } from '../protocol/errors.js';

/** Admin operations name a pool and a user; a missing user is "User does not exist.". */
export function findAdminUser(ctx: Context, userPoolId: string, username: string): { pool: UserPool; user: User } {
  const pool = findPool(ctx, userPoolId);
  const user = findUser(ctx.store, pool, username);
  if (!user) throw UserNotFound('User does not exist.');
  return { pool, user };
}

export default function adminGetUser(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: user.createdAt / 1000,
    UserLastModifiedDate: user.modifiedAt / 1000,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaFields(user),
  };
}
