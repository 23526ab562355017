import type { Context } from '../../context.js';
import { verifyAccessToken } from '../../domain/tokens.js';
import { newSecretCode } from '../../domain/totp.js';
import { ACCESS_TOKEN_OR_SESSION, checkPoolAllowsTotp } from '../../domain/mfa.js';
import { claimMfaSetupSession, nextMfaSetupSession } from '../../domain/signIn/mfa.js';
import { InvalidParameter } from '../../protocol/errors.js';

export interface AssociateSoftwareTokenInput {
  AccessToken?: string;
  Session?: string;
}

/**
 * A new authenticator-app secret for a signed-in user (AccessToken) or for a sign-in at MFA_SETUP
 * (Session). The secret stays pending, and any verified token keeps working, until
 * VerifySoftwareToken proves the new one (spec C.4).
 */
export default async function associateSoftwareToken(input: AssociateSoftwareTokenInput, ctx: Context) {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) throw InvalidParameter(ACCESS_TOKEN_OR_SESSION);
  const secretCode = newSecretCode();

  if (input.AccessToken !== undefined) {
    const { pool, user } = await verifyAccessToken(ctx, input.AccessToken);
    checkPoolAllowsTotp(pool);
    user.mfa = { ...user.mfa, pendingSecretCode: secretCode };
    ctx.store.transaction(() => ctx.store.users.update(user));
    return { SecretCode: secretCode };
  }

  const { signIn } = claimMfaSetupSession(ctx, input.Session!, (signIn) => checkPoolAllowsTotp(signIn.pool));
  signIn.state.pendingSecretCode = secretCode;
  const session = ctx.store.transaction(() => nextMfaSetupSession(signIn, 'ASSOCIATED'));
  return { SecretCode: secretCode, Session: session };
}

