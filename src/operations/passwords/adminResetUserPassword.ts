import type { Call, Context } from '../../context.js';
import { checkPasswordResettable, recoveryTarget } from '../../domain/accountRecovery.js';
import { checkCodeSendLimit, PASSWORD_RESET_CODE_VALIDITY_MS, sendCode } from '../../domain/codes.js';
import { findAdminUser, USER_DISABLED } from '../../domain/users.js';
import { NotAuthorized, UserNotFound } from '../../protocol/errors.js';
import { codeMessage, composeMessage } from '../../domain/triggers/messages.js';
import { NO_CLIENT_ID } from '../../domain/triggers/trigger.js';

/**
 * Puts the user in RESET_REQUIRED: their password no longer signs in (PasswordResetRequiredException)
 * and their tokens are refused until ConfirmForgotPassword. A reset code goes to their verified email
 * or phone when they have one (by AccountRecoverySetting); without one, nothing is sent and the user
 * needs ForgotPassword once they have a verified channel, or AdminSetUserPassword.
 */
export default async function adminResetUserPassword(input: { UserPoolId: string; Username: string; ClientMetadata?: Record<string, string> }, ctx: Context, call: Call) {
  const { pool, user } = findAdminUser(ctx, input.UserPoolId, input.Username);
  // A disabled user is refused (amazon-cognito-identity-js #373: "User is disabled").
  if (!user.enabled) throw NotAuthorized(USER_DISABLED);
  checkPasswordResettable(user, 'AdminResetUserPassword');
  const target = recoveryTarget(pool, user);
  if (target) checkCodeSendLimit(ctx, user, 'FORGOT_PASSWORD'); // before the trigger; sendCode checks again
  // The code goes out as ForgotPassword's does (CustomMessage_ForgotPassword), composed before anything is written.
  const message =
    target && (await composeMessage(ctx, pool, user, codeMessage(ctx, 'FORGOT_PASSWORD', target.attributeName, { clientId: NO_CLIENT_ID, call }, input.ClientMetadata)));
  ctx.store.transaction(() => {
    const current = ctx.store.users.byUsernameKey(pool.id, user.usernameKey);
    if (!current) throw UserNotFound('User does not exist.');
    current.status = 'RESET_REQUIRED';
    current.modifiedAt = ctx.clock.now();
    if (target) sendCode(ctx, pool, current, 'FORGOT_PASSWORD', 'FORGOT_PASSWORD', target, PASSWORD_RESET_CODE_VALIDITY_MS, message);
    ctx.store.users.update(current);
  });
  return {};
}
