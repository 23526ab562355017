import type { Call, Context } from '../../context.js';
import { checkSecretHash, findClient, preventsUserExistenceErrors } from '../../domain/appClients.js';
import { EVENT_OF_OPERATION, eventOrigin, recordAuthEvent } from '../../domain/authEvents.js';
import { checkCode } from '../../domain/codes.js';
import { claimOnce } from '../../domain/singleUse.js';
import { postConfirmation } from '../../domain/triggers/signUp.js';
import { afterTrigger } from '../../domain/triggers/trigger.js';
import { changePassword } from '../../domain/passwords.js';
import { findUser, USER_DISABLED } from '../../domain/users.js';
import { CodeMismatch, NotAuthorized, UserNotConfirmed, UserNotFound } from '../../protocol/errors.js';
import { HIDDEN_MISSING_USER_MESSAGE } from '../signUp/confirmSignUp.js';

export interface ConfirmForgotPasswordInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ConfirmationCode: string;
  Password: string;
  AnalyticsMetadata?: { AnalyticsEndpointId?: string };
  UserContextData?: { IpAddress?: string; EncodedData?: string };
  ClientMetadata?: Record<string, string>;
}

/**
 * UNSURE: an UNCONFIRMED user holding a reset code (possible only once an administrator verified
 * their email or phone) is answered UserNotConfirmedException, which the model lists, rather than
 * confirmed by the reset.
 */
export const RESET_REFUSES_UNCONFIRMED = true;

/**
 * The code ForgotPassword or AdminResetUserPassword sent, and a new password (policy, then history).
 * A user in RESET_REQUIRED or FORCE_CHANGE_PASSWORD ends CONFIRMED. The code counts wrong attempts and
 * is replaced by a newer one as sign-up codes are; a refused password leaves it usable.
 */
export default function confirmForgotPassword(input: ConfirmForgotPasswordInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);
  // PreventUserExistenceErrors: a missing or disabled user looks like a wrong code (developer guide).
  const hideExistence = preventsUserExistenceErrors(client);
  // The code is claimed (checked and spent, with the user read afresh) in one go, before any await:
  // of concurrent resets with one code exactly one wins. A refused password keeps the code.
  const user = claimOnce(ctx, () => {
    const user = findUser(ctx.store, pool, input.Username);
    if (!user) {
      if (hideExistence) throw CodeMismatch(HIDDEN_MISSING_USER_MESSAGE);
      throw UserNotFound('Username/client id combination not found.');
    }
    if (!user.enabled) {
      if (hideExistence) throw CodeMismatch(HIDDEN_MISSING_USER_MESSAGE);
      throw NotAuthorized(USER_DISABLED);
    }
    checkCode(ctx, pool, user, 'FORGOT_PASSWORD', input.ConfirmationCode);
    if (RESET_REFUSES_UNCONFIRMED && user.status === 'UNCONFIRMED') throw UserNotConfirmed('User is not confirmed.');
    changePassword(ctx, pool, user, input.Password);
    user.status = 'CONFIRMED';
    user.modifiedAt = ctx.clock.now();
    delete user.codes.FORGOT_PASSWORD;
    ctx.store.users.update(user);
    recordAuthEvent(ctx, pool, user, { type: EVENT_OF_OPERATION.ConfirmForgotPassword, response: 'Pass', origin: eventOrigin(call, input.UserContextData) });
    return user;
  });
  const confirmed = postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmForgotPassword', { clientId: client.ClientId, call }, input.ClientMetadata);
  return afterTrigger(confirmed, {});
}
