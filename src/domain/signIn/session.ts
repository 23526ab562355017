/** Primitives every sign-in step uses: challenge Sessions, their errors, the account checks. */
import type { User } from '../../store/users.js';
import { CognitoError, InvalidParameter, NotAuthorized } from '../../protocol/errors.js';
import { hashToken } from '../tokens.js';
import { randomToken } from '../ids.js';
import type { AuthResponse, SignIn } from './types.js';

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
