import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import {
  ACCESS_TOKEN_OR_SESSION,
  NO_ASSOCIATED_SOFTWARE_TOKEN,
  adoptSoftwareToken,
  checkPoolAllowsTotp,
  softwareTokenMfaNotFound,
} from '../../domain/mfa.js';
import { claimMfaSetupSession, countFailure, nextMfaSetupSession, putMfaSetupSessionBack } from '../../domain/signIn/mfa.js';
import { CognitoError, InvalidParameter } from '../../protocol/errors.js';

export interface VerifySoftwareTokenInput {
  AccessToken?: string;
  Session?: string;
  UserCode: string;
  FriendlyDeviceName?: string;
}

/**
 * Proves the secret AssociateSoftwareToken handed out with a code from the authenticator app; it
 * becomes the user's software token (spec C.5). With a Session, the new Session answers MFA_SETUP.
 */
export default async function verifySoftwareToken(input: VerifySoftwareTokenInput, ctx: Context) {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) throw InvalidParameter(ACCESS_TOKEN_OR_SESSION);

  if (input.AccessToken !== undefined) {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
    checkPoolAllowsTotp(pool);
    // The secret last associated: a pending one, else the verified token itself.
    const pending = user.mfa.pendingSecretCode ?? user.mfa.softwareToken?.secretCode;
    if (pending === undefined) throw softwareTokenMfaNotFound(NO_ASSOCIATED_SOFTWARE_TOKEN);
    user.mfa = adoptSoftwareToken(ctx, user, pending, input.UserCode, input.FriendlyDeviceName);
    ctx.store.transaction(() => ctx.store.users.update(user));
    return { Status: 'SUCCESS' };
  }

  const setup = claimMfaSetupSession(ctx, input.Session!, (signIn) => {
    checkPoolAllowsTotp(signIn.pool);
    if (signIn.state.pendingSecretCode === undefined) throw softwareTokenMfaNotFound(NO_ASSOCIATED_SOFTWARE_TOKEN);
  });
  const { signIn } = setup;
  const { user } = signIn;
  try {
    user.mfa = adoptSoftwareToken(ctx, user, signIn.state.pendingSecretCode as string, input.UserCode, input.FriendlyDeviceName);
  } catch (error) {
    // A mistyped code may be tried again with the same Session, a few times.
    if (error instanceof CognitoError && countFailure(signIn)) putMfaSetupSessionBack(setup);
    throw error;
  }
  delete signIn.state.pendingSecretCode;
  const session = ctx.store.transaction(() => {
    ctx.store.users.update(user);
    return nextMfaSetupSession(signIn, 'VERIFIED');
  });
  return { Status: 'SUCCESS', Session: session };
}
