/** Primitives every sign-in step uses: challenge Sessions, their errors, the account checks. */
import type { Context } from '../../context.js';
import type { AuthSession } from '../../store/authSessions.js';
import type { User } from '../../store/users.js';
import { CognitoError, InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { hashToken } from '../tokens.js';
import { randomToken } from '../ids.js';
import type { AuthResponse, SignIn, SignInState } from './types.js';

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';
export const INVALID_SESSION = 'Invalid session for the user.';
export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';

export const missingParameter = (name: string) => InvalidParameter(`Missing required parameter ${name}`);

/** Hands the client a Session that holds the sign-in until it answers `challenge`. */
export function challenge(
  signIn: SignIn,
  challengeName: string,
  parameters: Record<string, string>,
  session = randomToken(192),
): AuthResponse {
  const { ctx, pool, client, user } = signIn;
  signIn.state.challenge = challengeName;
  ctx.store.authSessions.put(hashToken(session), {
    userPoolId: pool.id,
    clientId: client.ClientId,
    username: user.username,
    state: signIn.state,
    expiresAt: ctx.clock.now() + client.AuthSessionValidity * 60_000,
  });
  return { ChallengeName: challengeName, Session: session, ChallengeParameters: parameters };
}

/**
 * The live sign-in a Session token names (RespondToAuthChallenge, and AssociateSoftwareToken /
 * VerifySoftwareToken during MFA_SETUP): unknown -> "Invalid session for the user.", past its
 * expiry by the server clock -> "..., session is expired." (and forgotten).
 */
export function openSession(ctx: Context, token: string, unknown = INVALID_SESSION): { id: string; stored: AuthSession<SignInState> } {
  const id = hashToken(token);
  const stored = ctx.store.authSessions.peek<SignInState>(id);
  if (!stored) throw NotAuthorized(unknown);
  if (stored.expiresAt <= ctx.clock.now()) {
    ctx.store.authSessions.delete(id);
    throw NotAuthorized(EXPIRED_SESSION);
  }
  return { id, stored };
}

/** Marks an error after which the challenge may be answered again with the same Session. */
export function keepSession(error: CognitoError): CognitoError {
  error.keepsSession = true;
  return error;
}

/** The account checks made once the password is proven. */
export function checkAccountUsable(user: User): void {
  if (!user.enabled) throw NotAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED') throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user');
}
