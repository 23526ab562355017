import type { Context } from '../../context.js';
import { findAdminUser } from '../../domain/users.js';

/** Lets a disabled user sign in again (their earlier tokens stay revoked). */
export default function adminEnableUser(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  ctx.store.transaction(() => {
    user.enabled = true;
    user.modifiedAt = ctx.clock.now();
    ctx.store.users.update(user);
  });
  return {};
}
