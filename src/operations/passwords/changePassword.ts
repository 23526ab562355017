import type { Call, Context } from '../../context.js';
import { EVENT_OF_OPERATION, eventOrigin, recordAuthEvent } from '../../domain/authEvents.js';
import { changePassword as setNewPassword, passwordMatches } from '../../domain/passwords.js';
import { INCORRECT_CREDENTIALS, passwordAttempt } from '../../domain/signIn/session.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { currentUser } from '../../domain/users.js';
import { InvalidParameter, LimitExceeded, NotAuthorized } from '../../protocol/errors.js';

export interface ChangePasswordInput {
  AccessToken: string;
  PreviousPassword?: string;
  ProposedPassword: string;
}

/**
 * UNSURE: PreviousPassword left out (the model makes it optional, for passwordless users, which
 * kognito has none of) is refused with InvalidParameterException; emulator text.
 */
export const PREVIOUS_PASSWORD_REQUIRED = 'PreviousPassword is required for a user who has a password.';

/** The text Cognito answers ChangePassword with while the password is locked (aws-sdk-android #627). */
export const ATTEMPT_LIMIT_EXCEEDED = 'Attempt limit exceeded, please try after some time.';

/**
 * The signed-in user changes their password: the previous one must be right (a wrong one counts
 * toward the same lockout as sign-in), the proposed one must meet the policy and the history.
 * Existing tokens stay valid, as in Cognito.
 */
export default async function changePassword(input: ChangePasswordInput, ctx: Context, call: Call) {
  const verified = await verifyAccessToken(ctx, input.AccessToken);
  const { pool } = verified;
  // Everything from here is synchronous, on the user as the store has them now.
  const user = currentUser(ctx, verified.user);
  const origin = eventOrigin(call);
  if (user.passwordVerifier) {
    if (input.PreviousPassword === undefined) throw InvalidParameter(PREVIOUS_PASSWORD_REQUIRED);
    const outcome = passwordAttempt(ctx, user, passwordMatches(pool, user, input.PreviousPassword));
    if (outcome === 'LOCKED') throw LimitExceeded(ATTEMPT_LIMIT_EXCEEDED);
    if (outcome === 'WRONG') {
      recordAuthEvent(ctx, pool, user, { type: EVENT_OF_OPERATION.ChangePassword, response: 'Fail', origin });
      throw NotAuthorized(INCORRECT_CREDENTIALS);
    }
  }
  ctx.store.transaction(() => {
    setNewPassword(ctx, pool, user, input.ProposedPassword);
    user.modifiedAt = ctx.clock.now();
    ctx.store.users.update(user);
    recordAuthEvent(ctx, pool, user, { type: EVENT_OF_OPERATION.ChangePassword, response: 'Pass', origin });
  });
  return {};
}
