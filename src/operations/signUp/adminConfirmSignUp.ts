import type { Call, Context } from '../../context.js';
import { findPool } from '../../domain/userPools.js';
import { findUser } from '../../domain/users.js';
import { postConfirmation } from '../../domain/triggers/signUp.js';
import { afterTrigger, NO_CLIENT_ID } from '../../domain/triggers/trigger.js';
import { NotAuthorized, UserNotFound } from '../../protocol/errors.js';

/** Confirms without a code; unlike ConfirmSignUp it does not mark email or phone verified. */
export default function adminConfirmSignUp(
  input: { UserPoolId: string; Username: string; ClientMetadata?: Record<string, string> },
  ctx: Context,
  call: Call,
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
  const confirmed = postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', { clientId: NO_CLIENT_ID, call }, input.ClientMetadata);
  return afterTrigger(confirmed, {});
}
