import type { Call, Context } from '../../context.js';
import type { AliasAttribute } from '../../store/users.js';
import { checkSecretHash, findClient, preventsUserExistenceErrors } from '../../domain/appClients.js';
import { checkCode } from '../../domain/codes.js';
import { claimOnce } from '../../domain/singleUse.js';
import { postConfirmation } from '../../domain/triggers/signUp.js';
import { afterTrigger } from '../../domain/triggers/trigger.js';
import { aliasExists, aliasHolder, findUser } from '../../domain/users.js';
import { CodeMismatch, NotAuthorized, UserNotFound } from '../../protocol/errors.js';

export interface ConfirmSignUpInput {
  ClientId: string;
  SecretHash?: string;
  Username: string;
  ConfirmationCode: string;
  ForceAliasCreation?: boolean;
  AnalyticsMetadata?: { AnalyticsEndpointId?: string };
  UserContextData?: { IpAddress?: string; EncodedData?: string };
  ClientMetadata?: Record<string, string>;
  Session?: string;
}

/**
 * UNSURE (spec C.6 step 2): with PreventUserExistenceErrors a missing user looks like a wrong code.
 */
export const HIDDEN_MISSING_USER_MESSAGE = 'Invalid verification code provided, please try again.';

/** Spec protocol-and-signup.md C.6: the checks in the order Cognito makes them. */
export default function confirmSignUp(input: ConfirmSignUpInput, ctx: Context, call: Call) {
  const { client, pool } = findClient(ctx, input.ClientId);
  checkSecretHash(client, input.Username, input.SecretHash);

  // The code is claimed (checked and spent with the user read afresh) in one go, before any await:
  // of concurrent confirmations exactly one wins.
  const user = claimOnce(ctx, () => {
    const user = findUser(ctx.store, pool, input.Username);
    if (!user) {
      if (preventsUserExistenceErrors(client)) throw CodeMismatch(HIDDEN_MISSING_USER_MESSAGE);
      throw UserNotFound('Username/client id combination not found.');
    }
    if (user.status !== 'UNCONFIRMED') throw NotAuthorized(`User cannot be confirmed. Current status is ${user.status}`);

    const code = checkCode(ctx, pool, user, 'SIGN_UP', input.ConfirmationCode);
    const verified = code.attributeName as AliasAttribute | null;
    // The verified email/phone becomes an active alias: it may only have one holder.
    const holder = verified && aliasHolder(ctx, pool, user, verified, user.attributes[verified], true);
    if (holder) {
      if (!input.ForceAliasCreation) throw aliasExists(verified);
      holder.attributes[`${verified}_verified`] = 'false';
      holder.modifiedAt = ctx.clock.now();
      ctx.store.users.update(holder);
    }
    user.status = 'CONFIRMED';
    if (verified) user.attributes[`${verified}_verified`] = 'true';
    user.modifiedAt = ctx.clock.now();
    delete user.codes.SIGN_UP;
    ctx.store.users.update(user);
    return user;
  });

  // The user stays confirmed if PostConfirmation fails; the caller sees its error (as in Cognito).
  const confirmed = postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', { clientId: client.ClientId, call }, input.ClientMetadata);
  return afterTrigger(confirmed, {});
}
