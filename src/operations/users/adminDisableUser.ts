import type { Context } from '../../context.js';
import { findAdminUser } from '../../domain/users.js';

/**
 * Deactivates the user and revokes all their tokens (API reference): sign-in answers "User is
 * disabled.", and so do their access and refresh tokens and any sign-in in progress. Re-enabling does
 * not bring the revoked tokens back. The user still shows in ListUsers (Enabled false).
 */
export default function adminDisableUser(input: { UserPoolId: string; Username: string }, ctx: Context) {
  const { user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  ctx.store.transaction(() => {
    user.enabled = false;
    user.modifiedAt = ctx.clock.now();
    ctx.store.users.update(user);
    ctx.store.refreshTokens.revokeUser(user.userPoolId, user.username);
  });
  return {};
}
