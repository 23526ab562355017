/** Primitives every sign-in step uses: challenge Sessions, their errors, the account checks. */
import type { Context } from '../../context.js';
import type { AuthSession } from '../../store/authSessions.js';
import type { User } from '../../store/users.js';
import type { UserPool } from '../../store/userPools.js';
import type { UserPoolClientDescription } from '../../store/userPoolClients.js';
import { preventsUserExistenceErrors } from '../appClients.js';
import { passwordResetRequired, USER_DISABLED } from '../users.js';
import type { EventOrigin } from '../authEvents.js';
import { passwordRefused, signInChallenged } from './events.js';
import { CognitoError, InvalidParameter, NotAuthorized, UserNotConfirmed } from '../../protocol/errors.js';
import { hashToken } from '../tokens.js';
import { sessionToken } from '../ids.js';
import { claimOnce, keepWrites } from '../singleUse.js';
import type { AuthResponse, InitiateRequest, SignIn, SignInState } from './types.js';
import { preAuthentication } from '../triggers/authentication.js';

export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';
export const INVALID_SESSION = 'Invalid session for the user.';
export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';

export const missingParameter = (name: string) => InvalidParameter(`Missing required parameter ${name}`);

/** Hands the client a Session that holds the sign-in until it answers `challenge`. */
export function challenge(
  signIn: SignIn,
  challengeName: string,
  parameters: Record<string, string>,
  session = sessionToken(),
): AuthResponse {
  const { ctx, pool, client, user } = signIn;
  signIn.state.challenge = challengeName;
  signInChallenged(signIn);
  const now = ctx.clock.now();
  ctx.store.authSessions.put(
    hashToken(session),
    { userPoolId: pool.id, clientId: client.ClientId, username: user.username, state: signIn.state, expiresAt: now + client.AuthSessionValidity * 60_000 },
    now,
  );
  return { ChallengeName: challengeName, Session: session, ChallengeParameters: parameters };
}

/** A Session claimed by one answer: gone from the store until putSessionBack. */
export interface ClaimedSession {
  id: string;
  stored: AuthSession<SignInState>;
}

/**
 * Claims the live sign-in a Session token names (RespondToAuthChallenge, and AssociateSoftwareToken /
 * VerifySoftwareToken during MFA_SETUP), atomically: of concurrent answers with one Session exactly one
 * gets it (domain/singleUse.ts); call it before any await. Unknown or already claimed -> `unknown`;
 * past its expiry by the server clock -> "..., session is expired." (and forgotten). `accept` checks
 * that it is the sign-in the answer means; if it throws, the Session stays for the rightful answer.
 */
export function claimSession<T>(
  ctx: Context,
  token: string,
  unknown: string,
  accept: (stored: AuthSession<SignInState>) => T,
): ClaimedSession & { accepted: T } {
  const id = hashToken(token);
  return claimOnce(ctx, () => {
    const stored = ctx.store.authSessions.take<SignInState>(id);
    if (!stored) throw NotAuthorized(unknown);
    if (stored.expiresAt <= ctx.clock.now()) throw keepWrites(NotAuthorized(EXPIRED_SESSION));
    return { id, stored, accepted: accept(stored) };
  });
}

/** Puts a claimed Session back, with the sign-in's state now, for another answer (keepSession errors). */
export function putSessionBack(ctx: Context, claimed: ClaimedSession, state: SignInState): void {
  ctx.store.authSessions.putBack(claimed.id, { ...claimed.stored, state });
}

/** Marks an error after which the challenge may be answered again with the same Session. */
export function keepSession(error: CognitoError): CognitoError {
  error.keepsSession = true;
  return error;
}

/** Cognito locks password sign-in after this many wrong passwords in a row (docs: "after five failed attempts"). */
export const PASSWORD_FAILURES_BEFORE_LOCKOUT = 5;
/** The lockout starts at 1 s and doubles with every further failure, up to about 15 minutes. */
export const MAX_LOCKOUT_SECONDS = 900;
export const PASSWORD_ATTEMPTS_EXCEEDED = 'Password attempts exceeded';

/**
 * One password proof under Cognito's lockout: while locked even the right password is refused
 * ('LOCKED'). A wrong one is counted and written at once (no transaction to roll it back); a right
 * one clears the count. ChangePassword shares the count with sign-in.
 */
export function passwordAttempt(ctx: Context, user: User, proven: boolean): 'RIGHT' | 'WRONG' | 'LOCKED' {
  const now = ctx.clock.now();
  if (user.lockedUntil > now) return 'LOCKED';
  if (proven) {
    if (user.failedSignIns > 0) {
      user.failedSignIns = 0;
      user.lockedUntil = 0;
      ctx.store.users.update(user);
    }
    return 'RIGHT';
  }
  user.failedSignIns += 1;
  const beyond = user.failedSignIns - PASSWORD_FAILURES_BEFORE_LOCKOUT;
  if (beyond >= 0) user.lockedUntil = now + Math.min(2 ** beyond, MAX_LOCKOUT_SECONDS) * 1000;
  ctx.store.users.update(user);
  return 'WRONG';
}

/**
 * The outcome of a sign-in's password proof (USER_PASSWORD_AUTH or PASSWORD_VERIFIER): a refused
 * one is a failed SignIn event and "Incorrect username or password." ("Password attempts exceeded"
 * while locked).
 */
export function settlePasswordProof(ctx: Context, pool: UserPool, user: User, proven: boolean, origin: EventOrigin): void {
  const outcome = passwordAttempt(ctx, user, proven);
  if (outcome === 'RIGHT') return;
  passwordRefused(ctx, pool, user, origin);
  throw NotAuthorized(outcome === 'LOCKED' ? PASSWORD_ATTEMPTS_EXCEEDED : INCORRECT_CREDENTIALS);
}


/**
 * A user whose password was reset (AdminResetUserPassword, or imported) can sign in with no password
 * until ConfirmForgotPassword: asked before any password proof. With PreventUserExistenceErrors the
 * answer is the generic one (developer guide, "Managing user existence error responses").
 */
export function refuseResetRequired(client: UserPoolClientDescription, user: User): void {
  if (user.status !== 'RESET_REQUIRED') return;
  if (preventsUserExistenceErrors(client)) throw NotAuthorized(INCORRECT_CREDENTIALS);
  throw passwordResetRequired();
}

/** The account checks made once the password is proven. */
export function checkAccountUsable(user: User): void {
  if (!user.enabled) throw NotAuthorized(USER_DISABLED);
  if (user.status === 'UNCONFIRMED') throw UserNotConfirmed('User is not confirmed.');
}

/**
 * PreAuthentication, when the pool has it, for the user a sign-in names (or nobody: a client hiding
 * user existence); then the user as they are now, since the function may have changed them.
 */
export async function afterPreAuthentication(request: InitiateRequest, user: User | undefined, username: string): Promise<User | undefined> {
  const { ctx, pool, client } = request;
  const caller = { clientId: client.ClientId, call: request.call };
  const pending = preAuthentication(ctx, pool, user, username, caller, preventsUserExistenceErrors(client), request.clientMetadata);
  if (!pending) return user;
  await pending;
  return user && ctx.store.users.byUsernameKey(pool.id, user.usernameKey);
}
