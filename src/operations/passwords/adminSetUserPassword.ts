import type { Context } from '../../context.js';
import { changePassword } from '../../domain/passwords.js';
import { findAdminUser } from '../../domain/users.js';

export interface AdminSetUserPasswordInput {
  UserPoolId: string;
  Username: string;
  Password: string;
  Permanent?: boolean;
}

/**
 * Sets a user's password (policy, then history). Permanent: the user is CONFIRMED and signs in with it.
 * Otherwise it is a temporary password: FORCE_CHANGE_PASSWORD, NEW_PASSWORD_REQUIRED at the next
 * sign-in, valid TemporaryPasswordValidityDays from now. Any status, UNCONFIRMED included
 * (aws-sdk-js #2976), and a pending reset code is dropped.
 */
export default function adminSetUserPassword(input: AdminSetUserPasswordInput, ctx: Context) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  ctx.store.transaction(() => {
    changePassword(ctx, pool, user, input.Password);
    user.status = input.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    user.modifiedAt = ctx.clock.now();
    delete user.codes.FORGOT_PASSWORD;
    ctx.store.users.update(user);
  });
  return {};
}
