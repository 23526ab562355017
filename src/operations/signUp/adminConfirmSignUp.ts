import type { Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findUser } from '../../domain/users.js';
import { NO_CLIENT_ID, postConfirmation } from '../../domain/triggers.js';
import { NotAuthorized, UserNotFound } from '../../protocol/errors.js';

/** Confirms without a code; unlike ConfirmSignUp it does not mark email or phone verified. */
export default function adminConfirmSignUp(
  input: { UserPoolId: string; Username: string; ClientMetadata?: Record<string, string> },
  ctx: Context,
) {
  const pool = findPool(ctx, input.UserPoolId);
  const user = findUser(ctx.store, pool, input.Username);
  if (!user) throw UserNotFound('User does not exist.');
  if (user.status !== 'UNCONFIRMED') throw NotAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
  ctx.store.transaction(() => {
    user.status = 'CONFIRMED';
    user.modifiedAt = ctx.clock.now();
    delete user.codes.SIGN_UP;
    ctx.store.users.update(user);
  });
  postConfirmation(ctx, pool, user, NO_CLIENT_ID, input.ClientMetadata);
  return {};
}
