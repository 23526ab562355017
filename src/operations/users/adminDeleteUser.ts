import type { Context } from '../../context.js';
import { findAdminUser } from '../../domain/users.js';

export default function adminDeleteUser(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  ctx.store.transaction(() => ctx.store.users.delete(user));
  return {};
}
